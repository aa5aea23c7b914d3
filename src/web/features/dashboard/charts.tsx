import { useMemo } from 'react';
import type { DashboardSlice, Overview } from '../../../contracts/dashboard.js';
import { Chart } from './use-chart.js';
import { definitions, lastDay, rangeText } from './slice.js';

// The overview's charts. Each takes the overview, a tone (console or big screen) and onSlice: clicking an element
// hands over the exact slice that element counted.

export type Tone = 'light' | 'dark';

/** Colours that stay apart on a washed-out projector: saturated, distinct in lightness, never red/green only. */
export const palette = {
  light: { text: '#1f1f1f', muted: '#595959', grid: '#e8e8e8', blue: '#1456d9', green: '#237804', amber: '#d48806', orange: '#d4380d', red: '#a8071a', yellow: '#fadb14', bg: 'transparent', font: 13 },
  dark: { text: '#ffffff', muted: '#c9d6ff', grid: '#2e3f6e', blue: '#4c9dff', green: '#73d13d', amber: '#ffc53d', orange: '#ff7a45', red: '#ff4d4f', yellow: '#fff566', bg: 'transparent', font: 20 },
};

type OnSlice = (s: DashboardSlice) => void;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const note = (t: string, tone: Tone) => `<div style="max-width:320px;white-space:normal;font-size:${tone === 'dark' ? 14 : 12}px;opacity:.75;margin-top:4px">${esc(t)}</div>`;

function base(tone: Tone) {
  const c = palette[tone];
  return {
    c,
    textStyle: { fontSize: c.font, color: c.text },
    tooltip: { confine: true, textStyle: { fontSize: tone === 'dark' ? 18 : 13 } },
    axisLabel: { color: c.muted, fontSize: c.font },
    splitLine: { lineStyle: { color: c.grid } },
  };
}

export function WeeklyTrendChart({ o, tone, onSlice, height }: { o: Overview; tone: Tone; onSlice: OnSlice; height?: number }) {
  const option = useMemo(() => {
    const b = base(tone);
    return {
      textStyle: b.textStyle,
      color: [b.c.blue, b.c.green],
      legend: { top: 0, textStyle: { color: b.c.text, fontSize: b.c.font } },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        ...b.tooltip, trigger: 'axis',
        formatter: (ps: { dataIndex: number; seriesName: string; value: number; marker: string }[]) => {
          const w = o.weeks[ps[0].dataIndex];
          return `${w.label} 当周（${rangeText(w.from, w.until)}）<br/>${ps.map((p) => `${p.marker}${p.seriesName} ${p.value} 件`).join('<br/>')}${note(`${definitions.received}${definitions.closed}点击柱或点查看诉求。`, tone)}`;
        },
      },
      xAxis: { type: 'category', data: o.weeks.map((w) => w.label), axisLabel: b.axisLabel },
      yAxis: { type: 'value', minInterval: 1, axisLabel: b.axisLabel, splitLine: b.splitLine },
      series: [
        // The big screen's figures go where the 办结 point is not: above the bar when the point is in its lower half,
        // inside its foot when the point is high (always on top, they collided with the points). e2e/dashboard checks
        // that no value label overlaps a point or another label at 1920×1080.
        {
          name: '受理', type: 'bar', barMaxWidth: 36,
          data: o.weeks.map((w) => ({ value: w.received, label: { position: w.closed > w.received / 2 ? 'insideBottom' : 'top' } })),
          label: { show: tone === 'dark', distance: 6, color: '#ffffff', fontSize: b.c.font - 6, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
          labelLayout: { hideOverlap: true },
        },
        { name: '办结', type: 'line', data: o.weeks.map((w) => w.closed), symbolSize: tone === 'dark' ? 12 : 8, lineStyle: { width: tone === 'dark' ? 4 : 2 } },
      ],
    };
  }, [o, tone]);
  return <Chart option={option} height={height} testId="chart-weeks" onClick={(e) => {
    const w = o.weeks[e.dataIndex];
    onSlice({ measure: e.seriesIndex === 0 ? 'received' : 'closed', from: w.from, until: w.until });
  }} />;
}

export function SatisfactionChart({ o, tone, onSlice, height }: { o: Overview; tone: Tone; onSlice: OnSlice; height?: number }) {
  const option = useMemo(() => {
    const b = base(tone);
    const m = o.satisfactionTrend;
    return {
      textStyle: b.textStyle,
      color: [b.c.green, b.c.blue, b.c.red, b.c.amber],
      legend: { top: 0, textStyle: { color: b.c.text, fontSize: b.c.font } },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      tooltip: {
        ...b.tooltip, trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const x = m[ps[0].dataIndex];
          return `${x.label}<br/>满意 ${x.satisfied} 件，基本满意 ${x.basically} 件，不满意 ${x.unsatisfied} 件<br/>满意率 ${x.rate ?? '—'}${x.rate === null ? '' : '%'}${note(`${definitions.satisfaction}点击柱段查看诉求。`, tone)}`;
        },
      },
      xAxis: { type: 'category', data: m.map((x) => x.label.slice(5)), axisLabel: b.axisLabel },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: b.axisLabel, splitLine: b.splitLine },
        { type: 'value', min: 0, max: 100, axisLabel: { ...b.axisLabel, formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        { name: '满意', type: 'bar', stack: 'r', data: m.map((x) => x.satisfied), barMaxWidth: 40 },
        { name: '基本满意', type: 'bar', stack: 'r', data: m.map((x) => x.basically) },
        { name: '不满意', type: 'bar', stack: 'r', data: m.map((x) => x.unsatisfied) },
        { name: '满意率', type: 'line', yAxisIndex: 1, data: m.map((x) => x.rate), symbolSize: tone === 'dark' ? 12 : 8, lineStyle: { width: tone === 'dark' ? 4 : 2 } },
      ],
    };
  }, [o, tone]);
  return <Chart option={option} height={height} testId="chart-satisfaction" onClick={(e) => {
    const x = o.satisfactionTrend[e.dataIndex];
    const measure = (['satisfied', 'basically', 'unsatisfied', 'rated'] as const)[e.seriesIndex];
    onSlice({ measure, from: x.from, until: x.until });
  }} />;
}

export function TopBarChart({ items, tone, title, definition, color, onPick, height, testId }: {
  items: { id: number; name: string; value: number }[]; tone: Tone; title: string; definition: string; color: 'blue' | 'amber';
  onPick: (id: number) => void; height?: number; testId: string;
}) {
  const option = useMemo(() => {
    const b = base(tone);
    const rows = [...items].reverse();
    return {
      textStyle: b.textStyle,
      color: [b.c[color]],
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { ...b.tooltip, trigger: 'item', formatter: (p: { name: string; value: number }) => `${esc(p.name)}：${title} ${p.value} 件${note(`${definition}点击查看诉求。`, tone)}` },
      xAxis: { type: 'value', minInterval: 1, axisLabel: b.axisLabel, splitLine: b.splitLine },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { ...b.axisLabel, color: b.c.text } },
      series: [{ type: 'bar', data: rows.map((r) => r.value), barMaxWidth: 28, label: { show: true, position: 'right', color: b.c.text, fontSize: b.c.font - 1 } }],
    };
  }, [items, tone, title, definition, color]);
  const rows = [...items].reverse();
  return <Chart option={option} height={height ?? Math.max(160, items.length * (tone === 'dark' ? 40 : 30) + 24)} testId={testId} onClick={(e) => onPick(rows[e.dataIndex].id)} />;
}

const band = (lo: number, hi: number) => (lo === hi ? `${lo} 件` : `${lo}–${hi} 件`);

/** Three bands from the largest cell: red is the top third. Cells with nothing are not drawn. */
export function heatBands(max: number) {
  const hi = Math.max(1, Math.ceil((max * 2) / 3));
  const mid = Math.max(1, Math.ceil(max / 3));
  return { hi, mid };
}

/** `rows` keeps the departments with the most overdue cases when the space is short (the big screen). */
export function OverdueHeatmap({ o, tone, onSlice, height, rows }: { o: Overview; tone: Tone; onSlice: OnSlice; height?: number; rows?: number }) {
  const h = useMemo(() => (rows && rows < o.heatmap.departments.length ? { ...o.heatmap, departments: o.heatmap.departments.slice(0, Math.max(1, rows)) } : o.heatmap), [o.heatmap, rows]);
  const option = useMemo(() => {
    const b = base(tone);
    const max = Math.max(0, ...o.heatmap.cells.map((c) => c.value));
    const { hi, mid } = heatBands(max);
    const rowOf = new Map(h.departments.map((d, i) => [d.departmentId, i]));
    const pieces = [
      { gte: hi, color: b.c.red, label: `≥ ${hi} 件` },
      ...(mid < hi ? [{ gte: mid, lt: hi, color: b.c.orange, label: band(mid, hi - 1) }] : []),
      ...(mid > 1 ? [{ gte: 1, lt: mid, color: b.c.yellow, label: band(1, mid - 1) }] : []),
    ];
    return {
      textStyle: b.textStyle,
      grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
      tooltip: {
        ...b.tooltip, trigger: 'item',
        formatter: (p: { value: [number, number, number] }) => {
          const [w, r, v] = p.value;
          const week = h.weeks[w];
          return `${esc(h.departments[r].name)}<br/>${week.label} 当周（${week.from} 至 ${lastDay(week.until)}）<br/>超期 ${v} 件${note(definitions.heatmap, tone)}`;
        },
      },
      xAxis: {
        type: 'category', data: h.weeks.map((w) => w.label), axisLabel: b.axisLabel,
        splitArea: { show: true, areaStyle: { color: tone === 'dark' ? ['rgba(255,255,255,0.06)', 'rgba(255,255,255,0)'] : ['#fafafa', '#ffffff'] } },
      },
      // The big screen gives the heatmap a quarter of the width: long unit names end in … (the tooltip names them whole).
      yAxis: { type: 'category', inverse: true, data: h.departments.map((d) => d.name), axisLabel: { ...b.axisLabel, color: b.c.text, ...(tone === 'dark' ? { width: 126, overflow: 'truncate' } : {}) } },
      visualMap: {
        type: 'piecewise', pieces, orient: 'horizontal', left: 'center', bottom: 0, itemWidth: tone === 'dark' ? 28 : 18, itemHeight: tone === 'dark' ? 20 : 14,
        textStyle: { color: b.c.text, fontSize: b.c.font },
      },
      series: [{
        type: 'heatmap',
        data: h.cells.filter((c) => rowOf.has(c.departmentId)).map((c) => ({
          value: [c.week, rowOf.get(c.departmentId)!, c.value],
          label: { color: c.value >= mid ? '#ffffff' : '#000000' }, // white on red and orange, black on yellow
        })),
        label: { show: true, fontSize: b.c.font, fontWeight: 'bold' },
        itemStyle: { borderColor: tone === 'dark' ? '#0b1733' : '#fff', borderWidth: 2 },
        emphasis: { itemStyle: { borderColor: b.c.text, borderWidth: 2 } },
      }],
    };
  }, [h, o.heatmap, tone]);
  if (h.departments.length === 0) return null;
  return <Chart option={option} testId="overdue-heatmap" height={height ?? Math.max(220, h.departments.length * (tone === 'dark' ? 40 : 32) + 96)} onClick={(e) => {
    const [w, r] = e.value as [number, number, number];
    const week = h.weeks[w];
    onSlice({ measure: 'overdue', from: week.from, until: week.until, departmentId: h.departments[r].departmentId });
  }} />;
}
