import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { replyClassLabels, suggestionKindLabels } from '../../../domain/suggestions/labels.js';
import { publicSuggestions } from '../../api/suggestions.js';
import { fmtDay } from '../board/board-api.js';
import '../board/board.css';

/** /p/suggestions: answered deputies' suggestions and CPPCC proposals that are public, newest first. */
export default function SuggestionsPage() {
  const [page, setPage] = useState(1);
  const { data, error } = useQuery({ queryKey: ['public', 'suggestions', page], queryFn: () => publicSuggestions(page) });
  if (error) return <div className="pub-card pub-error" role="alert">{error.message}</div>;
  if (!data) return <div className="pub-loading">加载中…</div>;
  const pages = Math.max(1, Math.ceil(data.total / 20));
  return (
    <div className="pub-stack" data-testid="public-suggestions">
      <div className="pub-card">
        <h1 className="pub-h1">建议提案办理答复</h1>
        <p className="pub-muted pub-small">公开的人大代表建议、政协提案答复，共 {data.total} 件。</p>
      </div>
      {data.items.length === 0 && <div className="pub-card pub-muted">暂无公开的答复。</div>}
      {data.items.map((s) => (
        <Link key={s.id} to={`/p/suggestions/${s.id}`} className="pub-card bd-item" style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}>
          <div className="pub-row-between">
            <span className="pub-small">{suggestionKindLabels[s.kind]}</span>
            {s.class && <span className="bd-badge bd-badge-answered">{replyClassLabels[s.class]}</span>}
          </div>
          <div style={{ fontWeight: 600, margin: '6px 0' }}>{s.title}</div>
          <div className="pub-muted pub-small">{s.label} · {s.proposers.join('、')}</div>
          <div className="pub-muted pub-small">{s.departments.join('、')}{s.sentAt ? ` · ${fmtDay(s.sentAt, true)}答复` : ''}</div>
        </Link>
      ))}
      {pages > 1 && (
        <div className="pub-row-between">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</button>
          <span className="pub-small">{page} / {pages}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>下一页</button>
        </div>
      )}
    </div>
  );
}
