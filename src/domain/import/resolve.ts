import type { CaseKind } from '../case/status.js';
import type { UnitKind } from '../org/units.js';

// Source department and category texts → our departments and categories: names, codes, the usual abbreviations
// (市住建局 → 市住房和城乡建设局) and a mapping's own aliases. Pure: the lists are passed in.

export interface DeptRef {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
}

export interface CategoryRef {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  defaultLeadDepartmentId: number | null;
  /** The category's kind, the default 诉求类型 of its cases (absent: complaint). */
  kind?: CaseKind;
}

/** Long forms in official names and the short forms people write (exports, spreadsheets, phone notes). */
const abbreviations: [string, string[]][] = [
  ['住房和城乡建设', ['住建', '住房城乡建设', '住房和城乡建设', '建设']],
  ['人力资源和社会保障', ['人社', '人力资源社会保障', '人力社保', '劳动保障']],
  ['发展和改革委员会', ['发改委', '发改', '发展改革委']],
  ['工业和信息化', ['工信', '经信', '工业信息化']],
  ['市场监督管理', ['市监', '市场监管', '工商', '质监']],
  ['城市管理和综合执法', ['城管', '城管执法', '城市管理', '城市管理综合执法']],
  ['自然资源和规划', ['自然资源', '自规', '资规', '国土', '国土资源', '规划']],
  ['生态环境', ['环保', '环境保护', '生态环境']],
  ['卫生健康委员会', ['卫健委', '卫健', '卫生健康委', '卫生']],
  ['文化旅游广电体育', ['文旅广体', '文旅', '文化旅游']],
  ['医疗保障', ['医保']],
  ['应急管理', ['应急', '安监']],
  ['人民政府国有资产监督管理委员会', ['国资委', '国资']],
  ['国有资产监督管理委员会', ['国资委', '国资']],
  ['科学技术', ['科技']],
  ['交通运输', ['交通']],
  ['农业农村', ['农业', '农业农村']],
  ['行政审批服务', ['行政审批', '审批', '政务服务']],
  ['地方金融监督管理', ['金融', '金融办', '地方金融']],
  ['优化营商环境办公室', ['营商办', '优化办', '营商环境办']],
  ['12345政务服务便民热线中心', ['12345热线', '热线中心', '12345']],
  ['消防救援支队', ['消防', '消防支队']],
  ['公共资源交易中心', ['公共资源', '交易中心']],
  ['不动产登记中心', ['不动产', '不动产登记']],
  ['人民政府督查室', ['督查室', '政府督查室']],
];

const suffixes = ['委员会', '办公室', '支队', '中心', '局', '委', '办', '室', '厅'];

/** Folded width, no spaces or brackets, no city prefix (示例市 / 市 / 本市); `city` is the short name (示例). */
export function normaliseOrgName(text: string, city = ''): string {
  let t = text.normalize('NFKC').replace(/[\s·()（）【】[\]"'“”]/g, '');
  const prefixes = city ? [`国家税务总局${city}市`, `中国人民银行${city}市`, `${city}市`, '本市'] : ['本市'];
  for (const p of prefixes) if (t.startsWith(p)) t = t.slice(p.length);
  if (t.startsWith('市') && t.length > 2) t = t.slice(1);
  return t;
}

function stripSuffix(t: string): string {
  for (const s of suffixes) if (t.length > s.length + 1 && t.endsWith(s)) return t.slice(0, -s.length);
  return t;
}

export interface Resolver {
  department(text: string | null): DeptRef | null;
  district(text: string | null): DeptRef | null;
  category(text: string | null): CategoryRef | null;
  defaultCategory: CategoryRef | null;
}

export interface ResolverOptions {
  departmentAliases?: Record<string, string>;
  categoryAliases?: Record<string, string>;
  defaultCategory?: string;
  /** The city's short name (示例 for 示例市), stripped in front of department names. */
  city?: string;
}

function addKey(index: Map<string, DeptRef>, key: string, d: DeptRef) {
  if (key && !index.has(key)) index.set(key, d);
}

/** Builds the lookups once per run; every lookup is a few map reads. */
export function buildResolver(departments: readonly DeptRef[], categories: readonly CategoryRef[], opts: ResolverOptions = {}): Resolver {
  const index = new Map<string, DeptRef>();
  // City departments first, so a bare 财政局 is the city's, not a district's.
  const order = [...departments].sort((a, b) => rank(a) - rank(b));
  for (const d of order) {
    addKey(index, d.code.toLowerCase(), d);
    addKey(index, d.name.normalize('NFKC'), d);
    const n = normaliseOrgName(d.name, opts.city);
    addKey(index, n, d);
    addKey(index, stripSuffix(n), d);
    for (const [long, shorts] of abbreviations) {
      if (!n.includes(long)) continue;
      for (const s of shorts) {
        const v = n.replace(long, s);
        addKey(index, v, d);
        addKey(index, stripSuffix(v), d);
      }
    }
    if (d.kind === 'district') {
      // 珠晖区 ↔ 珠晖; a county named like the city stays whole (the bare name is the city).
      const bare = n.replace(/(区|县)$/, '');
      if (bare.length >= 2 && bare !== opts.city) addKey(index, bare, d);
    }
  }
  const byName = new Map(departments.map((d) => [d.name, d] as const));
  const byCode = new Map(departments.map((d) => [d.code, d] as const));
  const deptAliases = new Map(Object.entries(opts.departmentAliases ?? {}).map(([k, v]) => [k.normalize('NFKC').trim(), v] as const));

  const lookupDept = (text: string | null, filter?: (d: DeptRef) => boolean): DeptRef | null => {
    if (!text) return null;
    const t = text.normalize('NFKC').trim();
    const alias = deptAliases.get(t);
    if (alias) {
      const d = byName.get(alias) ?? byCode.get(alias) ?? null;
      if (d && (!filter || filter(d))) return d;
    }
    // Several departments in one cell (主办/协办: "市住建局、市城管局"): the first is the lead.
    const first = t.split(/[、,，;；/|]/)[0];
    for (const key of [first.toLowerCase(), first, normaliseOrgName(first, opts.city), stripSuffix(normaliseOrgName(first, opts.city))]) {
      const d = index.get(key);
      if (d && (!filter || filter(d))) return d;
    }
    return null;
  };

  const catByName = new Map<string, CategoryRef>();
  for (const c of categories) {
    catByName.set(c.name.normalize('NFKC'), c);
    catByName.set(c.code.toLowerCase(), c);
  }
  const catAliases = new Map(Object.entries(opts.categoryAliases ?? {}).map(([k, v]) => [k.normalize('NFKC').trim(), v] as const));
  const findCategory = (name: string) => catByName.get(name.normalize('NFKC')) ?? catByName.get(name.toLowerCase()) ?? null;
  // Longest names first, so 中介服务收费 wins over 收费 for a text containing both.
  const byLength = [...categories].sort((a, b) => b.name.length - a.name.length);
  const defaultCategory = (opts.defaultCategory ? findCategory(opts.defaultCategory) : null)
    ?? findCategory('其他诉求') ?? findCategory('其他') ?? categories[categories.length - 1] ?? null;

  const findCategoryText = (text: string | null): CategoryRef | null => {
      if (!text) return null;
      const t = text.normalize('NFKC').trim();
      const alias = catAliases.get(t);
      if (alias) {
        const c = findCategory(alias);
        if (c) return c;
      }
      const exact = findCategory(t);
      if (exact) return exact;
      for (const part of t.split(/[-—>/／、|｜]+/).reverse()) {
        const c = findCategory(part.trim());
        if (c) return c;
      }
      for (const c of byLength) if (c.name.length >= 2 && t.includes(c.name)) return c;
      return null;
  };
  const isArea = (d: DeptRef) => d.kind === 'district' || d.kind === 'park' || d.kind === 'town';
  // Exports repeat the same few department and category texts on every row: remember the answers.
  return {
    department: memo((text) => lookupDept(text)),
    district: memo((text) => lookupDept(text, isArea)),
    category: memo(findCategoryText),
    defaultCategory,
  };
}

function memo<T>(fn: (text: string | null) => T): (text: string | null) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (!text) return fn(text);
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = fn(text);
    if (cache.size < 50_000) cache.set(text, value);
    return value;
  };
}

function rank(d: DeptRef): number {
  return d.kind === 'city_department' ? 0 : d.kind === 'office' ? 1 : d.kind === 'district' ? 2 : d.kind === 'park' ? 3 : 4;
}
