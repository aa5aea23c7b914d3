// A readable diff of an audit entry's before and after states: the fields that changed, nested fields named with
// dots (rules.0.name), values as short text. Used by the audit screen and its Excel export.

/** The words the audit screen shows for the fields the admin commands record (a field not listed shows its key). */
export const fieldLabels: Record<string, string> = {
  cityName: '城市名称', divisionCode: '行政区划代码', hotlineName: '热线名称', smsSignature: '短信签名', siteTitle: '网站标题', logo: '标志图片',
  settings: '城市设置', topUnit: '顶级单位', admin: '管理员', id: '编号', name: '名称', username: '用户名', displayName: '姓名',
  source: '来源', days: '日期安排', kind: '类型', workingHours: '工作时间', version: '版本', sign: '签收时限', opinion: '协办意见时限',
  reply: '答复时限', rating: '评价时限', warningShare: '黄色预警', position: '顺序', isActive: '启用', categories: '问题类别',
  districts: '区县', keywords: '关键词', keywordMode: '关键词匹配', locations: '地点', lead: '主办单位', co: '协办单位',
  autoDispatch: '自动派单', threshold: '置信度阈值', activeVersion: '在用模型版本', deployed: '已启用', trainingSize: '训练件数',
  accuracy: '准确率', macroF1: '宏F1', url: '地址', eventTypes: '推送事件', secret: '签名密钥', prefix: '密钥前缀', status: '状态',
  code: '代码', datatype: '数据类型', required: '必填', variable: '需要填写', description: '说明', datatypeDescription: '填写提示',
  values: '选项', note: '说明', weights: '权重', engine: '数据库', bytes: '大小（字节）', cases: '诉求件数',
};

const labelOf = (path: string) => path.split('.').map((k) => fieldLabels[k] ?? k).join(' · ');

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    if (value.length === 0 && prefix) out.set(prefix, '[]');
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
    return;
  }
  out.set(prefix || '值', text(value));
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(text).join('、') || '（空）';
  if (typeof value === 'string') return value === '' ? '（空）' : value;
  return String(value);
}

/** The fields whose value differs between `before` and `after` (a field only on one side shows — on the other). */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = new Map<string, string>();
  const a = new Map<string, string>();
  if (before !== null && before !== undefined) flatten(before, '', b);
  if (after !== null && after !== undefined) flatten(after, '', a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields.filter((f) => b.get(f) !== a.get(f)).map((f) => ({ field: labelOf(f), before: b.get(f) ?? '—', after: a.get(f) ?? '—' }));
}

/** One line per changed field, for a spreadsheet cell: `field：before → after`. */
export function changeLines(before: unknown, after: unknown): string {
  return fieldChanges(before, after).map((c) => `${c.field}：${c.before} → ${c.after}`).join('\n');
}
