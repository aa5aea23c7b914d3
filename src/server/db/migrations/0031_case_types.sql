-- Case types (诉求类型): 咨询 consultation, 求助 help, 投诉 complaint, 举报 report, 建议 suggestion, 表扬 praise.
-- The type is the case's own (chosen at the desk, by the submitter, by an Open311 attribute or an import column) and
-- drives its default reply time limit; a category's kind is only the default. Existing cases take their category's
-- kind. A writer that leaves the type out gets the category's kind from the trigger below, so no insert path can
-- write a case without one.
ALTER TABLE categories DROP CONSTRAINT IF EXISTS categories_kind_check;
ALTER TABLE categories ADD CONSTRAINT categories_kind_check
  CHECK (kind IN ('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'));

ALTER TABLE cases ADD COLUMN case_type text;
UPDATE cases c SET case_type = k.kind FROM categories k WHERE k.id = c.category_id;
ALTER TABLE cases ALTER COLUMN case_type SET NOT NULL;
ALTER TABLE cases ADD CONSTRAINT cases_case_type_check
  CHECK (case_type IN ('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'));
CREATE INDEX cases_case_type_idx ON cases (case_type);

CREATE FUNCTION yw_case_type_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_type IS NULL THEN
    SELECT kind INTO NEW.case_type FROM categories WHERE id = NEW.category_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER cases_case_type_default BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION yw_case_type_default();

-- An import run counts the rows taken with data-quality warnings apart from the rows that failed.
ALTER TABLE import_runs ADD COLUMN warned_count integer NOT NULL DEFAULT 0;
