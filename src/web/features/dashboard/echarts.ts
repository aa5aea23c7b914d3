// Only what the dashboards draw, so the chunk stays small: bar, line and heatmap series, their components, the SVG
// renderer (crisp on a projector at any size, and each cell is an element a browser test can click).
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapPiecewiseComponent, SVGRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
