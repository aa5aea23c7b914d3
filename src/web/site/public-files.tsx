// A list of files on a public page (tracking page, public board): a thumbnail for an image, a PDF mark otherwise.

export interface PublicFile {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}

export const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const previewable = (mime: string) => mime.startsWith('image/') && mime !== 'image/heic' && mime !== 'image/heif';

export function PublicFiles({ files, title, testId, urlOf }: { files: PublicFile[]; title: string; testId: string; urlOf: (id: number, inline: boolean) => string }) {
  if (files.length === 0) return null;
  return (
    <div className="pub-files" data-testid={testId}>
      <h3 className="pub-h3">{title}（{files.length}）</h3>
      <ul className="pub-file-list">
        {files.map((f) => (
          <li key={f.id}>
            <a href={urlOf(f.id, true)} target="_blank" rel="noopener noreferrer" className="pub-file">
              {previewable(f.mime)
                ? <img src={urlOf(f.id, true)} alt={f.fileName} className="pub-file-thumb" loading="lazy" />
                : <span className="pub-file-icon" aria-hidden>PDF</span>}
              <span className="pub-file-name">{f.fileName}</span>
              <span className="pub-muted pub-small">{fmtSize(f.size)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
