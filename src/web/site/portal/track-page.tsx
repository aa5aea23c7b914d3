import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { TrackingView } from '../../../contracts/portal.js';
import { failureText, fmtDate, fmtTime, publicApi } from './api.js';
import { PublicFiles } from '../public-files.js';

// Mouth curves of the three faces (drawn, not emoji: emoji fonts are missing on some phones and browsers).
const ratingOptions = [
  { value: 'satisfied', label: '满意', mouth: 'M8 14.5q4 4 8 0' },
  { value: 'basically', label: '基本满意', mouth: 'M8.5 15.5h7' },
  { value: 'unsatisfied', label: '不满意', mouth: 'M8 16.5q4 -4 8 0' },
] as const;

function Face({ mouth }: { mouth: string }) {
  return (
    <svg className="pub-rating-face" viewBox="0 0 24 24" width="30" height="30" aria-hidden>
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <circle cx="8.8" cy="9.5" r="1.2" fill="currentColor" />
      <circle cx="15.2" cy="9.5" r="1.2" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
type RatingValue = (typeof ratingOptions)[number]['value'];

const fileUrl = (token: string, id: number, inline: boolean) => `/api/public/track/${encodeURIComponent(token)}/attachments/${id}${inline ? '?inline=1' : ''}`;

/** Files on the tracking page: images as thumbnails that open full size, other files (PDF, HEIC) as links. */
function TrackFiles({ token, files, title, testId }: { token: string; files: TrackingView['attachments']; title: string; testId: string }) {
  return <PublicFiles files={files} title={title} testId={testId} urlOf={(id, inline) => fileUrl(token, id, inline)} />;
}

function RatingForm({ token, view, onRated }: { token: string; view: TrackingView; onRated: (v: TrackingView) => void }) {
  const [rating, setRating] = useState<RatingValue | null>(null);
  const [comment, setComment] = useState('');
  const [wantsRedo, setWantsRedo] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rate = useMutation({ mutationFn: (body: Parameters<typeof publicApi.rate>[1]) => publicApi.rate(token, body) });
  const busy = rate.isPending;
  const unsatisfied = rating === 'unsatisfied';

  const submit = async () => {
    if (!rating) return setError('请选择评价');
    if (unsatisfied && !comment.trim()) return setError('选择“不满意”时，请写明原因');
    setError(null);
    try {
      onRated(await rate.mutateAsync({ rating, comment: comment.trim(), wantsRedo: unsatisfied && wantsRedo }));
    } catch (e) {
      setError(failureText(e, '提交失败，请重试'));
    }
  };

  return (
    <section className="pub-card" data-testid="rating-form">
      <h2 className="pub-h2">请评价办理结果</h2>
      {view.ratingDeadline && <p className="pub-muted">请在 {fmtDate(view.ratingDeadline)} 前评价，逾期未评价将自动办结。</p>}
      <div className="pub-rating" role="radiogroup" aria-label="评价">
        {ratingOptions.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={rating === o.value} className={`pub-rating-opt${rating === o.value ? ' is-on' : ''}`}
            onClick={() => { setRating(o.value); setError(null); }} data-testid={`rate-${o.value}`}>
            <Face mouth={o.mouth} />{o.label}
          </button>
        ))}
      </div>
      <div className={`pub-field${error && unsatisfied && !comment.trim() ? ' pub-field-invalid' : ''}`}>
        <label className="pub-label" htmlFor="r-comment">评价说明{unsatisfied ? '' : <span className="pub-optional">（可选）</span>}</label>
        <textarea id="r-comment" className="pub-input pub-textarea" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)}
          placeholder={unsatisfied ? '请写明哪些问题没有解决' : '说说您的感受'} />
      </div>
      {unsatisfied && (
        view.canRequestRedo ? (
          <label className="pub-check">
            <input type="checkbox" checked={wantsRedo} onChange={(e) => setWantsRedo(e.target.checked)} data-testid="wants-redo" />
            <span>申请重新办理（每件问题可申请一次，由督办部门审核决定）</span>
          </label>
        ) : <p className="pub-muted">该问题已重新办理过一次，不能再次申请重办；督办部门会关注您的评价。</p>
      )}
      {error && <div className="pub-error" role="alert">{error}</div>}
      <button type="button" className="pub-btn pub-btn-primary pub-btn-block" disabled={busy} onClick={submit} data-testid="rate-submit">{busy ? '正在提交…' : '提交评价'}</button>
    </section>
  );
}

/** 办理进度 via the private link /p/track/:token: status, public timeline, reply and the rating. */
export default function TrackPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const trackKey = ['public', 'track', token];
  const { data: view, error: failure } = useQuery({ queryKey: trackKey, queryFn: () => publicApi.track(token) });
  const error = failure && { message: failureText(failure, '加载失败，请重试') };
  // The rating answers with the updated view: it replaces the cached one.
  const setView = (v: TrackingView) => qc.setQueryData(trackKey, v);
  // The token is in this page's address: never send it to another site as a Referer.
  useEffect(() => {
    const meta = document.createElement('meta');
    meta.name = 'referrer';
    meta.content = 'no-referrer';
    document.head.appendChild(meta);
    return () => meta.remove();
  }, []);

  if (error && !view) {
    return (
      <section className="pub-card" role="alert">
        <h2 className="pub-h2">无法打开</h2>
        <p>{error.message}</p>
        <Link className="pub-btn pub-btn-primary" to="/p/track">用受理编号查询</Link>
      </section>
    );
  }
  if (!view) return <div className="pub-loading">加载中…</div>;

  return (
    <div className="pub-stack" data-testid="track-page">
      <section className="pub-card">
        <div className="pub-row-between">
          <span className="pub-code-small">{view.code}</span>
          <span className={`pub-tag pub-tag-${view.status}`} data-testid="track-status">{view.statusLabel}</span>
        </div>
        <h1 className="pub-h1">{view.title}</h1>
        <dl className="pub-facts">
          <dt>问题类别</dt><dd>{view.categoryName}</dd>
          <dt>提交时间</dt><dd>{fmtTime(view.createdAt)}</dd>
          <dt>{view.closedAt ? '办理用时' : '已用时'}</dt><dd data-testid="elapsed">{view.elapsedWorkingDays} 个工作日</dd>
          {view.departments.length > 0 && <><dt>承办部门</dt><dd>{view.departments.join('、')}</dd></>}
          <dt>联系人</dt><dd>{view.submitterName} {view.submitterPhone}</dd>
        </dl>
        <details className="pub-details">
          <summary>问题描述</summary>
          <p className="pub-pre">{view.description}</p>
        </details>
        <TrackFiles token={token} files={view.attachments.filter((a) => a.kind === 'own')} title="您上传的附件" testId="track-own-files" />
      </section>

      {view.replyText && (
        <section className="pub-card" data-testid="track-reply">
          <h2 className="pub-h2">答复</h2>
          <p className="pub-pre">{view.replyText}</p>
          {view.repliedAt && <div className="pub-muted">{fmtTime(view.repliedAt)}</div>}
          <TrackFiles token={token} files={view.attachments.filter((a) => a.kind === 'reply')} title="答复附件" testId="track-reply-files" />
        </section>
      )}

      {view.canRate && <RatingForm token={token} view={view} onRated={setView} />}
      {view.rating && (
        <section className="pub-card" data-testid="track-rating">
          <h2 className="pub-h2">您的评价：{view.ratingLabel}</h2>
          {view.ratingComment && <p className="pub-pre">{view.ratingComment}</p>}
          {view.redoRequested && <p className="pub-muted">您已申请重新办理，督办部门将在审核后答复。</p>}
          {view.status === 'awaiting_rating' && !view.redoRequested && view.rating === 'unsatisfied' && <p className="pub-muted">督办部门将跟进您的意见。</p>}
          {view.status === 'closed' && <p className="pub-muted">感谢您的评价，该问题已办结。</p>}
        </section>
      )}

      <section className="pub-card">
        <h2 className="pub-h2">办理过程</h2>
        <ol className="pub-timeline" data-testid="track-timeline">
          {[...view.timeline].reverse().map((e, i) => (
            <li key={`${e.at}-${i}`} className={i === 0 ? 'is-latest' : ''}>
              <div className="pub-timeline-label">{e.label}{e.department && <span className="pub-timeline-dept"> · {e.department}</span>}</div>
              {e.text && <div className="pub-pre pub-muted">{e.text}</div>}
              <div className="pub-muted pub-small">{fmtTime(e.at)}</div>
            </li>
          ))}
        </ol>
      </section>
      <p className="pub-muted pub-small pub-center">此页面为您的私密查询链接，请勿转发给他人。</p>
    </div>
  );
}
