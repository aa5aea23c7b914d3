import { Alert, Checkbox, DatePicker, Descriptions, Form, Input, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { Assignment, CaseDetail } from '../../../contracts/cases.js';
import type { CommandType } from '../../../domain/case/types.js';
import { filterByLabel, type Org } from '../../app/org-context.js';
import { fmtTime, workCalendar } from '../../shared/format.js';
import { dayOf, ExtensionDatePicker, extensionUntil } from './extension-date.js';
import { MergeTargetSelect } from './merge-target-select.js';
import { attachmentField, attachmentsBody } from '../../shared/attachment-field.js';

type Values = Record<string, unknown>;
/** The signed-in user, as the forms need it (whose returns to decide, which units are subordinate). */
export interface Me {
  /** Department staff (any of the person's roles, not only the primary one): they decide their own unit's sub-returns. */
  isDepartmentStaff: boolean;
  departmentId: number;
}

export interface CommandSpec {
  /** Form fields; absent for plain confirmations. */
  fields?(c: CaseDetail, org: Org, me: Me): ReactNode;
  /** Turns the form values into the command body. */
  body?(v: Values, c: CaseDetail, me: Me): Record<string, unknown>;
  /** What the user should read before confirming. */
  intro?(c: CaseDetail): ReactNode;
  initial?(c: CaseDetail, org: Org, me: Me): Values;
  success: string;
  danger?: boolean;
}

const maxLen = { max: 5000, message: '内容不超过 5000 字' };
const text = (name: string, label: string, required: string, placeholder?: string, rows = 4) => (
  <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: required }, maxLen]}>
    <Input.TextArea rows={rows} placeholder={placeholder} count={{ show: true, max: 5000 }} />
  </Form.Item>
);

const isLive = (a: Assignment) => a.status === 'pending' || a.status === 'signed' || a.status === 'done';
const byDepartment = (me: Me) => me.isDepartmentStaff;

/** The user's department's live assignment in the current round. */
export const myAssignment = (c: CaseDetail, me: Me): Assignment | undefined =>
  c.assignments.find((a) => a.round === c.round && a.departmentId === me.departmentId && isLive(a));

/**
 * Return requests the user can decide on: the desk decides city-level ones; a district decides those of the
 * towns it dispatched on to.
 */
export const pendingReturns = (c: CaseDetail, me: Me): Assignment[] => {
  const mine = byDepartment(me) ? myAssignment(c, me) : undefined;
  return c.assignments.filter((a) => a.returnRequestedAt && (a.status === 'pending' || a.status === 'signed')
    && (byDepartment(me) ? a.parentAssignmentId != null && a.parentAssignmentId === mine?.id : a.parentAssignmentId == null));
};

/** Units directly under the user's department (a district's towns and streets), minus those already on the case. */
function subordinateOptions(c: CaseDetail, org: Org, me: Me) {
  const onCase = new Set(c.assignments.filter((a) => a.round === c.round && isLive(a)).map((a) => a.departmentId));
  return org.departments.filter((d) => d.parentId === me.departmentId && !onCase.has(d.id)).map((d) => ({ value: d.id, label: d.name }));
}

function ReturnSummary({ c, me }: { c: CaseDetail; me: Me }) {
  const list = pendingReturns(c, me);
  if (!list.length) return <Alert type="warning" showIcon title="没有待审核的退单申请" />;
  return (
    <>
      {list.length > 1 && (
        <Form.Item name="assignmentId" label="退单申请" rules={[{ required: true, message: '请选择要审核的退单申请' }]}>
          <Radio.Group options={list.map((a) => ({ value: a.id, label: `${a.departmentName}（${a.role === 'lead' ? '主办' : '协办'}）` }))} />
        </Form.Item>
      )}
      <Form.Item noStyle dependencies={['assignmentId']}>
        {({ getFieldValue }) => {
          const a = list.find((x) => x.id === getFieldValue('assignmentId')) ?? list[0];
          return (
            <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label="申请单位">{a.departmentName}（{a.role === 'lead' ? '主办' : '协办'}）</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmtTime(a.returnRequestedAt)}</Descriptions.Item>
              <Descriptions.Item label="退单理由"><span className="yw-pre">{a.returnReason}</span></Descriptions.Item>
              <Descriptions.Item label="法律或职责依据"><span className="yw-pre">{a.returnBasis}</span></Descriptions.Item>
            </Descriptions>
          );
        }}
      </Form.Item>
    </>
  );
}

function NewLeadField({ c, org, me }: { c: CaseDetail; org: Org; me: Me }) {
  return (
    <Form.Item noStyle dependencies={['assignmentId']}>
      {({ getFieldValue }) => {
        const list = pendingReturns(c, me);
        const a = list.find((x) => x.id === getFieldValue('assignmentId')) ?? list[0];
        if (!a || a.role !== 'lead') return null;
        if (a.parentAssignmentId != null) {
          return (
            <Form.Item name="newLeadDepartmentId" label="改派给" extra="可改派给本单位所辖的其他乡镇（街道）；不选则由本单位自行办理。">
              <Select allowClear options={subordinateOptions(c, org, me)} placeholder="不改派，由本单位自行办理" aria-label="改派给" />
            </Form.Item>
          );
        }
        // The new lead may be neither the department giving the case back nor one of this round's co-handlers.
        const excluded = new Set(c.assignments.filter((x) => x.round === c.round && (x.status === 'pending' || x.status === 'signed')).map((x) => x.departmentId));
        const groups = org.handlingDepartmentGroups.map((g) => ({ ...g, options: g.options.filter((o) => !excluded.has(o.value)) }));
        return (
          <Form.Item name="newLeadDepartmentId" label="改派主办单位" rules={[{ required: true, message: '主办单位退单，请指定新的主办单位' }]} extra="主办单位退单获批后，诉求改派给新的主办单位重新签收办理。">
            <Select showSearch={{ filterOption: filterByLabel }} options={groups} placeholder="选择新的主办单位" aria-label="改派主办单位" />
          </Form.Item>
        );
      }}
    </Form.Item>
  );
}

const returnBody = (v: Values, c: CaseDetail, me: Me) => ({ assignmentId: (v.assignmentId as number | undefined) ?? pendingReturns(c, me)[0]?.id });

export const commandSpecs: Record<CommandType, CommandSpec> = {
  // Never among allowedActions (not in commandTypes): 直接答复 is issued from the knowledge panel of the desk.
  'answer-directly': { intro: () => '请在受理台的知识库面板中选择条目直接答复。', success: '已直接答复' },
  accept: { intro: () => '确认受理该诉求？受理后请尽快派单。', success: '已受理' },
  reject: { fields: () => text('reason', '不予受理理由', '请填写不予受理的理由'), body: (v) => ({ reason: v.reason }), success: '已不予受理', danger: true },
  merge: {
    fields: (c) => (
      <Form.Item name="duplicateOf" label="并入诉求" rules={[{ required: true, message: '请选择要并入的诉求' }]} extra="按标题关键词或完整编号搜索。">
        <MergeTargetSelect excludeId={c.id} />
      </Form.Item>
    ),
    body: (v) => ({ duplicateOf: v.duplicateOf }), success: '已并案',
  },
  dispatch: {
    initial: (c, org) => ({ leadDepartmentId: org.category(c.categoryId)?.defaultLeadDepartmentId ?? undefined, coDepartmentIds: [] }),
    fields: (_c, org) => (
      <>
        <Form.Item name="leadDepartmentId" label="主办单位" rules={[{ required: true, message: '请选择主办单位' }]}>
          <Select showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="选择主办单位" aria-label="主办单位" />
        </Form.Item>
        <Form.Item name="coDepartmentIds" label="协办单位" dependencies={['leadDepartmentId']} rules={[({ getFieldValue }) => ({ validator: (_, v: number[] | undefined) => (v?.includes(getFieldValue('leadDepartmentId')) ? Promise.reject(new Error('主办单位不能同时是协办单位')) : Promise.resolve()) })]}>
          <Select mode="multiple" showSearch={{ filterOption: filterByLabel }} options={org.handlingDepartmentGroups} placeholder="可选" aria-label="协办单位" />
        </Form.Item>
      </>
    ),
    body: (v) => ({ leadDepartmentId: v.leadDepartmentId, coDepartmentIds: v.coDepartmentIds ?? [] }), success: '已派单',
  },
  sign: { intro: () => '确认签收该诉求？签收后开始办理。', success: '已签收' },
  'request-return': {
    fields: (c) => (
      <>
        {text('reason', '退单理由', '请填写退单理由', '说明本单位为何不应承办此诉求')}
        {text('basis', '法律或职责依据', '请填写法律或职责依据', '如“三定”方案、法规条款等', 3)}
        {attachmentField(c.id)}
      </>
    ),
    body: (v) => ({ reason: v.reason, basis: v.basis, ...attachmentsBody(v) }), success: '退单申请已提交，等待督办员审核',
  },
  'approve-return': {
    fields: (c, org, me) => <><ReturnSummary c={c} me={me} /><NewLeadField c={c} org={org} me={me} /></>,
    body: (v, c, me) => ({ ...returnBody(v, c, me), ...(v.newLeadDepartmentId ? { newLeadDepartmentId: v.newLeadDepartmentId } : {}) }),
    success: '已同意退单',
  },
  'deny-return': {
    fields: (c, _org, me) => <><ReturnSummary c={c} me={me} />{text('reason', '驳回理由', '请填写驳回理由')}</>,
    body: (v, c, me) => ({ ...returnBody(v, c, me), reason: v.reason }), success: '已驳回退单申请', danger: true,
  },
  'request-extension': {
    fields: (c) => (
      <>
        <Form.Item name="until" label="延期至" rules={[{ required: true, message: '请选择延期后的期限' }]}
          extra={`${c.replyDeadline ? `当前答复期限：${fmtTime(c.replyDeadline)}。` : ''}只能选择工作日，期限为当日下班时间`}>
          <ExtensionDatePicker currentDeadline={c.replyDeadline} />
        </Form.Item>
        {text('reason', '延期理由', '请填写延期理由')}
        {attachmentField(c.id)}
      </>
    ),
    body: (v) => ({ until: extensionUntil(workCalendar(), dayOf(v.until as Dayjs)).toISOString(), reason: v.reason, ...attachmentsBody(v) }), success: '延期申请已提交',
  },
  'approve-extension': {
    intro: (c) => <>同意将答复期限延至 <b>{fmtTime(c.pendingExtensionUntil)}</b>？<div className="yw-pre"><Typography.Text type="secondary">理由：</Typography.Text>{c.pendingExtensionReason}</div></>,
    success: '已同意延期',
  },
  'deny-extension': { fields: () => text('reason', '驳回理由', '请填写驳回理由'), body: (v) => ({ reason: v.reason }), success: '已驳回延期申请', danger: true },
  suspend: { fields: () => text('reason', '挂起理由', '请填写挂起理由', '挂起期间办理时限暂停计算'), body: (v) => ({ reason: v.reason }), success: '已挂起' },
  resume: { intro: () => '确认恢复办理？办理时限将顺延挂起的时间。', success: '已恢复办理' },
  opinion: {
    fields: (c) => <>{text('text', '协办意见', '请填写协办意见', '本单位职责范围内的办理情况和意见', 5)}{attachmentField(c.id)}</>,
    body: (v) => ({ text: v.text, ...attachmentsBody(v) }), success: '协办意见已提交',
  },
  reply: {
    intro: (c) => {
      // Every opinion and every sub-dispatched unit's report of this round, beside the reply being written.
      const notes = c.assignments.filter((a) => a.round === c.round && a.opinion && (a.role === 'co' || a.parentAssignmentId != null));
      return notes.length ? (
        <div style={{ marginBottom: 12 }} data-testid="reply-opinions">
          {notes.map((a) => (
            <div key={a.id} className="yw-pre">
              <Typography.Text type="secondary">{a.departmentName}{a.parentAssignmentId != null && a.role === 'lead' ? '上报结果' : '意见'}：</Typography.Text>{a.opinion}
            </div>
          ))}
        </div>
      ) : null;
    },
    fields: (c) => <>{text('text', '答复内容', '请填写答复内容', '向诉求人答复的办理结果', 6)}{attachmentField(c.id, true)}</>,
    body: (v) => ({ text: v.text, ...attachmentsBody(v) }), success: '已答复，等待督办员审核',
  },
  'approve-reply': { intro: (c) => <><div>审核通过后将回访诉求人。答复内容：</div><div className="yw-pre" style={{ background: '#f5f5f5', padding: 8, marginTop: 8 }}>{c.replyText}</div></>, success: '答复已审核通过' },
  'send-back': { fields: () => text('reason', '退回理由', '请填写退回理由', '说明答复存在的问题'), body: (v) => ({ reason: v.reason }), success: '已退回重新答复', danger: true },
  rate: {
    initial: () => ({ rating: 'satisfied', wantsRedo: false }),
    fields: () => (
      <>
        <Form.Item name="rating" label="回访评价" rules={[{ required: true, message: '请选择评价' }]}>
          <Radio.Group options={[{ value: 'satisfied', label: '满意' }, { value: 'basically', label: '基本满意' }, { value: 'unsatisfied', label: '不满意' }]} />
        </Form.Item>
        <Form.Item noStyle dependencies={['rating']}>
          {({ getFieldValue }) => {
            const unsatisfied = getFieldValue('rating') === 'unsatisfied';
            return (
              <>
                <Form.Item name="comment" label="评价说明" rules={[{ required: unsatisfied, whitespace: true, message: '不满意时请说明原因' }, maxLen]}>
                  <Input.TextArea rows={3} placeholder={unsatisfied ? '请记录诉求人不满意的原因' : '可选'} />
                </Form.Item>
                {unsatisfied && (
                  <Form.Item name="wantsRedo" valuePropName="checked">
                    <Checkbox>诉求人要求重办</Checkbox>
                  </Form.Item>
                )}
              </>
            );
          }}
        </Form.Item>
      </>
    ),
    body: (v) => ({ rating: v.rating, comment: (v.comment as string | undefined)?.trim() ?? '', ...(v.rating === 'unsatisfied' ? { wantsRedo: !!v.wantsRedo } : {}) }),
    success: '评价已记录',
  },
  redo: {
    intro: (c) => <>诉求人评价不满意{c.redoRequested ? '并要求重办' : ''}：<span className="yw-pre">{c.ratingComment}</span></>,
    fields: () => text('reason', '重办要求', '请填写重办要求', '写明需要重新办理的内容'),
    body: (v) => ({ reason: v.reason }), success: '已确认重办，诉求重新派单',
  },
  close: {
    fields: () => (
      <Form.Item name="reason" label="办结说明" rules={[maxLen]}>
        <Input.TextArea rows={3} placeholder="可选" />
      </Form.Item>
    ),
    body: (v) => ((v.reason as string | undefined)?.trim() ? { reason: v.reason } : {}), success: '诉求已办结',
  },
  instruct: { fields: () => text('text', '批示内容', '请填写批示内容'), body: (v) => ({ text: v.text }), success: '批示已下达' },
  'sub-dispatch': {
    fields: (c, org, me) => {
      const options = subordinateOptions(c, org, me);
      const mine = myAssignment(c, me);
      const limit = mine?.role === 'lead' ? mine.replyDeadline ?? c.replyDeadline : mine?.opinionDeadline;
      return (
        <>
          {options.length === 0 && <Alert type="warning" showIcon title="本单位没有可下派的下级单位" style={{ marginBottom: 12 }} />}
          <Form.Item name="leadDepartmentId" label="承办乡镇（街道）" rules={[{ required: true, message: '请选择承办的下级单位' }]}>
            <Select showSearch={{ filterOption: filterByLabel }} options={options} placeholder="选择下级单位" aria-label="承办下级单位" />
          </Form.Item>
          <Form.Item name="coDepartmentIds" label="协办乡镇（街道）">
            <Select mode="multiple" showSearch={{ filterOption: filterByLabel }} options={options} placeholder="可选" aria-label="协办下级单位" />
          </Form.Item>
          <Form.Item name="replyBy" label="上报期限" extra={limit ? `不晚于本单位期限 ${fmtTime(limit)}；不填按办理时限计算并以本单位期限为上限。` : '不填按办理时限计算。'}>
            <DatePicker showTime={{ format: 'HH:mm', defaultOpenValue: dayjs('17:30', 'HH:mm') }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }}
              disabledDate={(d: Dayjs) => d.isBefore(dayjs().startOf('day')) || (!!limit && d.isAfter(dayjs(limit).endOf('day')))} />
          </Form.Item>
        </>
      );
    },
    body: (v) => ({ leadDepartmentId: v.leadDepartmentId, coDepartmentIds: v.coDepartmentIds ?? [], ...(v.replyBy ? { replyBy: (v.replyBy as Dayjs).toISOString() } : {}) }),
    success: '已下派',
  },
  'sub-reply': {
    fields: (c) => <>{text('text', '办理结果', '请填写办理结果', '向上级单位上报的办理情况', 5)}{attachmentField(c.id)}</>,
    body: (v) => ({ text: v.text, ...attachmentsBody(v) }), success: '办理结果已上报',
  },
  'call-in': {
    fields: (c, org) => {
      const onCase = new Set(c.assignments.filter((a) => a.round === c.round && isLive(a)).map((a) => a.departmentId));
      const groups = org.handlingDepartmentGroups.map((g) => ({ ...g, options: g.options.filter((o) => !onCase.has(o.value)) }));
      return (
        <>
          <Form.Item name="departmentId" label="报到单位" rules={[{ required: true, message: '请选择需要报到协同的单位' }]} extra="被吹哨单位须在签收时限内签收，并在意见期限内提交协办意见。">
            <Select showSearch={{ filterOption: filterByLabel }} options={groups} placeholder="选择单位" aria-label="报到单位" />
          </Form.Item>
          {text('reason', '吹哨事由', '请填写需要协同解决的问题', '说明需要该单位协同解决什么', 3)}
        </>
      );
    },
    body: (v) => ({ departmentId: v.departmentId, reason: v.reason }), success: '已吹哨，报到单位将收到派单',
  },
};
