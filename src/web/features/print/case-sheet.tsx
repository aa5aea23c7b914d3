import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { CaseDetail } from '../../../contracts/cases.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { issuingOffice } from '../../../domain/supervision/names.js';
import { caseKey, getCase } from '../../api/cases.js';
import { errorText } from '../../api/client.js';
import { useOrg } from '../../app/org-context.js';
import { channelLabels, ratingLabels, roleLabels, statusLabels, urgencyLabels } from '../../shared/labels.js';
import { eventDetails, eventLabels } from '../case-detail/event-labels.js';
import { cnTime, PrintFrame, SealSpace, useCityName } from './print-frame.js';

function useCaseDetail() {
  const id = Number(useParams().id);
  return useQuery({ queryKey: caseKey(id, 'print'), queryFn: () => getCase(id) });
}

const lead = (c: CaseDetail) => c.assignments.find((a) => a.role === 'lead' && a.round === c.round && !a.parentAssignmentId && a.status !== 'cancelled' && a.status !== 'returned');
const cos = (c: CaseDetail) => c.assignments.filter((a) => a.role === 'co' && a.round === c.round && !a.parentAssignmentId && a.status !== 'cancelled' && a.status !== 'returned');

/** The problem as the submitter put it: the rows both sheets share. */
function ProblemRows({ c }: { c: CaseDetail }) {
  return (
    <>
      <tr><th>诉求编号</th><td>{c.code}</td><th>登记时间</th><td>{cnTime(c.createdAt)}</td></tr>
      <tr><th>诉求类型</th><td>{caseTypeLabels[c.caseType]}</td><th>问题类别</th><td>{c.categoryName}</td></tr>
      <tr><th>来源渠道</th><td>{channelLabels[c.channel]}</td><th>紧急程度</th><td>{urgencyLabels[c.urgency]}</td></tr>
      <tr><th>诉求人</th><td>{c.submitterName}</td><th>联系电话</th><td>{c.submitterPhone}</td></tr>
      {(c.enterpriseName || c.enterpriseCreditCode) && <tr><th>企业名称</th><td>{c.enterpriseName ?? ''}</td><th>信用代码</th><td>{c.enterpriseCreditCode ?? ''}</td></tr>}
      <tr><th>所属区县</th><td>{c.districtName ?? ''}</td><th>地址</th><td>{c.address ?? ''}</td></tr>
      <tr><th>诉求标题</th><td colSpan={3}>{c.title}</td></tr>
      <tr><th>诉求内容</th><td colSpan={3} className="yw-pre">{c.description}</td></tr>
    </>
  );
}

const colgroup = <colgroup><col style={{ width: '28mm' }} /><col /><col style={{ width: '28mm' }} /><col /></colgroup>;

/** 办理单 at /print/cases/:id: the problem, who handles it, the timeline, the replies and opinions, the seal space. */
export function CaseSheetPage() {
  const { data: c, isLoading, error } = useCaseDetail();
  const city = useCityName();
  const org = useOrg();
  const title = `${city}优化营商环境问题办理单`;
  const byAssignment = new Map((c?.assignments ?? []).map((a) => [a.id, a]));
  const lookups = {
    deptName: org.deptName,
    assignmentDept: (id: unknown) => {
      const a = byAssignment.get(Number(id));
      return a ? `${a.departmentName}（${a.role === 'lead' ? '主办' : '协办'}）` : null;
    },
  };
  const actor = (e: CaseDetail['events'][number]) => (e.actorRole === 'system' ? '系统' : e.actorRole === 'submitter' ? '诉求人'
    : [e.actorName ?? roleLabels[e.actorRole as keyof typeof roleLabels] ?? '', e.actorDepartmentName].filter(Boolean).join(' · '));
  return (
    <PrintFrame title="办理单" loading={isLoading} error={error ? errorText(error) : null}>
      {c && (
        <>
          <h1>{title}</h1>
          <div className="yw-sheet-meta"><span>编号：{c.code}</span><span>状态：{statusLabels[c.status]}</span></div>
          <table>
            {colgroup}
            <tbody>
              <ProblemRows c={c} />
              <tr><th>主办单位</th><td>{c.leadDepartmentName ?? '未派单'}</td><th>协办单位</th><td>{cos(c).map((a) => a.departmentName).join('、') || '无'}</td></tr>
              <tr><th>派单时间</th><td>{cnTime(c.dispatchedAt)}</td><th>答复期限</th><td>{cnTime(c.replyDeadline)}</td></tr>
            </tbody>
          </table>

          <h2>办理过程</h2>
          <table data-testid="print-timeline" className="yw-sheet-small">
            <colgroup><col style={{ width: '36mm' }} /><col style={{ width: '24mm' }} /><col style={{ width: '40mm' }} /><col /></colgroup>
            <thead><tr><th>时间</th><th>环节</th><th>办理人</th><th style={{ width: 'auto' }}>说明</th></tr></thead>
            <tbody>
              {c.events.map((e) => (
                <tr key={e.seq}>
                  <td>{cnTime(e.at)}</td><td>{eventLabels[e.type] ?? e.type}</td><td>{actor(e)}</td>
                  <td className="yw-pre">{eventDetails(e, lookups).map((d) => `${d.label}：${d.value}`).join('\n')}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h2>答复与意见</h2>
          <table>
            {colgroup}
            <tbody>
              {cos(c).map((a) => (
                <tr key={a.id}><th>协办意见</th><td colSpan={3} className="yw-pre">{a.departmentName}：{a.opinion ?? '（尚未提交）'}{a.opinionAt ? `\n${cnTime(a.opinionAt)}` : ''}</td></tr>
              ))}
              <tr><th>答复内容</th><td colSpan={3} className="yw-pre" data-testid="print-reply">{c.replyText ?? '（尚未答复）'}{c.repliedAt ? `\n答复时间：${cnTime(c.repliedAt)}` : ''}</td></tr>
              <tr><th>评价</th><td colSpan={3}>{c.rating ? `${ratingLabels[c.rating]}${c.ratingComment ? `：${c.ratingComment}` : ''}` : '（尚未评价）'}</td></tr>
            </tbody>
          </table>

          <table style={{ marginTop: '6mm' }}>
            <colgroup><col /><col /></colgroup>
            <tbody>
              <tr>
                <td>承办单位意见：<SealSpace unit={lead(c)?.departmentName ?? c.leadDepartmentName ?? '承办单位'} date={c.repliedAt} />
                  <div className="yw-sign-line"><span>负责人签字：</span></div></td>
                <td>督办单位意见：<SealSpace unit={issuingOffice} />
                  <div className="yw-sign-line"><span>经办人签字：</span></div></td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </PrintFrame>
  );
}

/** 交办单 at /print/cases/:id/dispatch: what is handed to which units, by when, with the signing slip. */
export function DispatchSheetPage() {
  const { data: c, isLoading, error } = useCaseDetail();
  const city = useCityName();
  const l = c ? lead(c) : undefined;
  const notDispatched = c && !l ? '该诉求尚未派单，没有交办单可打印' : null;
  return (
    <PrintFrame title="交办单" loading={isLoading} error={error ? errorText(error) : notDispatched}>
      {c && l && (
        <>
          <h1>{`${city}优化营商环境问题交办单`}</h1>
          <div className="yw-sheet-meta"><span>编号：{c.code}</span><span>交办时间：{cnTime(l.dispatchedAt)}</span></div>
          <table>
            {colgroup}
            <tbody>
              <ProblemRows c={c} />
              <tr><th>主办单位</th><td colSpan={3}>{l.departmentName}（签收期限：{cnTime(l.signDeadline)}；答复期限：{cnTime(l.replyDeadline)}）</td></tr>
              {cos(c).map((a) => (
                <tr key={a.id}><th>协办单位</th><td colSpan={3}>{a.departmentName}（签收期限：{cnTime(a.signDeadline)}{a.opinionDeadline ? `；意见期限：${cnTime(a.opinionDeadline)}` : ''}）</td></tr>
              ))}
              <tr><th>办理要求</th><td colSpan={3}>请主办单位在签收期限内签收，会同协办单位依法依规办理，于答复期限前答复诉求人并报送办理结果；确需退单、延期的，请在系统内提出申请并说明理由。</td></tr>
              <tr>
                <th>交办单位</th>
                <td colSpan={3}><SealSpace unit={issuingOffice} date={l.dispatchedAt} /></td>
              </tr>
            </tbody>
          </table>
          <h2>签收回执（承办单位填写）</h2>
          <table>
            {colgroup}
            <tbody>
              <tr><th>签收单位</th><td>{l.departmentName}</td><th>签收时间</th><td>{l.signedAt ? cnTime(l.signedAt) : ''}</td></tr>
              <tr><th>签收人</th><td /><th>联系电话</th><td /></tr>
              <tr><th>单位盖章</th><td colSpan={3}><SealSpace unit={l.departmentName} date={l.signedAt} /></td></tr>
            </tbody>
          </table>
        </>
      )}
    </PrintFrame>
  );
}
