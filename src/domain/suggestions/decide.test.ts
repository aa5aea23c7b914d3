import { describe, expect, it } from 'vitest';
import { addMonthsEndOfDay, daysLeft } from './deadline.js';
import { allowedSuggestionActions, decideSuggestion, type SuggestionSnapshot } from './decide.js';

const now = new Date('2026-03-31T10:00:00+08:00');
const base: SuggestionSnapshot = {
  status: 'handling', round: 1, assignedAt: new Date('2026-01-05T09:00:00+08:00'), replyDeadline: new Date('2026-04-05T23:59:59.999+08:00'),
  extensionState: 'none', proposerUserIds: [7], units: [{ departmentId: 1, role: 'lead', signedAt: now }, { departmentId: 2, role: 'co', signedAt: now }],
  metThisRound: [], letters: [],
};
const lead = { userId: 3, departmentId: 1, isSupervisor: false };

describe('suggestion limits and rules', () => {
  it.each([
    ['2026-03-31T10:00:00+08:00', 3, '2026-06-30T23:59:59.999+08:00'],
    ['2026-11-30T08:00:00+08:00', 3, '2027-02-28T23:59:59.999+08:00'],
    ['2026-01-05T09:00:00+08:00', 6, '2026-07-05T23:59:59.999+08:00'],
  ])('%s + %i months ends on %s (Beijing)', (from, months, to) => {
    expect(addMonthsEndOfDay(new Date(from), months).toISOString()).toBe(new Date(to).toISOString());
  });

  it('counts days left on Beijing dates', () => {
    expect(daysLeft(now, base.replyDeadline!)).toBe(5);
  });

  it('refuses a reply without 见面沟通, and a rating by anyone but a proposer', () => {
    expect(decideSuggestion(base, { type: 'reply', letterId: 1, docNumber: 'x', class: 'A', promise: null, promiseDue: null }, lead, now)).toEqual({ ok: false, code: 'SUGGESTION_MEETING_REQUIRED' });
    const waiting = { ...base, status: 'awaiting_rating' as const };
    expect(decideSuggestion(waiting, { type: 'rate', rating: 'satisfied', comment: '' }, lead, now)).toEqual({ ok: false, code: 'SUGGESTION_NOT_PROPOSER' });
    expect(allowedSuggestionActions(waiting, { userId: 7, departmentId: 99, isSupervisor: false }, now)).toEqual(['rate']);
  });

  it('accepts a late reply marked late and waits for the co-unit', () => {
    const met = { ...base, metThisRound: [1] };
    const late = new Date('2026-04-06T09:00:00+08:00');
    const d = decideSuggestion(met, { type: 'reply', letterId: 9, docNumber: '衡函〔2026〕1号', class: 'A', promise: null, promiseDue: null }, lead, late);
    expect(d).toMatchObject({ ok: true, lettersSent: [], patch: { status: 'countersigning', is_late: true, class: 'A' } });
  });

  it('gives one re-handling round after 不满意, then the rating is final', () => {
    const waiting = { ...base, status: 'awaiting_rating' as const };
    const proposer = { userId: 7, departmentId: 99, isSupervisor: false };
    expect(decideSuggestion(waiting, { type: 'rate', rating: 'unsatisfied', comment: '' }, proposer, now)).toEqual({ ok: false, code: 'SUGGESTION_RATING_COMMENT_REQUIRED' });
    expect(decideSuggestion(waiting, { type: 'rate', rating: 'unsatisfied', comment: '没解决' }, proposer, now)).toMatchObject({ ok: true, patch: { status: 'handling', round: 2 } });
    expect(decideSuggestion({ ...waiting, round: 2 }, { type: 'rate', rating: 'unsatisfied', comment: '没解决' }, proposer, now)).toMatchObject({ ok: true, patch: { status: 'closed' } });
  });
});
