import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { KnowledgeEntry, KnowledgeEntryInput } from '../../../contracts/knowledge.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';

// The edit form of an entry: every save is a new version, a draft until the owner unit approves it.

interface Values {
  question: string; answer: string; basisTitle?: string; basisNumber?: string; replacesBasisNumber?: string; ownerUnitId?: number;
  validity: [Dayjs, Dayjs | null]; visibility: 'public' | 'internal'; keywords?: string[]; note?: string;
}

export function EntryFormModal({ entry, open, busy, onCancel, onSave, defaultOwner }: {
  entry: KnowledgeEntry | null; open: boolean; busy: boolean; onCancel(): void; onSave(input: KnowledgeEntryInput): void; defaultOwner: number;
}) {
  const org = useOrg();
  const [form] = Form.useForm<Values>();
  const initial: Partial<Values> = entry ? {
    question: entry.question, answer: entry.answer, basisTitle: entry.basisTitle, basisNumber: entry.basisNumber ?? undefined, ownerUnitId: entry.ownerUnitId,
    validity: [dayjs(entry.validFrom), entry.validTo ? dayjs(entry.validTo) : null], visibility: entry.visibility, keywords: entry.keywords,
  } : { ownerUnitId: defaultOwner, visibility: 'public', validity: [dayjs(), null], keywords: [] };
  const save = async () => {
    const v = await form.validateFields();
    onSave({
      question: v.question, answer: v.answer, basisTitle: v.basisTitle ?? '', basisNumber: v.basisNumber || null, replacesBasisNumber: v.replacesBasisNumber || null,
      ownerUnitId: v.ownerUnitId ?? null, validFrom: v.validity[0].format('YYYY-MM-DD'), validTo: v.validity[1] ? v.validity[1].format('YYYY-MM-DD') : null,
      visibility: v.visibility, keywords: v.keywords ?? [], note: v.note ?? '',
    });
  };
  return (
    <Modal title={entry ? `修改知识条目（保存为第 ${entry.latestVersion + 1} 版草稿）` : '新建知识条目'} open={open} onCancel={onCancel} onOk={() => void save()}
      okText="保存为草稿" cancelText="取消" confirmLoading={busy} width={760} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="question" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }, { max: 200, message: '问题不超过 200 字' }]}>
          <Input placeholder="群众和企业常问的问题" />
        </Form.Item>
        <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }, { max: 5000, message: '答复不超过 5000 字' }]}>
          <Input.TextArea rows={5} placeholder="可直接答复来电人的口径" />
        </Form.Item>
        <Form.Item label="政策依据" style={{ marginBottom: 0 }}>
          <Form.Item name="basisTitle" style={{ display: 'inline-block', width: 'calc(60% - 8px)', marginRight: 8 }}><Input placeholder="文件名称" /></Form.Item>
          <Form.Item name="basisNumber" style={{ display: 'inline-block', width: '40%' }}><Input placeholder="文号，如 衡政发〔2024〕3号" /></Form.Item>
        </Form.Item>
        <Form.Item name="replacesBasisNumber" label="本依据替代的文件文号" extra="填写后，引用该文号的知识条目将提示其责任单位更新。">
          <Input placeholder="可选" />
        </Form.Item>
        <Form.Item name="ownerUnitId" label="责任单位" rules={[{ required: true, message: '知识条目必须指定责任单位' }]} extra="由责任单位审核发布，并负责到期更新。">
          <Select showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="选择责任单位" aria-label="责任单位" />
        </Form.Item>
        <Form.Item name="validity" label="有效期" rules={[{ required: true, message: '请选择有效期起始日期' }]} extra="截止日期可不填（长期有效）。">
          <DatePicker.RangePicker allowEmpty={[false, true]} format="YYYY年MM月DD日" />
        </Form.Item>
        <Form.Item name="visibility" label="可见范围">
          <Radio.Group options={[{ value: 'public', label: '公开（门户可见）' }, { value: 'internal', label: '内部（仅工作人员）' }]} />
        </Form.Item>
        <Form.Item name="keywords" label="关键词"><Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} placeholder="回车添加" /></Form.Item>
        <Form.Item name="note" label="修改说明"><Input placeholder="可选" /></Form.Item>
      </Form>
    </Modal>
  );
}
