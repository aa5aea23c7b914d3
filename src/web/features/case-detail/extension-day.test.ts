import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/index.js';
import { extensionUntil, isExtensionDay } from './extension-day.js';

describe('extension days', () => {
  const deadline = '2026-09-25T09:30:00.000Z'; // Friday 25 September 2026, 17:30 in Beijing
  it('offers only working days after the current deadline', () => {
    expect(isExtensionDay(defaultCalendar, '2026-09-25', deadline)).toBe(false);
    expect(isExtensionDay(defaultCalendar, '2026-09-26', deadline)).toBe(false); // Saturday
    expect(isExtensionDay(defaultCalendar, '2026-09-27', deadline)).toBe(false); // Sunday
    expect(isExtensionDay(defaultCalendar, '2026-09-28', deadline)).toBe(true);
    expect(isExtensionDay(defaultCalendar, '2026-10-02', deadline)).toBe(false); // National Day holiday
  });
  it('ends at the close of working hours on the chosen day, no minutes to pick', () => {
    expect(extensionUntil(defaultCalendar, '2026-09-28').toISOString()).toBe('2026-09-28T09:30:00.000Z');
  });
});
