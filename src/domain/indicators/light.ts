// Lights of the business-environment indicators (营商环境评价): pure rules over a sub-measure's figures.
// A sub-measure is green when its accepted figure meets the city's commitment (or, without one, the benchmark or the
// province's best), yellow when behind that target, red when worse than the last period whatever the target says.
// An indicator shows the worst light of its sub-measures; none when nothing is accepted yet.

export const lights = ['green', 'yellow', 'red', 'none'] as const;
export type Light = (typeof lights)[number];
export type Direction = 'higher' | 'lower';

export const lightLabels: Record<Light, string> = { green: '达到目标', yellow: '落后目标', red: '较上期变差', none: '暂无数据' };

export interface Targets {
  provinceBest: number | null;
  benchmark: number | null;
  commitment: number | null;
}

/** The target a figure is held to: the city's own commitment first, then the benchmark cities, then the province's best. */
export function targetOf(t: Targets): number | null {
  return t.commitment ?? t.benchmark ?? t.provinceBest;
}

/** Whether `a` is better than `b` in the measure's direction. */
export function isBetter(direction: Direction, a: number, b: number): boolean {
  return direction === 'higher' ? a > b : a < b;
}

export function measureLight(direction: Direction, targets: Targets, value: number | null, previous: number | null): Light {
  if (value === null) return 'none';
  if (previous !== null && isBetter(direction, previous, value)) return 'red';
  const target = targetOf(targets);
  if (target === null) return 'green';
  return value === target || isBetter(direction, value, target) ? 'green' : 'yellow';
}

const rank: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };

/** The worst light among sub-measures (none only when all are none). */
export function worstLight(ls: readonly Light[]): Light {
  return ls.reduce<Light>((w, l) => (rank[l] > rank[w] ? l : w), 'none');
}

/**
 * Why a filed value looks implausible (warned, not refused): a share outside 0–100, a negative count or time, or a
 * value more than ten times away from the period before. Zero or more zh-CN warnings.
 */
export function plausibilityWarnings(unit: string, value: number, previous: number | null): string[] {
  const out: string[] = [];
  if (unit === '%' && (value < 0 || value > 100)) out.push('百分比应在 0 到 100 之间，请核对计量单位');
  else if (value < 0) out.push('数值为负，请核对');
  if (previous !== null && previous > 0 && (value > previous * 10 || value * 10 < previous)) out.push(`与上期（${previous}）相差十倍以上，请核对计量单位`);
  return out;
}
