import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { demoPassword } from '../../src/server/demo/seed-org.js';

/** Sends a file as multipart form data, the way the console's upload does. */
export async function postFile(app: FastifyInstance, username: string, url: string, data: Buffer, fileName: string) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: demoPassword } });
  const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
  const boundary = '----yworg' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const r = await app.inject({
    method: 'POST', url, payload: Buffer.concat([head, data, tail]),
    headers: { cookie, 'x-csrf-token': login.json().csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  return { status: r.statusCode, body: r.json() };
}

/** A tree spreadsheet in the city's shape: a title row, the header, then the rows. */
export async function treeWorkbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow(['某市组织机构一览表']);
  ws.addRow(['单位名称', '上级单位', '单位类型', '单位编码', '联系电话']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
