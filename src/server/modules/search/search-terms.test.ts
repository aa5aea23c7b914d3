import { describe, expect, it } from 'vitest';
import { callerPhoneOf, filterTerms, matchOf } from './search-terms.js';

// What a search box means, as the tsquery over the lexemes of migration 0034.
describe('matchOf', () => {
  it.each([
    ['5821', 'auto', "('p4:5821') | ('c:5821':*)"],
    ['139 0734 5821', 'auto', "('p:13907345821') | ('c:13907345821':*)"],
    ['ab12c', 'code', "'c:AB12C':*"],
    ['qhylg', 'auto', "('c:QHYLG':*) | (('qhylg')) | ('n:qhylg') | ('e:qhylg')"],
    ['１３９０７３４５８２１', 'phone', "'p:13907345821'"],
    ['欧阳明辉', 'name', "'n:欧阳' & 'n:阳明' & 'n:明辉'"],
    ['华信', 'enterprise', "'e:华信'"],
    ['停车', 'text', "('停车')"],
  ] as const)('%s as %s', (q, field, tsquery) => {
    expect(matchOf(q, field)).toMatchObject({ tsquery });
  });

  it('reads a valid credit code as one, words as text, name or enterprise', () => {
    expect(matchOf('91350100M000100Y43', 'auto')).toEqual({ tsquery: "'cc:91350100M000100Y43'", common: false });
    const words = matchOf('停车收费', 'auto');
    expect('tsquery' in words && words.common).toBe(true);
    expect('tsquery' in words && words.tsquery).toContain("('停车') & ('收费')");
    expect('tsquery' in words && words.tsquery).toContain("'n:停车'");
  });

  it('refuses what cannot be asked', () => {
    expect(matchOf('车', 'auto')).toEqual({ error: 'SEARCH_QUERY_TOO_SHORT' });
    expect(matchOf('12', 'phone')).toEqual({ error: 'SEARCH_PHONE_INVALID' });
    expect(matchOf('139a', 'phone')).toEqual({ error: 'SEARCH_PHONE_INVALID' });
    expect(matchOf('张三', 'code')).toEqual({ error: 'SEARCH_CODE_INVALID' });
    expect(callerPhoneOf('5821')).toBeNull();
    expect(filterTerms({ districtId: 5, caseType: 'help' })).toEqual(["'d:5'", "'t:help'"]);
  });
});
