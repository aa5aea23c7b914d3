import { Link } from 'react-router-dom';
import type { ScorecardRowDto } from '../../../contracts/assessment.js';
import { drillHref } from '../../api/assessment.js';
import { pct } from './labels.js';

type RateKey = keyof ScorecardRowDto['rates'];
type DeductionKey = keyof ScorecardRowDto['deductions'];

/** A rate as "92.3%" with its numerator and denominator, each a link to the cases behind it. */
export function RateCell({ period, row, measure }: { period: string; row: ScorecardRowDto; measure: RateKey }) {
  const r = row.rates[measure];
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <b>{pct(r.rate)}</b>{' '}
      <span style={{ color: '#666' }}>
        (<Link to={drillHref(period, row.departmentId, measure, 'numerator')} data-testid={`drill-${row.departmentId}-${measure}-numerator`}>{r.numerator}</Link>
        /<Link to={drillHref(period, row.departmentId, measure, 'denominator')} data-testid={`drill-${row.departmentId}-${measure}-denominator`}>{r.denominator}</Link>)
      </span>
    </span>
  );
}

export function CountLink({ period, row, measure }: { period: string; row: ScorecardRowDto; measure: DeductionKey | 'cases' }) {
  const n = measure === 'cases' ? row.cases : row.deductions[measure];
  return <Link to={drillHref(period, row.departmentId, measure, 'numerator')} data-testid={`drill-${row.departmentId}-${measure}-numerator`}
    style={n && measure !== 'cases' ? { color: '#cf1322', fontWeight: 600 } : undefined}>{n}</Link>;
}
