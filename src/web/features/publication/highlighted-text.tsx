import { Tooltip } from 'antd';
import type { PublicationDetail } from '../../../contracts/publication.js';
import { personalDataLabels } from '../../../contracts/publication.js';

type Masked = PublicationDetail['auto']['title'];

const colors: Record<string, string> = {
  name: '#fde68a', mobile: '#fecaca', landline: '#fecaca', id_card: '#fca5a5', email: '#bfdbfe', plate: '#ddd6fe', bank_card: '#fca5a5',
  house_number: '#bbf7d0', enterprise: '#fed7aa', account: '#bfdbfe', redaction: '#e5e7eb',
};

/** The original text with what the masking found marked, each mark saying what it is and what replaces it. */
export function HighlightedText({ value }: { value: Masked }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  value.spans.forEach((s, i) => {
    if (s.start > at) parts.push(value.original.slice(at, s.start));
    parts.push(
      <Tooltip key={i} title={`${personalDataLabels[s.kind]} → ${s.replacement}`}>
        <mark data-kind={s.kind} style={{ background: colors[s.kind], padding: '0 2px', borderRadius: 3 }}>{value.original.slice(s.start, s.end)}</mark>
      </Tooltip>,
    );
    at = s.end;
  });
  parts.push(value.original.slice(at));
  return <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.8 }}>{parts}</div>;
}
