import { useMemo } from 'react';
import type { IndicatorDetail } from '../../../contracts/indicators.js';
import { periodLabel } from '../../../domain/indicators/period.js';
import { Chart } from '../dashboard/use-chart.js';

/** A sub-measure's figures over the periods (accepted and still under review), with the city's commitment as a line. */
export function TrendChart({ measure }: { measure: IndicatorDetail['measures'][number] }) {
  const option = useMemo(() => {
    const periods = measure.figures.map((f) => f.period);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: periods.map(periodLabel) },
      yAxis: { type: 'value', name: measure.unit },
      series: [
        { name: '填报值', type: 'line', data: measure.figures.map((f) => ({ value: f.value, itemStyle: { color: f.status === 'accepted' ? '#1d4ed8' : '#94a3b8' } })) },
        ...(measure.targetCommitment !== null ? [{ name: '承诺目标', type: 'line', lineStyle: { type: 'dashed' }, symbol: 'none', data: periods.map(() => measure.targetCommitment) }] : []),
        ...(measure.targetBenchmark !== null ? [{ name: '标杆城市', type: 'line', lineStyle: { type: 'dotted' }, symbol: 'none', data: periods.map(() => measure.targetBenchmark) }] : []),
      ],
    };
  }, [measure]);
  return <Chart option={option} height={220} testId={`trend-${measure.code}`} />;
}
