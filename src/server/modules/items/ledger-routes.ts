import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zItemDashboard, zItemLedgerQuery, zItemScreenPanel } from '../../../contracts/items-ledger.js';
import { beijingDate, beijingDateCn } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { docxType, sendFile, sendXlsx } from '../../kernel/index.js';
import { issuingOffice } from '../supervision/index.js';
import { itemDashboard, itemScreenPanel } from './dashboard.js';
import { ledgerPages } from './ledger.js';
import { ledgerColumns, ledgerDocx } from './ledger-files.js';

const tags = ['items'];
/** A Word ledger lists at most this many items (the .xlsx has them all). */
const docxLimit = 2000;

async function* capped<T>(pages: AsyncIterable<T[]>, limit: number): AsyncIterable<T[]> {
  let left = limit;
  for await (const page of pages) {
    if (left <= 0) return;
    yield page.slice(0, left);
    left -= page.length;
  }
}

export function itemLedgerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/items/ledger.xlsx', { schema: { tags, summary: '督办事项台账（Excel，当前筛选与分组，流式）', querystring: zItemLedgerQuery } }, async (req, reply) => {
      const user = requireUser(req, 'item:read');
      const day = beijingDate(deps.now()).replaceAll('-', '');
      return sendXlsx(reply, `督办事项台账-${day}.xlsx`, `items-ledger-${day}.xlsx`, {
        sheetName: '督办事项台账', columns: ledgerColumns(req.query.group), pages: ledgerPages(deps, user, req.query),
      });
    });

    app.get('/api/items/ledger.docx', { schema: { tags, summary: `督办事项台账（Word，当前筛选与分组，前 ${docxLimit} 项）`, querystring: zItemLedgerQuery } }, async (req, reply) => {
      const user = requireUser(req, 'item:read');
      const now = deps.now();
      const day = beijingDate(now).replaceAll('-', '');
      const { file } = await ledgerDocx(capped(ledgerPages(deps, user, req.query), docxLimit), req.query.group,
        `截至${beijingDateCn(now)}`, issuingOffice);
      return sendFile(reply, file, docxType, `督办事项台账-${day}.docx`, `items-ledger-${day}.docx`);
    });

    app.get('/api/items/dashboard', { schema: { tags, summary: '督办事项看板：按灯色、来源、单位统计，逾期节点与缺报', response: { 200: zItemDashboard } } }, async (req) => {
      const user = requireUser(req, 'item:read');
      return itemDashboard(deps, user);
    });

    app.get('/api/items/screen', { schema: { tags, summary: '大屏：重点任务亮灯', response: { 200: zItemScreenPanel } } }, async (req) => {
      const user = requireUser(req, 'item:read');
      return itemScreenPanel(deps, user);
    });
  };
}
