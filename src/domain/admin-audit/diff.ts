// A readable diff of an audit entry's before and after states: the fields that changed, nested fields named with
// dots (rules.0.name), values as short text. Used by the audit screen and its Excel export.

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
  return fields.filter((f) => b.get(f) !== a.get(f)).map((f) => ({ field: f, before: b.get(f) ?? '—', after: a.get(f) ?? '—' }));
}

/** One line per changed field, for a spreadsheet cell: `field：before → after`. */
export function changeLines(before: unknown, after: unknown): string {
  return fieldChanges(before, after).map((c) => `${c.field}：${c.before} → ${c.after}`).join('\n');
}
