import { isRouteErrorResponse, Link, useLocation, useRouteError } from 'react-router-dom';

// What a citizen sees at an address the public site does not have (a mistyped or outdated link), and when a page
// fails to load: plain Chinese and the ways on, never the router's developer page.

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <section className="pub-card" data-testid="public-not-found">
      <h1 className="pub-h1">页面不存在</h1>
      <p className="pub-muted">您访问的地址（{pathname}）没有对应的页面，可能是链接输入有误或已经失效。</p>
      <p className="pub-muted">查询办理进度请使用提交后获得的查询链接，或在“查询进度”中用受理编号和手机号后四位找回。</p>
      <div className="pub-actions">
        <Link className="pub-btn pub-btn-primary" to="/p/submit">我要反映问题</Link>
        <Link className="pub-btn" to="/p/track">查询进度</Link>
        <Link className="pub-btn" to="/p/board">看公开栏</Link>
      </div>
    </section>
  );
}

/** The router's error element: a missing route reads as not found, anything else as a page that failed to open. */
export function PublicErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <div className="pub-main"><NotFoundPage /></div>;
  return (
    <div className="pub-main">
      <section className="pub-card" role="alert" data-testid="public-error">
        <h1 className="pub-h1">页面暂时打不开</h1>
        <p className="pub-muted">可能是网络不稳定或系统正在更新，请稍后刷新重试。</p>
        <div className="pub-actions">
          <a className="pub-btn pub-btn-primary" href="/p/submit">返回首页</a>
        </div>
      </section>
    </div>
  );
}
