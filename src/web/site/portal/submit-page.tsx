import { useMutation, useQuery } from '@tanstack/react-query';
import { KnowledgeAnswers } from './knowledge-answers.js';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { validateSubmission, type FieldError, type PublicSimilarCase, type SubmissionField, type SubmissionResponse } from '../../../contracts/portal.js';
import { AttachmentPicker, type PickedFile } from './attachment-picker.js';
import { caseKinds } from '../../../domain/case/status.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { failureText, portalFieldErrors, publicApi, saveLink } from './api.js';

interface Form {
  categoryId: string;
  title: string;
  description: string;
  districtId: string;
  address: string;
  enterpriseName: string;
  enterpriseCreditCode: string;
  submitterName: string;
  submitterPhone: string;
  isPublic: boolean;
  isNamePublic: boolean;
  caseType: string;
}

// Consent to publication starts unchecked: the submitter decides, nothing is decided for them.
export const emptySubmission: Form = {
  categoryId: '', title: '', description: '', districtId: '', address: '', enterpriseName: '', enterpriseCreditCode: '',
  submitterName: '', submitterPhone: '', isPublic: false, isNamePublic: false, caseType: '',
};
const empty = emptySubmission;
const typeOptions = caseKinds.map((k) => ({ value: k, label: caseTypeLabels[k] }));

function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

function Field({ label, optional, error, htmlFor, children, hint, field }: { label: string; optional?: boolean; error?: string; htmlFor: string; children: ReactNode; hint?: ReactNode; field: SubmissionField }) {
  return (
    <div className={`pub-field${error ? ' pub-field-invalid' : ''}`} data-field={field}>
      <label className="pub-label" htmlFor={htmlFor}>{label}{optional && <span className="pub-optional">（可选）</span>}</label>
      {children}
      {hint && !error && <div className="pub-muted pub-hint">{hint}</div>}
      {error && <div className="pub-error" role="alert" id={`${htmlFor}-error`}>{error}</div>}
    </div>
  );
}

/** Similar open problems and the likely department, fetched while the submitter types (debounced). */
function useHints(text: string, categoryId: string, districtId: string) {
  const t = text.trim();
  const askable = [...t].length >= 10 && !!categoryId;
  const body = { text: t.slice(0, 3000), categoryId: Number(categoryId), districtId: districtId ? Number(districtId) : undefined };
  // Asks once the submitter paused typing for 600 ms.
  const key = JSON.stringify(body);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), 600);
    return () => clearTimeout(timer);
  }, [key]);
  const asked = JSON.parse(settled) as typeof body;
  const ready = askable && [...asked.text].length >= 10 && !!asked.categoryId;
  const similar = useQuery({ queryKey: ['public', 'similar', settled], queryFn: () => publicApi.similar(asked), enabled: ready });
  const hint = useQuery({ queryKey: ['public', 'route-hint', settled], queryFn: () => publicApi.routeHint(asked), enabled: ready });
  if (!askable) return { similar: [], departments: null };
  return {
    similar: similar.data?.items ?? [],
    departments: hint.data ? hint.data.departments.map((d) => d.name) : hint.isError ? [] : null,
  };
}

function Hints({ similar, departments }: { similar: PublicSimilarCase[]; departments: string[] | null }) {
  if (departments === null && similar.length === 0) return null;
  return (
    <section className="pub-card pub-hints" data-testid="submit-hints" aria-live="polite">
      {departments !== null && (
        <div className="pub-hint-row" data-testid="department-hint">
          <span className="pub-muted">预计承办：</span>
          {departments.length ? <strong>{departments.join('、')}</strong> : <span>由 12345 受理中心分派到责任部门</span>}
        </div>
      )}
      {similar.length > 0 && (
        <div data-testid="similar-hint">
          <div className="pub-hint-title">已有相似问题正在办理，您可以先看看：</div>
          <ul className="pub-list">
            {similar.map((s, i) => (
              <li key={s.code ?? `n${i}`} className="pub-list-item">
                <div className="pub-list-title">{s.code ? <Link to={`/p/board/${s.code}`}>{s.title}</Link> : s.title}</div>
                <div className="pub-muted">
                  <span className={`pub-tag pub-tag-${s.status}`}>{s.statusLabel}</span> {s.departmentName ?? '待分派'} · {s.date}
                </div>
              </li>
            ))}
          </ul>
          <div className="pub-muted">如果是同一件事，可不必重复提交；仍可继续提交。</div>
        </div>
      )}
    </section>
  );
}

function Done({ result, onAnother }: { result: SubmissionResponse; onAnother: () => void }) {
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}${result.trackingUrl}`;
  const copy = () => navigator.clipboard?.writeText(link).then(() => setCopied(true)).catch(() => setCopied(false));
  return (
    <section className="pub-card pub-done" data-testid="submit-done">
      <div className="pub-done-icon" aria-hidden>✓</div>
      <h2 className="pub-h2">提交成功</h2>
      <p>您的受理编号</p>
      <div className="pub-code" data-testid="tracking-code">{result.code}</div>
      <p className="pub-muted">请保存下面的查询链接，凭它查看办理进度并在办结后评价。也可以在“查询进度”用受理编号和手机号后四位找回。</p>
      <div className="pub-link-box" data-testid="tracking-link">{link}</div>
      <div className="pub-actions">
        <Link className="pub-btn pub-btn-primary" to={result.trackingUrl} data-testid="open-tracking">查看办理进度</Link>
        <button type="button" className="pub-btn" onClick={copy}>{copied ? '已复制' : '复制链接'}</button>
      </div>
      <button type="button" className="pub-link-btn" onClick={onAnother}>再反映一个问题</button>
    </section>
  );
}

/** 我要反映: the phone-first submission form (/p/submit). */
export default function SubmitPage() {
  const categories = useQuery({ queryKey: ['public', 'categories'], queryFn: publicApi.categories, staleTime: Infinity });
  const meta = categories.data;
  const loadError = categories.error ? failureText(categories.error, '加载失败，请刷新重试') : null;
  const [form, setForm] = useState<Form>(empty);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const send = useMutation({ mutationFn: (v: { body: Parameters<typeof publicApi.submit>[0]; key: string }) => publicApi.submit(v.body, v.key) });
  const submitting = send.isPending;
  const [result, setResult] = useState<SubmissionResponse | null>(null);
  // One key per filled-in form: a double click or a retry after a network error creates one case.
  const key = useRef(newKey());
  const formRef = useRef<HTMLFormElement>(null);

  const groups = useMemo(() => {
    if (!meta) return [];
    const parents = meta.categories.filter((c) => c.parentId == null);
    return parents.map((p) => ({ parent: p, children: meta.categories.filter((c) => c.parentId === p.id) })).filter((g) => g.children.length);
  }, [meta]);

  const { similar, departments } = useHints(form.description, form.categoryId, form.districtId);
  // The type follows the chosen category's kind until the submitter picks one.
  const typeTouched = useRef(false);
  const onCategory = (value: string) => {
    set('categoryId', value);
    const cat = meta?.categories.find((c) => String(c.id) === value);
    // A type the new category does not take is replaced by the category's own.
    const refused = !!cat?.acceptedKinds.length && !!form.caseType && !cat.acceptedKinds.includes(form.caseType);
    if ((!typeTouched.current || refused) && cat && (caseKinds as readonly string[]).includes(cat.kind)) setForm((f) => ({ ...f, caseType: cat.kind }));
  };
  // 受理类型: only the types the chosen category takes are offered.
  const accepted = meta?.categories.find((c) => String(c.id) === form.categoryId)?.acceptedKinds ?? [];
  const offeredTypes = accepted.length ? typeOptions.filter((o) => accepted.includes(o.value)) : typeOptions;
  const errorOf = (field: SubmissionField) => errors.find((e) => e.field === field)?.message;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    // A corrected field loses its message at once; the rest stay until the next submit.
    setErrors((list) => list.filter((e) => e.field !== k && !(k === 'enterpriseCreditCode' && e.field === 'enterpriseName')));
  };

  const body = () => ({
    categoryId: form.categoryId ? Number(form.categoryId) : null,
    title: form.title, description: form.description, districtId: form.districtId ? Number(form.districtId) : null,
    address: form.address, enterpriseName: form.enterpriseName, enterpriseCreditCode: form.enterpriseCreditCode,
    submitterName: form.submitterName, submitterPhone: form.submitterPhone, isPublic: form.isPublic, isNamePublic: form.isPublic && form.isNamePublic,
    attachments: files.filter((f) => f.state === 'done' && f.token).map((f) => f.token!),
    caseType: form.caseType || null,
  });

  const focusFirstError = (list: FieldError[]) => {
    const first = list[0];
    if (!first) return;
    const el = formRef.current?.querySelector<HTMLElement>(`[data-field="${first.field}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el?.querySelector<HTMLElement>('input, select, textarea')?.focus({ preventScroll: true });
  };

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    setFormError(null);
    const { errors: found } = validateSubmission(body());
    if (files.some((f) => f.state === 'uploading')) return setFormError('附件还在上传，请稍候再提交');
    if (files.some((f) => f.state === 'failed')) found.push({ field: 'attachments', code: 'ATTACHMENT_UNKNOWN', message: '有附件未能上传，请删除后重新添加' });
    if (found.length) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    try {
      const r = await send.mutateAsync({ body: body(), key: key.current });
      saveLink({ code: r.code, token: r.trackingToken, title: form.title.trim() || form.description.trim().slice(0, 30), at: new Date().toISOString() });
      setResult(r);
      window.scrollTo({ top: 0 });
    } catch (err) {
      const fields = portalFieldErrors(err);
      if (fields.length) {
        setErrors(fields);
        focusFirstError(fields);
      } else setFormError(failureText(err, '提交失败，请重试'));
    }
  };

  const reset = () => {
    setForm(empty);
    setFiles([]);
    setErrors([]);
    setResult(null);
    typeTouched.current = false;
    key.current = newKey();
  };

  if (result) return <Done result={result} onAnother={reset} />;
  if (loadError) return <div className="pub-card pub-error" role="alert">{loadError}</div>;

  const descLen = [...form.description.trim()].length;
  return (
    <form ref={formRef} className="pub-form" onSubmit={onSubmit} noValidate data-testid="submit-form">
      <section className="pub-card">
        <h1 className="pub-h1">反映营商环境问题</h1>
        <p className="pub-muted">无需注册。提交后获得受理编号和查询链接，部门办理后请您评价。</p>
      </section>

      <section className="pub-card">
        <Field label="问题类别" htmlFor="f-category" error={errorOf('categoryId')} field="categoryId">
          <select id="f-category" className="pub-input" value={form.categoryId} onChange={(e) => onCategory(e.target.value)} disabled={!meta}>
            <option value="">{meta ? '请选择' : '加载中…'}</option>
            {groups.map((g) => (
              <optgroup key={g.parent.id} label={g.parent.name}>
                {g.children.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="诉求类型" htmlFor="f-type" error={errorOf('caseType')} field="caseType" hint="咨询、求助、投诉等类型的答复时限不同">
          <select id="f-type" className="pub-input" value={form.caseType} onChange={(e) => { typeTouched.current = true; set('caseType', e.target.value); }} data-testid="submit-case-type">
            <option value="">请选择（默认随问题类别）</option>
            {offeredTypes.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </Field>
        <Field label="问题描述" htmlFor="f-description" error={errorOf('description')} field="description" hint={`${descLen}/2000 字，请写清时间、地点、经过和诉求`}>
          <textarea id="f-description" className="pub-input pub-textarea" rows={6} value={form.description} onChange={(e) => set('description', e.target.value)} placeholder="例如：我公司 10 月提交的施工许可申请，超过法定时限仍未办结……" />
        </Field>
        <Field label="标题" optional htmlFor="f-title" error={errorOf('title')} field="title" hint="不填写时取问题描述的第一句">
          <input id="f-title" className="pub-input" value={form.title} onChange={(e) => set('title', e.target.value)} maxLength={60} />
        </Field>
      </section>

      <KnowledgeAnswers text={`${form.title} ${form.description}`} />
      <Hints similar={similar} departments={departments} />

      <section className="pub-card">
        <Field label="所在区县" optional htmlFor="f-district" error={errorOf('districtId')} field="districtId">
          <select id="f-district" className="pub-input" value={form.districtId} onChange={(e) => set('districtId', e.target.value)}>
            <option value="">请选择</option>
            {meta?.districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
          </select>
        </Field>
        <Field label="详细地址" optional htmlFor="f-address" error={errorOf('address')} field="address">
          <input id="f-address" className="pub-input" value={form.address} onChange={(e) => set('address', e.target.value)} placeholder="街道、路名或园区" />
        </Field>
      </section>

      <section className="pub-card">
        <div className="pub-section-title">企业信息<span className="pub-optional">（以企业名义反映时填写）</span></div>
        <Field label="企业名称" optional htmlFor="f-enterprise" error={errorOf('enterpriseName')} field="enterpriseName">
          <input id="f-enterprise" className="pub-input" value={form.enterpriseName} onChange={(e) => set('enterpriseName', e.target.value)} autoComplete="organization" />
        </Field>
        <Field label="统一社会信用代码" optional htmlFor="f-credit" error={errorOf('enterpriseCreditCode')} field="enterpriseCreditCode" hint="18 位，见营业执照">
          <input id="f-credit" className="pub-input pub-mono" value={form.enterpriseCreditCode} onChange={(e) => set('enterpriseCreditCode', e.target.value.toUpperCase())} maxLength={22} autoCapitalize="characters" spellCheck={false} />
        </Field>
      </section>

      <section className="pub-card">
        <div className="pub-section-title">联系方式<span className="pub-optional">（仅承办部门可见，公开时脱敏）</span></div>
        <Field label="联系人" htmlFor="f-name" error={errorOf('submitterName')} field="submitterName">
          <input id="f-name" className="pub-input" value={form.submitterName} onChange={(e) => set('submitterName', e.target.value)} autoComplete="name" />
        </Field>
        <Field label="手机号码" htmlFor="f-phone" error={errorOf('submitterPhone')} field="submitterPhone">
          <input id="f-phone" className="pub-input" type="tel" inputMode="tel" value={form.submitterPhone} onChange={(e) => set('submitterPhone', e.target.value)} autoComplete="tel" placeholder="11 位手机号或带区号的固定电话" />
        </Field>
      </section>

      <section className="pub-card">
        <AttachmentPicker files={files} onChange={(f) => { setFiles(f); setErrors((l) => l.filter((e) => e.field !== 'attachments')); }} error={errorOf('attachments')} />
      </section>

      <section className="pub-card">
        <label className="pub-check">
          <input type="checkbox" checked={form.isPublic} onChange={(e) => set('isPublic', e.target.checked)} data-testid="consent-public" />
          <span>同意在“并网公开”栏公开此问题及办理结果（经审核，电话、证件号等个人信息自动脱敏）</span>
        </label>
        <label className={`pub-check${form.isPublic ? '' : ' pub-check-disabled'}`}>
          <input type="checkbox" checked={form.isPublic && form.isNamePublic} disabled={!form.isPublic} onChange={(e) => set('isNamePublic', e.target.checked)} data-testid="consent-name" />
          <span>公开时显示我的姓名（仅显示姓氏，如“{form.submitterName.trim() ? [...form.submitterName.trim()][0] : '张'}**”）</span>
        </label>
      </section>

      {formError && <div className="pub-card pub-error" role="alert">{formError}</div>}
      {errors.length > 0 && <div className="pub-error pub-error-summary" role="alert">有 {errors.length} 处需要修改，请查看标红的内容</div>}
      <button type="submit" className="pub-btn pub-btn-primary pub-btn-block" disabled={submitting || !meta} data-testid="submit-button">
        {submitting ? '正在提交…' : '提交'}
      </button>
    </form>
  );
}
