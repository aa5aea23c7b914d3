import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask.js';
import { officialNumbersFor } from './official-numbers.js';

describe('official numbers in a reply shown to its submitter', () => {
  const reply = '经核实已处理。如有疑问请拨打我局服务电话0734-8888888，或12345热线。经办人手机13812345678。';

  it('keeps the unit line and service lines, still masks a mobile', () => {
    const out = maskPersonalData(reply, { officialNumbers: officialNumbersFor(reply) });
    expect(out).toContain('0734-8888888');
    expect(out).toContain('12345');
    expect(out).not.toContain('13812345678');
  });

  it('masks the submitter own number even when the reply writes it as a fixed line', () => {
    const text = '已电话联系您（0734-8123456），服务电话0734-8888888。';
    const out = maskPersonalData(text, { phones: ['0734-8123456'], officialNumbers: officialNumbersFor(text) });
    expect(out).toContain('0734-8888888');
    expect(out).not.toContain('0734-8123456');
  });

  it('without the allow-list the unit line is masked (the board still masks it)', () => {
    expect(maskPersonalData(reply)).not.toContain('0734-8888888');
  });
});
