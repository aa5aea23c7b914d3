import { describe, expect, it } from 'vitest';
import { buildCsr, csrRow, csrWith, internTerms, toCsr } from './csr.js';
import { buildVocabulary, documentTerms, featureSets, vectorize, type RoutingDocument } from './features.js';
import { charGramTerm, csrOfDocuments, internDocuments, NumberTable } from './intern.js';
import { csrOfInterned } from './csr.js';
import { createTokenizer } from './tokenize.js';

const docs: RoutingDocument[] = [
  { title: '燃气报装没人来', body: '华润燃气报装一个月没人来装，燃气表也没有。', categoryId: 3 },
  { title: '工地欠薪', body: '工地拖欠农民工工资半年，劳动仲裁不受理', districtId: 9 },
  { title: '房产证', body: '不动产权证办了三个月，abc 123 还没拿到产权证。' },
  { title: '燃气', body: '燃气管道漏气，燃气公司不管' },
  { title: '欠薪', body: '老板欠薪，拖欠工资，人社局说找仲裁' },
  { title: '单', body: '字' },
];

describe('CSR rows and interned terms (training features)', () => {
  const tokenizer = createTokenizer(['华润燃气']);

  for (const features of featureSets) {
    it(`give the same vocabulary and vectors as documentTerms + buildVocabulary + vectorize (${features})`, () => {
      const lists = docs.map((d) => documentTerms(d, tokenizer, features));
      const vocab = buildVocabulary(lists, 2, 1000);
      const viaStrings = buildCsr(lists, 2, 1000);
      const viaIds = csrOfInterned(internDocuments(docs, tokenizer, features), 2, 1000);
      for (const built of [viaStrings, viaIds]) {
        expect(built.vocab.terms).toEqual(vocab.terms);
        expect(Array.from(built.vocab.idf)).toEqual(Array.from(vocab.idf));
        expect(built.matrix.rows).toBe(docs.length);
        lists.forEach((terms, r) => {
          const want = vectorize(terms, vocab);
          const got = csrRow(built.matrix, r);
          expect(Array.from(got.index)).toEqual(Array.from(want.index));
          expect(Array.from(got.value)).toEqual(Array.from(want.value));
        });
      }
      // Against an existing vocabulary (held-out cases), unknown terms are skipped.
      const held = csrWith(lists, vocab);
      expect(Array.from(held.indices)).toEqual(Array.from(viaStrings.matrix.indices));
      const fast = csrOfDocuments(docs, tokenizer, features, vocab);
      expect(Array.from(fast.indices)).toEqual(Array.from(held.indices));
      expect(Array.from(fast.values)).toEqual(Array.from(held.values));
    });
  }

  it('keeps only terms in at least minDf documents, the most frequent first, at most maxTerms', () => {
    const it1 = internTerms([['a', 'b', 'b'], ['b', 'c'], ['b', 'a']]);
    expect(it1.terms).toEqual(['a', 'b', 'c']);
    expect(Array.from(it1.df)).toEqual([2, 3, 1]);
    const { vocab } = buildCsr([['a', 'b', 'b'], ['b', 'c'], ['b', 'a']], 2, 1);
    expect(vocab.terms).toEqual(['b']);
  });

  it('packs vectors into one matrix and reads rows back as views', () => {
    const m = toCsr([{ index: Int32Array.from([1, 4]), value: Float32Array.from([0.6, 0.8]) }, { index: new Int32Array(0), value: new Float32Array(0) }, { index: Int32Array.from([2]), value: Float32Array.from([1]) }]);
    expect(Array.from(m.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(csrRow(m, 0).index)).toEqual([1, 4]);
    expect(csrRow(m, 1).index.length).toBe(0);
    expect(Array.from(csrRow(m, 2).value)).toEqual([1]);
  });

  it('numbers character n-grams without collisions and names them back', () => {
    const a = '燃'.charCodeAt(0);
    const b = '气'.charCodeAt(0);
    const c = '表'.charCodeAt(0);
    const keys = [a, b, a * 65536 + b, b * 65536 + a, (a * 65536 + b) * 65536 + c, (b * 65536 + a) * 65536 + c];
    expect(keys.map(charGramTerm)).toEqual(['~燃', '~气', '~燃气', '~气燃', '~燃气表', '~气燃表']);
    const table = new NumberTable();
    // Enough keys to make the table grow several times; every key keeps its id.
    const many = Array.from({ length: 200_000 }, (_, i) => (0x4e00 + (i % 5000)) * 65536 + 0x4e00 + Math.floor(i / 5000));
    expect(many.filter((k, i) => table.idOf(k, i) !== i)).toEqual([]);
    expect(many.filter((k, i) => table.idOf(k, -1) !== i)).toEqual([]);
  });
});
