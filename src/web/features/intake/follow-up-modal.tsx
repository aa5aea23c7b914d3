import { Alert, App, Checkbox, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { FollowUpQueueItem, RecordFollowUpRequest } from '../../../contracts/followups.js';
import { ApiError, errorText } from '../../api/client.js';
import { recordFollowUp } from '../../api/followups.js';
import { fmtTime } from '../../shared/format.js';
import { ratingLabels } from '../../shared/labels.js';

export const failureReasonLabels: Record<NonNullable<RecordFollowUpRequest['failureReason']>, string> = {
  no_answer: '无人接听', busy: '占线', powered_off: '关机/停机', invalid_number: '空号/号码错误', declined: '接通但拒绝评价',
};

interface Values {
  outcome: 'reached' | 'not_reached';
  rating?: 'satisfied' | 'basically' | 'unsatisfied';
  callerWords?: string;
  wantsRedo?: boolean;
  failureReason?: RecordFollowUpRequest['failureReason'];
  note?: string;
}

/** 登记回访: read the reply to the caller, then record whether the call got through and, if so, the caller's rating. */
export function FollowUpModal({ item, onClose, onSaved }: { item: FollowUpQueueItem | null; onClose(): void; onSaved(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useMutation({ mutationFn: ({ caseId, body }: { caseId: number; body: RecordFollowUpRequest }) => recordFollowUp(caseId, body) });
  const outcome = Form.useWatch('outcome', form);
  const rating = Form.useWatch('rating', form);

  const save = async () => {
    if (!item) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await record.mutateAsync({ caseId: item.caseId, body: v.outcome === 'reached'
        ? { outcome: 'reached', rating: v.rating, callerWords: v.callerWords ?? '', wantsRedo: v.rating === 'unsatisfied' ? !!v.wantsRedo : undefined, note: v.note ?? '' }
        : { outcome: 'not_reached', failureReason: v.failureReason, note: v.note ?? '' } });
      message.success(v.outcome === 'reached' ? `已记录回访评价：${ratingLabels[v.rating!]}` : '已记录未接通，稍后重拨');
      form.resetFields();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RATING_COMMENT_REQUIRED') form.setFields([{ name: 'callerWords', errors: [e.message] }]);
      message.error(errorText(e));
    }
  };

  return (
    <Modal
      open={!!item} title={item ? `电话回访 · ${item.code}` : ''} okText="保存回访记录" cancelText="取消" onOk={save} confirmLoading={record.isPending}
      onCancel={() => { form.resetFields(); onClose(); }} destroyOnHidden width={640} okButtonProps={{ 'data-testid': 'followup-save' } as Record<string, string>}
    >
      {item && (
        <>
          <Descriptions size="small" column={2} style={{ marginBottom: 12 }} items={[
            { key: 'who', label: '诉求人', children: `${item.submitterName} ${item.submitterPhone}` },
            { key: 'dept', label: '主办单位', children: item.leadDepartmentName ?? '—' },
            { key: 'deadline', label: '评价期限', children: fmtTime(item.ratingDeadline) },
            { key: 'tries', label: '本轮已拨', children: `${item.attempts} 次未接通` },
          ]} />
          <Alert type="info" title="答复内容（请向诉求人宣读）" description={item.replyText ?? '—'} style={{ marginBottom: 12 }} />
        </>
      )}
      <Form<Values> form={form} layout="vertical" initialValues={{ outcome: 'reached' }} onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void save(); } }}>
        <Form.Item label="回访结果" name="outcome">
          <Radio.Group optionType="button" options={[{ value: 'reached', label: '已接通' }, { value: 'not_reached', label: '未接通' }]} />
        </Form.Item>
        {outcome !== 'not_reached' ? (
          <>
            <Form.Item label="满意度" name="rating" rules={[{ required: true, message: '请选择满意度' }]}>
              <Radio.Group options={(['satisfied', 'basically', 'unsatisfied'] as const).map((r) => ({ value: r, label: ratingLabels[r] }))} />
            </Form.Item>
            <Form.Item
              label="诉求人意见" name="callerWords"
              rules={[{ required: rating === 'unsatisfied', whitespace: true, message: '不满意时请记录诉求人的原话' }, { max: 5000, message: '不超过 5000 字' }]}
            >
              <Input.TextArea rows={3} placeholder="记录诉求人对办理结果的原话" />
            </Form.Item>
            {rating === 'unsatisfied' && (
              <Form.Item name="wantsRedo" valuePropName="checked">
                <Checkbox>诉求人要求重办</Checkbox>
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item label="未接通原因" name="failureReason" rules={[{ required: true, message: '请选择未接通原因' }]}>
            <Radio.Group options={Object.entries(failureReasonLabels).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        )}
        <Form.Item label="备注" name="note" rules={[{ max: 1000, message: '不超过 1000 字' }]}>
          <Input placeholder="可选" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
