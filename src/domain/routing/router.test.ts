import { describe, expect, it } from 'vitest';
import { evaluateRouter, NotEnoughData, splitHeldOut, suggestWithModel, trainRouter, type LabelledCase } from './router.js';
import { deserializeModel, serializeModel } from './serialize.js';
import { createTokenizer } from './tokenize.js';

const texts: Record<number, string[]> = {
  1: ['燃气报装一个月没人来装', '天然气开户收费不明', '燃气管道漏气报修没人管', '燃气表走字太快', '燃气接驳费太高没有依据'],
  2: ['工地拖欠农民工工资', '老板欠薪半年不给', '劳动仲裁一直不受理', '社保缴费系统异常', '工伤认定申请没有进展'],
  3: ['增值税发票开不出来', '出口退税申请很久没到账', '电子税务局一直报错', '留抵退税审核太慢', '纳税信用等级被评低'],
};
const cases: LabelledCase[] = [];
for (let round = 0; round < 12; round++) {
  for (const [dept, list] of Object.entries(texts)) {
    for (const t of list) cases.push({ doc: { title: t.slice(0, 6), body: `${t}，第${round}次反映，希望尽快解决。` }, departmentId: Number(dept) });
  }
}

/** The bytes of a model as stored before character pairs: the same, without `features` in the header. */
function withoutFeatureSet(bytes: Uint8Array): Uint8Array {
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n))) as Record<string, unknown>;
  delete header.features;
  const floats = bytes.subarray(4 + n + ((4 - ((4 + n) % 4)) % 4));
  const h = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - ((4 + h.length) % 4)) % 4;
  const out = new Uint8Array(4 + h.length + pad + floats.length);
  new DataView(out.buffer).setUint32(0, h.length, true);
  out.set(h, 4);
  out.set(floats, 4 + h.length + pad);
  return out;
}

describe('trained router', () => {
  const trained = trainRouter(cases, { epochs: 8 });

  it('learns the departments and reports held-out figures', () => {
    expect(trained.model.classes).toEqual([1, 2, 3]);
    expect(trained.heldOut.length).toBeGreaterThan(30);
    expect(trained.report.evaluation.accuracy).toBeGreaterThan(0.9);
    expect(trained.model.temperature).toBeGreaterThan(0);
  });

  it('suggests the top three with calibrated confidences that sum to at most one, and the words behind the first', () => {
    const s = suggestWithModel(trained.model, { title: '燃气报装', body: '餐馆燃气报装申请了很久' });
    expect(s.map((x) => x.departmentId)[0]).toBe(1);
    expect(s).toHaveLength(3);
    expect(s[0].confidence).toBeGreaterThan(s[1].confidence);
    expect(s.reduce((a, x) => a + x.confidence, 0)).toBeLessThanOrEqual(1.000001);
    expect(s[0].words.some((w) => w.includes('燃气'))).toBe(true);
  });

  it('excluded departments are skipped and a text without known words gets nothing', () => {
    const s = suggestWithModel(trained.model, { title: '燃气报装', body: '' }, { excluded: (id) => id === 1 });
    expect(s.map((x) => x.departmentId)).not.toContain(1);
    expect(suggestWithModel(trained.model, { title: '？？？', body: '12' })).toEqual([]);
  });

  it('survives serialisation unchanged', () => {
    const back = deserializeModel(serializeModel(trained.model));
    expect(back.classes).toEqual(trained.model.classes);
    expect(back.temperature).toBe(trained.model.temperature);
    expect(evaluateRouter(back, trained.heldOut).evaluation.accuracy).toBe(trained.report.evaluation.accuracy);
  });

  it('reads characters, pairs and triples beside words, so a word it never saw still shares them with one it did; they never show as driving words', () => {
    const withWords = trainRouter(cases, { epochs: 8, features: 'words+chars3' }).model;
    expect(withWords.features).toBe('words+chars3');
    expect(withWords.vocab.index.has('~燃气')).toBe(true);
    expect(withWords.vocab.index.has('~燃')).toBe(true);
    expect(withWords.vocab.index.has('~燃气管')).toBe(true);
    // 燃气灶 was never in training: its pair 燃气 still points to the gas company.
    const s = suggestWithModel(withWords, { title: '燃气灶', body: '燃气灶点不着' });
    expect(s[0].departmentId).toBe(1);
    expect(s.flatMap((x) => x.words).some((w) => w.startsWith('~'))).toBe(false);
  });

  it('by default reads single characters and pairs only (ADR 0024), learnt by the squared hinge, and shows pairs as its words', () => {
    expect(trained.model.features).toBe('chars2');
    expect(trained.model.loss).toBe('squared-hinge');
    expect(trained.model.vocab.index.has('~燃气')).toBe(true);
    expect(trained.model.vocab.index.has('~燃气管')).toBe(false);
    expect([...trained.model.vocab.terms].every((t) => t.startsWith('~') || t.startsWith('#'))).toBe(true);
    const s = suggestWithModel(trained.model, { title: '燃气灶', body: '燃气灶点不着' });
    expect(s[0].departmentId).toBe(1);
    expect(s[0].words).toContain('燃气');
    expect(deserializeModel(serializeModel(trained.model)).loss).toBe('squared-hinge');
  });

  it('a model stored before character pairs (no feature set in its header) still scores with words only', () => {
    const words = trainRouter(cases, { epochs: 8, features: 'words' });
    const old = deserializeModel(withoutFeatureSet(serializeModel(words.model)));
    expect(old.features).toBe('words');
    expect([...old.vocab.terms].some((t) => t.startsWith('~'))).toBe(false);
    expect(evaluateRouter(old, words.heldOut).evaluation.accuracy).toBe(words.report.evaluation.accuracy);
  });

  it('calibrates on out-of-fold cases of the training share and keeps the held-out cases out of every choice', () => {
    expect(trained.model.platt).toBeDefined();
    expect(trained.model.platt!.a).toBeGreaterThanOrEqual(0);
    expect(trained.crossValidation.folds).toBe(3);
    expect(trained.crossValidation.grid).toContain(trained.crossValidation.chosenL2);
    // Every out-of-fold case is a training case: as many as the training share (under the sample cap).
    expect(trained.outOfFold.length).toBe(trained.trainingSize);
    expect(trained.heldOutScored.length).toBe(trained.heldOut.length);
    const back = deserializeModel(serializeModel(trained.model));
    expect(back.platt).toEqual(trained.model.platt);
  });

  it('a time-ordered split holds out the latest cases', () => {
    const t = trainRouter(cases, { epochs: 8, split: 'time' });
    expect(t.heldOut).toEqual(cases.slice(cases.length - t.heldOut.length));
  });

  it('a corrected case counts more: with its weight, a contested text goes to the desk\'s department', () => {
    const contested = (departmentId: number, weight?: number): LabelledCase => ({ doc: { title: '路灯不亮', body: '小区门口路灯不亮很久了' }, departmentId, ...(weight ? { weight } : {}) });
    const base = [...cases, ...Array.from({ length: 5 }, () => contested(2)), ...Array.from({ length: 4 }, () => contested(3))];
    const plain = trainRouter(base, { epochs: 8 });
    const top = (m: typeof plain) => suggestWithModel(m.model, { title: '路灯不亮', body: '小区门口路灯不亮' })[0].departmentId;
    expect(top(plain)).toBe(2);
    const weighted = trainRouter([...cases, ...Array.from({ length: 5 }, () => contested(2)), ...Array.from({ length: 4 }, () => contested(3, 3))], { epochs: 8 });
    expect(top(weighted)).toBe(3);
  });

  it('is deterministic for the same data', () => {
    const again = trainRouter(cases, { epochs: 8 });
    expect(Array.from(again.model.weights.slice(0, 50))).toEqual(Array.from(trained.model.weights.slice(0, 50)));
  });

  it('refuses to train on one department', () => {
    expect(() => trainRouter(cases.filter((c) => c.departmentId === 1))).toThrow(NotEnoughData);
  });

  it('holds out about a fifth of every department', () => {
    const { train, heldOut } = splitHeldOut(cases, 0.2);
    expect(train.length + heldOut.length).toBe(cases.length);
    for (const d of [1, 2, 3]) expect(heldOut.filter((c) => c.departmentId === d).length).toBe(12);
  });

  it('keeps local names whole with the user dictionary and drops stop words', () => {
    const tok = createTokenizer(['蒸湘区', '红湘街道']);
    const t = tok.tokens('我们在蒸湘区红湘街道的燃气报装问题');
    expect(t).toContain('蒸湘区');
    expect(t).toContain('红湘街道');
    expect(t).toContain('燃气报装');
    expect(t).not.toContain('的');
    expect(t).not.toContain('问题');
  });
});
