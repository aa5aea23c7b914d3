import { SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { HotspotParamsDto } from '../../../contracts/hotspots.js';
import { windowWords } from '../../../domain/hotspots/index.js';
import { errorText } from '../../api/client.js';
import { getHotspotParams, hotspotKeys, saveHotspotParams } from '../../api/hotspots.js';
import { cnDateTime } from './labels.js';

// 检测参数: the thresholds of the daily detection, as the supervision office sets them (hotspot:manage); others read
// them. A change applies from the next detection.

/** The rules in the words the page shows them: "同一区县、同一类别近两周诉求量达到前八周常态的 3 倍…". */
export function paramsSentence(p: HotspotParamsDto): string {
  const when = windowWords(p.windowDays);
  return `每日自动检测：同一区县、同一类别${when}诉求量达到前 ${p.baselineWeeks} 周常态的 ${p.minRatio} 倍（且不少于 ${p.minSpikeCases} 件）为“数量激增”；`
    + `同一区县、同一类别${when}有 ${p.minClusterCases} 件以上、且占该组 ${Math.round(p.clusterShare * 100)}% 以上的诉求说到同一词语为“相似聚集”。`;
}

const fields: { key: keyof HotspotParamsDto; label: string; unit: string; min: number; max: number; step: number; percent?: boolean }[] = [
  { key: 'windowDays', label: '统计窗口', unit: '天', min: 7, max: 60, step: 1 },
  { key: 'baselineWeeks', label: '常态：此前平均', unit: '周', min: 2, max: 26, step: 1 },
  { key: 'minSpikeCases', label: '数量激增：至少', unit: '件', min: 3, max: 10_000, step: 1 },
  { key: 'minRatio', label: '数量激增：至少为常态的', unit: '倍', min: 1.5, max: 50, step: 0.5 },
  { key: 'minClusterCases', label: '相似聚集：至少', unit: '件', min: 3, max: 10_000, step: 1 },
  { key: 'clusterShare', label: '相似聚集：占该组诉求至少', unit: '%', min: 10, max: 100, step: 5, percent: true },
];

export function HotspotParamsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} data-testid="hotspot-params">检测参数</Button>
      {open && <ParamsModal onClose={() => setOpen(false)} />}
    </>
  );
}

function ParamsModal({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<keyof HotspotParamsDto, number>>();
  const { data } = useQuery({ queryKey: [...hotspotKeys, 'params'], queryFn: getHotspotParams });
  const save = useMutation({
    mutationFn: saveHotspotParams,
    onSuccess: () => {
      message.success('检测参数已保存，下一次检测起生效');
      void qc.invalidateQueries({ queryKey: hotspotKeys });
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const shown = (p: HotspotParamsDto) => Object.fromEntries(fields.map((f) => [f.key, f.percent ? Math.round(p[f.key] * 100) : p[f.key]])) as Record<keyof HotspotParamsDto, number>;
  const submit = (v: Record<keyof HotspotParamsDto, number>) => save.mutate(
    Object.fromEntries(fields.map((f) => [f.key, f.percent ? v[f.key] / 100 : v[f.key]])) as HotspotParamsDto,
  );
  const canEdit = data?.canEdit ?? false;
  return (
    <Modal open title="热点检测参数" onCancel={onClose} width={560} destroyOnHidden
      footer={(
        <Space>
          <Button onClick={onClose}>{canEdit ? '取消' : '关闭'}</Button>
          {canEdit && <Button onClick={() => data && form.setFieldsValue(shown(data.defaults))}>恢复默认</Button>}
          {canEdit && <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="hotspot-params-save">保存</Button>}
        </Space>
      )}>
      {data && (
        <Form form={form} layout="horizontal" labelCol={{ span: 11 }} initialValues={shown(data.params)} onFinish={submit} disabled={!canEdit}>
          {fields.map((f) => (
            <Form.Item key={f.key} name={f.key} label={f.label} rules={[{ required: true, message: `请填写${f.label}` }]}
              extra={`默认 ${f.percent ? Math.round(data.defaults[f.key] * 100) : data.defaults[f.key]} ${f.unit}`}>
              <InputNumber min={f.min} max={f.max} step={f.step} precision={f.step < 1 ? 1 : 0} addonAfter={f.unit} style={{ width: 180 }} aria-label={f.label} />
            </Form.Item>
          ))}
          <Typography.Text type="secondary">
            {canEdit ? '修改自下一次检测起生效，已发现的热点不变。' : '只有督查室（督办人员）可以修改检测参数。'}
            {data.updatedAt ? ` 最近修改：${data.updatedBy ?? ''} ${cnDateTime(data.updatedAt)}。` : ' 当前为默认参数。'}
          </Typography.Text>
        </Form>
      )}
    </Modal>
  );
}
