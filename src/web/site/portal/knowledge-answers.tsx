import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { publicClient } from '../../api/client.js';
import type { z } from 'zod';
import type { zPublicKnowledgeHits } from '../../../contracts/knowledge.js';
import { failureText } from './api.js';

// 提交前先看看: public answers of the knowledge base matching what the visitor types, offered before a consultation
// is submitted. "这解答了我的问题" is counted, and nothing is submitted.

type Hits = z.infer<typeof zPublicKnowledgeHits>;

export function KnowledgeAnswers({ text }: { text: string }) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setSettled(text), 500);
    return () => clearTimeout(t);
  }, [text]);
  const q = settled.trim().slice(0, 500);
  const hits = useQuery({
    queryKey: ['public', 'knowledge', q], enabled: [...q].length >= 2,
    queryFn: () => publicClient.get<Hits>(`/api/public/knowledge?${new URLSearchParams({ q })}`),
  });
  const [answered, setAnswered] = useState<number | null>(null);
  const helpful = useMutation({
    mutationFn: (h: { id: number; version: number }) => publicClient.post<null>('/api/public/knowledge/helpful', { entryId: h.id, version: h.version }),
    onSuccess: (_r, h) => setAnswered(h.id),
  });
  const items = [...q].length >= 2 ? hits.data?.items ?? [] : [];
  if (answered !== null) {
    return (
      <section className="pub-card pub-hints" data-testid="knowledge-answered" aria-live="polite">
        <div className="pub-hint-title">很高兴已解答您的问题</div>
        <div className="pub-muted">本次无需提交诉求。如仍有疑问，可随时再次提交。</div>
        <p><Link to="/">返回首页</Link></p>
      </section>
    );
  }
  if (items.length === 0) return null;
  return (
    <section className="pub-card pub-hints" data-testid="knowledge-answers" aria-live="polite">
      <div className="pub-hint-title">提交前先看看，以下解答可能对您有帮助：</div>
      <ul className="pub-list">
        {items.slice(0, 3).map((h) => (
          <li key={h.id} className="pub-list-item" data-testid="knowledge-answer-item">
            <div className="pub-list-title">{h.question}</div>
            <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{h.answer}</div>
            <div className="pub-muted">{h.ownerUnitName}{h.basisNumber ? ` · 依据 ${h.basisTitle ? `《${h.basisTitle}》` : ''}${h.basisNumber}` : ''}</div>
            <button type="button" className="pub-btn" disabled={helpful.isPending} onClick={() => helpful.mutate(h)} data-testid="knowledge-helpful">
              这解答了我的问题
            </button>
          </li>
        ))}
      </ul>
      {helpful.isError && <div className="pub-error" role="alert">{failureText(helpful.error, '提交失败，请稍后再试')}</div>}
      <div className="pub-muted">没有解决？请继续填写并提交。</div>
    </section>
  );
}
