import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { importYear } from '../../api/calendar.js';
import { ApiError, errorText } from '../../api/client.js';

const example = `date,kind,name
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
2027-02-20,makeup_workday,春节`;

/** Imports (or replaces) one year's arrangement from the State Council notice: JSON or CSV lines. */
export function ImportModal({ open, defaultYear, onClose, onDone }: { open: boolean; defaultYear: number; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setProblems([]);
    try {
      const r = await importYear({ year: v.year, source: v.source ?? '', text: v.text });
      message.success(`已导入 ${v.year} 年安排${r.recompute.casesChanged ? `，${r.recompute.casesChanged} 件诉求的期限已重新计算` : ''}`);
      form.resetFields();
      onDone();
    } catch (err) {
      setProblems(err instanceof ApiError && err.fieldErrors.length ? err.fieldErrors.map((f) => f.message) : [errorText(err)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title="导入年度节假日安排" onCancel={onClose} onOk={submit} okText="导入" confirmLoading={busy} width={640} destroyOnHidden>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="导入会替换该年已有的全部日期。每行“日期,类型,名称”，类型为 holiday（放假）或 makeup_workday（调休上班）；也可粘贴 JSON 数组。放假日可以是周末，调休上班日必须是周六或周日。" />
      <Form form={form} layout="vertical" initialValues={{ year: defaultYear }}>
        <Form.Item name="year" label="年份" rules={[{ required: true, message: '请输入年份' }]}>
          <InputNumber min={1990} max={2200} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="source" label="依据文件">
          <Input placeholder="国办发明电〔2026〕X号" maxLength={200} />
        </Form.Item>
        <Form.Item name="text" label="日期清单" rules={[{ required: true, message: '请粘贴日期清单' }]}>
          <Input.TextArea rows={10} placeholder={example} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
      {problems.length > 0 && (
        <Alert type="error" showIcon title="导入未执行，请修正以下问题：" description={<ul data-testid="import-problems" style={{ margin: 0, paddingLeft: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
      )}
    </Modal>
  );
}
