-- Two changes of issue 12: time-limit policies by case type, and reply files on the public board.
-- Time-limit policies by case type (诉求类型): a policy is for one category or all (category_id NULL), one case type
-- or all (case_type NULL) and one urgency. The most specific current policy applies (src/domain/sla/policy.ts).
ALTER TABLE time_limit_policies ADD COLUMN case_type text;
ALTER TABLE time_limit_policies ADD CONSTRAINT time_limit_policies_case_type_check
  CHECK (case_type IN ('consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'));
DROP INDEX time_limit_policies_version_idx;
DROP INDEX time_limit_policies_current_idx;
CREATE UNIQUE INDEX time_limit_policies_version_idx ON time_limit_policies (COALESCE(category_id, 0), COALESCE(case_type, ''), urgency, version);
CREATE UNIQUE INDEX time_limit_policies_current_idx ON time_limit_policies (COALESCE(category_id, 0), COALESCE(case_type, ''), urgency) WHERE superseded_at IS NULL;

-- The public board shows a reply's public attachments; the publication reviewer may withhold some (their ids here).
ALTER TABLE case_publications ADD COLUMN withheld_attachments jsonb NOT NULL DEFAULT '[]';
