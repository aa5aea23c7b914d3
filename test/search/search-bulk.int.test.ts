import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/server/db/migrate.js';
import { runImport } from '../../src/server/modules/import/run-import.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { scratchDir, write12345Csv } from '../import/fixtures.js';

// The search rows of cases written in bulk (migration 0043, ADR 18): computed in one plan per inserting statement,
// they must be exactly what 0034's per-case functions made, and an imported case is found at once.

let rt: TestRuntime;
let supervisor: Client;

beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00');
  supervisor = await loginAs(rt.app, 'supervisor');
});
afterAll(() => rt.close());

const search = (query: Record<string, string>) => supervisor.get(`/api/search/cases?${new URLSearchParams(query)}`);

describe('search rows of cases written in bulk', () => {
  it('finds an imported case by its words and by its phone right after the import', async () => {
    const file = write12345Csv(scratchDir(), 'search.csv');
    const r = await runImport(rt.deps, {
      filePath: file, fileName: path.basename(file), source: '12345', mapping: {}, actor: { userId: null, role: 'system', departmentId: null },
    });
    expect(r.counts.created).toBe(3);
    const { db } = rt.deps.database;
    const imported = await db.selectFrom('cases').select(['code', 'title']).where('channel', '=', 'import').orderBy('id').execute();
    const permit = imported.find((c) => c.title === '施工许可证办理超时')!;
    expect(permit).toBeDefined();
    const codes = (res: { body: any }) => (res.body.items as any[]).map((i) => i.code);
    expect(codes(await search({ q: '施工许可' }))).toEqual([permit.code]);
    expect(codes(await search({ q: '13800138000', field: 'phone' }))).toEqual([permit.code]);
    expect(codes(await search({ q: '8000' }))).toEqual([permit.code]);
    expect(codes(await search({ q: '张伟', field: 'name' }))).toEqual([permit.code]);
    expect(codes(await search({ q: '占道经营' }))).toHaveLength(1);
  });

  it('stores exactly the lexemes of 0034\'s per-case functions for every case, however it was written', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const created = await intake.post('/api/cases', {
      ...sampleCase(ids.category('approval.construction_permit'), {
        title: 'ＡＢＣ公司 WiFi 6 路由器，噪音扰民！', description: '楼下ABC-123号商铺２４小时营业。', submitterName: ' 欧阳 明辉 ',
        submitterPhone: '+86 139-0734-5821', enterpriseName: '衡阳华信精密机械有限公司 Hengyang', districtId: ids.dept('zhq'), caseType: 'complaint',
      }),
      dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // 0034's functions, under other names, straight from the migration's text.
    const text = readFileSync(path.join(migrationsDir, '0034_case_search.sql'), 'utf8');
    const fn = (name: string) => text.slice(text.indexOf(`CREATE FUNCTION ${name}(`), text.indexOf('$$;', text.indexOf(`CREATE FUNCTION ${name}(`)) + 3)
      .replace(/yw_search_grams\(/g, 'old_search_grams(').replace(/yw_case_terms\(/g, 'old_case_terms(');
    const { db } = rt.deps.database;
    await sql.raw(fn('yw_search_grams')).execute(db);
    await sql.raw(fn('yw_case_terms')).execute(db);
    const r = await sql<{ n: number; differ: number }>`
      SELECT count(*)::int AS n, count(*) FILTER (WHERE s.terms IS DISTINCT FROM old_case_terms(c.code, c.title, c.description, c.submitter_name,
        c.submitter_phone, c.enterprise_name, c.enterprise_credit_code, c.district_id, c.category_id, c.channel, c.case_type, c.created_at))::int AS differ
        FROM cases c LEFT JOIN case_search s ON s.case_id = c.id`.execute(db);
    expect(r.rows[0].n).toBeGreaterThanOrEqual(4);
    expect(r.rows[0].differ).toBe(0);
    // A change of a searched column (the row trigger, through yw_case_terms) gives the same lexemes too.
    await db.updateTable('cases').set({ description: '改过的描述 Route 66', submitter_phone: '13600001111' }).where('id', '=', created.body.id).execute();
    const after = await sql<{ same: boolean }>`
      SELECT s.terms = old_case_terms(c.code, c.title, c.description, c.submitter_name, c.submitter_phone, c.enterprise_name,
        c.enterprise_credit_code, c.district_id, c.category_id, c.channel, c.case_type, c.created_at) AS same
        FROM cases c JOIN case_search s ON s.case_id = c.id WHERE c.id = ${created.body.id}`.execute(db);
    expect(after.rows[0].same).toBe(true);
    expect((await search({ q: '1111' })).body.items.map((i: any) => i.code)).toEqual([created.body.code]);
  });
});
