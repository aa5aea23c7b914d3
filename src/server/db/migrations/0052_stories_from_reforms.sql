-- 城市故事 from a finished reform measure (issue 14 item 6, ADR 0026): a story is told either of a closed case or of a
-- reform measure that was 销号 (a supervised item with an indicator origin, ADR 0022, state closed), never both. The
-- before and after may be figures with their units of measure (开办时间 3 → 1 个工作日), shown on the public site and
-- in the yearly compilation beside the free text.
ALTER TABLE indicator_stories ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE indicator_stories ADD COLUMN item_id bigint REFERENCES items(id);
-- [{label, unit, before, after}], at most 8 (the contract checks the shape).
ALTER TABLE indicator_stories ADD COLUMN figures jsonb NOT NULL DEFAULT '[]';
ALTER TABLE indicator_stories ADD CONSTRAINT indicator_stories_one_source CHECK ((case_id IS NULL) <> (item_id IS NULL));
CREATE UNIQUE INDEX indicator_stories_item_idx ON indicator_stories (item_id) WHERE status <> 'withdrawn';
