-- Issue 15: the admin sets the precision the city accepts; the platform chooses the thresholds from the model's
-- out-of-fold cases (ADR 0016). NULL keeps the fixed confidence threshold of before.
ALTER TABLE routing_settings ADD COLUMN target_precision double precision
  CHECK (target_precision IS NULL OR (target_precision >= 0.5 AND target_precision < 1));

-- Per model: its out-of-fold and held-out scored cases (department put first, confidence, right or not) and the
-- cross-validation figures, from which thresholds and the precision-coverage curve are worked out for any target.
ALTER TABLE routing_models ADD COLUMN calibration jsonb;
