import { DatePicker, Form, Input, Radio, Select } from 'antd';
import type { SuggestionDetail } from '../../../contracts/suggestions.js';
import { ratingLabels } from '../../../domain/case/labels.js';
import { meetingFormLabels, replyClassLabels } from '../../../domain/suggestions/labels.js';
import { useOrg } from '../../app/org-context.js';

export type Action = SuggestionDetail['allowedActions'][number];

export const actionLabels: Record<Action, string> = {
  assign: '交办', sign: '签收', 'request-extension': '申请延期', 'decide-extension': '审批延期', meet: '登记见面沟通',
  reply: '答复', countersign: '会签', rate: '评价',
};

/** The form of each action (none for signing); field names are the API's, dates turned into YYYY-MM-DD on submit. */
export function ActionFields({ action }: { action: Action }) {
  const org = useOrg();
  const cls = Form.useWatch('class');
  const mode = Form.useWatch('mode');
  switch (action) {
    case 'assign':
      return (
        <>
          <Form.Item name="mode" label="交办方式" initialValue="lead"><Radio.Group options={[{ value: 'lead', label: '主办（可加会办）' }, { value: 'split', label: '分办（多个单位分别答复）' }]} /></Form.Item>
          <Form.Item name="leadDepartmentIds" label={mode === 'split' ? '分办单位' : '主办单位'} rules={[{ required: true, message: '请选择单位' }]}>
            <Select mode={mode === 'split' ? 'multiple' : undefined} options={org.handlingDepartmentGroups} showSearch optionFilterProp="label" data-testid="assign-lead" />
          </Form.Item>
          {mode !== 'split' && (
            <Form.Item name="coDepartmentIds" label="会办单位（会签答复函）">
              <Select mode="multiple" options={org.handlingDepartmentGroups} showSearch optionFilterProp="label" data-testid="assign-co" />
            </Form.Item>
          )}
          <div style={{ color: '#8c8c8c' }}>答复期限为交办之日起三个月，可申请延期一次至六个月。</div>
        </>
      );
    case 'sign':
      return <div>确认本单位签收该建议提案？</div>;
    case 'request-extension':
      return <Form.Item name="reason" label="延期理由" rules={[{ required: true, message: '请填写延期理由' }]}><Input.TextArea rows={3} data-testid="extension-reason" /></Form.Item>;
    case 'decide-extension':
      return (
        <>
          <Form.Item name="approved" label="审批意见" initialValue={true}><Radio.Group options={[{ value: true, label: '同意延期至交办之日起六个月' }, { value: false, label: '不同意' }]} /></Form.Item>
          <Form.Item name="reason" label="说明"><Input.TextArea rows={2} /></Form.Item>
        </>
      );
    case 'meet':
      return (
        <>
          <Form.Item name="metOn" label="沟通日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker format="YYYY年M月D日" data-testid="meet-date" /></Form.Item>
          <Form.Item name="form" label="沟通方式" initialValue="in_person"><Select options={Object.entries(meetingFormLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="people" label="参加人员" rules={[{ required: true, message: '请填写参加人员' }]}><Input data-testid="meet-people" /></Form.Item>
          <Form.Item name="summary" label="沟通情况" rules={[{ required: true, message: '请填写沟通情况' }]}><Input.TextArea rows={3} data-testid="meet-summary" /></Form.Item>
        </>
      );
    case 'reply':
      return (
        <>
          <Form.Item name="docNumber" label="答复函文号" rules={[{ required: true, message: '请填写文号' }]}><Input placeholder="如：衡住建函〔2026〕12号" data-testid="reply-doc-number" /></Form.Item>
          <Form.Item name="class" label="答复分类" rules={[{ required: true, message: '请选择分类' }]}>
            <Radio.Group data-testid="reply-class">{Object.entries(replyClassLabels).map(([v, l]) => <Radio key={v} value={v} data-testid={`reply-class-${v}`}>{l}</Radio>)}</Radio.Group>
          </Form.Item>
          <Form.Item name="body" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }]}><Input.TextArea rows={6} data-testid="reply-body" /></Form.Item>
          {(cls === 'B' || cls === 'C') && (
            <>
              <Form.Item name="promise" label="承诺事项（将作为督办事项跟踪落实）" rules={[{ required: true, message: 'B 类、C 类答复须写明承诺事项' }]}><Input.TextArea rows={2} data-testid="reply-promise" /></Form.Item>
              <Form.Item name="promiseDue" label="承诺完成时限" rules={[{ required: true, message: '请选择完成时限' }]}><DatePicker format="YYYY年M月D日" data-testid="reply-promise-due" /></Form.Item>
            </>
          )}
        </>
      );
    case 'countersign':
      return <Form.Item name="opinion" label="会签意见" initialValue="同意"><Input.TextArea rows={2} data-testid="countersign-opinion" /></Form.Item>;
    case 'rate':
      return (
        <>
          <Form.Item name="rating" label="对办理结果的评价" rules={[{ required: true, message: '请选择评价' }]}>
            <Radio.Group>{Object.entries(ratingLabels).map(([v, l]) => <Radio key={v} value={v} data-testid={`rate-${v}`}>{l}</Radio>)}</Radio.Group>
          </Form.Item>
          <Form.Item name="comment" label="意见（选择不满意时必填，可重新办理一次）"><Input.TextArea rows={3} data-testid="rate-comment" /></Form.Item>
        </>
      );
  }
}

/** Form values as the API body: dates as YYYY-MM-DD, a single lead as a list. */
export function toBody(action: Action, v: Record<string, unknown>): Record<string, unknown> {
  const day = (d: unknown) => (d && typeof d === 'object' && 'format' in d ? (d as { format(f: string): string }).format('YYYY-MM-DD') : d);
  switch (action) {
    case 'assign': return { mode: v.mode ?? 'lead', leadDepartmentIds: ([] as unknown[]).concat(v.leadDepartmentIds ?? []), coDepartmentIds: v.coDepartmentIds ?? [] };
    case 'meet': return { ...v, metOn: day(v.metOn) };
    case 'reply': return { ...v, promiseDue: v.promiseDue ? day(v.promiseDue) : null, promise: v.promise ?? null };
    case 'decide-extension': return { approved: v.approved ?? true, reason: v.reason ?? '' };
    case 'rate': return { rating: v.rating, comment: v.comment ?? '' };
    default: return v;
  }
}
