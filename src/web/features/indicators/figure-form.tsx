import { App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IndicatorDetail } from '../../../contracts/indicators.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { periodLabel, previousPeriod, quarterOf } from '../../../domain/indicators/period.js';
import { errorText } from '../../api/client.js';
import { fileFigure } from './api.js';
import { EvidenceInput, type UploadedFile } from './evidence-input.js';

type Measure = IndicatorDetail['measures'][number];

/** The lead unit files a period's value with evidence; a period sent back (or still waiting) is refiled over its last version. */
export function FigureForm({ measure }: { measure: Measure }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ period: string; value: number; note: string; evidence: UploadedFile[] }>();
  const [saving, setSaving] = useState(false);
  // The quarters of the evaluation year up to the current one.
  const current = quarterOf(beijingDate(new Date()));
  const periods: string[] = [];
  for (let p = `${measure.year}-Q4`; p.startsWith(String(measure.year)); p = previousPeriod(p)) if (p <= current || measure.year < Number(current.slice(0, 4))) periods.unshift(p);
  const submit = async () => {
    const v = await form.validateFields();
    const existing = measure.figures.find((f) => f.period === v.period);
    setSaving(true);
    try {
      const r = await fileFigure(measure.id, { period: v.period, value: v.value, note: v.note ?? '', evidenceIds: (v.evidence ?? []).map((e) => e.id), version: existing?.version });
      message.success(existing ? '已修改重报，等待营商办审核' : '已填报，等待营商办审核');
      for (const w of r.warnings) message.warning(`请核对：${w}`);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['indicators'] });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} data-testid={`file-form-${measure.code}`}>
      <Form.Item name="period" rules={[{ required: true, message: '请选择期间' }]}>
        <Select style={{ width: 150 }} placeholder="填报期间" aria-label="填报期间" options={periods.map((p) => ({ value: p, label: periodLabel(p) }))} />
      </Form.Item>
      <Form.Item name="value" rules={[{ required: true, message: '请填写数值' }]}>
        <InputNumber placeholder={`数值${measure.unit ? `（${measure.unit}）` : ''}`} style={{ width: 150 }} aria-label="数值" />
      </Form.Item>
      <Form.Item name="note"><Input placeholder="说明（可选）" style={{ width: 200 }} maxLength={500} aria-label="说明" /></Form.Item>
      <Form.Item name="evidence"><EvidenceInput /></Form.Item>
      <Space><Button type="primary" loading={saving} onClick={() => void submit()}>填报</Button></Space>
    </Form>
  );
}
