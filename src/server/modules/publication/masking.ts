import { detectPersonalData, applySpans, maskName, type DetectedSpan, type KnownPersonalData } from '../../../domain/privacy/mask.js';
import type { CaseRow } from '../../db/schema.js';

// What the masking knows about one case: the submitter's name and phone, the enterprise (masked when the supervisor
// keeps the submitter's wish), and the supervisor's manual redactions. Every public text of the case goes through it.

export interface MaskChoices {
  redactions: string[];
  maskEnterprise: boolean;
}

export function knownOf(row: Pick<CaseRow, 'submitter_name' | 'submitter_phone' | 'enterprise_name'>, choices: MaskChoices, placePrefixes: readonly string[] = []): KnownPersonalData {
  return {
    names: [row.submitter_name],
    phones: [row.submitter_phone],
    enterpriseName: row.enterprise_name,
    maskEnterprise: choices.maskEnterprise,
    redactions: choices.redactions,
    placePrefixes,
  };
}

/** The default for a new candidate: the enterprise name is masked unless the submitter let their name be shown. */
export function defaultChoices(row: Pick<CaseRow, 'is_name_public'>): MaskChoices {
  return { redactions: [], maskEnterprise: !row.is_name_public };
}

export function maskWithSpans(text: string, known: KnownPersonalData): { original: string; masked: string; spans: Omit<DetectedSpan, 'text'>[] } {
  const spans = detectPersonalData(text, known);
  return { original: text, masked: applySpans(text, spans), spans: spans.map(({ start, end, kind, replacement }) => ({ start, end, kind, replacement })) };
}

export function maskText(text: string, known: KnownPersonalData): string {
  return applySpans(text, detectPersonalData(text, known));
}

/** The name the board shows when the submitter allowed it: masked all the same (张*). */
export function publicNameOf(row: Pick<CaseRow, 'submitter_name'>): string {
  return maskName(row.submitter_name);
}

/** Whether the case has a reply the supervision office approved (the only reply that may go public). */
export function hasApprovedReply(row: Pick<CaseRow, 'reply_approved_at' | 'reply_text' | 'status'>): boolean {
  return !!row.reply_text && !!row.reply_approved_at && (row.status === 'awaiting_rating' || row.status === 'closed');
}
