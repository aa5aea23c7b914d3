import { describe, expect, it } from 'vitest';
import { NotEnoughData, type LabelledCase } from '../../src/domain/routing/router.js';
import { packCases, startTrainingWorker, unpackCases } from '../../src/server/modules/routing/train-worker.js';

// The cases cross to the training worker packed (one string, one transferred Int32Array); the worker's errors come
// back as errors of the same kind.

describe('training worker', () => {
  it('packs and unpacks cases unchanged: empty titles, characters outside the BMP, missing category and district, a correction’s weight', () => {
    const cases: LabelledCase[] = [
      { doc: { title: '', body: '只有内容', categoryId: null, districtId: null }, departmentId: 7 },
      { doc: { title: '𠀀字与表情😀', body: '正文😀\n第二行', categoryId: 12, districtId: 305 }, departmentId: 2_000_000 },
      { doc: { title: '标题', body: '', categoryId: 3, districtId: null }, departmentId: 1 },
      { doc: { title: '纠正过的派单', body: '退回改派', categoryId: 3, districtId: 9 }, departmentId: 4, weight: 3 },
    ];
    const chunk = packCases(cases);
    expect(chunk.meta).toHaveLength(4 * 6);
    expect(unpackCases(chunk)).toEqual(cases);
  });

  it('a worker given too little to learn rejects with NotEnoughData', async () => {
    const worker = startTrainingWorker({ options: {}, current: null });
    worker.add([{ doc: { title: '发票', body: '增值税发票开不出来' }, departmentId: 1 }]);
    await expect(worker.finish()).rejects.toBeInstanceOf(NotEnoughData);
  });
});
