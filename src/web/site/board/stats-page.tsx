import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PublicStats } from '../../../contracts/board.js';
import { boardApi, fmtMonth } from './board-api.js';
import { periodRangeCn } from '../../../domain/assessment/period.js';
import { beijingDateCn } from '../../../domain/calendar/local-time.js';
import './board.css';

type Row = PublicStats['rows'][number];

/** 2026-10 → 2026年10月, 2026-Q3 → 2026年第3季度, 2026 → 2026年度. */
function periodTitle(p: NonNullable<PublicStats['period']>): string {
  if (p.kind === 'month') return fmtMonth(p.key);
  if (p.kind === 'quarter') return `${p.key.slice(0, 4)}年第${p.key.slice(-1)}季度`;
  return `${p.key}年度`;
}
const groups = [['city', '市直部门'], ['district', '县市区'], ['park', '园区']] as const;

function Rate({ label, r }: { label: string; r: Row['response'] }) {
  return (
    <div className="bd-rate">
      <div className="bd-rate-value">{r.rate == null ? '—' : `${(r.rate * 100).toFixed(1)}%`}</div>
      <div className="bd-rate-label">{label}</div>
      <div className="bd-rate-frac">{r.weighted && r.weighted.basically > 0 && r.weighted.basicallyWeight !== 1 ? r.weighted.value : r.numerator}/{r.denominator}</div>
      {r.weighted && r.weighted.basically > 0 && r.weighted.basicallyWeight !== 1 && (
        <div className="bd-rate-frac" data-testid="stats-weighted">满意 {r.weighted.satisfied} + 基本满意 {r.weighted.basically}×{r.weighted.basicallyWeight}</div>
      )}
    </div>
  );
}

/** 部门统计 (/p/stats): the latest published assessment's three rates per department, with numerators and denominators. */
export default function StatsPage() {
  const { data: stats, error } = useQuery({ queryKey: ['public', 'stats'], queryFn: boardApi.stats });
  const [group, setGroup] = useState<Row['group']>('city');

  if (error) return <div className="pub-card pub-error" role="alert">{error.message}</div>;
  if (!stats) return <div className="pub-loading">加载中…</div>;
  if (!stats.period) {
    return (
      <div className="pub-card">
        <h1 className="pub-h1">部门办理情况</h1>
        <p className="bd-empty" data-testid="stats-empty">暂无已发布的考核数据</p>
      </div>
    );
  }
  const rows = stats.rows.filter((r) => r.group === group);
  return (
    <div className="pub-stack">
      <div className="pub-card">
        <h1 className="pub-h1">部门办理情况</h1>
        <p className="pub-muted pub-small" data-testid="stats-period">考核期 {periodTitle(stats.period)}（{periodRangeCn(stats.period.from, stats.period.to)}），{beijingDateCn(new Date(stats.period.publishedAt))}发布。比率下方为“分子/分母”；满意率中基本满意按折算系数计入分子。回访件数不足考核方案最少件数的单位列出但不参与排名。</p>
        <div className="bd-tabs" role="tablist">
          {groups.map(([g, label]) => (
            <button key={g} type="button" role="tab" aria-selected={group === g} className={`bd-tab${group === g ? ' bd-tab-active' : ''}`} onClick={() => setGroup(g)}>{label}</button>
          ))}
        </div>
      </div>
      <div className="pub-card">
        {rows.length === 0 && <p className="pub-muted">本组暂无数据</p>}
        {rows.map((r) => (
          <div className="bd-stat" key={r.departmentName}>
            <div className="bd-stat-name">
              <span>{r.rank != null ? `${r.rank}. ` : ''}{r.departmentName}</span>
              <span className="pub-muted pub-small">{r.cases} 件</span>
            </div>
            <div className="bd-rates">
              <Rate label="响应率" r={r.response} />
              <Rate label="解决率" r={r.resolution} />
              <Rate label="满意率" r={r.satisfaction} />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
