import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StoryFigure, zStoryReformOption } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { nominateStory, storyReformOptions } from './api.js';
import { EvidenceInput, type UploadedFile } from './evidence-input.js';

type ReformOption = z.infer<typeof zStoryReformOption>;
type FigureValues = { label?: string; unit?: string; before?: number | null; after?: number | null };
interface NominateValues {
  source: 'case' | 'reform'; caseCode?: string; itemId?: number; indicatorCode?: string; title: string; body: string; beforeText?: string; afterText?: string;
  figures?: FigureValues[]; departmentIds?: number[]; photos?: UploadedFile[];
}

const complete = (f: FigureValues): f is StoryFigure => !!f.label?.trim() && !!f.unit?.trim() && typeof f.before === 'number' && typeof f.after === 'number';

/** 推荐故事: of a closed case (by its 受理编号) or of a finished (销号) reform measure, with before/after figures and their units. */
export function StoryNominateDrawer({ open, onClose, onDone, indicatorOptions }: {
  open: boolean; onClose: () => void; onDone: () => Promise<unknown>; indicatorOptions: { value: string; label: string }[];
}) {
  const { message } = App.useApp();
  const org = useOrg();
  const [form] = Form.useForm<NominateValues>();
  const source = Form.useWatch('source', form) ?? 'case';
  const reforms = useQuery({ queryKey: ['stories', 'reforms'], queryFn: storyReformOptions, enabled: open });

  // Picking a measure offers its indicator, its units and its targets as figures (the before is the nominator's to fill).
  const pickReform = (id: number) => {
    const r: ReformOption | undefined = reforms.data?.items.find((x) => x.id === id);
    if (!r) return;
    form.setFieldsValue({
      indicatorCode: r.indicatorCode ?? undefined, departmentIds: r.departmentIds, title: form.getFieldValue('title') || r.title,
      figures: r.targets.map((t) => ({ label: t.name, unit: t.measure, before: null, after: t.progress })),
    });
  };

  const submit = async () => {
    const v = await form.validateFields();
    const figures = (v.figures ?? []).filter((f) => f.label || f.unit || f.before != null || f.after != null);
    if (!figures.every(complete)) {
      message.error('每项对比数据都要填写名称、单位、改革前和改革后');
      return;
    }
    try {
      await nominateStory({
        ...(v.source === 'reform' ? { itemId: v.itemId } : { caseCode: v.caseCode?.trim() }), indicatorCode: v.indicatorCode ?? null, title: v.title, body: v.body,
        beforeText: v.beforeText ?? '', afterText: v.afterText ?? '', figures: figures.filter(complete), departmentIds: v.departmentIds ?? [],
        photoIds: (v.photos ?? []).map((p) => p.id),
      });
      message.success('已推荐，等待营商办审核');
      form.resetFields();
      onClose();
      await onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Drawer open={open} onClose={onClose} size={680} title="推荐故事" destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} initialValues={{ source: 'case', figures: [] }}>
        <Form.Item name="source" label="故事来源">
          <Radio.Group optionType="button" aria-label="故事来源" options={[{ value: 'case', label: '已办结的诉求' }, { value: 'reform', label: '已销号的改革举措' }]} />
        </Form.Item>
        {source === 'case'
          ? <Form.Item name="caseCode" label="受理编号" rules={[{ required: true, whitespace: true, message: '请填写已办结诉求的受理编号' }]}><Input aria-label="受理编号" maxLength={40} /></Form.Item>
          : (
            <Form.Item name="itemId" label="改革举措" rules={[{ required: true, message: '请选择已销号的改革举措' }]}
              extra={reforms.data && reforms.data.items.length === 0 ? '本单位暂无可推荐的已销号改革举措' : undefined}>
              <Select aria-label="改革举措" loading={reforms.isPending} onChange={pickReform} showSearch optionFilterProp="label"
                options={(reforms.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.code} ${r.title}${r.indicatorName ? `（${r.indicatorName}）` : ''}` }))} />
            </Form.Item>
          )}
        <Form.Item name="indicatorCode" label="关联评价指标"><Select allowClear options={indicatorOptions} aria-label="关联评价指标" /></Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}><Input maxLength={80} aria-label="标题" /></Form.Item>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="beforeText" label="改革（办理）前"><Input maxLength={500} placeholder="如：开户 5 个工作日" aria-label="改革前" /></Form.Item></Col>
          <Col span={12}><Form.Item name="afterText" label="改革（办理）后"><Input maxLength={500} placeholder="如：当日办结" aria-label="改革后" /></Form.Item></Col>
        </Row>
        <Form.Item label="前后对比数据（含单位）">
          <Form.List name="figures">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="story-figures">
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'label']} noStyle><Input placeholder="名称，如：开办时间" maxLength={40} style={{ width: 170 }} aria-label={`对比项${i + 1}名称`} /></Form.Item>
                    <Form.Item name={[f.name, 'before']} noStyle><InputNumber placeholder="改革前" style={{ width: 110 }} aria-label={`对比项${i + 1}改革前`} /></Form.Item>
                    <span>→</span>
                    <Form.Item name={[f.name, 'after']} noStyle><InputNumber placeholder="改革后" style={{ width: 110 }} aria-label={`对比项${i + 1}改革后`} /></Form.Item>
                    <Form.Item name={[f.name, 'unit']} noStyle><Input placeholder="单位，如：个工作日" maxLength={20} style={{ width: 130 }} aria-label={`对比项${i + 1}单位`} /></Form.Item>
                    <MinusCircleOutlined aria-label="删除对比项" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < 8 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>添加对比数据</Button>}
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="body" label="故事正文" rules={[{ required: true, whitespace: true, message: '请填写正文' }]}><Input.TextArea rows={8} maxLength={5000} aria-label="故事正文" /></Form.Item>
        <Form.Item name="departmentIds" label="参与单位"><Select mode="multiple" options={org.departments.map((d) => ({ value: d.id, label: d.name }))} optionFilterProp="label" aria-label="参与单位" /></Form.Item>
        <Form.Item name="photos" label="照片"><EvidenceInput label="上传照片" max={9} /></Form.Item>
        <Button type="primary" onClick={() => void submit()}>提交推荐</Button>
      </Form>
    </Drawer>
  );
}
