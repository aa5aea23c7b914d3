import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// One writer per table (docs/architecture.md): every table has one owning area, and only that area's files write it
// (insertInto / updateTable / deleteFrom, or INSERT INTO / UPDATE … SET / DELETE FROM in raw SQL). The case tables
// have a smaller owner still: the cases writer's four files. Another area that needs a case changed calls them.
//
// Exempt, and why:
// - db/migrations: SQL files (not scanned). Their PL/pgSQL triggers keep derived columns and tables in step with the
//   rows the owners write (assignment_sla, dashboard rollups, the notification outbox, publication sync); they run
//   inside the owner's statement.
// - demo/: the demo loader seeds other areas' reference rows (organisation and accounts, Open311 keys and
//   attributes, routing rules, an appeal, an import run's file path) into an empty database, as a fixture, like a
//   migration's seed rows. It is not exempt for the case tables: its cases go through the cases writer
//   (insertCaseHistories), which the scan checks.

const root = join(import.meta.dirname, '../..');
const server = join(root, 'src/server');

/** Owners: a folder of src/server (every file under it), or a list of files. */
const caseWriter = ['modules/cases/repository.ts', 'modules/cases/bulk-writes.ts', 'modules/cases/import-writes.ts', 'modules/cases/create-case.ts'];
const owners: Record<string, string | string[]> = {
  cases: caseWriter,
  assignments: caseWriter,
  assignment_sla: caseWriter,
  case_events: caseWriter,
  departments: 'modules/org',
  categories: 'modules/catalogue',
  category_changes: 'modules/catalogue',
  indicators: 'modules/indicators',
  indicator_figures: 'modules/indicators',
  indicator_figure_steps: 'modules/indicators',
  indicator_files: 'modules/indicators',
  indicator_press_requests: 'modules/indicators',
  indicator_stories: 'modules/indicators',
  indicator_report_notes: 'modules/indicators',
  department_changes: 'modules/org',
  users: 'modules/auth',
  sessions: 'modules/auth',
  password_policy: 'modules/auth',
  password_history: 'modules/auth',
  schema_migrations: 'db',
  calendar_years: 'modules/calendar',
  calendar_days: 'modules/calendar',
  working_hours: 'modules/calendar',
  time_limit_policies: 'modules/policies',
  sla_crossings: 'modules/sla',
  supervision_orders: 'modules/supervision',
  items: 'modules/items',
  item_targets: 'modules/items',
  item_milestones: 'modules/items',
  item_reports: 'modules/items',
  item_files: 'modules/items',
  item_events: 'modules/items',
  item_light_crossings: 'modules/items',
  item_light_checks: 'modules/items',
  supervision_order_answers: 'modules/supervision',
  notification_outbox: 'modules/notifications',
  notifications: 'modules/notifications',
  webhook_endpoints: 'modules/notifications',
  notification_deliveries: 'modules/notifications',
  delivery_attempts: 'modules/notifications',
  sms_log: 'modules/notifications',
  import_mappings: 'modules/import',
  import_runs: 'modules/import',
  import_run_errors: 'modules/import',
  import_records: 'modules/import',
  open311_api_keys: 'modules/open311',
  open311_service_attributes: 'modules/open311',
  open311_requests: 'modules/open311',
  open311_attribute_changes: 'modules/open311',
  case_attachments: 'modules/portal',
  case_tracking_tokens: 'modules/portal',
  case_publications: 'modules/publication',
  routing_rules: 'modules/routing',
  routing_rule_versions: 'modules/routing',
  routing_models: 'modules/routing',
  routing_settings: 'modules/routing',
  routing_decisions: 'modules/routing',
  assessment_schemes: 'modules/assessment',
  assessment_facts: 'modules/assessment',
  assessment_fact_cursor: 'modules/assessment',
  assessment_periods: 'modules/assessment',
  assessment_appeals: 'modules/assessment',
  dashboard_daily: 'modules/dashboard',
  dashboard_daily_totals: 'modules/dashboard',
  dashboard_case_deltas: 'modules/dashboard',
  dashboard_overdue_days: 'modules/dashboard',
  dashboard_overdue_counts: 'modules/dashboard',
  follow_up_calls: 'modules/followups',
  valid_follow_ups: 'modules/followups',
  rate_limit_hits: 'kernel',
  failure_throttle: 'kernel',
  admin_audit: 'modules/admin-audit',
  knowledge_entries: 'modules/knowledge',
  knowledge_versions: 'modules/knowledge',
  knowledge_uses: 'modules/knowledge',
  admin_audit_head: 'modules/admin-audit',
  suggestions: 'modules/suggestions',
  suggestion_proposers: 'modules/suggestions',
  suggestion_units: 'modules/suggestions',
  suggestion_meetings: 'modules/suggestions',
  suggestion_letters: 'modules/suggestions',
  suggestion_countersigns: 'modules/suggestions',
  suggestion_events: 'modules/suggestions',
  major_report_types: 'modules/suggestions',
  major_reports: 'modules/suggestions',
  city_settings: 'modules/settings',
  case_search: 'modules/search',
  hotspots: 'modules/hotspots',
  hotspot_cases: 'modules/hotspots',
  hotspot_runs: 'modules/hotspots',
  hotspot_params: 'modules/hotspots',
};

/** Tables the demo loader may seed directly (see above). */
const demoSeeds = new Set(Object.keys(owners).filter((t) => owners[t] !== caseWriter));

const writes = [
  /\b(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"`]([a-z_0-9]+)/g,
  /\bINSERT\s+INTO\s+([a-z_0-9]+)/gi,
  /\bUPDATE\s+([a-z_0-9]+)(?:\s+(?:AS\s+)?[a-z_0-9]+)?\s+SET\b/gi,
  /\bDELETE\s+FROM\s+([a-z_0-9]+)/gi,
];

/** The tables a source text writes. */
export function tablesWritten(text: string): Set<string> {
  const found = new Set<string>();
  for (const re of writes) for (const m of text.matchAll(re)) found.add(m[1].toLowerCase());
  return found;
}

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) yield path;
  }
}

function owns(owner: string | string[], file: string): boolean {
  return Array.isArray(owner) ? owner.includes(file) : file.startsWith(`${owner}/`);
}

/** Tables declared in the Kysely schema (src/server/db/schema*.ts: the `name: XTable;` members of the DB interfaces). */
function schemaTables(): string[] {
  const dir = join(server, 'db');
  const tables = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => /^schema(-[a-z0-9]+)?\.ts$/.test(n))) {
    const text = readFileSync(join(dir, name), 'utf8');
    for (const m of text.matchAll(/export interface (?:\w+Tables|DB) (?:extends [^{]+)?\{([^}]*)\}/g)) {
      for (const t of m[1].matchAll(/^\s+([a-z_0-9]+): \w+Table;/gm)) tables.add(t[1]);
    }
  }
  return [...tables].sort();
}

describe('one writer per table', () => {
  it('every table of the schema has an owner', () => {
    const tables = schemaTables();
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => !(t in owners))).toEqual([]);
  });

  it('no file of src/server writes a table it does not own', () => {
    const offences: string[] = [];
    let scanned = 0;
    for (const path of sources(server)) {
      const file = relative(server, path).replaceAll('\\', '/');
      if (file.startsWith('db/migrations/')) continue;
      scanned++;
      for (const table of tablesWritten(readFileSync(path, 'utf8'))) {
        const owner = owners[table];
        if (owner === undefined) offences.push(`${file} writes ${table}, which has no owner`);
        else if (owns(owner, file)) continue;
        else if (file.startsWith('demo/') && demoSeeds.has(table)) continue;
        else offences.push(`${file} writes ${table}, owned by ${Array.isArray(owner) ? 'the cases writer' : owner}`);
      }
    }
    expect(scanned).toBeGreaterThan(100);
    expect(offences).toEqual([]);
  });

  it('the scan sees every form of a write', () => {
    expect([...tablesWritten("await tx.updateTable('cases').set({ a: 1 })")]).toEqual(['cases']);
    expect([...tablesWritten('q.insertInto("assignments as a").values(v)')]).toEqual(['assignments']);
    expect([...tablesWritten("db.deleteFrom('case_events')")]).toEqual(['case_events']);
    expect([...tablesWritten('sql`INSERT INTO case_events (case_id) SELECT 1`')]).toEqual(['case_events']);
    expect([...tablesWritten('sql`UPDATE assignments SET sla_check_at = now()`')]).toEqual(['assignments']);
    expect([...tablesWritten('sql`\n    UPDATE cases c\n       SET version = 2`')]).toEqual(['cases']);
    expect([...tablesWritten('sql`update cases as c set version = 2`')]).toEqual(['cases']);
    expect([...tablesWritten('sql`delete from import_records WHERE true`')]).toEqual(['import_records']);
    expect([...tablesWritten("db.selectFrom('cases').where('status', '=', 'closed')")]).toEqual([]);
  });
});
