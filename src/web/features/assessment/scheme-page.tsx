import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AssessmentSchemeDto, SchemeVersion } from '../../../contracts/assessment.js';
import { getScheme, saveScheme } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { fmtTime } from '../../shared/format.js';
import { measureLabels } from './labels.js';
import { defaultScheme } from '../../../domain/assessment/scheme.js';
import { useCan } from '../../shared/can.js';

const rates = ['response', 'resolution', 'satisfaction', 'signing', 'replying'] as const;
const deductions = ['overdue', 'yellow', 'red', 'refused_return', 'redo'] as const;
/** The sections' weights (ADR 0021, docs/assessment.md): each takes its share of the combined score from the composite. */
const sectionWeights = [
  { path: ['sections', 'items', 'reports'], label: '督办事项·按时报送进展' },
  { path: ['sections', 'items', 'milestones'], label: '督办事项·节点按期完成' },
  { path: ['sections', 'suggestions', 'replies'], label: '建议提案·按期答复' },
  { path: ['sections', 'suggestions', 'ratings'], label: '建议提案·代表委员满意' },
] as const;
type SectionsForm = { items?: { reports?: number | null; milestones?: number | null }; suggestions?: { replies?: number | null; ratings?: number | null } };

/** The form's section weights as the scheme stores them: a section with no weight is left out (absent = 0). */
function sectionsOf(f: SectionsForm | undefined): AssessmentSchemeDto['sections'] {
  const items = { reports: Number(f?.items?.reports) || 0, milestones: Number(f?.items?.milestones) || 0 };
  const suggestions = { replies: Number(f?.suggestions?.replies) || 0, ratings: Number(f?.suggestions?.ratings) || 0 };
  const out: NonNullable<AssessmentSchemeDto['sections']> = {};
  if (items.reports + items.milestones > 0) out.items = items;
  if (suggestions.replies + suggestions.ratings > 0) out.suggestions = suggestions;
  return Object.keys(out).length ? out : undefined;
}

function sectionWords(x: AssessmentSchemeDto['sections']): string {
  const parts: string[] = [];
  if (x?.items) parts.push(`督办事项 ${x.items.reports} / ${x.items.milestones}`);
  if (x?.suggestions) parts.push(`建议提案 ${x.suggestions.replies} / ${x.suggestions.ratings}`);
  return parts.join('，') || '无';
}

/** 考核方案: the admin edits a new version (weights must add up to 1); every version is kept. */
export default function SchemePage() {
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['assessment', 'scheme'], queryFn: getScheme });
  useErrorToast(error);
  const [busy, setBusy] = useState(false);
  const canEdit = can('assessment:scheme');
  // The form shows the current version; a saved one reloads it.
  const current = data?.current;
  // A version saved before 最少回访件数 existed has none: the form starts from the default so it can be saved.
  const noMinimumRated = current !== undefined && current.scheme.minimumRated === undefined;
  useEffect(() => {
    if (current) {
      const sec = current.scheme.sections;
      form.setFieldsValue({
        ...current.scheme, minimumRated: current.scheme.minimumRated ?? defaultScheme.minimumRated, note: '',
        sections: { items: { reports: sec?.items?.reports ?? 0, milestones: sec?.items?.milestones ?? 0 }, suggestions: { replies: sec?.suggestions?.replies ?? 0, ratings: sec?.suggestions?.ratings ?? 0 } },
      });
    }
  }, [current, form]);
  const load = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  const weights = Form.useWatch('weights', form) as Record<string, number> | undefined;
  const sum = weights ? rates.reduce((a, m) => a + (Number(weights[m]) || 0), 0) : 1;
  const sectionForm = Form.useWatch('sections', form) as SectionsForm | undefined;
  const given = sectionsOf(sectionForm);
  const sectionSum = (given?.items ? given.items.reports + given.items.milestones : 0) + (given?.suggestions ? given.suggestions.replies + given.suggestions.ratings : 0);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const { note, sections, ...rest } = v;
      const scheme = { ...rest, sections: sectionsOf(sections) };
      const r = await saveScheme(scheme, note ?? '');
      message.success(`已保存为第 ${r.current.version} 版，此后计算的考核期使用新方案`);
      load();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={`考核方案（当前第 ${data?.current.version ?? '…'} 版）`} data-testid="scheme-page">
        {noMinimumRated && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="minimum-rated-default"
            title={`当前版本未设置“参与排名的最少回访件数”（按此版本计算的考核期不按回访件数限制排名），下方已按默认 ${defaultScheme.minimumRated} 件填入，保存为新版本后生效。`} />
        )}
        <Form form={form} layout="vertical" disabled={!canEdit}>
          <Typography.Title level={5}>指标权重（合计须为 1）</Typography.Title>
          <Row gutter={16}>
            {rates.map((m) => (
              <Col key={m} span={4}><Form.Item name={['weights', m]} label={measureLabels[m]} rules={[{ required: true }]}><InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} /></Form.Item></Col>
            ))}
            <Col span={4}><Form.Item label="合计"><Typography.Text type={Math.abs(sum - 1) > 1e-9 ? 'danger' : 'success'} data-testid="weight-sum">{sum.toFixed(2)}</Typography.Text></Form.Item></Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="basicallyWeight" label="基本满意折算系数" rules={[{ required: true }]}><InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="minimumCases" label="参与排名的最少件数" rules={[{ required: true }]}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="minimumRated" label="参与排名的最少回访件数" extra="已回访（评价）件数不足的单位列出但不排名" rules={[{ required: true, message: '请填写最少回访件数' }]}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Typography.Title level={5}>专项考核权重（督办事项、建议提案；合计不超过 1，为 0 时综合得分不计算、诉求计分不变）</Typography.Title>
          <Row gutter={16} data-testid="section-weights">
            {sectionWeights.map((w) => (
              <Col key={w.path.join('.')} span={4}><Form.Item name={[...w.path]} label={w.label}><InputNumber min={0} max={1} step={0.05} style={{ width: '100%' }} /></Form.Item></Col>
            ))}
            <Col span={4}><Form.Item label="专项合计（占综合得分）"><Typography.Text type={sectionSum > 1 + 1e-9 ? 'danger' : undefined} data-testid="section-weight-sum">{sectionSum.toFixed(2)}</Typography.Text></Form.Item></Col>
          </Row>
          <Typography.Title level={5}>扣分（每件）</Typography.Title>
          <Row gutter={16}>
            {deductions.map((m) => (
              <Col key={m} span={4}><Form.Item name={['deductions', m]} label={measureLabels[m]} rules={[{ required: true }]}><InputNumber min={0} max={100} step={0.5} style={{ width: '100%' }} /></Form.Item></Col>
            ))}
          </Row>
          <Form.Item name="note" label="修订说明"><Input maxLength={500} /></Form.Item>
          {canEdit && <Button type="primary" loading={busy} onClick={save} data-testid="save-scheme">保存为新版本</Button>}
        </Form>
      </Card>
      <Card title="版本历史" size="small">
        <Table<SchemeVersion> rowKey="version" size="small" dataSource={data?.versions ?? []} pagination={false}
          columns={[
            { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
            { title: '三率权重', render: (_, v) => rates.map((m) => `${measureLabels[m]} ${v.scheme.weights[m]}`).join('，') },
            { title: '基本满意', render: (_, v) => v.scheme.basicallyWeight },
            { title: '专项权重', render: (_, v) => sectionWords(v.scheme.sections) },
            { title: '最少件数', render: (_, v) => `${v.scheme.minimumCases}${v.scheme.minimumRated !== undefined ? `（回访 ${v.scheme.minimumRated}）` : ''}` },
            { title: '说明', dataIndex: 'note' },
            { title: '修订', render: (_, v) => `${v.createdByName ?? '系统'} ${fmtTime(v.createdAt)}` },
          ]} />
      </Card>
    </Space>
  );
}
