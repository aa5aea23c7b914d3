import { Alert, App, Button, Form, Modal, Select, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { BatchCommand, BatchResult, CaseSummary } from '../../../contracts/cases.js';
import { api, errorText } from '../../api/client.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { useCan } from '../../shared/can.js';

const labels: Record<BatchCommand, string> = { dispatch: '批量派单', sign: '批量签收', 'approve-reply': '批量审核通过' };
const done: Record<BatchCommand, string> = { dispatch: '已派单', sign: '已签收', 'approve-reply': '已审核通过' };
const confirmText: Record<BatchCommand, string> = {
  dispatch: '所选诉求将派给同一主办单位（及协办单位），各自按办理时限起算。',
  sign: '确认签收所选诉求？签收后开始计算答复时限。',
  'approve-reply': '确认审核通过所选诉求的答复？通过后进入回访评价。请先逐件查看答复内容。',
};

/** One row of the result: the case as the queue showed it, and what happened to it. */
interface Outcome { caseId: number; code: string; title: string; ok: boolean; message: string | null }

/**
 * Row selection's toolbar in a queue: the command on every selected case, each case in its own transaction on the
 * server; the answer lists every case with its result and, for a refused one, the reason.
 */
export function BatchBar({ command, selected, onDone }: { command: BatchCommand; selected: CaseSummary[]; onDone(): void }) {
  const can = useCan();
  const org = useOrg();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  if (!can('case:command')) return null;

  const run = async () => {
    let extra: Record<string, unknown> = {};
    if (command === 'dispatch') {
      const v = await form.validateFields().catch(() => null);
      if (!v) return;
      extra = { leadDepartmentId: v.leadDepartmentId, coDepartmentIds: v.coDepartmentIds ?? [] };
    }
    setBusy(true);
    try {
      const r = await api.post<BatchResult>(`/api/cases/batch/${command}`, { caseIds: selected.map((c) => c.id), ...extra });
      const byId = new Map(selected.map((c) => [c.id, c]));
      setOutcomes(r.results.map((x) => ({ caseId: x.caseId, code: byId.get(x.caseId)?.code ?? String(x.caseId), title: byId.get(x.caseId)?.title ?? '', ok: x.ok, message: x.message })));
      setAsking(false);
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const refused = outcomes?.filter((o) => !o.ok).length ?? 0;
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 12 }} data-testid={`batch-bar-${command}`}>
      <Button type="primary" disabled={selected.length === 0} onClick={() => setAsking(true)} data-testid={`batch-${command}`}
        title={selected.length === 0 ? '请先勾选诉求' : undefined}>
        {labels[command]}{selected.length ? `（${selected.length} 件）` : ''}
      </Button>
      <Typography.Text type="secondary">{selected.length ? `已选 ${selected.length} 件` : '勾选诉求后可批量办理，每件单独办理、互不影响'}</Typography.Text>

      <Modal open={asking} title={`${labels[command]} · ${selected.length} 件`} okText={`确认${labels[command]}`} cancelText="取消" onOk={run}
        onCancel={() => setAsking(false)} okButtonProps={{ loading: busy, 'data-testid': 'batch-ok' } as ButtonProps} destroyOnHidden maskClosable={false} width={600}>
        <Alert type="info" showIcon title={confirmText[command]} style={{ marginBottom: 12 }} />
        <div style={{ maxHeight: 160, overflow: 'auto', marginBottom: 12 }}>
          {selected.map((c) => <div key={c.id}><Typography.Text code>{c.code}</Typography.Text> {c.title}</div>)}
        </div>
        {command === 'dispatch' && (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item name="leadDepartmentId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
              <Select showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="选择主办单位" aria-label="批量派单主办单位" />
            </Form.Item>
            <Form.Item name="coDepartmentIds" label="协办单位" dependencies={['leadDepartmentId']}
              rules={[({ getFieldValue }) => ({ validator: (_, v: number[] | undefined) => (v?.includes(getFieldValue('leadDepartmentId')) ? Promise.reject(new Error('主办单位不能同时是协办单位')) : Promise.resolve()) })]}>
              <Select mode="multiple" showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="可选" aria-label="批量派单协办单位" />
            </Form.Item>
          </Form>
        )}
      </Modal>

      <Modal open={!!outcomes} title={`${labels[command]}结果`} footer={<Button type="primary" onClick={() => setOutcomes(null)} data-testid="batch-result-close">知道了</Button>}
        onCancel={() => setOutcomes(null)} width={720} destroyOnHidden>
        {outcomes && (
          <div data-testid="batch-result">
            <Alert type={refused ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }}
              title={refused ? `${outcomes.length - refused} 件${done[command]}，${refused} 件未能办理，原因见下表` : `${outcomes.length} 件全部${done[command]}`} />
            <Table<Outcome> rowKey="caseId" size="small" pagination={false} dataSource={outcomes} scroll={{ y: 360 }}
              columns={[
                { title: '编号', dataIndex: 'code', width: 190 },
                { title: '标题', dataIndex: 'title', ellipsis: true },
                {
                  title: '结果', key: 'ok', width: 260,
                  render: (_, o) => (o.ok ? <Tag color="success">{done[command]}</Tag>
                    : <Space size={4} align="start"><Tag color="error">未办理</Tag><span data-testid="batch-refusal">{o.message}</span></Space>),
                },
              ]} />
          </div>
        )}
      </Modal>
    </div>
  );
}
