import { useEffect, useRef, type CSSProperties } from 'react';
import { echarts, type ChartOption } from './echarts.js';

/** What a click on a chart element tells us: the series, the data index and its value. */
export interface ChartClick {
  seriesIndex: number;
  seriesName?: string;
  dataIndex: number;
  value: unknown;
  data: unknown;
}

/**
 * One ECharts instance bound to a div: created on mount (zh-CN, SVG), given each new option whole, resized with its
 * container (ResizeObserver, so cards and the big screen's grid reflow it), disposed on unmount.
 */
export function Chart({ option, onClick, height = 320, style, testId }: {
  option: ChartOption;
  onClick?: (e: ChartClick) => void;
  height?: number | string;
  style?: CSSProperties;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'svg', locale: 'ZH' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as unknown as ChartClick));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }} />;
}
