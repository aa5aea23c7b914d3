import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { boardApi, fmtDay, ratingLabels, statusLabels, stepLabels } from './board-api.js';
import './board.css';
import { PublicFiles } from '../public-files.js';

/** One published problem (/p/board/:code): masked text, departments, working days, reply, rating, public timeline. */
export default function BoardCasePage() {
  const { code = '' } = useParams();
  const { data: c, error: failure } = useQuery({ queryKey: ['public', 'board', 'case', code], queryFn: () => boardApi.case(code) });
  const error = failure && (failure instanceof ApiError && failure.status === 404 ? '该问题不存在或未公开' : failure.message);

  if (error) {
    return (
      <div className="pub-stack">
        <Link className="bd-back" to="/p/board">‹ 返回公开栏</Link>
        <div className="pub-card pub-error" role="alert">{error}</div>
      </div>
    );
  }
  if (!c) return <div className="pub-loading">加载中…</div>;

  return (
    <div className="pub-stack" data-testid="board-case">
      <Link className="bd-back" to="/p/board">‹ 返回公开栏</Link>
      <article className="pub-card">
        <div className="pub-row-between">
          <span className={`bd-badge bd-badge-${c.status}`}>{statusLabels[c.status]}</span>
          <span className="pub-muted pub-small pub-mono">{c.code}</span>
        </div>
        <h1 className="pub-h1">{c.title}</h1>
        <p className="pub-pre" data-testid="board-case-description">{c.description}</p>
        <dl className="bd-facts">
          <dt>问题类别</dt><dd>{c.categoryName}</dd>
          {c.districtName && <><dt>所在区县</dt><dd>{c.districtName}</dd></>}
          <dt>提交时间</dt><dd>{fmtDay(c.createdAt, true)}</dd>
          {c.closedAt && <><dt>办结时间</dt><dd>{fmtDay(c.closedAt, true)}</dd></>}
          {c.submitterName && <><dt>诉求人</dt><dd>{c.submitterName}</dd></>}
        </dl>
      </article>

      <section className="pub-card">
        <div className="pub-row-between">
          <div>
            <div className="bd-days" data-testid="board-case-days">{c.elapsedWorkingDays}</div>
            <div className="bd-days-label">{c.status === 'handling' ? '已办理工作日' : '办理用时（工作日）'}</div>
          </div>
          {c.rating && <div className={`bd-rating bd-rating-${c.rating}`}>评价：{ratingLabels[c.rating]}</div>}
        </div>
        <div className="pub-section-title" style={{ marginTop: 14 }}>承办单位</div>
        <div>
          {c.departments.length === 0 && <span className="pub-muted">待交办</span>}
          {c.departments.map((d) => <span key={d.name} className="bd-dept">{d.name}{d.role === 'lead' ? '（主办）' : '（协办）'}</span>)}
        </div>
      </section>

      <section className="pub-card">
        <div className="pub-section-title">答复</div>
        {c.reply ? (
          <div className="bd-reply">
            <p className="pub-pre" data-testid="board-case-reply">{c.reply.text}</p>
            {c.reply.at && <div className="pub-muted pub-small">{fmtDay(c.reply.at, true)}</div>}
            <PublicFiles files={c.replyFiles} title="答复附件" testId="board-reply-files"
              urlOf={(id, inline) => `/api/public/board/cases/${encodeURIComponent(c.code)}/attachments/${id}${inline ? '?inline=1' : ''}`} />
          </div>
        ) : (
          <p className="pub-muted">{c.replyUnderReview ? '答复已送达诉求人，公开内容审核中。' : '承办单位办理中，答复后在此公开。'}</p>
        )}
      </section>

      <section className="pub-card">
        <div className="pub-section-title">办理过程</div>
        <ol className="bd-timeline">
          {c.timeline.map((t, i) => (
            <li key={i}>
              <div className="bd-step">{stepLabels[t.step]}{t.department ? ` · ${t.department}` : ''}</div>
              <div className="bd-step-time">{fmtDay(t.at, true)}</div>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
