import { useEffect, useRef, useState } from 'react';
import { attachmentLimits } from '../../../contracts/portal.js';
import { failureText, publicApi } from './api.js';

export interface PickedFile {
  id: number;
  name: string;
  size: number;
  /** Object URL for an image preview (revoked when removed). */
  preview: string | null;
  state: 'uploading' | 'done' | 'failed';
  token?: string;
  error?: string;
}

const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
let nextId = 1;

/**
 * Files are uploaded one by one as soon as they are picked (each gets a token), so a slow mobile network shows
 * progress per file, a refused file is explained at once, and the final submission is a small JSON request.
 * The server decides the type from the content; the checks here only save a pointless upload.
 */
export function AttachmentPicker({ files, onChange, error }: { files: PickedFile[]; onChange: (f: (prev: PickedFile[]) => PickedFile[]) => void; error?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => () => files.forEach((f) => f.preview && URL.revokeObjectURL(f.preview)), []);

  const add = (list: FileList | null) => {
    if (!list?.length) return;
    const room = attachmentLimits.maxFiles - files.length;
    const picked = [...list].slice(0, Math.max(0, room));
    setNotice(list.length > room ? `附件最多 ${attachmentLimits.maxFiles} 个，多出的 ${list.length - Math.max(0, room)} 个未添加` : null);
    for (const file of picked) {
      const id = nextId++;
      const tooBig = file.size > attachmentLimits.maxBytes;
      const entry: PickedFile = {
        id, name: file.name, size: file.size, state: tooBig ? 'failed' : 'uploading',
        preview: file.type.startsWith('image/') && !tooBig ? URL.createObjectURL(file) : null,
        error: tooBig ? '单个附件不能超过 10 MB' : undefined,
      };
      onChange((prev) => [...prev, entry]);
      if (tooBig) continue;
      publicApi.upload(file)
        .then((r) => onChange((prev) => prev.map((f) => (f.id === id ? { ...f, state: 'done', token: r.token, name: r.fileName } : f))))
        .catch((e: unknown) => onChange((prev) => prev.map((f) => (f.id === id ? { ...f, state: 'failed', error: failureText(e, '上传失败，请重试') } : f))));
    }
    if (input.current) input.current.value = '';
  };

  const remove = (id: number) => onChange((prev) => {
    const f = prev.find((x) => x.id === id);
    if (f?.preview) URL.revokeObjectURL(f.preview);
    return prev.filter((x) => x.id !== id);
  });

  return (
    <div className="pub-field" data-field="attachments">
      <div className="pub-label">附件<span className="pub-optional">（可选，图片或 PDF，最多 10 个，每个不超过 10 MB）</span></div>
      {files.length > 0 && (
        <ul className="pub-files" data-testid="attachment-list">
          {files.map((f) => (
            <li key={f.id} className={`pub-file pub-file-${f.state}`} data-testid="attachment-item">
              {f.preview ? <img src={f.preview} alt="" className="pub-thumb" /> : <span className="pub-thumb pub-thumb-doc">{f.name.toLowerCase().endsWith('.pdf') ? 'PDF' : '文件'}</span>}
              <div className="pub-file-main">
                <div className="pub-file-name">{f.name}</div>
                <div className={f.state === 'failed' ? 'pub-error' : 'pub-muted'}>
                  {f.state === 'uploading' ? '上传中…' : f.state === 'done' ? `已上传 · ${fmtSize(f.size)}` : f.error}
                </div>
              </div>
              <button type="button" className="pub-link-btn" onClick={() => remove(f.id)} aria-label={`删除 ${f.name}`}>删除</button>
            </li>
          ))}
        </ul>
      )}
      {files.length < attachmentLimits.maxFiles && (
        <label className="pub-upload">
          <input ref={input} type="file" multiple accept="image/*,application/pdf,.pdf" onChange={(e) => add(e.target.files)} data-testid="attachment-input" />
          <span>＋ 添加照片或 PDF</span>
        </label>
      )}
      {notice && <div className="pub-error">{notice}</div>}
      {error && <div className="pub-error" role="alert">{error}</div>}
    </div>
  );
}
