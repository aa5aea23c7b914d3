import { permissionsOf } from '../../src/domain/access/permissions.js';
import { createHash, randomBytes } from 'node:crypto';
import { ReadStream } from 'node:fs';
import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttachment } from '../../src/server/modules/portal/attachments.js';
import { filesCommand } from '../../src/cli/files.js';
import { attachmentsInDatabase, moveAttachmentsToStore } from '../../src/server/modules/portal/move-to-store.js';
import { blobKeyTables, sweepOrphanBlobs } from '../../src/server/modules/portal/orphan-blobs.js';
import { sql } from 'kysely';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOfCode, files, goodSubmission, publicIds, submit, upload, type PublicCategoryIds } from './kit.js';

// Attachments live in the blob store; the row keeps what the file is. Rows from before migration 0028 keep their
// bytes in the database until moved, and read from there meanwhile.

let rt: TestRuntime;
let ids: PublicCategoryIds;
let intake: Client;
let cookie: string;
let caseId: number;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const download = (id: number, attachmentId: number) => rt.app.inject({ method: 'GET', url: `/api/cases/${id}/attachments/${attachmentId}`, headers: { cookie } });
const intakeUser = async () => {
  const u = await rt.deps.database.db.selectFrom('users').select(['id', 'role', 'department_id', 'username', 'display_name']).where('username', '=', 'intake').executeTakeFirstOrThrow();
  return { id: u.id, role: u.role, roles: [u.role], permissions: permissionsOf([u.role]), mustChangePassword: false, departmentId: u.department_id, username: u.username, displayName: u.display_name, departmentName: '' } as never;
};

/** A row as written before migration 0028: the bytes in `content`, no storage key. */
async function oldStyleRow(content: Buffer, name: string, mime = 'application/pdf') {
  const r = await rt.deps.database.db.insertInto('case_attachments').values({
    case_id: caseId, token_hash: randomBytes(16).toString('hex'), file_name: name, mime, size_bytes: content.length, sha256: sha(content),
    content, storage_key: null, uploaded_ip: '10.0.0.1', uploaded_at: rt.clock.now(), attached_at: rt.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

beforeAll(async () => {
  rt = await testRuntime();
  ids = await publicIds(rt.app);
  intake = await loginAs(rt.app, 'intake');
  const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'intake', password: 'Demo@2021' } });
  cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const token = (await upload(rt.app, '现场.png', files.png, 'image/png', '10.0.5.1')).body.token;
  const ok = await submit(rt.app, goodSubmission(ids.construction, { attachments: [token], description: '附件存储测试：施工许可证超时未办，附照片。' }), 'att-store-1', '10.0.5.1');
  caseId = await caseIdOfCode(rt.app, intake, ok.body.code);
});
afterAll(async () => rt?.close());

describe('attachments in the blob store', () => {
  it('an upload goes to the store: the row holds the key, size and sha256, no bytes', async () => {
    const row = await rt.deps.database.db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect(row.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(row.size_bytes).toBe(files.png.length);
    expect(row.sha256).toBe(sha(files.png));
    expect(await rt.deps.files.exists(row.storage_key!)).toBe(true);
    const r = await download(caseId, Number(row.id));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['content-length']).toBe(String(files.png.length));
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-disposition'])).toMatch(/^attachment; filename="attachment-\d+\.png"; filename\*=UTF-8''/);
    expect(Buffer.compare(r.rawPayload, files.png)).toBe(0);
  });

  it('a refused file leaves no blob behind', async () => {
    const before: string[] = [];
    for await (const e of rt.deps.files.list()) before.push(e.key);
    expect((await upload(rt.app, 'a.jpg', files.exe, 'image/jpeg', '10.0.5.2')).status).toBe(415);
    expect((await upload(rt.app, 'big.png', Buffer.concat([files.png, Buffer.alloc(10 * 1024 * 1024)]), 'image/png', '10.0.5.2')).status).toBe(413);
    const after: string[] = [];
    for await (const e of rt.deps.files.list()) after.push(e.key);
    expect(after.sort()).toEqual(before.sort());
  });

  it('a 20 MB attachment streams back byte-identical, read from the store as a stream', async () => {
    let left = 20 * 1024 * 1024;
    const h = createHash('sha256');
    const body = new Readable({
      read() {
        if (!left) return void this.push(null);
        const chunk = randomBytes(Math.min(left, 256 * 1024));
        h.update(chunk);
        left -= chunk.length;
        this.push(chunk);
      },
    });
    const blob = await rt.deps.files.put(body, { contentType: 'application/pdf' });
    expect(blob.sha256).toBe(h.digest('hex'));
    const row = await rt.deps.database.db.insertInto('case_attachments').values({
      case_id: caseId, token_hash: randomBytes(16).toString('hex'), file_name: '大文件.pdf', mime: 'application/pdf', size_bytes: blob.size,
      sha256: blob.sha256, content: null, storage_key: blob.key, uploaded_ip: null, uploaded_at: rt.clock.now(), attached_at: rt.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    // The route hands the store's file stream to the reply: nothing reads the whole file into memory first.
    const file = await readAttachment(rt.deps, await intakeUser(), caseId, Number(row.id));
    expect(file.stream).toBeInstanceOf(ReadStream);
    expect(file.size).toBe(20 * 1024 * 1024);
    file.stream.destroy();
    const r = await download(caseId, Number(row.id));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-length']).toBe(String(20 * 1024 * 1024));
    expect(sha(r.rawPayload)).toBe(blob.sha256);
  });

  it('a row with neither bytes nor a key is refused by the database', async () => {
    await expect(rt.deps.database.db.insertInto('case_attachments').values({
      case_id: caseId, token_hash: randomBytes(16).toString('hex'), file_name: 'x.pdf', mime: 'application/pdf', size_bytes: 3,
      sha256: 'x', content: null, storage_key: null, uploaded_ip: null, uploaded_at: rt.clock.now(), attached_at: null,
    }).execute()).rejects.toThrow(/case_attachments_bytes_somewhere/);
  });

  it('a row whose blob is missing answers 404, not 500', async () => {
    const blob = await rt.deps.files.put(files.pdf, { contentType: 'application/pdf' });
    const row = await rt.deps.database.db.insertInto('case_attachments').values({
      case_id: caseId, token_hash: randomBytes(16).toString('hex'), file_name: '丢失.pdf', mime: 'application/pdf', size_bytes: blob.size,
      sha256: blob.sha256, content: null, storage_key: blob.key, uploaded_ip: null, uploaded_at: rt.clock.now(), attached_at: rt.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    await rt.deps.files.delete(blob.key);
    const r = await download(caseId, Number(row.id));
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('ATTACHMENT_NOT_FOUND');
    await rt.deps.database.db.deleteFrom('case_attachments').where('id', '=', Number(row.id)).execute();
  });
});

describe('attachments written before the file store', () => {
  it('read from the database until moved, then from the store; the move clears the bytes, is idempotent and safe in parallel', async () => {
    const contents = Array.from({ length: 9 }, (_, i) => Buffer.concat([files.pdf, randomBytes(1000 + i)]));
    const rowIds: number[] = [];
    for (const [i, c] of contents.entries()) rowIds.push(await oldStyleRow(c, `旧附件${i}.pdf`));
    expect(await attachmentsInDatabase(rt.deps)).toBe(9);
    // Before the move: served from the row's bytes, with the same headers.
    const before = await download(caseId, rowIds[0]);
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-length']).toBe(String(contents[0].length));
    expect(Buffer.compare(before.rawPayload, contents[0])).toBe(0);

    const keysBefore = new Set<string>();
    for await (const e of rt.deps.files.list()) keysBefore.add(e.key);
    // Two movers at once (two processes on PostgreSQL take different rows through SKIP LOCKED), small batches.
    const [a, b] = await Promise.all([moveAttachmentsToStore(rt.deps, { batch: 2 }), moveAttachmentsToStore(rt.deps, { batch: 2 })]);
    expect(a.moved + b.moved).toBe(9);
    expect(await attachmentsInDatabase(rt.deps)).toBe(0);
    const rows = await rt.deps.database.db.selectFrom('case_attachments').select(['id', 'content', 'storage_key', 'sha256']).where('id', 'in', rowIds).orderBy('id').execute();
    const newKeys: string[] = [];
    for await (const e of rt.deps.files.list()) if (!keysBefore.has(e.key)) newKeys.push(e.key);
    // One blob per row: nobody moved a row twice.
    expect(newKeys.sort()).toEqual(rows.map((r) => r.storage_key!).sort());
    for (const [i, row] of rows.entries()) {
      expect(row.content).toBeNull();
      const r = await download(caseId, Number(row.id));
      expect(r.statusCode).toBe(200);
      expect(Buffer.compare(r.rawPayload, contents[i])).toBe(0);
      expect(sha(r.rawPayload)).toBe(row.sha256);
    }
    // Again: nothing left to move, nothing written.
    expect(await moveAttachmentsToStore(rt.deps)).toEqual({ moved: 0, bytes: 0 });
  });

  it('department staff never assigned the case still get 404 for its attachments, moved or not', async () => {
    const id = await oldStyleRow(files.pdf, '权限.pdf');
    const other = await loginAs(rt.app, 'scjg-handler');
    expect((await other.get(`/api/cases/${caseId}/attachments/${id}`)).status).toBe(404);
    await moveAttachmentsToStore(rt.deps);
    expect((await other.get(`/api/cases/${caseId}/attachments/${id}`)).status).toBe(404);
    expect((await download(caseId, id)).statusCode).toBe(200);
  });
});

describe('the orphan sweep (yiwang files sweep)', () => {
  it('deletes only blobs no row names and older than the grace period; a dry run deletes nothing', async () => {
    const root = rt.deps.files.location;
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    const age = (key: string, d: number) => utimes(path.join(root, key), daysAgo(d), daysAgo(d));
    // An attachment whose blob is old (kept), an old orphan (deleted), a young orphan (an upload in flight: kept).
    const named = await rt.deps.files.put(files.pdf, { contentType: 'application/pdf' });
    const row = await rt.deps.database.db.insertInto('case_attachments').values({
      case_id: caseId, token_hash: randomBytes(16).toString('hex'), file_name: '旧附件.pdf', mime: 'application/pdf', size_bytes: named.size,
      sha256: named.sha256, content: null, storage_key: named.key, uploaded_ip: null, uploaded_at: rt.clock.now(), attached_at: rt.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    const orphan = await rt.deps.files.put(randomBytes(2048), { contentType: 'application/octet-stream' });
    const young = await rt.deps.files.put(randomBytes(1024), { contentType: 'application/octet-stream' });
    await age(named.key, 30);
    await age(orphan.key, 2);
    await age(young.key, 0.5);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };

    expect(await filesCommand(['sweep', '--dry-run'], rt.deps, io)).toBe(0);
    expect(lines.join('\n')).toMatch(/试运行：1 个无引用且超过 24 小时的文件（0\.0 MB）将被删除；未删除任何文件/);
    expect(await rt.deps.files.exists(orphan.key)).toBe(true);

    lines.length = 0;
    expect(await filesCommand(['sweep'], rt.deps, io)).toBe(0);
    expect(lines.join('\n')).toMatch(/已删除 1 个无引用且超过 24 小时的文件/);
    expect(lines.join('\n')).toMatch(/另有 [1-9]\d* 个无引用的文件还在宽限期内/);
    expect(await rt.deps.files.exists(orphan.key)).toBe(false);
    expect(await rt.deps.files.exists(young.key)).toBe(true);
    expect(await rt.deps.files.exists(named.key)).toBe(true);
    expect((await download(caseId, Number(row.id))).statusCode).toBe(200);
    // Again: nothing left to delete. With no grace at all the young orphan goes too.
    expect((await sweepOrphanBlobs(rt.deps)).deleted).toBe(0);
    expect((await sweepOrphanBlobs(rt.deps, { graceMs: 0 })).deleted).toBeGreaterThanOrEqual(1);
    expect(await rt.deps.files.exists(young.key)).toBe(false);
    expect(await rt.deps.files.exists(named.key)).toBe(true);

    lines.length = 0;
    expect(await filesCommand(['sweep', '--grace-hours', 'x'], rt.deps, io)).toBe(1);
    expect(lines[0]).toMatch(/^ERR --grace-hours/);
  });

  it('knows every table whose storage_key names a blob (a table it missed would lose its files a day after upload)', async () => {
    const columns = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.columns
       WHERE column_name = 'storage_key' AND table_schema = current_schema() ORDER BY table_name`.execute(rt.deps.database.db);
    expect(columns.rows.map((r) => r.table_name)).toEqual([...blobKeyTables].sort());
  });
});
