import { describe, expect, it } from 'vitest';
import { isValidFollowUp } from '../../src/server/modules/followups/queries.js';

// 有效回访: reached, linked to its case.rated event, made by the rating deadline. Table-driven.
const deadline = new Date('2026-11-10T17:30:00+08:00');
const before = new Date('2026-11-10T17:29:59+08:00');
const after = new Date('2026-11-10T17:30:01+08:00');

describe('isValidFollowUp', () => {
  it.each([
    ['reached, rated, in time', { outcome: 'reached', rating_event_id: 7, called_at: before, rating_deadline: deadline }, true],
    ['reached exactly at the deadline', { outcome: 'reached', rating_event_id: 7, called_at: deadline, rating_deadline: deadline }, true],
    ['reached after the deadline', { outcome: 'reached', rating_event_id: 7, called_at: after, rating_deadline: deadline }, false],
    ['reached without a rating event', { outcome: 'reached', rating_event_id: null, called_at: before, rating_deadline: deadline }, false],
    ['not reached', { outcome: 'not_reached', rating_event_id: null, called_at: before, rating_deadline: deadline }, false],
    ['reached, no deadline recorded', { outcome: 'reached', rating_event_id: 7, called_at: after, rating_deadline: null }, true],
  ] as const)('%s', (_name, row, expected) => {
    expect(isValidFollowUp({ ...row })).toBe(expected);
  });
});
