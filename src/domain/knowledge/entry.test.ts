import { describe, expect, it } from 'vitest';
import { entryRefusal, flagOf, isInForce, normalBasisNumber } from './entry.js';

const today = '2026-11-02';

describe('knowledge entry rules', () => {
  it.each([
    [{ ownerUnitId: null, validFrom: '2026-01-01', validTo: null }, 'KNOWLEDGE_OWNER_REQUIRED'],
    [{ ownerUnitId: undefined, validFrom: '2026-01-01', validTo: null }, 'KNOWLEDGE_OWNER_REQUIRED'],
    [{ ownerUnitId: 3, validFrom: '2026-05-01', validTo: '2026-04-30' }, 'KNOWLEDGE_VALIDITY_INVALID'],
    [{ ownerUnitId: 3, validFrom: '2025-01-01', validTo: '2026-11-01' }, 'KNOWLEDGE_BASIS_EXPIRED'],
    [{ ownerUnitId: 3, validFrom: '2025-01-01', validTo: '2026-11-02' }, null],
    [{ ownerUnitId: 3, validFrom: '2027-01-01', validTo: null }, null],
  ])('%j → %s', (f, code) => {
    expect(entryRefusal(f, today)).toBe(code);
  });

  it('is in force from its first day to its last, both included', () => {
    expect(isInForce({ validFrom: today, validTo: today }, today)).toBe(true);
    expect(isInForce({ validFrom: '2026-11-03', validTo: null }, today)).toBe(false);
    expect(isInForce({ validFrom: '2026-01-01', validTo: '2026-11-01' }, today)).toBe(false);
  });

  it('flags an expired entry before a replaced basis', () => {
    expect(flagOf({ validTo: '2026-11-01', basisReplacedBy: 'X' }, today)).toBe('expired');
    expect(flagOf({ validTo: null, basisReplacedBy: '衡政发〔2026〕1号' }, today)).toBe('replaced');
    expect(flagOf({ validTo: null, basisReplacedBy: null }, today)).toBeNull();
  });

  it('compares document numbers however they were typed', () => {
    expect(normalBasisNumber(' 衡政发[2024] 3号 ')).toBe(normalBasisNumber('衡政发〔2024〕3号'));
    expect(normalBasisNumber('  ')).toBeNull();
  });
});
