import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';

/**
 * The public schema as sorted lines, from pg_catalog: tables and their columns, views, sequences, indexes,
 * constraints, triggers, functions' definitions and enum labels. Two databases with equal dumps have the same schema.
 */
export async function schemaDump(db: Kysely<DB>): Promise<string[]> {
  const queries = [
    sql<{ line: string }>`
      SELECT format('column %s.%s %s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                    CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                    coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')) AS line
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped`,
    sql<{ line: string }>`
      SELECT format('relation %s %s', c.relname, c.relkind) AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
    sql<{ line: string }>`
      SELECT format('view %s %s', c.relname, pg_get_viewdef(c.oid)) AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')`,
    sql<{ line: string }>`SELECT format('index %s', indexdef) AS line FROM pg_indexes WHERE schemaname = 'public'`,
    sql<{ line: string }>`
      SELECT format('constraint %s.%s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS line
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'`,
    sql<{ line: string }>`
      SELECT format('trigger %s %s', t.tgname, pg_get_triggerdef(t.oid)) AS line
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal`,
    sql<{ line: string }>`
      SELECT format('function %s', pg_get_functiondef(p.oid)) AS line
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
    sql<{ line: string }>`
      SELECT format('enum %s %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`,
  ];
  const lines: string[] = [];
  for (const q of queries) lines.push(...(await q.execute(db)).rows.map((r) => r.line));
  return lines.sort();
}
