import { Alert, App, Button, Card, Col, Descriptions, Form, InputNumber, Modal, Row, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ModelDetail, ModelStatus, ModelSummary } from '../../../contracts/routing.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { modelDetail, modelStatus, saveSettings, trainModel } from './api.js';
import { pct, statusLabels, triggerLabels } from './labels.js';
import { PrecisionCard } from './precision-card.js';

function Figures({ m }: { m: ModelDetail }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="departmentId"
        dataSource={[...m.perDepartment].sort((a, b) => b.support - a.support)}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '单位', dataIndex: 'departmentName' },
          { title: '留出件数', dataIndex: 'support', width: 90 },
          { title: '精确率', key: 'p', width: 90, render: (_: unknown, d: ModelDetail['perDepartment'][number]) => pct(d.precision) },
          { title: '召回率', key: 'r', width: 90, render: (_: unknown, d: ModelDetail['perDepartment'][number]) => pct(d.recall) },
          { title: 'F1', key: 'f', width: 80, render: (_: unknown, d: ModelDetail['perDepartment'][number]) => pct(d.f1) },
        ]}
      />
      {m.confusions.length > 0 && (
        <>
          <Typography.Text strong>最常见的误派（实际 → 模型）</Typography.Text>
          <Table size="small" rowKey={(c) => `${c.actual}>${c.predicted}`} dataSource={m.confusions.slice(0, 10)} pagination={false}
            columns={[{ title: '实际单位', dataIndex: 'actual' }, { title: '模型判为', dataIndex: 'predicted' }, { title: '件数', dataIndex: 'count', width: 80 }]} />
        </>
      )}
      <Typography.Text strong>置信度可靠性（留出集）</Typography.Text>
      <Table size="small" rowKey="from" dataSource={m.reliability.filter((b) => b.count > 0)} pagination={false}
        columns={[
          { title: '置信度区间', key: 'b', render: (_: unknown, b: ModelDetail['reliability'][number]) => `${pct(b.from, 0)}–${pct(b.to, 0)}` },
          { title: '件数', dataIndex: 'count', width: 80 },
          { title: '平均置信度', key: 'c', render: (_: unknown, b: ModelDetail['reliability'][number]) => pct(b.meanConfidence) },
          { title: '实际正确率', key: 'a', render: (_: unknown, b: ModelDetail['reliability'][number]) => pct(b.accuracy) },
        ]} />
    </Space>
  );
}

/** The trained router: the model in use, retraining (deployed only if better), history and the auto-dispatch setting. */
export function ModelPage() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const [training, setTraining] = useState(false);
  const [detail, setDetail] = useState<ModelDetail | null>(null);
  const [form] = Form.useForm<{ autoDispatch: boolean; threshold: number; byPrecision: boolean; targetPrecision: number }>();
  const byPrecision = Form.useWatch('byPrecision', form);

  const reload = useCallback(async () => {
    try {
      const s = await modelStatus();
      setStatus(s);
      form.setFieldsValue({
        autoDispatch: s.settings.autoDispatch, threshold: Math.round(s.settings.threshold * 100),
        byPrecision: s.settings.targetPrecision != null, targetPrecision: Math.round((s.settings.targetPrecision ?? 0.95) * 1000) / 10,
      });
    } catch (err) {
      message.error(errorText(err));
    }
  }, [message, form]);
  useEffect(() => void reload(), [reload]);
  // A training started elsewhere (another admin, the daily schedule) runs in the background: check until it ends.
  const elsewhere = !training && !!status?.training;
  useEffect(() => {
    if (!elsewhere) return;
    const t = setTimeout(() => void reload(), 3000);
    return () => clearTimeout(t);
  }, [elsewhere, status, reload]);

  const retrain = async () => {
    setTraining(true);
    try {
      const r = await trainModel();
      if (r.deployed) message.success(`已训练并启用模型 v${r.model.version}`);
      else message.warning(`模型 v${r.model.version} 未启用：${r.model.decision}`, 8);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setTraining(false);
      void reload();
    }
  };

  const save = async () => {
    const v = await form.validateFields();
    try {
      await saveSettings({ autoDispatch: v.autoDispatch, threshold: v.threshold / 100, targetPrecision: v.byPrecision ? v.targetPrecision / 100 : null });
      message.success('已保存');
      void reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  const a = status?.active;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title="在用模型" loading={!status} extra={<Button type="primary" loading={training || status?.training} onClick={() => void retrain()}>{training || status?.training ? '训练中…' : '重新训练'}</Button>}>
            {a ? (
              <Descriptions column={2} size="small">
                <Descriptions.Item label="版本"><Tag color="green">v{a.version}</Tag></Descriptions.Item>
                <Descriptions.Item label="训练时间">{fmtTime(a.trainedAt)}（{triggerLabels[a.trigger] ?? a.trigger}）</Descriptions.Item>
                <Descriptions.Item label="训练件数">{a.trainingSize.toLocaleString('zh-CN')}</Descriptions.Item>
                <Descriptions.Item label="留出件数">{a.heldOutSize.toLocaleString('zh-CN')}</Descriptions.Item>
                <Descriptions.Item label="留出集准确率"><b>{pct(a.accuracy)}</b></Descriptions.Item>
                <Descriptions.Item label="留出集宏F1"><b>{pct(a.macroF1)}</b></Descriptions.Item>
                <Descriptions.Item label="校准误差 ECE">{pct(a.ece)}</Descriptions.Item>
                <Descriptions.Item label="单位数">{a.departments}</Descriptions.Item>
                <Descriptions.Item label="说明" span={2}>{a.decision}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Alert type="warning" showIcon title="尚未训练模型：没有规则命中的诉求都将留在受理台待人工派单" />
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              可用于训练的已办结和导入的历史诉求：{status?.availableCases.toLocaleString('zh-CN') ?? '—'} 件。新模型在留出集上的宏F1 高于在用模型时才启用；每天定时检查并重新训练。
              {(training || status?.training) && ' 模型正在后台训练，期间受理和自动派单照常进行，仍使用在用模型。'}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="自动派单" loading={!status}>
            <Form form={form} layout="vertical" onFinish={() => void save()}>
              <Form.Item name="autoDispatch" label="网站、Open311 提交的诉求自动派单" valuePropName="checked"><Switch /></Form.Item>
              <Form.Item name="byPrecision" label="按目标精确率自动选择阈值" valuePropName="checked"><Switch /></Form.Item>
              {byPrecision ? (
                <Form.Item name="targetPrecision" label="可接受的派对比例（目标精确率，%）" extra="平台按训练数据的交叉验证结果为各单位选择置信度阈值"
                  rules={[{ required: true, type: 'number', min: 50, max: 99.9, message: '请填写 50–99.9' }]}>
                  <InputNumber min={50} max={99.9} step={0.5} style={{ width: 120 }} />
                </Form.Item>
              ) : null}
              <Form.Item name="threshold" label={byPrecision ? '固定置信度（未按精确率选阈值的旧模型使用，%）' : '模型置信度不低于（%）'} rules={[{ required: true, type: 'number', min: 50, max: 100, message: '请填写 50–100' }]}>
                <InputNumber min={50} max={100} step={1} style={{ width: 120 }} />
              </Form.Item>
              <Button htmlType="submit">保存</Button>
            </Form>
          </Card>
        </Col>
      </Row>
      {status?.precision && <PrecisionCard p={status.precision} live={status.live} configured={status.settings.targetPrecision != null} />}
      {a && <Card title={`v${a.version} 各单位评估（留出集）`}><Figures m={a} /></Card>}
      <Card title="训练记录">
        <Table
          size="small"
          rowKey="version"
          dataSource={status?.history ?? []}
          pagination={false}
          columns={[
            { title: '版本', key: 'v', width: 70, render: (_: unknown, m: ModelSummary) => `v${m.version}` },
            { title: '状态', key: 's', width: 90, render: (_: unknown, m: ModelSummary) => <Tag color={statusLabels[m.status]?.color}>{statusLabels[m.status]?.text ?? m.status}</Tag> },
            { title: '训练时间', key: 't', width: 150, render: (_: unknown, m: ModelSummary) => fmtTime(m.trainedAt) },
            { title: '方式', key: 'tr', width: 80, render: (_: unknown, m: ModelSummary) => triggerLabels[m.trigger] ?? m.trigger },
            { title: '训练件数', dataIndex: 'trainingSize', width: 90 },
            { title: '准确率', key: 'a', width: 80, render: (_: unknown, m: ModelSummary) => pct(m.accuracy) },
            { title: '宏F1', key: 'f', width: 80, render: (_: unknown, m: ModelSummary) => pct(m.macroF1) },
            { title: '用时', key: 'sec', width: 80, render: (_: unknown, m: ModelSummary) => (m.trainingSeconds == null ? '—' : `${m.trainingSeconds.toFixed(1)} 秒`) },
            { title: '结论', dataIndex: 'decision' },
            { title: '', key: 'd', width: 70, render: (_: unknown, m: ModelSummary) => (
              <Button type="link" size="small" onClick={async () => {
                try {
                  setDetail(await modelDetail(m.version));
                } catch (err) {
                  message.error(errorText(err));
                }
              }}>明细</Button>
            ) },
          ]}
        />
      </Card>
      <Modal open={!!detail} title={`模型 v${detail?.version ?? ''} 评估明细`} footer={null} onCancel={() => setDetail(null)} width={900}>
        {detail && <Figures m={detail} />}
      </Modal>
    </Space>
  );
}
