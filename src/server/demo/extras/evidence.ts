import type { Kysely } from 'kysely';
import { periodLabel } from '../../../domain/indicators/period.js';
import type { DB } from '../../db/schema.js';
import { barChartPng, onePagePdf } from '../data/evidence-files.js';
import type { DemoContext } from './context.js';

/**
 * Evidence a newcomer can open (issue 14): the latest figure of each first-level indicator (its first sub-measure filed) gets a
 * PDF 佐证材料 and a PNG chart. Real bytes in the blob store, recorded as the uploads are. (The demo's reform measures
 * have no progress reports yet, so no report evidence.) Only when the loader has a blob store (the CLI and the server's first start).
 */
export async function demoEvidence(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  const files = ctx.files;
  if (!files) return;
  const figures = await db.selectFrom('indicator_figures as f').innerJoin('indicators as m', 'm.id', 'f.indicator_id')
    .select(['f.id', 'f.period', 'f.value', 'f.filed_by', 'f.filed_at', 'm.name', 'm.code', 'm.parent_id'])
    .where('m.parent_id', 'is not', null).orderBy('f.period', 'desc').orderBy('m.sort_order').orderBy('f.id').execute();
  const latest = new Map<number, (typeof figures)[number]>();
  for (const f of figures) if (!latest.has(f.parent_id!)) latest.set(f.parent_id!, f);
  for (const f of latest.values()) {
    const pdf = await files.put(onePagePdf([`Hengyang ${f.code} ${f.period}`, `value ${Number(f.value)}`, 'demo evidence']), { contentType: 'application/pdf' });
    const png = await files.put(barChartPng([0.45, 0.6, 0.7, Math.min(1, 0.5 + (f.id % 5) / 10)]), { contentType: 'image/png' });
    await db.insertInto('indicator_files').values([
      { figure_id: f.id, file_name: `${f.name}${periodLabel(f.period)}佐证材料.pdf`, mime: 'application/pdf', size_bytes: pdf.size, sha256: pdf.sha256, storage_key: pdf.key, uploaded_by: f.filed_by, uploaded_at: f.filed_at },
      { figure_id: f.id, file_name: `${f.name}${periodLabel(f.period)}数据截图.png`, mime: 'image/png', size_bytes: png.size, sha256: png.sha256, storage_key: png.key, uploaded_by: f.filed_by, uploaded_at: f.filed_at },
    ]).execute();
  }
}
