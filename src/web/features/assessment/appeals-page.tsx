import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { appealReasonLabels, appealReasons, type Appeal } from '../../../contracts/assessment.js';
import { appealFileUrl, decideAppeal, fileAppeal, listAppeals } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { fmtTime } from '../../shared/format.js';
import { appealStateColors, appealStateLabels } from './labels.js';
import { CaseCodePicker } from './case-code-picker.js';
import { useCan } from '../../shared/can.js';

const toBase64 = (file: File) => new Promise<string>((resolve, reject) => {
  const r = new FileReader();
  r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
  r.onerror = () => reject(r.error);
  r.readAsDataURL(file);
});

function FileAppealModal({ open, caseId, code, onClose, onFiled }: { open: boolean; caseId: number | null; code: string | null; onClose(): void; onFiled(): void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => { if (open) { form.setFieldsValue({ caseCode: code ?? undefined }); setFile(null); } }, [open, code, form]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      // From a drill-down the case is known by id; otherwise by the tracking code the user typed or picked.
      const target = caseId && code && v.caseCode === code ? { caseId } : { caseCode: v.caseCode };
      await fileAppeal({ ...target, reason: v.reason, evidence: v.evidence ?? '', ...(file ? { file: { name: file.name, base64: await toBase64(file) } } : {}) });
      message.success('申诉已提交，等待督办员审核');
      form.resetFields();
      onFiled();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={`申请不纳入考核${code ? `：${code}` : ''}`} okText="提交申诉" cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="caseCode" label="受理编号" rules={[{ required: true, message: '请填写或选择受理编号' }]} extra="也可从考核下钻清单直接发起申诉">
          <CaseCodePicker disabled={!!caseId && !!code} />
        </Form.Item>
        <Form.Item name="reason" label="申诉理由" rules={[{ required: true, message: '请选择申诉理由' }]}>
          <Radio.Group options={appealReasons.map((r) => ({ value: r, label: appealReasonLabels[r] }))} />
        </Form.Item>
        <Form.Item name="evidence" label="证明材料说明" rules={[{ required: true, whitespace: true, message: '申诉须提供证明材料（文字说明必填）' }]}>
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="说明事实依据、法律依据及已做的工作" />
        </Form.Item>
        <Form.Item label="附件（可选，PDF、图片或 Office 文档，≤5 MB）">
          <Upload maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ appeal, onClose, onDecided }: { appeal: Appeal | null; onClose(): void; onDecided(): void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await decideAppeal(appeal!.id, v.decision, v.reason);
      message.success(v.decision === 'approve' ? '已批准，该诉求此后的考核计算中不再计入该单位' : '已驳回申诉');
      form.resetFields();
      onDecided();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!appeal} title={`审核申诉：${appeal?.caseCode ?? ''}`} okText="提交审核" cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={onClose} destroyOnHidden>
      {appeal && <p>{appeal.departmentName} · {appeal.reasonLabel}：{appeal.evidence}</p>}
      <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }}>
        <Form.Item name="decision" label="审核结果">
          <Radio.Group options={[{ value: 'approve', label: '批准（不纳入考核）' }, { value: 'refuse', label: '不批准' }]} />
        </Form.Item>
        <Form.Item name="reason" label="审核意见" rules={[{ required: true, whitespace: true, message: '请填写审核意见' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申诉: department heads file, the supervisor decides; department staff see their own department's appeals. */
export default function AppealsPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<string | undefined>(can('assessment:decide') ? 'pending' : undefined);
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['assessment', 'appeals', state ?? 'all'], queryFn: () => listAppeals(state) });
  useErrorToast(error);
  const items = data?.items ?? null;
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const presetCase = params.get('caseId') ? Number(params.get('caseId')) : null;
  const [filing, setFiling] = useState(!!presetCase && can('assessment:appeal'));
  // A filed or decided appeal changes the list and, once approved, the next computation.
  const load = () => void qc.invalidateQueries({ queryKey: ['assessment'] });
  const closeFiling = () => { setFiling(false); if (presetCase) setParams({}); };
  return (
    <Card title="申诉（不纳入考核）" data-testid="appeals-page" extra={<Space>
      <Select allowClear placeholder="全部状态" value={state} onChange={setState} style={{ width: 140 }}
        options={Object.entries(appealStateLabels).map(([value, label]) => ({ value, label }))} />
      {can('assessment:appeal') && <Button type="primary" onClick={() => setFiling(true)}>提出申诉</Button>}
    </Space>}>
      <Table<Appeal> rowKey="id" size="middle" loading={!items} dataSource={items ?? []} pagination={{ pageSize: 20 }}
        columns={[
          { title: '诉求', render: (_, a) => <Link to={`/cases/${a.caseId}`}>{a.caseCode}</Link> },
          { title: '标题', dataIndex: 'caseTitle', ellipsis: true },
          { title: '单位', dataIndex: 'departmentName' },
          { title: '理由', dataIndex: 'reasonLabel' },
          { title: '证明材料', render: (_, a) => <span>{a.evidence}{a.fileName && <> <a href={appealFileUrl(a.id)}>〔{a.fileName}〕</a></>}</span> },
          { title: '申请', render: (_, a) => `${a.filedByName ?? ''} ${fmtTime(a.filedAt)}` },
          { title: '状态', dataIndex: 'state', render: (s: Appeal['state']) => <Tag color={appealStateColors[s]}>{appealStateLabels[s]}</Tag> },
          { title: '审核', render: (_, a) => (a.decidedAt ? `${a.decidedByName ?? ''}：${a.decisionReason ?? ''}` : '—') },
          { title: '操作', render: (_, a) => (a.canDecide ? <Button size="small" type="primary" onClick={() => setDeciding(a)} data-testid={`decide-${a.id}`}>审核</Button> : null) },
        ]} />
      <FileAppealModal open={filing} caseId={presetCase} code={params.get('code')} onClose={closeFiling} onFiled={() => { closeFiling(); load(); }} />
      <DecideModal appeal={deciding} onClose={() => setDeciding(null)} onDecided={() => { setDeciding(null); load(); }} />
    </Card>
  );
}
