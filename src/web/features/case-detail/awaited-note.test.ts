import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../../contracts/cases.js';
import { awaitedOpinionNote } from './awaited-note.js';

const base: Assignment = {
  id: 1, departmentId: 10, departmentName: '市住建局', role: 'lead', round: 1, status: 'signed', dispatchedAt: '2026-12-01T01:00:00.000Z',
  signDeadline: '2026-12-02T09:30:00.000Z', signedAt: '2026-12-01T02:00:00.000Z', opinionDeadline: null, opinion: null, opinionAt: null,
  replyDeadline: '2026-12-20T09:30:00.000Z', returnReason: null, returnBasis: null, returnRequestedAt: null, parentAssignmentId: null,
};
const co = (patch: Partial<Assignment>): Assignment => ({ ...base, id: 2, departmentId: 11, departmentName: '市市场监管局', role: 'co', ...patch });
const now = new Date('2026-12-03T02:00:00.000Z');

describe('awaitedOpinionNote: the lead is told what its reply waits for', () => {
  it('names the co-handler and its opinion deadline in Beijing time', () => {
    const note = awaitedOpinionNote({ status: 'handling', round: 1, assignments: [base, co({ opinionDeadline: '2026-12-04T09:30:00.000Z' })] }, now);
    expect(note).toContain('市市场监管局');
    expect(note).toContain('意见期限 2026-12-04 17:30');
    expect(note).toContain('须等待协办意见');
  });
  it('says a co-handler has not signed yet', () => {
    const note = awaitedOpinionNote({ status: 'handling', round: 1, assignments: [base, co({ status: 'pending', signedAt: null })] }, now);
    expect(note).toContain('尚未签收');
  });
  it('is silent once the opinion is given or its deadline passed (the reply is allowed)', () => {
    expect(awaitedOpinionNote({ status: 'handling', round: 1, assignments: [base, co({ opinionAt: '2026-12-02T02:00:00.000Z', opinion: '同意' })] }, now)).toBeNull();
    expect(awaitedOpinionNote({ status: 'handling', round: 1, assignments: [base, co({ opinionDeadline: '2026-12-02T09:30:00.000Z' })] }, now)).toBeNull();
    expect(awaitedOpinionNote({ status: 'handling', round: 1, assignments: [base] }, now)).toBeNull();
  });
});
