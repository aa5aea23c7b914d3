import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the indicators area (migration 0045). Merged into DB in schema.ts; the column 0045 adds to
// `categories` (indicator_codes) is merged into CategoriesTable there through CategoryCatalogueColumns.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric comes back as a string from both engines; written as a number or string. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface IndicatorsTable {
  id: Generated<number>;
  year: number;
  system: 'national' | 'province';
  code: string;
  parent_id: number | null;
  name: string;
  definition: Generated<string>;
  unit: Generated<string>;
  direction: Generated<'higher' | 'lower'>;
  weight: ColumnType<string, number | string | undefined, number | string>;
  lead_department_id: number | null;
  responsible_department_ids: Generated<number[]>;
  target_province_best: Numeric | null;
  target_benchmark: Numeric | null;
  target_commitment: Numeric | null;
  sort_order: Generated<number>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface IndicatorFiguresTable {
  id: Generated<number>;
  indicator_id: number;
  period: string;
  value: Numeric;
  note: Generated<string>;
  status: 'filed' | 'returned' | 'accepted';
  return_reason: string | null;
  department_id: number;
  filed_by: number;
  filed_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  version: Generated<number>;
}

export interface IndicatorFigureStepsTable {
  id: Generated<number>;
  figure_id: number;
  action: 'file' | 'refile' | 'accept' | 'return' | 'correct';
  value_before: Numeric | null;
  value_after: Numeric | null;
  reason: string | null;
  user_id: number;
  at: Timestamp;
}

export interface IndicatorFilesTable {
  id: Generated<number>;
  figure_id: number | null;
  story_id: number | null;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  uploaded_at: Timestamp;
}

export interface IndicatorPressRequestsTable {
  id: Generated<number>;
  indicator_id: number;
  case_id: number;
  department_id: number;
  reason: string;
  status: Generated<'open' | 'ordered' | 'declined'>;
  requested_by: number;
  requesting_department_id: number;
  requested_at: Timestamp;
  handled_by: number | null;
  handled_at: Timestamp | null;
  order_id: number | null;
  decline_reason: string | null;
}

/** One before/after figure of a story, with its unit of measure (migration 0052). */
export interface StoryFigure { label: string; unit: string; before: number; after: number }

export interface IndicatorStoriesTable {
  id: Generated<number>;
  /** The closed case told, or null when the story is of a finished reform measure (item_id). */
  case_id: number | null;
  item_id: number | null;
  figures: ColumnType<StoryFigure[], string | undefined, string>;
  indicator_code: string | null;
  title: string;
  body: string;
  before_text: Generated<string>;
  after_text: Generated<string>;
  department_ids: Generated<number[]>;
  status: Generated<'nominated' | 'returned' | 'published' | 'withdrawn'>;
  public_title: string | null;
  public_body: string | null;
  review_note: string | null;
  nominated_by: number;
  nominated_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  published_at: Timestamp | null;
  version: Generated<number>;
}

/** Migration 0048: a lead unit's 下一步工作 for its report to the leading group. */
export interface IndicatorReportNotesTable {
  department_id: number;
  year: number;
  system: 'national' | 'province';
  next_steps: Generated<string>;
  updated_by: number;
  updated_at: Timestamp;
}

export interface IndicatorTables {
  indicators: IndicatorsTable;
  indicator_figures: IndicatorFiguresTable;
  indicator_figure_steps: IndicatorFigureStepsTable;
  indicator_files: IndicatorFilesTable;
  indicator_press_requests: IndicatorPressRequestsTable;
  indicator_stories: IndicatorStoriesTable;
  indicator_report_notes: IndicatorReportNotesTable;
}
