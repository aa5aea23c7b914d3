import { useQuery } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { zPublicStoryList } from '../../../contracts/indicators.js';
import { storyFigureLine } from '../../../domain/indicators/story.js';
import { publicClient } from '../../api/client.js';
import { usePublicSettings } from '../../api/settings.js';
import { fmtDay } from '../board/board-api.js';
import '../board/board.css';

type StoryList = z.infer<typeof zPublicStoryList>;

/** Published stories of the city's business environment (/p/stories): masked text, before and after (with figures and their units), units, photos. */
export default function StoriesPage() {
  const city = usePublicSettings();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const { data, error } = useQuery({
    queryKey: ['public', 'stories', query],
    queryFn: () => publicClient.get<StoryList>('/api/public/stories', query ? { q: query } : {}),
  });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery(q.trim());
  };
  return (
    <div className="pub-stack" data-testid="stories">
      <div className="pub-card">
        <h1 className="pub-h1">{city ? `${city.cityName}故事` : '营商故事'}</h1>
        <p className="pub-muted pub-small">优化营商环境的典型案例，个人和企业信息已隐去。</p>
        <form className="bd-search" onSubmit={search} role="search">
          <input className="pub-input" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="搜索故事，如：开户" aria-label="搜索故事" enterKeyHint="search" />
          <button className="pub-btn pub-btn-primary" type="submit">搜索</button>
        </form>
      </div>
      {error && <div className="pub-card pub-error" role="alert">{error.message}</div>}
      {!data && !error && <div className="pub-loading">加载中…</div>}
      {data && data.items.length === 0 && <div className="pub-card pub-muted pub-center">没有找到故事</div>}
      {data?.items.map((s) => (
        <article key={s.id} className="pub-card" data-testid="story">
          {s.indicatorName && <span className="bd-dept">{s.indicatorName}{s.fromReform ? ' · 改革举措' : ''}</span>}
          <h2 className="pub-h1">{s.title}</h2>
          {(s.beforeText || s.afterText || s.figures.length > 0) && (
            <dl className="bd-facts">
              {s.beforeText && <><dt>以前</dt><dd>{s.beforeText}</dd></>}
              {s.afterText && <><dt>现在</dt><dd><strong>{s.afterText}</strong></dd></>}
              {s.figures.map((f) => {
                const [label, change] = storyFigureLine(f).split('：');
                return <Fragment key={label}><dt>{label}</dt><dd data-testid="story-figure">{change}</dd></Fragment>;
              })}
            </dl>
          )}
          <p className="pub-pre">{s.body}</p>
          {s.photoIds.map((p) => <img key={p} src={`/api/public/stories/${s.id}/photos/${p}`} alt="" style={{ width: '100%', borderRadius: 8, marginTop: 8 }} loading="lazy" />)}
          <div className="pub-muted pub-small" style={{ marginTop: 8 }}>{s.departmentNames.join('、')}{s.departmentNames.length ? ' · ' : ''}{fmtDay(s.publishedAt)}</div>
        </article>
      ))}
    </div>
  );
}
