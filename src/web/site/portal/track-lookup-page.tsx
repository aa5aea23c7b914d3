import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { failureText, fmtDate, publicApi, savedLinks } from './api.js';

/** 查询进度 (/p/track): the tracking code plus the last four digits of the contact phone open a new private link. */
export default function TrackLookupPage() {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [last4, setLast4] = useState('');
  const [errors, setErrors] = useState<{ code?: string; last4?: string; form?: string }>({});
  const lookup = useMutation({ mutationFn: (v: { code: string; last4: string }) => publicApi.lookup(v.code, v.last4) });
  const busy = lookup.isPending;
  const mine = savedLinks();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const next: typeof errors = {};
    if (!/^YW\d{8}-[0-9A-Z]{8}$/.test(c)) next.code = '受理编号格式为 YW + 8 位日期 + “-” + 8 位字母数字，如 YW20261126-7K3QZP2M';
    if (!/^\d{4}$/.test(last4.trim())) next.last4 = '请填写提交时所留手机号码的后四位数字';
    setErrors(next);
    if (next.code || next.last4) return;
    try {
      const r = await lookup.mutateAsync({ code: c, last4: last4.trim() });
      navigate(r.trackingUrl);
    } catch (err) {
      setErrors({ form: failureText(err, '查询失败，请重试') });
    }
  };

  return (
    <div className="pub-stack">
      <form className="pub-card" onSubmit={submit} noValidate data-testid="lookup-form">
        <h1 className="pub-h1">查询办理进度</h1>
        <p className="pub-muted">凭受理编号和联系电话后四位查询；提交成功后收到的查询链接也可直接打开。</p>
        <div className={`pub-field${errors.code ? ' pub-field-invalid' : ''}`}>
          <label className="pub-label" htmlFor="l-code">受理编号</label>
          <input id="l-code" className="pub-input pub-mono" value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} placeholder="YW20261126-XXXXXXXX" autoCapitalize="characters" spellCheck={false} />
          {errors.code && <div className="pub-error" role="alert">{errors.code}</div>}
        </div>
        <div className={`pub-field${errors.last4 ? ' pub-field-invalid' : ''}`}>
          <label className="pub-label" htmlFor="l-last4">手机号后四位</label>
          <input id="l-last4" className="pub-input pub-mono" value={last4} onChange={(e) => setLast4(e.target.value.replace(/\D/g, '').slice(0, 4))} inputMode="numeric" maxLength={4} />
          {errors.last4 && <div className="pub-error" role="alert">{errors.last4}</div>}
        </div>
        {errors.form && <div className="pub-error" role="alert">{errors.form}</div>}
        <button type="submit" className="pub-btn pub-btn-primary pub-btn-block" disabled={busy}>{busy ? '查询中…' : '查询'}</button>
      </form>
      {mine.length > 0 && (
        <section className="pub-card">
          <h2 className="pub-h2">本机提交记录</h2>
          <ul className="pub-list">
            {mine.map((l) => (
              <li key={l.code} className="pub-list-item">
                <Link to={`/p/track/${l.token}`} className="pub-list-title">{l.title || l.code}</Link>
                <div className="pub-muted">{l.code} · {fmtDate(l.at)}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
