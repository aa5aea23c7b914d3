import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';

/** A signed-in client with every method (the shared test client has GET and POST only). */
export async function signIn(app: FastifyInstance, username: string, password: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) return { status: res.statusCode, body: res.json(), client: null };
  const cookie = `yw_session=${res.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const { csrfToken, user } = res.json();
  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
    const r = await app.inject({ method, url, payload: body as object | undefined, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) } });
    return { status: r.statusCode, body: r.body ? r.json() : null };
  };
  const client = {
    user,
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
    put: (url: string, body: unknown) => call('PUT', url, body),
    patch: (url: string, body: unknown) => call('PATCH', url, body),
    del: (url: string) => call('DELETE', url),
    async upload(url: string, fileName: string, content: Buffer) {
      const boundary = '----yw' + Math.random().toString(16).slice(2);
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        content, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const r = await app.inject({ method: 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` } });
      return { status: r.statusCode, body: r.json() };
    },
  };
  return { status: 200, body: res.json(), client };
}

export type PeopleClient = NonNullable<Awaited<ReturnType<typeof signIn>>['client']>;

export async function mustSignIn(app: FastifyInstance, username: string, password: string): Promise<PeopleClient> {
  const r = await signIn(app, username, password);
  if (!r.client) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.client;
}

/** An .xlsx with a header row and data rows. */
export async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('账号');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of a base64 .xlsx (the one-time passwords file). */
export async function readXlsx(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}
