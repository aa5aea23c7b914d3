// Reporting periods of indicator figures: a quarter (2026-Q3) or a month (2026-07). Pure.

const quarter = /^(\d{4})-Q([1-4])$/;
const month = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(p: string): boolean {
  return quarter.test(p) || month.test(p);
}

export function yearOfPeriod(p: string): number {
  return Number(p.slice(0, 4));
}

/** The period before: the previous quarter for a quarter, the previous month for a month. */
export function previousPeriod(p: string): string {
  const q = quarter.exec(p);
  if (q) {
    const y = Number(q[1]), n = Number(q[2]);
    return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
  }
  const m = month.exec(p);
  if (!m) throw new Error(`not a period: ${p}`);
  const y = Number(m[1]), n = Number(m[2]);
  return n === 1 ? `${y - 1}-12` : `${y}-${String(n - 1).padStart(2, '0')}`;
}

/** The Beijing dates [from, until) a period covers. */
export function periodRange(p: string): { from: string; until: string } {
  const q = quarter.exec(p);
  if (q) {
    const y = Number(q[1]), n = Number(q[2]);
    const start = (n - 1) * 3 + 1;
    const from = `${y}-${String(start).padStart(2, '0')}-01`;
    const until = n === 4 ? `${y + 1}-01-01` : `${y}-${String(start + 3).padStart(2, '0')}-01`;
    return { from, until };
  }
  const y = Number(p.slice(0, 4)), n = Number(p.slice(5, 7));
  return { from: `${p}-01`, until: n === 12 ? `${y + 1}-01-01` : `${y}-${String(n + 1).padStart(2, '0')}-01` };
}

/** 2026年第3季度 / 2026年7月 */
export function periodLabel(p: string): string {
  const q = quarter.exec(p);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`;
}

/** The quarter holding a Beijing date (YYYY-MM-DD). */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}
