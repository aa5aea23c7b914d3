import { ConfigProvider, theme } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { DashboardSlice, Overview } from '../../../contracts/dashboard.js';
import { fmtTime } from '../../shared/format.js';
import { OverdueHeatmap, palette, SatisfactionChart, TopBarChart, WeeklyTrendChart } from './charts.js';
import { useOverview } from './overview-board.js';
import { ItemsPanel } from './items-panel.js';
import { BigRankings } from './big-rankings.js';
import { definitions, sliceSearch } from './slice.js';
import { useLiveRefresh } from './use-live.js';
import { usePublicSettings } from '../../api/settings.js';
import { useCan } from '../../shared/can.js';
import { DistrictHotspotMap } from '../hotspots/district-map.js';

// 大屏: a full-window view for meetings, outside the console layout. Dark background, figures large enough to read
// from the back of a room, saturated colours that survive a washed-out projector, and live: the server pushes
// `changed` when the case record moves and the screen refetches (at most every 10 s).

const c = palette.dark;
const bg = '#0b1733';
const panel = { background: '#12224a', border: '1px solid #2e3f6e', borderRadius: 8, padding: '12px 16px', minWidth: 0 } as const;

function Panel({ title, help, span = 1, children }: { title: string; help?: string; span?: number; children: (height: number) => ReactNode }) {
  return (
    <section style={{ ...panel, gridColumn: `span ${span}`, display: 'flex', flexDirection: 'column', minHeight: 0 }} title={help}>
      <h2 style={{ margin: '0 0 8px', fontSize: 24, color: c.text, fontWeight: 600 }}>{title}</h2>
      <Fill>{children}</Fill>
    </section>
  );
}

/** The space left in a panel, measured, so a chart fills it exactly and the screen never scrolls. */
function Fill({ children }: { children: (height: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(Math.floor(el.clientHeight)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return <div ref={ref} style={{ flex: 1, minHeight: 0, overflow: 'hidden' }}>{height > 0 && children(height)}</div>;
}

function Big({ label, value, unit, color, help, testId, onClick }: { label: string; value: string | number; unit?: string; color?: string; help: string; testId: string; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} title={help} data-testid={testId}
      style={{ ...panel, textAlign: 'left', cursor: 'pointer', color: c.text, font: 'inherit' }}>
      <div style={{ fontSize: 22, color: c.muted }}>{label}</div>
      <div style={{ fontSize: 52, fontWeight: 700, lineHeight: 1.1, color: color ?? c.text, fontVariantNumeric: 'tabular-nums' }}>
        {value}<span style={{ fontSize: 24, marginLeft: 6, color: c.muted }}>{unit}</span>
      </div>
    </button>
  );
}

const Quiet = ({ text }: { text: string }) => <div style={{ fontSize: 24, color: c.muted, padding: 24 }}>{text}</div>;

function Clock() {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date().toISOString()), 1_000);
    return () => clearInterval(t);
  }, []);
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fmtTime(now)}</span>;
}

function Screen({ o }: { o: Overview }) {
  const navigate = useNavigate();
  const can = useCan();
  const open = (s: DashboardSlice) => navigate(`/dashboard/cases?${sliceSearch(s)}`);
  const k = o.kpis;
  const change = k.receivedChangePct;
  return (
    <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 16 }}>
        <Big testId="big-received" label="本月受理" value={k.received.value} unit="件" help={definitions.received} onClick={() => open({ measure: 'received', ...k.received })} />
        <Big testId="big-change" label="较上月同期" value={change === null ? '—' : `${change > 0 ? '+' : ''}${change}%`} color={change === null ? undefined : change > 0 ? c.orange : c.green}
          help={`上月同期 ${k.receivedLastPeriod.value} 件。${definitions.received}`} onClick={() => open({ measure: 'received', ...k.receivedLastPeriod })} />
        <Big testId="big-satisfaction" label="本月满意率" value={k.satisfaction.rate ?? '—'} unit={k.satisfaction.rate === null ? '' : '%'} color={c.green}
          help={definitions.satisfaction} onClick={() => open({ measure: 'rated', from: k.satisfaction.from, until: k.satisfaction.until })} />
        <Big testId="big-overdue-now" label="当前超期在办" value={k.overdueNow.value} unit="件" color={k.overdueNow.value ? c.red : c.green}
          help={definitions.overdueNow} onClick={() => open({ measure: 'overdue_now' })} />
      </div>
      {/* Two rows of four columns fill what the header and the figures leave: one 1080p screen, no scrolling. */}
      <div style={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gridTemplateRows: 'repeat(2, minmax(0, 1fr))', gap: 16 }}>
        <Panel title="近 12 周受理与办结" help={definitions.received}>
          {(h) => <WeeklyTrendChart o={o} tone="dark" onSlice={open} height={h} />}
        </Panel>
        <Panel title="近 6 个月满意度" help={definitions.satisfaction}>
          {(h) => <SatisfactionChart o={o} tone="dark" onSlice={open} height={h} />}
        </Panel>
        <Panel title="近 12 周超期热力图（单位 × 周）" help={definitions.heatmap}>
          {(h) => (o.heatmap.cells.length ? <OverdueHeatmap o={o} tone="dark" onSlice={open} height={h} rows={Math.floor((h - 96) / 34)} /> : <Quiet text="近 12 周没有超期" />)}
        </Panel>
        <Panel title="本月问题类别 TOP 10" help={definitions.categories}>
          {(h) => (o.topCategories.length ? (
            <TopBarChart testId="big-categories" tone="dark" color="blue" title="受理" definition={definitions.categories} height={h}
              items={o.topCategories.map((x) => ({ id: x.categoryId, name: x.name, value: x.value }))} onPick={(id) => open({ measure: 'received', ...o.monthRange, categoryId: id })} />
          ) : <Quiet text="本月暂无受理" />)}
        </Panel>
        {/* 热点分布 (docs/hotspots.md) in the district list's place for those who may read hot spots; the list for others. */}
        {can('hotspot:read') ? (
          <Panel title="热点分布（区县）" help="最近一次热点检测：无热点、1 个热点、2 个及以上热点的区县；点击区县查看其热点">
            {(h) => <DistrictHotspotMap tone="dark" height={h} />}
          </Panel>
        ) : (
          <Panel title="本月所在地 TOP 10" help={definitions.districts}>
            {(h) => (o.topDistricts.length ? (
              <TopBarChart testId="big-districts" tone="dark" color="amber" title="受理" definition={definitions.districts} height={h}
                items={o.topDistricts.map((x) => ({ id: x.districtId, name: x.name, value: x.value }))} onPick={(id) => open({ measure: 'received', ...o.monthRange, districtId: id })} />
            ) : <Quiet text="本月暂无填写所在地的诉求" />)}
          </Panel>
        )}
        <Panel title="考核排名（各组前 3）" span={2}>
          {() => <BigRankings />}
        </Panel>
        <Panel title="重点任务亮灯" help="推进中的督办事项：红灯（节点逾期或缺报）、黄灯（节点临近或进度滞后）在前">
          {(h) => <ItemsPanel height={h} />}
        </Panel>
      </div>
    </div>
  );
}

/** 大屏: full-window view for meetings, outside the console layout. */
export default function BigScreenPage() {
  const live = useLiveRefresh();
  const city = usePublicSettings();
  const { data, error } = useOverview({});
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { fontSize: 20, colorBgContainer: '#12224a', colorText: '#ffffff' } }}>
    <div data-testid="big-screen" style={{ height: '100vh', minHeight: 720, display: 'flex', flexDirection: 'column', background: bg, color: c.text, padding: '20px 28px', fontSize: 20, boxSizing: 'border-box', overflow: 'hidden' }}>
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', marginBottom: 16, gap: 16, flexWrap: 'wrap' }}>
        <h1 style={{ margin: 0, fontSize: 40, letterSpacing: 2, color: c.text }}>{city?.cityName ?? ''}优化营商环境问题并网督办 · 数据大屏</h1>
        <div style={{ fontSize: 22, color: c.muted, display: 'flex', gap: 24 }}>
          <Clock />
          <span data-testid="big-live" style={{ color: live.connected ? c.green : c.amber }}>{live.connected ? '● 实时' : '○ 重连中'}</span>
          {data && <span>数据截至 {fmtTime(data.asOf)}</span>}
        </div>
      </header>
      {data ? <Screen o={data} /> : <div style={{ fontSize: 28, padding: 40 }}>{error ?? '加载中…'}</div>}
    </div>
    </ConfigProvider>
  );
}
