import { describe, expect, it } from 'vitest';
import { recogniseHeaders } from './fields.js';
import { dataQualityPrefix, toImportRecord } from './record.js';

// Exports from other systems as they really come: 311 column names in any case and spacing, 12345 columns, a type
// column, and rows whose reply is dated before the submission.
const now = new Date('2026-12-01T00:00:00Z');

describe('header recognition of real exports', () => {
  it('ignores case and spacing in 311 export columns', () => {
    const map = recogniseHeaders(['SRNumber', 'CreatedDate', 'RequestType', 'ClosedDate', 'Status', 'Owner', 'Address']);
    expect(map).toMatchObject({ externalId: 0, createdAt: 1, caseType: 2, closedAt: 3, status: 4, departmentName: 5, address: 6 });
    const lower = recogniseHeaders(['srnumber', 'createddate', 'requesttype', 'closeddate']);
    expect(lower).toMatchObject({ externalId: 0, createdAt: 1, caseType: 2, closedAt: 3 });
    const spaced = recogniseHeaders(['Unique Key', 'Created Date', 'Closed Date', 'Complaint Type', 'Descriptor', 'Incident Address', 'Agency', ' created  date ']);
    expect(spaced).toMatchObject({ externalId: 0, createdAt: 1, closedAt: 2, categoryText: 3, description: 4, address: 5, departmentName: 6 });
  });

  it('knows 12345 exports with a 诉求类型 column beside the category', () => {
    const map = recogniseHeaders(['工单编号', '来电时间', '诉求类型', '诉求类别', '来电内容', '承办单位', '答复时间']);
    expect(map).toMatchObject({ externalId: 0, createdAt: 1, caseType: 2, categoryText: 3, description: 4, departmentName: 5, repliedAt: 6 });
  });
});

describe('toImportRecord on real rows', () => {
  const columns = recogniseHeaders(['工单编号', '来电时间', '诉求类型', '诉求类别', '来电内容', '答复时间', '办结时间', '状态']);

  it('keeps a row whose reply is earlier than its submission, with a data-quality warning', () => {
    const r = toImportRecord(['A1', '2026-05-10 10:00', '咨询', '其他', '问社保怎么办', '2026-05-09 09:00', '2026-05-11 09:00', '已办结'], columns, { now });
    expect(r.errors).toEqual([]);
    expect(r.record).toBeDefined();
    expect(r.record!.repliedAt!.toISOString()).toBe('2026-05-09T01:00:00.000Z');
    const warning = r.warnings.find((w) => w.startsWith(dataQualityPrefix));
    expect(warning).toContain('答复时间早于诉求时间');
    // Beijing time in Chinese form, never an ISO instant.
    expect(warning).toContain('2026年5月9日 09:00');
    expect(warning).not.toMatch(/T\d\d:/);
  });

  it('reads the type column: a type word sets the type, a service name is the category', () => {
    const typed = toImportRecord(['A2', '2026-05-10 10:00', '咨询', '社保', '问社保', '', '', ''], columns, { now });
    expect(typed.record!.caseType).toBe('consultation');
    const map311 = recogniseHeaders(['SRNumber', 'CreatedDate', 'RequestType', 'Description']);
    const service = toImportRecord(['1-1', '2026-05-10 10:00', 'Bulky Items', 'sofa on the street'], map311, { now });
    expect(service.record!.caseType).toBeNull();
    expect(service.record!.categoryText).toBe('Bulky Items');
    const english = toImportRecord(['1-2', '2026-05-10 10:00', 'Complaint', 'noise'], map311, { now });
    expect(english.record!.caseType).toBe('complaint');
  });
});
