import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Database } from '../../db/engine.js';
import { runImport } from '../../modules/import/run-import.js';
import { saveMapping } from '../../modules/import/queries.js';
import { assembleDeps } from '../../runtime.js';
import type { DemoContext } from './context.js';
import { beijingDateTime } from '../../../domain/calendar/local-time.js';

// The import screen's demo: one finished run of a small 12345 hotline export (historical cases with their final
// department, reply and rating, a few still open, two bad rows in the error table) and a saved mapping.

const topics: [string, string, string][] = [
  ['施工许可证办理超时', '厂房扩建项目材料齐全，施工许可证超过法定时限仍未办结。', '施工许可'],
  ['园区计划外停电', '工业园区本月多次计划外停电，未提前通知，影响生产。', '停电限电'],
  ['工程款拖欠', '市政工程已竣工验收，尚有工程款未支付，影响工资发放。', '工程款拖欠'],
  ['企业开办材料反复补正', '窗口多次要求补充材料，每次说法不一，希望一次性告知。', '开办企业'],
  ['不动产证办理难', '商业用房交房三年，因历史遗留问题无法办理不动产权证。', '办证难'],
  ['涉企检查频繁', '同一月内多个部门先后到企业检查相同内容，希望合并检查。', '多头检查'],
];
const departments = ['市住建局', '国网衡阳供电公司', '市财政局', '市行政审批服务局', '市不动产登记中心', '市市场监管局'];
const districts = ['珠晖区', '雁峰区', '石鼓区', '蒸湘区', '衡阳县', '耒阳市'];

function csv(now: Date): string {
  const fmt = beijingDateTime;
  const lines = ['工单编号,留言主题,留言详情,留言时间,承办单位,状态,答复意见,满意度,办结时间,联系电话,诉求人,区县,类别'];
  for (let i = 1; i <= 40; i++) {
    const [title, text, category] = topics[i % topics.length];
    const created = new Date(now.getTime() - (200 - i * 4) * 86_400_000 - (i % 5) * 3_600_000);
    const open = i % 8 === 0;
    const closed = new Date(created.getTime() + (3 + (i % 6)) * 86_400_000);
    lines.push([
      `HY12345-2026${String(i).padStart(5, '0')}`, title, text, fmt(created), departments[i % departments.length],
      open ? '办理中' : '已办结', open ? '' : '经核实已协调办理完毕，并电话告知诉求人。', open ? '' : ['满意', '基本满意', '满意', '不满意'][i % 4],
      open ? '' : fmt(closed), `1997345${String(i).padStart(4, '0')}`, '市民', districts[i % districts.length], category,
    ].join(','));
  }
  lines.push('HY12345-202699998,时间缺失的工单,内容,,市住建局,已办结,,,,,,,');
  lines.push('HY12345-202699999,日期错误的工单,内容,2026-02-30 10:00,市住建局,已办结,,,,,,,');
  return '\uFEFF' + lines.join('\n') + '\n';
}

/** Demo data of the import area, loaded after the demo cases. */
export async function demoImport(db: Kysely<DB>, ctx: DemoContext): Promise<void> {
  // The demo's own database handle, without a second connection: runImport needs only db, clock and directory.
  const database: Database = { db, kind: 'pglite', location: 'demo', close: async () => undefined };
  const deps = assembleDeps(database, { now: () => ctx.now, logLevel: 'silent' });
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-demo-import-'));
  const file = path.join(dir, '12345热线历史工单-2026上半年.csv');
  try {
    writeFileSync(file, csv(ctx.now));
    await runImport(deps, {
      filePath: file, fileName: path.basename(file), source: '12345热线', mapping: {}, actor: { userId: null, role: 'system', departmentId: null },
    });
    const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
    if (admin) {
      await saveMapping(deps, '12345热线导出', {
        columns: { externalId: '工单编号', title: '留言主题', description: '留言详情', createdAt: '留言时间' },
        defaultCategory: '其他诉求',
      }, admin.id);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    // The run's file is gone with the folder: the run is finished, so nothing needs it again.
    await db.updateTable('import_runs').set({ file_path: null }).where('source', '=', '12345热线').execute();
  }
}
