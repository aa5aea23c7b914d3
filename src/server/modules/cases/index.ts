// The area's public entry: other areas import only from here (docs/architecture.md, "Layers").
export { actorOf } from './actor.js';
export { moveOpenAssignments, recheckRunningClocks } from './bulk-writes.js';
export type { CaseRecord } from './case-cache.js';
export { caseChangedChannel, publishCaseChange, publishCaseChanges } from './case-changes.js';
export { createCase, newCaseCode } from './create-case.js';
export { decodeCursor, encodeCursor } from './find-cases.js';
export {
  assignmentColumns, caseColumns, eventColumns, eventStamp, firstEventContent, firstEventRow, importedAssignmentRow, insertImportedCases, names,
  rowsFrom, writeImportedUpdate, type Columns, type EventStamp,
} from './import-writes.js';
export { caseListPages, caseSummaryColumns } from './export.js';
export { presentSummary } from './presenter.js';
export { lockCase, setAssignmentDeadlines, setSupervisionLevel, toColumns, toSnapshot, writeCaseChange } from './repository.js';
export { checkAttachmentRefs } from './attachment-refs.js';
export { checkDepartments, runCommand } from './run-command.js';
