import { Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { ScorecardRowDto } from '../../../contracts/assessment.js';
import { drillHref } from '../../api/assessment.js';
import { pct } from './labels.js';

type RateKey = keyof ScorecardRowDto['rates'];
type DeductionKey = keyof ScorecardRowDto['deductions'];

/** A rate as "92.3%" with its numerator and denominator, each a link to the cases behind it. */
export function RateCell({ period, row, measure }: { period: string; row: ScorecardRowDto; measure: RateKey }) {
  const r = row.rates[measure];
  const w = r.weighted;
  // 基本满意 weighs less than 1: the numerator shown is the weighted one, and the tooltip says how it is made.
  const numerator = w && w.basically > 0 && w.basicallyWeight !== 1 ? String(w.value) : String(r.numerator);
  const how = w ? `满意 ${w.satisfied} 件 + 基本满意 ${w.basically} 件 × ${w.basicallyWeight} = ${w.value}；分母为已回访 ${r.denominator} 件` : undefined;
  return (
    <Tooltip title={how}>
      <span style={{ whiteSpace: 'nowrap' }} data-testid={`rate-${row.departmentId}-${measure}`}>
        <b>{pct(r.rate)}</b>{' '}
        <span style={{ color: '#666' }}>
          (<Link to={drillHref(period, row.departmentId, measure, 'numerator')} data-testid={`drill-${row.departmentId}-${measure}-numerator`}>{numerator}</Link>
          /<Link to={drillHref(period, row.departmentId, measure, 'denominator')} data-testid={`drill-${row.departmentId}-${measure}-denominator`}>{r.denominator}</Link>)
        </span>
      </span>
    </Tooltip>
  );
}

export function CountLink({ period, row, measure }: { period: string; row: ScorecardRowDto; measure: DeductionKey | 'cases' }) {
  const n = measure === 'cases' ? row.cases : row.deductions[measure];
  return <Link to={drillHref(period, row.departmentId, measure, 'numerator')} data-testid={`drill-${row.departmentId}-${measure}-numerator`}
    style={n && measure !== 'cases' ? { color: '#cf1322', fontWeight: 600 } : undefined}>{n}</Link>;
}
