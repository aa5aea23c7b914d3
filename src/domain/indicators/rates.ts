// The rates the platform computes for an indicator's problems, with the definitions the dashboard and the assessment
// already use (one definition per rate): satisfaction = (满意 + 基本满意) ÷ 已评价 (the dashboard's 满意率);
// response and resolution = responded / resolved follow-ups ÷ follow-ups (the assessment's facts).

/** Percent with one decimal, null when nothing to count. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10;
}

/** The dashboard's 满意率 (src/server/modules/dashboard/overview.ts uses this). */
export function satisfactionRate(satisfied: number, basically: number, unsatisfied: number): number | null {
  return percent(satisfied + basically, satisfied + basically + unsatisfied);
}
