-- Issue 14 item 5: the next steps (下一步工作) a lead unit writes into its work report to the leading group, one text
-- per unit, evaluation year and system. The rest of the report is read from the registry, figures, items and cases.
CREATE TABLE indicator_report_notes (
  department_id integer NOT NULL REFERENCES departments(id),
  year          integer NOT NULL,
  system        text NOT NULL CHECK (system IN ('national', 'province')),
  next_steps    text NOT NULL DEFAULT '',
  updated_by    integer NOT NULL REFERENCES users(id),
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (department_id, year, system)
);
