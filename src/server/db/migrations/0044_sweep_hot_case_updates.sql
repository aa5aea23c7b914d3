-- The sweep's update of each due case (its chain head, levels, updated_at, version) as a HOT update (ADR 18): no index
-- entry is written when no indexed column changes and the new row version fits on the same page. Two things stood in
-- the way (ADR 12, second pass: 15 WAL records per case, 14 of them index entries, ~28% of a sweep):
--
-- 1. warning_level, which the sweep changes, was indexed by two partial indexes. No query needs them: the supervision
--    centre, the lists and the overdue counts filter open cases by status, lead or department first (their own
--    indexes) and test the level on the rows found. The column stays where every reader has it.
-- 2. Pages full to the brim (a bulk-loaded or freshly imported table), so the new version went to another page and
--    every index got an entry. Half of each new page is now left free for later versions; a case row is rewritten
--    several times in its life (commands, sweeps), and most of those writes change no indexed column either.
--    Existing pages keep their fill until rewritten (VACUUM FULL / pg_repack, docs/deployment.md).
DROP INDEX cases_warning_idx;
DROP INDEX cases_warning_lead_idx;
ALTER TABLE cases SET (fillfactor = 50);
