import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { replyClassLabels, suggestionKindLabels } from '../../../domain/suggestions/labels.js';
import { publicSuggestion } from '../../api/suggestions.js';
import { fmtDay } from '../board/board-api.js';
import '../board/board.css';

/** /p/suggestions/:id: one answered suggestion with its public reply letters; proposers' names masked. */
export default function SuggestionPage() {
  const id = Number(useParams().id);
  const { data: s, error } = useQuery({ queryKey: ['public', 'suggestion', id], queryFn: () => publicSuggestion(id) });
  if (error) {
    return (
      <div className="pub-stack">
        <Link className="bd-back" to="/p/suggestions">‹ 返回列表</Link>
        <div className="pub-card pub-error" role="alert">{error instanceof ApiError && error.status === 404 ? '该建议提案不存在或答复未公开' : error.message}</div>
      </div>
    );
  }
  if (!s) return <div className="pub-loading">加载中…</div>;
  return (
    <div className="pub-stack" data-testid="public-suggestion">
      <Link className="bd-back" to="/p/suggestions">‹ 返回列表</Link>
      <article className="pub-card">
        <div className="pub-row-between">
          <span className="pub-small">{suggestionKindLabels[s.kind]}</span>
          {s.class && <span className="bd-badge bd-badge-answered">{replyClassLabels[s.class]}</span>}
        </div>
        <h1 className="pub-h1">{s.title}</h1>
        <dl className="bd-facts">
          <dt>编号</dt><dd>{s.label}</dd>
          <dt>提出人</dt><dd>{s.proposers.join('、')}</dd>
          <dt>分类</dt><dd>{s.category}</dd>
        </dl>
      </article>
      {s.letters.map((l, i) => (
        <section className="pub-card" key={i}>
          <div className="pub-section-title">{l.departmentName}答复 · {l.docNumber}</div>
          <p className="pub-pre">{l.body}</p>
          <div className="pub-muted pub-small">{replyClassLabels[l.class]} · {fmtDay(l.sentAt, true)}</div>
        </section>
      ))}
    </div>
  );
}
