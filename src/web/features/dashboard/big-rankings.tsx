import { Alert } from 'antd';
import { useNavigate } from 'react-router-dom';
import { fmtDate } from '../../shared/format.js';
import { palette } from './charts.js';
import { assessmentDrillUrl, groupLabels, pct, useRankings, type RankingRow } from './rankings-panel.js';

// The big screen's 考核排名: a podium, not a list. One column per group (市直部门, 县市区, 园区), one row per place,
// each cell the unit, its composite score and satisfaction: three places of three groups fit any panel a 1080p screen
// leaves, so no row is cut and nothing scrolls in a meeting room. A cell opens the assessment's drill-down.

const c = palette.dark;
const places = 3;
const groups: RankingRow['group'][] = ['city', 'district', 'park'];
const cellStyle = { padding: '8px 12px', borderBottom: '1px solid #2e3f6e', verticalAlign: 'top' } as const;

export function BigRankings() {
  const { data, error } = useRankings();
  const navigate = useNavigate();
  if (error) return <Alert type="warning" showIcon title={`考核排名暂不可用：${error}`} />;
  if (!data) return null;
  const period = data.period;
  if (!period) return <div data-testid="rankings-empty" style={{ fontSize: 22, color: c.muted, padding: 24 }}>暂无已发布的考核结果</div>;
  const ranked = (g: RankingRow['group']) => data.rows
    .filter((r) => r.group === g && r.rank !== null)
    .sort((a, b) => a.rank! - b.rank! || a.departmentName.localeCompare(b.departmentName, 'zh-CN'))
    .slice(0, places);
  const columns = groups.map((g) => ({ group: g, rows: ranked(g) })).filter((col) => col.rows.length > 0);
  if (columns.length === 0) return <div style={{ fontSize: 22, color: c.muted, padding: 24 }}>{period.key} 考核没有参与排名的单位</div>;
  return (
    <div data-testid="big-rankings" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ fontSize: 18, color: c.muted }}>{period.key} 考核 · {fmtDate(period.publishedAt)} 发布 · 点击单位查看计入考核的诉求</div>
      <table style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse', color: c.text }}>
        <colgroup><col style={{ width: 72 }} />{columns.map((col) => <col key={col.group} />)}</colgroup>
        <thead>
          <tr style={{ fontSize: 20, color: c.muted, textAlign: 'left' }}>
            <th style={cellStyle}>名次</th>
            {columns.map((col) => <th key={col.group} style={cellStyle}>{groupLabels[col.group]}</th>)}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: Math.max(...columns.map((col) => col.rows.length)) }, (_, place) => (
            <tr key={place}>
              <td style={{ ...cellStyle, fontSize: 24, fontWeight: 700, color: place === 0 ? c.amber : c.text }}>{place + 1}</td>
              {columns.map((col) => {
                const r = col.rows[place];
                if (!r) return <td key={col.group} style={cellStyle} />;
                return (
                  <td key={col.group} data-cell style={{ ...cellStyle, cursor: 'pointer' }} title={`${r.departmentName}：第 ${r.rank} 名`}
                    onClick={() => navigate(assessmentDrillUrl(period.key, r.departmentId))}>
                    <div style={{ fontSize: 20, lineHeight: '26px', overflowWrap: 'anywhere' }}>{r.departmentName}</div>
                    <div style={{ fontSize: 17, lineHeight: '24px', color: c.muted, fontVariantNumeric: 'tabular-nums' }}>
                      得分 {r.composite === null ? '—' : r.composite.toFixed(2)} · 满意率 {pct(r.satisfaction)}
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
