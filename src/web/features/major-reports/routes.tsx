import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../api/client.js';
import { useApiMutation } from '../../api/query.js';
import {
  acknowledgeMajorReport, fileMajorReport, listMajorReports, listReportTypes, majorReportKeys, majorReportStats, saveReportType,
  type MajorReport, type ReportType,
} from '../../api/suggestions.js';
import { useCan } from '../../shared/can.js';
import { fmtTime } from '../../shared/format.js';
import { useErrorToast } from '../../shared/use-error-toast.js';

const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function FileReportModal({ open, onClose, types }: { open: boolean; onClose: () => void; types: ReportType[] }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [files, setFiles] = useState<File[]>([]);
  const save = useApiMutation(fileMajorReport, [[...majorReportKeys]]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const r = await save.mutateAsync({ ...v, matterDate: v.matterDate.format('YYYY-MM-DD'), files: await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await base64(f) }))) });
      message.success(r.isLate ? '已报送（已超过报告时限，记为逾期）' : '已报送');
      form.resetFields();
      setFiles([]);
      onClose();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Modal open={open} title="报送重大事项" onCancel={onClose} onOk={submit} okText="报送" cancelText="取消" confirmLoading={save.isPending} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="typeId" label="报告类型" rules={[{ required: true, message: '请选择报告类型' }]}>
          <Select options={types.map((t) => ({ value: t.id, label: `${t.name}（事项发生后 ${t.deadlineDays} 个工作日内报告）` }))} data-testid="report-type" />
        </Form.Item>
        <Form.Item name="matterDate" label="事项发生日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker format="YYYY年M月D日" /></Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="body" label="报告内容" rules={[{ required: true, message: '请填写报告内容' }]}><Input.TextArea rows={6} /></Form.Item>
        <Upload beforeUpload={(f) => { setFiles((x) => [...x, f].slice(0, 5)); return false; }} fileList={files.map((f, i) => ({ uid: String(i), name: f.name }))}
          onRemove={(f) => setFiles((x) => x.filter((_, i) => String(i) !== f.uid))}>
          <Button>添加附件（最多 5 个，每个 5 MB 以内）</Button>
        </Upload>
      </Form>
    </Modal>
  );
}

function ReportsTab() {
  const can = useCan();
  const { message } = App.useApp();
  const [state, setState] = useState<'all' | 'unacknowledged' | 'late'>('all');
  const [filing, setFiling] = useState(false);
  const [viewing, setViewing] = useState<MajorReport | null>(null);
  const types = useQuery({ queryKey: [...majorReportKeys, 'types'], queryFn: listReportTypes });
  const { data, isLoading, error } = useQuery({ queryKey: [...majorReportKeys, 'list', state], queryFn: () => listMajorReports({ state }) });
  useErrorToast(error);
  const ack = useApiMutation((id: number) => acknowledgeMajorReport(id, ''), [[...majorReportKeys]]);
  const activeTypes = (types.data?.items ?? []).filter((t) => t.isActive);
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Select value={state} onChange={setState} style={{ width: 140 }} options={[{ value: 'all', label: '全部' }, { value: 'unacknowledged', label: '待签收' }, { value: 'late', label: '逾期报告' }]} />
        {can('major-report:file') && (activeTypes.length
          ? <Button type="primary" onClick={() => setFiling(true)} data-testid="report-new">报送重大事项</Button>
          : <Alert type="info" showIcon message="管理员尚未设置报告类型，暂不能报送" />)}
      </Space>
      <Table<MajorReport> rowKey="id" size="middle" loading={isLoading} dataSource={data?.items ?? []} locale={{ emptyText: '暂无重大事项报告' }}
        onRow={(r) => ({ onClick: () => setViewing(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: '报告单位', dataIndex: 'departmentName', width: 200 },
          { title: '类型', dataIndex: 'typeName', width: 140 },
          { title: '标题', dataIndex: 'title' },
          { title: '事项日期', dataIndex: 'matterDate', width: 110 },
          { title: '报送时间', dataIndex: 'filedAt', width: 150, render: fmtTime },
          { title: '时效', dataIndex: 'isLate', width: 90, render: (v: boolean) => (v ? <Tag color="red">逾期</Tag> : <Tag color="green">按时</Tag>) },
          { title: '签收', width: 180, render: (_, r) => r.acknowledgedAt ? `${r.acknowledgedBy ?? ''} ${fmtTime(r.acknowledgedAt)}` : can('major-report:acknowledge')
            ? <Button size="small" onClick={async (e) => { e.stopPropagation(); try { await ack.mutateAsync(r.id); message.success('已签收'); } catch (err) { message.error(errorText(err)); } }}>签收</Button>
            : <Tag>待签收</Tag> },
        ]} />
      <FileReportModal open={filing} onClose={() => setFiling(false)} types={activeTypes} />
      <Modal open={viewing !== null} title={viewing?.title} footer={null} onCancel={() => setViewing(null)} width={700}>
        {viewing && (
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="报告单位">{viewing.departmentName}</Descriptions.Item>
            <Descriptions.Item label="类型">{viewing.typeName}</Descriptions.Item>
            <Descriptions.Item label="事项日期">{viewing.matterDate}</Descriptions.Item>
            <Descriptions.Item label="报告时限">{fmtTime(viewing.dueAt)}</Descriptions.Item>
            <Descriptions.Item label="报送">{viewing.filedBy} {fmtTime(viewing.filedAt)}</Descriptions.Item>
            <Descriptions.Item label="时效">{viewing.isLate ? '逾期' : '按时'}</Descriptions.Item>
            <Descriptions.Item label="内容" span={2}><div style={{ whiteSpace: 'pre-wrap' }}>{viewing.body}</div></Descriptions.Item>
            <Descriptions.Item label="附件" span={2}>{viewing.files.length ? viewing.files.map((f, i) => <div key={i}><a href={`/api/major-reports/${viewing.id}/files/${i}`}>{f.name}</a></div>) : '无'}</Descriptions.Item>
            <Descriptions.Item label="签收" span={2}>{viewing.acknowledgedAt ? `${viewing.acknowledgedBy} ${fmtTime(viewing.acknowledgedAt)} ${viewing.ackNote ?? ''}` : '待签收'}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </>
  );
}

function StatsTab() {
  const [year, setYear] = useState(thisYear);
  const { data, isLoading } = useQuery({ queryKey: [...majorReportKeys, 'stats', year], queryFn: () => majorReportStats(year) });
  return (
    <>
      <Select value={year} onChange={setYear} style={{ width: 110, marginBottom: 16 }} options={[thisYear, thisYear - 1].map((y) => ({ value: y, label: `${y}年` }))} />
      <Table rowKey={(r) => `${r.departmentId}-${r.month}`} size="small" loading={isLoading} dataSource={data?.rows ?? []} pagination={false}
        locale={{ emptyText: `${year}年暂无报告` }}
        columns={[
          { title: '单位', dataIndex: 'departmentName' }, { title: '月份', dataIndex: 'month', width: 100 }, { title: '报送', dataIndex: 'filed', width: 80 },
          { title: '按时', dataIndex: 'onTime', width: 80 }, { title: '逾期', dataIndex: 'late', width: 80 }, { title: '已签收', dataIndex: 'acknowledged', width: 80 },
        ]} />
    </>
  );
}

function TypesTab() {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ReportType | 'new' | null>(null);
  const [form] = Form.useForm();
  const { data } = useQuery({ queryKey: [...majorReportKeys, 'types'], queryFn: listReportTypes });
  const save = useApiMutation((v: Record<string, unknown>) => saveReportType(editing && editing !== 'new' ? editing.id : null, v), [[...majorReportKeys]]);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync(v);
      message.success('已保存');
      setEditing(null);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 16 }}>新增报告类型</Button>
      <Table<ReportType> rowKey="id" size="small" dataSource={data?.items ?? []} pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' }, { title: '报告时限', dataIndex: 'deadlineDays', render: (v: number) => `事项发生后 ${v} 个工作日内` },
          { title: '说明', dataIndex: 'description' }, { title: '状态', dataIndex: 'isActive', render: (v: boolean) => (v ? '启用' : '停用') },
          { title: '', width: 80, render: (_, t) => <Button size="small" onClick={() => setEditing(t)}>修改</Button> },
        ]} />
      <Modal open={editing !== null} title={editing === 'new' ? '新增报告类型' : '修改报告类型'} onCancel={() => setEditing(null)} onOk={submit} okText="保存" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={editing && editing !== 'new' ? editing : { deadlineDays: 2, isActive: true, description: '' }}>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
          <Form.Item name="deadlineDays" label="报告时限（事项发生后工作日数）" rules={[{ required: true }]}><InputNumber min={1} max={60} /></Form.Item>
          <Form.Item name="description" label="说明"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="isActive" label="启用" valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 重大事项报告, mounted at /major-reports: units file, the office acknowledges, counts per unit and month; types (admin). */
export default function MajorReportRoutes() {
  const can = useCan();
  const items = [
    ...(can('major-report:file') || can('major-report:read-all') ? [{ key: 'list', label: '报告', children: <ReportsTab /> }, { key: 'stats', label: '及时性统计', children: <StatsTab /> }] : []),
    ...(can('major-report:types') ? [{ key: 'types', label: '报告类型', children: <TypesTab /> }] : []),
  ];
  return <Card title="重大事项报告"><Tabs items={items} destroyOnHidden /></Card>;
}
