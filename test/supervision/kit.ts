import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { demoPassword } from '../../src/server/demo/seed-org.js';

export const staff = ['admin', 'intake', 'zjj-handler', 'zjj-head', 'xzsp-handler', 'scjg-handler', 'supervisor', 'leader'] as const;
export type Staff = (typeof staff)[number];

export async function loginAll(app: FastifyInstance): Promise<Record<Staff, Client>> {
  const as = {} as Record<Staff, Client>;
  for (const u of staff) as[u] = await loginAs(app, u);
  return as;
}

/** A case dispatched to zjj (lead) with xzsp as co-handler, signed by zjj. */
export async function handlingCase(as: Record<Staff, Client>, extra: Record<string, unknown> = {}): Promise<number> {
  const ids = await orgIds(as.intake);
  const created = await as.intake.post('/api/cases', {
    ...sampleCase(ids.category('approval.construction_permit'), extra),
    dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [ids.dept('xzsp')] },
  });
  if (created.status !== 201) throw new Error(`create failed ${JSON.stringify(created.body)}`);
  const signed = await as['zjj-handler'].post(`/api/cases/${created.body.id}/sign`);
  if (signed.status !== 200) throw new Error(`sign failed ${JSON.stringify(signed.body)}`);
  return created.body.id;
}

/** GET with the raw body (files): the shared client parses JSON. */
export async function download(app: FastifyInstance, username: string, url: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const r = await app.inject({ method: 'GET', url, headers: { cookie } });
  return { status: r.statusCode, headers: r.headers, body: r.rawPayload };
}

/** One part of an OOXML package (docx/xlsx are zip files), read with the system unzip. */
export function zipEntry(file: Buffer, entry: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-sup-'));
  const p = path.join(dir, 'f.zip');
  writeFileSync(p, file);
  return execFileSync('unzip', ['-p', p, entry], { encoding: 'utf8' });
}

/** The visible text of a Word document (the <w:t> runs, joined). */
export function docxText(file: Buffer): string {
  const xml = zipEntry(file, 'word/document.xml');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}
