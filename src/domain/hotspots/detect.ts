// Hot spots (热点发现, 未诉先办): spikes and clusters found in the recent cases. Pure: the caller counts the cases and
// segments their words (jieba, as the router does); the rules here decide what is a hot spot and how a leader
// reads it. Definitions and thresholds: docs/hotspots.md, ADR 23.

export interface HotspotParams {
  /** The recent window (近两周), in days, ending at the detection instant. */
  windowDays: number;
  /** The baseline: the mean over this many weeks before the window, scaled to the window's length. */
  baselineWeeks: number;
  /** A spike needs at least this many cases in the window… */
  minSpikeCases: number;
  /** …and at least this many times its baseline (the baseline counted as at least `baselineFloor`). */
  minRatio: number;
  baselineFloor: number;
  /** A cluster: at least this many cases of one place and category sharing a word. */
  minClusterCases: number;
  /** …which are at least this share of the group's cases in the window (in a busy group five alike are ordinary). */
  clusterShare: number;
  /** A second word joins a signature when at least this share of the cluster's cases has it too. */
  signatureShare: number;
  /**
   * Words in at least this share of all the window's cases (企业, 核实…) say nothing about a place and are left out of
   * clusters and signatures — once the window holds `commonMinCases` cases, enough for the share to mean something.
   */
  commonShare: number;
  commonMinCases: number;
}

export const defaultHotspotParams: HotspotParams = {
  windowDays: 14, baselineWeeks: 8, minSpikeCases: 8, minRatio: 3, baselineFloor: 1, minClusterCases: 5, clusterShare: 0.3, signatureShare: 0.6, commonShare: 0.1, commonMinCases: 500,
};

/** The thresholds the supervision office may set (the others stay the rules' own). */
export const editableHotspotParams = ['windowDays', 'baselineWeeks', 'minSpikeCases', 'minRatio', 'minClusterCases', 'clusterShare'] as const;
export type EditableHotspotParams = Pick<HotspotParams, (typeof editableHotspotParams)[number]>;

/** The rules' parameters with the office's thresholds over the defaults. */
export function hotspotParamsWith(set: Partial<EditableHotspotParams> | null): HotspotParams {
  const p = { ...defaultHotspotParams };
  for (const k of editableHotspotParams) if (typeof set?.[k] === 'number') p[k] = set[k];
  return p;
}

export type HotspotKind = 'spike' | 'cluster';

/** Cases of one district and category: in the window, and in the baseline weeks before it. */
export interface GroupCount { districtId: number; categoryId: number; recent: number; prior: number }

/** A case of the window with its content words, in the order they are said (title first). */
export interface WindowCase { id: number; districtId: number; categoryId: number; tokens: readonly string[] }

export interface Hotspot {
  kind: HotspotKind;
  districtId: number;
  categoryId: number;
  /** The words most of its cases share (may be empty for a spike). */
  words: string[];
  recent: number;
  /** Expected cases in a window of the same length (baseline mean); null for a cluster. */
  baseline: number | null;
  /** recent / baseline; null when the baseline is zero or for a cluster. */
  ratio: number | null;
  caseIds: number[];
}

export const groupKey = (districtId: number, categoryId: number) => `${districtId}:${categoryId}`;

/** The baseline scaled to the window: cases of the baseline weeks per day × the window's days. */
export function baselineOf(prior: number, p: HotspotParams = defaultHotspotParams): number {
  return (prior / (p.baselineWeeks * 7)) * p.windowDays;
}

/** A spike: enough cases in the window and `minRatio` times the (floored) baseline. */
export function isSpike(g: GroupCount, p: HotspotParams = defaultHotspotParams): boolean {
  return g.recent >= p.minSpikeCases && g.recent >= p.minRatio * Math.max(baselineOf(g.prior, p), p.baselineFloor);
}

interface WordStat { n: number; position: number }

/** In how many cases each word is, and the sum of its first positions (a title's words come first). */
function documentFrequency(cases: readonly WindowCase[]): Map<string, WordStat> {
  const df = new Map<string, WordStat>();
  for (const c of cases) {
    const seen = new Set<string>();
    c.tokens.forEach((w, i) => {
      if (seen.has(w)) return;
      seen.add(w);
      const s = df.get(w) ?? { n: 0, position: 0 };
      df.set(w, { n: s.n + 1, position: s.position + i });
    });
  }
  return df;
}

// Most frequent first; on a tie the word said earlier (the title's words: what the case is about), then the longer one
// (停车收费 says more than 收费), then by code point, so the result never depends on input order.
function ranked(df: Map<string, WordStat>): [string, number][] {
  return [...df].sort((a, b) => b[1].n - a[1].n || a[1].position / a[1].n - b[1].position / b[1].n || b[0].length - a[0].length
    || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w, s]) => [w, s.n]);
}

/** The words shared by at least `share` of the cases, most frequent first, at most `max`. */
export function signatureOf(cases: readonly WindowCase[], p: HotspotParams = defaultHotspotParams, max = 2): string[] {
  if (!cases.length) return [];
  return ranked(documentFrequency(cases)).filter(([, n]) => n >= p.signatureShare * cases.length).slice(0, max).map(([w]) => w);
}

/**
 * Clusters of one group's cases: greedily the most shared word (≥ minClusterCases cases and ≥ clusterShare of the
 * group), its cases leave the pool,
 * and again — so one case is in one cluster. The signature is that word plus a second most of its cases share.
 */
export function clustersOf(cases: readonly WindowCase[], p: HotspotParams = defaultHotspotParams): { words: string[]; caseIds: number[] }[] {
  const out: { words: string[]; caseIds: number[] }[] = [];
  let pool = [...cases];
  const least = Math.max(p.minClusterCases, p.clusterShare * cases.length);
  for (;;) {
    const top = ranked(documentFrequency(pool))[0];
    if (!top || top[1] < least) return out;
    const members = pool.filter((c) => c.tokens.includes(top[0]));
    const second = signatureOf(members, p, 3).filter((w) => w !== top[0] && !top[0].includes(w) && !w.includes(top[0]))[0];
    out.push({ words: second ? [top[0], second] : [top[0]], caseIds: members.map((c) => c.id).sort((a, b) => a - b) });
    pool = pool.filter((c) => !members.includes(c));
  }
}

/**
 * Every hot spot of a detection: spikes per district and category (with the words most of their cases share), and
 * clusters of similar cases in the groups that are not spikes (a spike already lists all its cases). Strongest first.
 */
export function detectHotspots(groups: readonly GroupCount[], all: readonly WindowCase[], p: HotspotParams = defaultHotspotParams): Hotspot[] {
  const cases = withoutCommonWords(all, p);
  const byGroup = new Map<string, WindowCase[]>();
  for (const c of cases) {
    const k = groupKey(c.districtId, c.categoryId);
    byGroup.set(k, [...(byGroup.get(k) ?? []), c]);
  }
  const out: Hotspot[] = [];
  const spiked = new Set<string>();
  for (const g of groups) {
    if (!isSpike(g, p)) continue;
    const k = groupKey(g.districtId, g.categoryId);
    spiked.add(k);
    const members = byGroup.get(k) ?? [];
    const baseline = baselineOf(g.prior, p);
    out.push({
      kind: 'spike', districtId: g.districtId, categoryId: g.categoryId, words: signatureOf(members, p), recent: g.recent,
      baseline, ratio: baseline > 0 ? g.recent / baseline : null, caseIds: members.map((c) => c.id).sort((a, b) => a - b),
    });
  }
  for (const [k, members] of byGroup) {
    if (spiked.has(k) || members.length < p.minClusterCases) continue;
    for (const c of clustersOf(members, p)) {
      out.push({ kind: 'cluster', districtId: members[0].districtId, categoryId: members[0].categoryId, words: c.words, recent: c.caseIds.length, baseline: null, ratio: null, caseIds: c.caseIds });
    }
  }
  return out.sort((a, b) => strength(b) - strength(a) || a.districtId - b.districtId || a.categoryId - b.categoryId || a.words.join().localeCompare(b.words.join()));
}

/** The cases with the words common to the whole window taken out (see `commonShare`). */
export function withoutCommonWords(cases: readonly WindowCase[], p: HotspotParams = defaultHotspotParams): readonly WindowCase[] {
  if (cases.length < p.commonMinCases) return cases;
  const common = new Set([...documentFrequency(cases)].filter(([, s]) => s.n >= p.commonShare * cases.length).map(([w]) => w));
  if (!common.size) return cases;
  return cases.map((c) => ({ ...c, tokens: c.tokens.filter((w) => !common.has(w)) }));
}

/** Cases above what was expected: a spike's excess over its baseline; a cluster's size. */
export function strength(h: Pick<Hotspot, 'recent' | 'baseline'>): number {
  return h.recent - (h.baseline ?? 0);
}

/** A ratio as a leader reads it: 4 倍, 2.5 倍, 12 倍. */
export function ratioText(ratio: number): string {
  return ratio >= 10 ? String(Math.round(ratio)) : String(Math.round(ratio * 10) / 10);
}

/** 近两周, 近一周, 近 N 天: how a leader names the window. */
export function windowWords(days: number): string {
  return days === 14 ? '近两周' : days === 7 ? '近一周' : `近${days}天`;
}

/** The sentence a leader reads: "蒸湘区 近两周 停车收费 相关诉求 23 件，为常态 4 倍". */
export function summaryOf(h: Hotspot, names: { district: string; category: string }, p: HotspotParams = defaultHotspotParams): string {
  const when = windowWords(p.windowDays);
  if (h.kind === 'cluster') return `${names.district} ${when} ${names.category}类“${h.words.join(' ')}”相似诉求 ${h.recent} 件`;
  const topic = h.words.length ? `${names.category}（${h.words.join('、')}）` : names.category;
  const vs = h.ratio === null ? `，此前${p.baselineWeeks}周无同类诉求` : `，为常态 ${ratioText(h.ratio)} 倍`;
  return `${names.district} ${when} ${topic} 相关诉求 ${h.recent} 件${vs}`;
}
