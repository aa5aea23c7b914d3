import type { Exclusion } from '../../../../contracts/assessment.js';
import type { ScorecardRow } from '../../../../domain/assessment/scorecard.js';
import { AppError } from '../../../errors.js';
import type { AppDeps } from '../../../deps.js';
import { cityTexts } from '../../settings/index.js';
import { factsAsOf } from '../facts-store.js';
import { getPeriodRow, periodOf } from '../periods.js';

export interface ShowcaseCase {
  code: string;
  title: string;
  departmentName: string;
  note: string;
}

export interface Bulletin {
  key: string;
  kind: 'month' | 'quarter' | 'year';
  from: Date;
  to: Date;
  published: boolean;
  publishedAt: Date | null;
  schemeVersion: number;
  /** The city's name from its settings, for the title. */
  cityName: string;
  rows: ScorecardRow[];
  exclusions: Exclusion[];
  /** 红榜: the best ranked of each group; 黄榜: the worst ranked (never the same department twice). */
  redList: ScorecardRow[];
  yellowList: ScorecardRow[];
  good: ShowcaseCase[];
  bad: ShowcaseCase[];
}

const perGroup = 3;

export function honourLists(rows: ScorecardRow[]): { redList: ScorecardRow[]; yellowList: ScorecardRow[] } {
  const redList: ScorecardRow[] = [];
  const yellowList: ScorecardRow[] = [];
  for (const group of ['city', 'district', 'park'] as const) {
    const ranked = rows.filter((r) => r.group === group && r.rank !== null).sort((a, b) => a.rank! - b.rank!);
    const top = ranked.slice(0, Math.min(perGroup, Math.floor(ranked.length / 2)));
    redList.push(...top);
    yellowList.push(...ranked.slice(Math.max(top.length, ranked.length - perGroup)).reverse());
  }
  return { redList, yellowList };
}

/** Everything a bulletin shows, read from the snapshot (figures) and the facts valid at its cursor (cases). */
export async function loadBulletin(deps: AppDeps, key: string): Promise<Bulletin> {
  const p = periodOf(key);
  const db = deps.readDb;
  const row = await getPeriodRow(db, key);
  if (!row) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: key });
  const cursor = Number(row.event_cursor);
  const names = (await deps.directory.ready()).names();
  const rows = row.figures as ScorecardRow[];
  const facts = await factsAsOf(db, cursor).innerJoin('cases as c', 'c.id', 'f.case_id')
    .select(['f.case_id', 'f.department_id', 'f.measure', 'f.at', 'f.rating', 'c.code', 'c.title', 'c.rating_comment'])
    .where('f.at', '>=', p.from).where('f.at', '<', p.to)
    .where('f.measure', 'in', ['followup', 'red', 'yellow', 'redo', 'replying'])
    .orderBy('f.at').orderBy('f.case_id').limit(20_000).execute();
  const excluded = new Set((row.exclusions as Exclusion[]).map((e) => `${e.caseId}:${e.departmentId}`));
  const live = facts.filter((f) => !excluded.has(`${f.case_id}:${f.department_id}`));
  const by = (measure: string) => live.filter((f) => f.measure === measure);
  const replyOnTime = new Set(live.filter((f) => f.measure === 'replying').map((f) => `${f.case_id}:${f.department_id}`));
  const show = (f: (typeof live)[number], note: string): ShowcaseCase => ({ code: f.code, title: f.title, departmentName: names.department(f.department_id) ?? '', note });
  const good = by('followup').filter((f) => f.rating === 'satisfied' && replyOnTime.has(`${f.case_id}:${f.department_id}`))
    .slice(0, 3).map((f) => show(f, '按时答复，诉求人满意'));
  const seen = new Set<string>();
  const bad = [...by('red').map((f) => show(f, '红牌督办')), ...by('yellow').map((f) => show(f, '黄牌督办')),
    ...by('followup').filter((f) => f.rating === 'unsatisfied').map((f) => show(f, `诉求人不满意${f.rating_comment ? `：${f.rating_comment.slice(0, 60)}` : ''}`)),
    ...by('redo').map((f) => show(f, '重办'))]
    .filter((c) => !seen.has(c.code) && !!seen.add(c.code))
    .slice(0, 5);
  return {
    key, kind: row.kind, from: p.from, to: p.to, published: row.status === 'published', publishedAt: row.published_at ? new Date(row.published_at) : null,
    schemeVersion: row.scheme_version, cityName: (await cityTexts(db)).cityName, rows, exclusions: row.exclusions as Exclusion[], ...honourLists(rows), good, bad,
  };
}
