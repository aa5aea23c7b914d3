import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the catalogue (migration 0027). Merged into DB in schema.ts; the columns 0027 adds to
// `categories` are merged into CategoriesTable there.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface CategoryCatalogueColumns {
  is_active: Generated<boolean>;
  co_department_ids: Generated<number[]>;
  /** Case kinds this category accepts; empty means any. */
  accepted_kinds: Generated<string[]>;
  tags: Generated<string[]>;
  /** First-level indicator codes the category counts toward (migration 0045). */
  indicator_codes: Generated<string[]>;
  version: Generated<number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CategoryChangesTable {
  id: Generated<number>;
  category_id: number;
  action: 'create' | 'update' | 'move' | 'deactivate' | 'reactivate' | 'import';
  /** Beijing date from which the change holds (YYYY-MM-DD). */
  effective_date: ColumnType<string, string, string>;
  reason: string | null;
  before: Json;
  after: Json;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface CatalogueTables {
  category_changes: CategoryChangesTable;
}
