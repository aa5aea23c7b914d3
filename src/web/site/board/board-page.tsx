import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { boardApi, fmtDay, fmtMonth, ratingLabels, statusLabels } from './board-api.js';
import './board.css';

const filterKeys = ['status', 'departmentId', 'categoryId', 'districtId', 'month'] as const;

/** 公开栏 (/p/board): published problems, newest first, searchable and filterable; filters live in the URL. */
export default function BoardPage() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const key = params.toString();

  const { data: facets } = useQuery({ queryKey: ['public', 'board', 'facets'], queryFn: boardApi.facets });
  const list = useInfiniteQuery({
    queryKey: ['public', 'board', 'list', key],
    queryFn: ({ pageParam }) => {
      const next = new URLSearchParams(key);
      if (pageParam) next.set('cursor', pageParam);
      return boardApi.list(next);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const loading = list.isFetching;
  const error = list.error?.message ?? null;
  const cursor = list.hasNextPage;
  const more = () => void list.fetchNextPage();

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const search = (e: React.FormEvent) => {
    e.preventDefault();
    setFilter('q', q.trim());
  };
  const active = filterKeys.some((k) => params.get(k)) || !!params.get('q');

  return (
    <div className="pub-stack">
      <div className="pub-card">
        <h1 className="pub-h1">问题公开栏</h1>
        <p className="pub-muted pub-small">经诉求人同意并审核后公开，个人信息已隐去。<Link to="/p/stories">看营商故事 ›</Link></p>
        <form className="bd-search" onSubmit={search} role="search">
          <input className="pub-input" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="搜索问题，如：停车收费" aria-label="搜索问题" enterKeyHint="search" />
          <button className="pub-btn pub-btn-primary" type="submit">搜索</button>
        </form>
        <div className="bd-filters">
          <select className="pub-input" aria-label="办理状态" value={params.get('status') ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">全部状态</option>
            {Object.entries(statusLabels).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <select className="pub-input" aria-label="月份" value={params.get('month') ?? ''} onChange={(e) => setFilter('month', e.target.value)}>
            <option value="">全部月份</option>
            {facets?.months.map((m) => <option key={m} value={m}>{fmtMonth(m)}</option>)}
          </select>
          <select className="pub-input" aria-label="承办单位" value={params.get('departmentId') ?? ''} onChange={(e) => setFilter('departmentId', e.target.value)}>
            <option value="">全部单位</option>
            {facets?.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
          <select className="pub-input" aria-label="问题类别" value={params.get('categoryId') ?? ''} onChange={(e) => setFilter('categoryId', e.target.value)}>
            <option value="">全部类别</option>
            {facets?.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          <select className="pub-input" aria-label="区县" value={params.get('districtId') ?? ''} onChange={(e) => setFilter('districtId', e.target.value)}>
            <option value="">全部区县</option>
            {facets?.districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </div>
        {active && (
          <div className="bd-filter-note">
            <span className="pub-muted pub-small">{params.get('q') ? `“${params.get('q')}”的搜索结果` : '已筛选'}</span>
            <button type="button" className="pub-link-btn" onClick={() => { setQ(''); setParams(new URLSearchParams(), { replace: true }); }}>清除条件</button>
          </div>
        )}
      </div>

      {error && <div className="pub-card pub-error" role="alert">{error}</div>}
      {!error && !loading && items.length === 0 && <div className="bd-empty">没有符合条件的公开问题</div>}
      <ul className="bd-list" data-testid="board-list">
        {items.map((it) => (
          <li key={it.code}>
            <Link className="bd-item" to={`/p/board/${it.code}`}>
              <h2 className="bd-item-title">{it.title}</h2>
              <p className="bd-item-excerpt">{it.excerpt}</p>
              <div className="bd-meta">
                <span className={`bd-badge bd-badge-${it.status}`}>{statusLabels[it.status]}</span>
                <span>{it.categoryName}</span>
                {it.departmentName && <span>{it.departmentName}</span>}
                {it.districtName && <span>{it.districtName}</span>}
                <span>{fmtDay(it.createdAt)}</span>
                <span>{it.elapsedWorkingDays} 个工作日</span>
                {it.rating && <span className={`bd-rating bd-rating-${it.rating}`}>{ratingLabels[it.rating]}</span>}
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {loading && <div className="pub-loading">加载中…</div>}
      {!loading && cursor && (
        <button type="button" className="pub-btn pub-btn-block bd-more" onClick={more}>加载更多</button>
      )}
    </div>
  );
}
