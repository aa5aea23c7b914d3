import { describe, expect, it } from 'vitest';
import { zOpen311AttributeInput, type Open311AttributeInput } from '../../src/contracts/open311-attributes.js';
import { attributeProblem } from '../../src/server/modules/open311/attribute-rules.js';

const yesNo = [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }];
const check = (a: Open311AttributeInput) => attributeProblem(zOpen311AttributeInput.parse(a));

describe('attributeProblem', () => {
  it.each<[string, Open311AttributeInput, string | null]>([
    ['a single-choice list', { code: 'receipt', datatype: 'singlevaluelist', description: '票据', values: yesNo }, null],
    ['a multi-choice list', { code: 'channels', datatype: 'multivaluelist', description: '渠道', values: yesNo, required: true }, null],
    ['a number without values', { code: 'amount', datatype: 'number', description: '金额' }, null],
    ['an explanation', { code: 'note', datatype: 'text', description: '说明', variable: false }, null],
    ['a list without values', { code: 'receipt', datatype: 'singlevaluelist', description: '票据' }, 'OPEN311_ATTRIBUTE_VALUES_REQUIRED'],
    ['values on a string', { code: 'name', datatype: 'string', description: '名称', values: yesNo }, 'OPEN311_ATTRIBUTE_VALUES_NOT_ALLOWED'],
    ['values on a datetime', { code: 'at', datatype: 'datetime', description: '时间', values: yesNo }, 'OPEN311_ATTRIBUTE_VALUES_NOT_ALLOWED'],
    ['repeated keys', { code: 'r', datatype: 'multivaluelist', description: 'r', values: [{ key: 'a', name: '甲' }, { key: 'a', name: '乙' }] }, 'OPEN311_ATTRIBUTE_VALUE_KEY_DUPLICATE'],
    ['keys repeated after trimming', { code: 'r', datatype: 'multivaluelist', description: 'r', values: [{ key: 'a', name: '甲' }, { key: ' a ', name: '乙' }] }, 'OPEN311_ATTRIBUTE_VALUE_KEY_DUPLICATE'],
    ['repeated names', { code: 'r', datatype: 'singlevaluelist', description: 'r', values: [{ key: 'a', name: '甲' }, { key: 'b', name: '甲' }] }, 'OPEN311_ATTRIBUTE_VALUE_NAME_DUPLICATE'],
    ['a required explanation', { code: 'note', datatype: 'text', description: '说明', variable: false, required: true }, 'OPEN311_ATTRIBUTE_REQUIRED_NOT_VARIABLE'],
  ])('%s', (_what, input, expected) => {
    expect(check(input)).toBe(expected);
  });

  it.each(['1abc', 'a-b', 'a]b', '代码', ''])('the contract refuses the code %j', (code) => {
    expect(zOpen311AttributeInput.safeParse({ code, datatype: 'string', description: 'x' }).success).toBe(false);
  });
});
