import { knowledgeColumns, type KnowledgeEntryInput } from '../../../contracts/knowledge.js';
import { messageFor } from '../../../contracts/errors.js';
import { zKnowledgeEntryInput } from '../../../contracts/knowledge.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { ErrorCode } from '../../../domain/errors.js';
import { entryRefusal } from '../../../domain/knowledge/entry.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { readTableFromBuffer } from '../../import-file/read-table.js';
import { inTransaction, type StaffUser } from '../../kernel/index.js';
import { insertEntry, writeDraft } from './commands.js';

// Excel/CSV import of an existing knowledge base: each row a draft (new entry, or a new version of the entry with the
// same 编号 from an earlier import), for the owner units to approve. A row without an owner unit, with an unknown
// unit, an expired basis or a bad date is refused in Chinese and the good rows are imported.

const [colQuestion, colAnswer, colOwner, colFrom, colTo, colBasis, colNumber, colVisibility, colKeywords, colKey] = knowledgeColumns;

interface Refused { rowNumber: number; code: string; message: string }

export async function importKnowledge(deps: AppDeps, user: StaffUser, req: { fileName: string; contentBase64: string }) {
  const table = await readTableFromBuffer(Buffer.from(req.contentBase64, 'base64'), req.fileName, {
    formats: ['csv', 'xlsx'], maxBytes: 10 * 1024 * 1024, isHeader: (cells) => cells.includes(colQuestion) && cells.includes(colAnswer),
  }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'IMPORT_NO_HEADER') throw new AppError('KNOWLEDGE_FILE_INVALID');
    throw err;
  });
  if (![colQuestion, colAnswer, colOwner].every((c) => table.headers.includes(c))) throw new AppError('KNOWLEDGE_FILE_INVALID');
  const dir = await deps.directory.ready();
  const today = beijingDate(deps.now());
  const unitOf = (text: string) => dir.departments.find((d) => d.isActive !== false && (d.name === text || d.code === text));
  const refused: Refused[] = [];
  const refuse = (rowNumber: number, code: ErrorCode, detail = '') => refused.push({ rowNumber, code, message: `${messageFor(code)}${detail}` });
  let created = 0;
  let updated = 0;
  for (const { rowNumber, values, error } of table.rows) {
    if (error) {
      refused.push({ rowNumber, code: 'VALIDATION_FAILED', message: error });
      continue;
    }
    const ownerText = values[colOwner] ?? '';
    const unit = ownerText ? unitOf(ownerText) : undefined;
    if (!ownerText) { refuse(rowNumber, 'KNOWLEDGE_OWNER_REQUIRED'); continue; }
    if (!unit) { refuse(rowNumber, 'KNOWLEDGE_OWNER_NOT_FOUND', `：「${ownerText}」`); continue; }
    const parsed = zKnowledgeEntryInput.safeParse({
      question: values[colQuestion], answer: values[colAnswer], ownerUnitId: unit.id, validFrom: values[colFrom] || today,
      validTo: values[colTo] || null, basisTitle: values[colBasis] ?? '', basisNumber: values[colNumber] || null,
      visibility: values[colVisibility] === '内部' ? 'internal' : 'public',
      keywords: (values[colKeywords] ?? '').split(/[、,，;；\s]+/).map((k) => k.trim()).filter(Boolean).slice(0, 20),
    });
    if (!parsed.success) {
      refused.push({ rowNumber, code: 'VALIDATION_FAILED', message: parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`).join('；') });
      continue;
    }
    const input: KnowledgeEntryInput = parsed.data;
    const bad = entryRefusal({ ownerUnitId: input.ownerUnitId, validFrom: input.validFrom, validTo: input.validTo }, today);
    if (bad) { refuse(rowNumber, bad); continue; }
    const key = values[colKey] ? `${values[colKey]}` : null;
    await inTransaction(deps.database.db, async (tx) => {
      const known = key ? await tx.selectFrom('knowledge_entries').select(['id', 'latest_version', 'published_version']).where('import_key', '=', key).forUpdate().executeTakeFirst() : undefined;
      if (known) {
        await writeDraft(tx, deps.now(), user.id, known, input, unit.id);
        updated++;
      } else {
        await insertEntry(tx, deps.now(), user.id, input, unit.id, { source: 'import', importKey: key });
        created++;
      }
    });
  }
  return { created, updated, refused };
}
