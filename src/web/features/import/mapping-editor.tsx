import { Alert, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ImportMapping } from '../../../contracts/import.js';
import { importFieldLabels, importFields, type ImportField } from '../../../domain/import/fields.js';

interface Props {
  open: boolean;
  title: string;
  /** Header texts of the uploaded file, offered as choices (free text otherwise). */
  headers: string[];
  initial: ImportMapping;
  /** Ask for a name (saving a new mapping). */
  askName?: boolean;
  initialName?: string;
  onCancel: () => void;
  onOk: (mapping: ImportMapping, name: string) => Promise<void> | void;
}

function parseAliases(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(.+?)\s*(=|→|->|＝)\s*(.+)$/.exec(line.trim());
    if (m) out[m[1].trim()] = m[3].trim();
  }
  return Object.keys(out).length ? out : undefined;
}

const aliasText = (a?: Record<string, string>) => Object.entries(a ?? {}).map(([k, v]) => `${k} = ${v}`).join('\n');

/** 字段映射：each field → a header of the file (or none), time zone, date order, department/category aliases. */
export function MappingEditor({ open, title, headers, initial, askName, initialName, onCancel, onOk }: Props) {
  const [columns, setColumns] = useState<Partial<Record<ImportField, string | null>>>({});
  const [name, setName] = useState('');
  const [offset, setOffset] = useState<number | null>(null);
  const [dayFirst, setDayFirst] = useState(false);
  const [defaultCategory, setDefaultCategory] = useState('');
  const [deptAliases, setDeptAliases] = useState('');
  const [catAliases, setCatAliases] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setColumns(initial.columns ?? {});
    setName(initialName ?? '');
    setOffset(initial.utcOffsetMinutes ?? null);
    setDayFirst(initial.dayFirst ?? false);
    setDefaultCategory(initial.defaultCategory ?? '');
    setDeptAliases(aliasText(initial.departmentAliases));
    setCatAliases(aliasText(initial.categoryAliases));
  }, [open, initial, initialName]);

  const options = [{ value: '__none__', label: '（不导入此字段）' }, ...headers.filter(Boolean).map((h) => ({ value: h, label: h }))];

  const submit = async () => {
    const mapping: ImportMapping = {};
    const cols = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined)) as Partial<Record<ImportField, string | null>>;
    if (Object.keys(cols).length) mapping.columns = cols;
    if (offset !== null) mapping.utcOffsetMinutes = offset;
    if (dayFirst) mapping.dayFirst = true;
    if (defaultCategory.trim()) mapping.defaultCategory = defaultCategory.trim();
    const d = parseAliases(deptAliases);
    if (d) mapping.departmentAliases = d;
    const c = parseAliases(catAliases);
    if (c) mapping.categoryAliases = c;
    setBusy(true);
    try {
      await onOk(mapping, name.trim());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={title} width={760} onCancel={onCancel} onOk={submit} okText="确定" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ disabled: askName && !name.trim() }} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        未指定的字段按表头自动识别。可选“（不导入此字段）”忽略被误识别的列。
      </Typography.Paragraph>
      <Form layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 18 }} size="small">
        {askName && (
          <Form.Item label="映射名称" required>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="如：12345热线导出" data-testid="mapping-name" />
          </Form.Item>
        )}
        {importFields.map((f) => (
          <Form.Item key={f} label={importFieldLabels[f]}>
            <Select allowClear showSearch placeholder="自动识别" options={options}
              value={columns[f] === null ? '__none__' : columns[f] ?? undefined}
              onChange={(v?: string) => setColumns((c) => ({ ...c, [f]: v === undefined ? undefined : v === '__none__' ? null : v }))} />
          </Form.Item>
        ))}
        <Form.Item label="时区（分钟）" extra="源系统时间与 UTC 的差，北京时间 480（默认），纽约 -300">
          <InputNumber value={offset ?? undefined} min={-720} max={840} placeholder="480" onChange={(v) => setOffset(v ?? null)} />
        </Form.Item>
        <Form.Item label="日/月/年顺序" extra="05/03/2024 读作 3 月 5 日">
          <Switch checked={dayFirst} onChange={setDayFirst} />
        </Form.Item>
        <Form.Item label="默认类别" extra="类别缺失或无法匹配时使用（名称或代码），默认“其他诉求”">
          <Input value={defaultCategory} onChange={(e) => setDefaultCategory(e.target.value)} maxLength={100} />
        </Form.Item>
        <Form.Item label="承办单位别名" extra="每行一条：原系统名称 = 本系统部门名称或代码">
          <Input.TextArea rows={3} value={deptAliases} onChange={(e) => setDeptAliases(e.target.value)} placeholder="DOT = 市交通运输局" />
        </Form.Item>
        <Form.Item label="类别别名" extra="每行一条：原系统类别 = 本系统类别名称或代码">
          <Input.TextArea rows={3} value={catAliases} onChange={(e) => setCatAliases(e.target.value)} placeholder="Street Light Condition = 其他诉求" />
        </Form.Item>
      </Form>
      {askName && <Alert type="info" showIcon title="保存后可在“字段映射”中修改，导入时按名称选择。" />}
    </Modal>
  );
}
