import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { issuingOffice, levelNames } from '../../../domain/supervision/names.js';
import { caseKey, getCase } from '../../api/cases.js';
import { errorText } from '../../api/client.js';
import { getOrder, supervisionKeys } from '../../api/supervision.js';
import { cnDate, cnTime, PrintFrame, SealSpace, useCityName } from './print-frame.js';

/** 督办单 at /print/orders/:id: the order as the office stamps and sends it, with the answer part for the unit. */
export function OrderSheetPage() {
  const id = Number(useParams().id);
  const city = useCityName();
  const order = useQuery({ queryKey: [...supervisionKeys, 'order', id], queryFn: () => getOrder(id) });
  const o = order.data;
  const c = useQuery({ queryKey: o ? caseKey(o.caseId, 'print') : ['none'], queryFn: () => getCase(o!.caseId), enabled: !!o });
  const colgroup = <colgroup><col style={{ width: '28mm' }} /><col /></colgroup>;
  return (
    <PrintFrame title="督办单" loading={order.isLoading || (!!o && c.isLoading)} error={order.error ? errorText(order.error) : null}>
      {o && (
        <>
          <h1>{`${city}优化营商环境问题督办单`}</h1>
          <div className="yw-sheet-meta"><span>编号：{o.code}</span><b>督办等级：{levelNames[o.level]}</b></div>
          <table>
            {colgroup}
            <tbody>
              <tr><th>承办单位</th><td>{o.departmentName}</td></tr>
              <tr><th>诉求编号</th><td>{o.caseCode}</td></tr>
              <tr><th>诉求标题</th><td>{o.caseTitle}</td></tr>
              <tr><th>内容摘要</th><td className="yw-pre">{c.data?.description ?? ''}</td></tr>
              <tr><th>督办要求</th><td className="yw-pre" style={{ minHeight: '30mm' }}>{o.demands}</td></tr>
              <tr><th>办理时限</th><td>请于{cnTime(o.deadline)}前书面答复办理结果</td></tr>
              <tr><th>签发单位</th><td><SealSpace unit={issuingOffice} date={o.issuedAt} /><div className="yw-muted">{`签发人：${o.issuedByName ?? ''}\u3000\u3000签发日期：${cnDate(o.issuedAt)}`}</div></td></tr>
            </tbody>
          </table>
          <h2>答复部分（由承办单位填写，盖章后报送{issuingOffice}）</h2>
          <table>
            {colgroup}
            <tbody>
              <tr><th>答复情况</th><td className="yw-pre" style={{ height: o.answerText ? undefined : '50mm' }}>{o.answerText ?? ''}</td></tr>
              <tr><th>答复单位</th><td><SealSpace unit={o.departmentName} date={o.answeredAt} /><div className="yw-muted">{`负责人签字：${'\u3000'.repeat(7)}答复日期：${cnDate(o.answeredAt)}`}</div></td></tr>
            </tbody>
          </table>
        </>
      )}
    </PrintFrame>
  );
}
