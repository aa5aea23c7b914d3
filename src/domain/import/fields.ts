// The fields an imported record can carry and the column headers other systems use for them (12345 hotline
// exports, other hotlines' spreadsheets, NYC 311 style exports). Pure: no I/O.

export const importFields = [
  'externalId', 'title', 'description', 'createdAt', 'departmentName', 'status', 'reply', 'repliedAt', 'rating',
  'closedAt', 'categoryText', 'subcategoryText', 'districtText', 'address', 'phone', 'submitterName', 'enterpriseName',
  'isPublic', 'caseType',
] as const;
export type ImportField = (typeof importFields)[number];

/** zh-CN labels of the fields, for reports and the console. */
export const importFieldLabels: Record<ImportField, string> = {
  externalId: '原系统编号', title: '标题', description: '内容', createdAt: '诉求时间', departmentName: '承办单位',
  status: '状态', reply: '答复意见', repliedAt: '答复时间', rating: '满意度', closedAt: '办结时间', categoryText: '类别',
  subcategoryText: '子类别', districtText: '区县', address: '地址', phone: '联系电话', submitterName: '诉求人',
  enterpriseName: '企业名称', isPublic: '同意公开', caseType: '诉求类型',
};

/**
 * Header texts per field, already normalised (see normaliseHeader). The first entries are the usual ones; an exact
 * match wins over a partial one, and a longer synonym over a shorter one, so 答复时间 is repliedAt, not createdAt.
 */
export const headerSynonyms: Record<ImportField, readonly string[]> = {
  externalId: ['工单编号', '工单号', '编号', '留言编号', '受理编号', '诉求编号', '流水号', '单号', '案件编号', '事件编号', 'id',
    'uniquekey', 'servicerequestid', 'caseid', 'ticketid', 'requestid', 'externalid', 'ticketnumber', 'casenumber', 'srnumber',
    'servicerequestnumber', 'srid', 'requestnumber', 'casereference', 'objectid'],
  title: ['标题', '留言主题', '主题', '诉求标题', '工单标题', '留言标题', '事项名称', '问题标题', 'title', 'subject', 'summary'],
  description: ['内容', '留言详情', '留言内容', '诉求内容', '详细内容', '问题描述', '来电内容', '诉求描述', '工单内容', '反映内容',
    '具体内容', '详情', '描述', 'description', 'descriptor', 'details', 'content', 'body', 'complaintdetails'],
  createdAt: ['时间', '留言时间', '来电时间', '受理时间', '创建时间', '登记时间', '提交时间', '诉求时间', '反映时间', '日期', '来信时间',
    '发生时间', 'createddate', 'created', 'createdat', 'requesteddatetime', 'date', 'submitted', 'submitteddate', 'opendate', 'opened',
    'createddatetime', 'requestdate', 'dateopened', 'opendatetime', 'reporteddate', 'datecreated'],
  departmentName: ['承办单位', '承办部门', '办理单位', '责任单位', '主办单位', '处理部门', '交办单位', '处理单位', '承办机构', '部门',
    'agency', 'agencyname', 'department', 'agencyresponsible', 'responsibleagency', 'owner', 'assignedto', 'assignedagency',
    'ownerdepartment', 'responsibledepartment'],
  status: ['状态', '办理状态', '工单状态', '处理状态', '办结状态', '当前状态', 'status', 'state', 'casestatus', 'requeststatus',
    'srstatus'],
  reply: ['答复意见', '答复内容', '回复内容', '办理结果', '处理结果', '处理意见', '办理情况', '答复', '回复', '办理意见',
    'resolutiondescription', 'resolution', 'statusnotes', 'reply', 'response'],
  repliedAt: ['答复时间', '回复时间', '答复日期', '处理时间', 'resolutionactionupdateddate', 'replieddate', 'responsedate'],
  isPublic: ['是否公开', '同意公开', '公开意愿', '是否同意公开', '公开', 'ispublic', 'public', 'publish'],
  rating: ['满意度', '评价', '满意度评价', '回访结果', '评价结果', '回访满意度', '群众评价', '诉求人评价', 'satisfaction', 'rating'],
  closedAt: ['办结时间', '完成时间', '结案时间', '关闭时间', '办结日期', '处理完成时间', '归档时间', 'closeddate', 'closedat', 'closed',
    'closeddatetime', 'resolveddate', 'dateclosed', 'closeddt', 'completeddate', 'completiondate', 'datecompleted'],
  categoryText: ['类别', '诉求类别', '问题类别', '分类', '问题分类', '事项分类', '业务类别', '诉求分类', '问题类型',
    'complainttype', 'category', 'servicename', 'problemtype', 'servicetype', 'requestcategory', 'issuetype', 'casetype'],
  subcategoryText: ['子类别', '二级分类', '小类', '细类', 'subcategory', 'subtype'],
  districtText: ['区县', '所属区县', '区域', '县市区', '行政区', '地区', '所属区域', '区县市', '属地', 'borough', 'district', 'county',
    'councildistrict', 'ward', 'neighborhood', 'neighbourhood', 'communityboard'],
  address: ['地址', '详细地址', '事发地址', '事发地点', '问题地址', '发生地址', '地点', 'incidentaddress', 'address', 'location',
    'streetaddress', 'fulladdress', 'incidentlocation', 'addressstring'],
  phone: ['联系电话', '电话', '手机', '手机号', '来电号码', '联系方式', '手机号码', '电话号码', '诉求人电话', 'phone', 'telephone',
    'contactphone', 'phonenumber', 'mobile'],
  submitterName: ['诉求人', '联系人', '姓名', '来电人', '留言人', '反映人', '诉求人姓名', '来电人姓名', '当事人', 'name', 'contactname',
    'submitter', 'requester'],
  // 诉求类型 (咨询/求助/投诉/举报/建议/表扬). A 311 export's request type names the service instead: a value that is no
  // type is read as the category (record.ts).
  caseType: ['诉求类型', '诉求性质', '来电类型', '工单类型', '类型', '诉求种类', '事项类型', 'requesttype', 'type', 'casekind',
    'requestkind', 'contacttype'],
  enterpriseName: ['企业名称', '单位名称', '企业', '公司名称', '反映企业', 'company', 'businessname', 'enterprise', 'enterprisename'],
};

/** Lower case, no spaces/punctuation/BOM; full-width letters folded; a trailing bracketed note kept separately. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-.:：·/\\*#]+/g, '');
}

function withoutNote(h: string): string {
  // 留言时间（北京时间） / Created Date (local) → the part before the bracket.
  return h.replace(/[(（[【].*$/, '');
}

export type ColumnMap = Partial<Record<ImportField, number>>;

export interface HeaderOverrides {
  /** Field → header text in the file (exact, after normalisation), or null to ignore the field. */
  columns?: Partial<Record<ImportField, string | null>>;
}

/** How well a header names a field: 100 exact, 90 exact before a bracketed note, 10+length for a partial match, 0 none. */
export function headerScore(header: string, field: ImportField): number {
  // Flattened JSON keys (location.district): the last part names the value, one point below the whole key.
  const dot = header.lastIndexOf('.');
  if (dot > 0 && dot < header.length - 1) return Math.max(directScore(header, field), directScore(header.slice(dot + 1), field) - 1);
  return directScore(header, field);
}

function directScore(header: string, field: ImportField): number {
  const h = normaliseHeader(header);
  if (!h) return 0;
  const bare = normaliseHeader(withoutNote(header));
  let best = 0;
  for (const s of headerSynonyms[field]) {
    if (h === s) return 100;
    if (bare === s) best = Math.max(best, 90);
    // Partial matches only for Chinese synonyms of two characters or more (Latin words embed too easily).
    else if (/[\u4e00-\u9fff]/.test(s) && s.length >= 2 && bare.includes(s)) best = Math.max(best, 10 + s.length);
  }
  return best;
}

/**
 * Assigns columns to fields: saved overrides first, then the best scores, greedily, one field per column and one
 * column per field.
 */
export function recogniseHeaders(headers: readonly string[], overrides: HeaderOverrides = {}): ColumnMap {
  const map: ColumnMap = {};
  const taken = new Set<number>();
  const fixed = new Set<ImportField>();
  for (const [field, header] of Object.entries(overrides.columns ?? {}) as [ImportField, string | null][]) {
    fixed.add(field);
    if (header == null) continue;
    const wanted = normaliseHeader(header);
    const index = headers.findIndex((h, i) => !taken.has(i) && normaliseHeader(h) === wanted);
    if (index >= 0) {
      map[field] = index;
      taken.add(index);
    }
  }
  const candidates: { field: ImportField; index: number; score: number }[] = [];
  headers.forEach((h, index) => {
    if (taken.has(index)) return;
    for (const field of importFields) {
      if (fixed.has(field)) continue;
      const score = headerScore(h, field);
      if (score > 0) candidates.push({ field, index, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  for (const c of candidates) {
    if (map[c.field] !== undefined || taken.has(c.index)) continue;
    map[c.field] = c.index;
    taken.add(c.index);
  }
  return map;
}

/** How many cells of a row look like headers; used to find the header row below a title row. */
export function headerLikeness(cells: readonly string[], known: ReadonlySet<string> = noKnown): number {
  let n = 0;
  for (const c of cells) if (c && (known.has(normaliseHeader(c)) || importFields.some((f) => headerScore(c, f) >= 12))) n++;
  return n;
}
const noKnown: ReadonlySet<string> = new Set();

/**
 * Header texts from up to two header rows, for spreadsheets whose header cells are merged: a group label merged
 * across columns in the upper row (only its first cell holds the text) prefixes the labels below it, and a label
 * merged down over both rows (the lower cell empty) is taken from the upper row.
 */
export function combineHeaderRows(upper: readonly string[] | null, lower: readonly string[]): string[] {
  if (!upper) return lower.map((c) => c.trim());
  const width = Math.max(upper.length, lower.length);
  const out: string[] = [];
  let group = '';
  for (let i = 0; i < width; i++) {
    const u = (upper[i] ?? '').trim();
    const l = (lower[i] ?? '').trim();
    if (u) group = u;
    if (!l) out.push(u || '');
    else if (!group || group === l || headerLikeness([l]) > 0) out.push(l);
    else {
      // 时间 over 受理 | 办结 reads 受理时间 / 办结时间; 联系人 over 姓名 reads 联系人姓名: keep the likelier reading.
      const a = l + group;
      const b = group + l;
      out.push(bestScore(a) >= bestScore(b) ? a : b);
    }
    // A group label stops at the first column with neither an upper nor a lower label.
    if (!u && !l) group = '';
  }
  return out;
}

function bestScore(header: string): number {
  return Math.max(...importFields.map((f) => headerScore(header, f)));
}

/**
 * Finds the header among the first rows of a sheet: the row most like headers (at least two recognised cells), joined
 * with the row below when that one carries sub-headers under merged cells, or with the row above when this one has
 * gaps that the row above fills. Returns the header texts and the index of the first data row, or null.
 */
export function locateHeader(rows: readonly (readonly string[])[], knownHeaders: readonly string[] = []): { headers: string[]; dataStart: number } | null {
  const known = new Set(knownHeaders.map(normaliseHeader));
  let best = -1;
  let bestLikeness = 1;
  rows.forEach((r, i) => {
    const n = headerLikeness(r, known);
    if (n > bestLikeness) {
      best = i;
      bestLikeness = n;
    }
  });
  if (best < 0) return null;
  const row = rows[best];
  const filled = (r: readonly string[]) => r.filter((c) => c.trim() !== '').length;
  const next = rows[best + 1];
  const hasGapUnder = (upper: readonly string[], lower: readonly string[]) =>
    upper.some((c, i) => c.trim() !== '' && !(lower[i] ?? '').trim());
  if (next && headerLikeness(next) >= 1 && hasGapUnder(row, next) && !next.some(looksLikeData)) {
    return { headers: combineHeaderRows(row, next), dataStart: best + 2 };
  }
  const prev = best > 0 ? rows[best - 1] : null;
  const lowerHasGaps = row.some((c) => !c.trim());
  if (prev && (filled(prev) >= 2 || lowerHasGaps) && filled(prev) > 0) {
    return { headers: combineHeaderRows(prev, row), dataStart: best + 1 };
  }
  return { headers: combineHeaderRows(null, row), dataStart: best + 1 };
}

/** A cell that is clearly a value, not a header: a date, a long number, or long text. */
function looksLikeData(cell: string): boolean {
  const c = cell.trim();
  return /^\d{4}[-/.年]\d{1,2}/.test(c) || /^\d{5,}(\.\d+)?$/.test(c) || c.length > 30;
}
