import { Typography } from 'antd';
import { useMemo } from 'react';
import type { HotspotTrend } from '../../../contracts/hotspots.js';
import { palette } from '../dashboard/charts.js';
import { Chart } from '../dashboard/use-chart.js';

// 前后趋势: cases per week of the hot spot's district and category (and words, for a cluster), the week it was taken
// up (else detected) marked, and the verdict: did the problem fall?

const c = palette.light;
const weekLabel = (w: string) => `${Number(w.slice(5, 7))}月${Number(w.slice(8, 10))}日`;
const perWeek = (n: number) => `${Math.round(n * 10) / 10} 件/周`;

export function TrendChart({ t }: { t: HotspotTrend }) {
  const option = useMemo(() => ({
    textStyle: { fontSize: 13 },
    color: [c.blue],
    tooltip: { trigger: 'axis', confine: true, formatter: (p: Array<{ dataIndex: number; value: number }>) => `${weekLabel(t.weeks[p[0].dataIndex].week)}起一周：${p[0].value} 件` },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: t.weeks.map((w) => weekLabel(w.week)), axisLabel: { color: c.muted } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: c.muted }, splitLine: { lineStyle: { color: c.grid } } },
    series: [{
      name: '每周诉求', type: 'bar', barMaxWidth: 28, data: t.weeks.map((w) => ({ value: w.count, itemStyle: { color: w.week < t.turnWeek ? c.orange : c.blue } })),
      markLine: { symbol: 'none', label: { formatter: t.turnLabel, color: c.text }, lineStyle: { color: c.red, type: 'dashed' }, data: [{ xAxis: weekLabel(t.turnWeek) }] },
    }],
  }), [t]);
  const verdict = t.verdict === null ? '转办或发现后尚无完整的一周，暂不能判断是否回落。'
    : t.verdict === 'fell' ? '已明显回落（降至此前一半以下）。' : t.verdict === 'rose' ? '仍在上升，请加大督办力度。' : '有所变化但未明显回落。';
  return (
    <div data-testid="hotspot-trend">
      <Chart option={option} height={260} />
      <Typography.Paragraph style={{ margin: '8px 0 0' }} data-testid="hotspot-verdict">
        此前 4 周平均 {perWeek(t.beforePerWeek)}{t.afterPerWeek !== null && `，此后平均 ${perWeek(t.afterPerWeek)}`}：{verdict}
      </Typography.Paragraph>
    </div>
  );
}
