-- Public board (问题"并网"公开): one row per case that may be published. A case is on the board exactly when its row
-- has status 'approved'. Candidates (status 'pending') are created by the trigger below the moment a case whose
-- submitter consented (cases.is_public) has been accepted and dispatched; the supervisor then edits the masked public
-- text and approves, rejects, or later withdraws. Public text columns hold masked text only.
CREATE TABLE case_publications (
  case_id            bigint PRIMARY KEY REFERENCES cases(id),
  status             text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  public_title       text,
  public_description text,
  public_reply       text,
  -- cases.reply_approved_at of the reply public_reply was made from; a newer approved reply sets reply_pending.
  reply_source_at    timestamptz,
  reply_pending      boolean NOT NULL DEFAULT false,
  -- The submitter allowed the name (cases.is_name_public) and the supervisor kept it: public_name is masked (张*).
  public_name        text,
  mask_enterprise    boolean NOT NULL DEFAULT true,
  -- Manual redactions: literal strings the supervisor blacked out, applied again to every later edit.
  redactions         jsonb NOT NULL DEFAULT '[]',
  -- jieba words of the public text (title, description, reply), lexemes as they are (no parser, no dictionary).
  search_vector      tsvector,
  -- Copies of the case for the board's filters and order, kept current by the trigger on cases.
  case_created_at    timestamptz NOT NULL,
  case_status        text NOT NULL,
  public_status      text NOT NULL CHECK (public_status IN ('handling', 'answered', 'closed')),
  category_id        integer NOT NULL,
  department_id      integer,
  district_id        integer,
  reason             text,
  candidate_at       timestamptz NOT NULL,
  reviewed_by        integer REFERENCES users(id),
  reviewed_at        timestamptz,
  published_at       timestamptz,
  updated_at         timestamptz NOT NULL,
  version            integer NOT NULL DEFAULT 0,
  CONSTRAINT case_publications_text_check CHECK (status <> 'approved' OR (public_title IS NOT NULL AND public_description IS NOT NULL))
);
-- The board: newest first, keyset-paged; one partial index per filter so a filtered page walks its own index.
CREATE INDEX case_publications_board_idx ON case_publications (case_created_at DESC, case_id DESC) WHERE status = 'approved';
CREATE INDEX case_publications_board_dept_idx ON case_publications (department_id, case_created_at DESC, case_id DESC) WHERE status = 'approved';
CREATE INDEX case_publications_board_cat_idx ON case_publications (category_id, case_created_at DESC, case_id DESC) WHERE status = 'approved';
CREATE INDEX case_publications_board_district_idx ON case_publications (district_id, case_created_at DESC, case_id DESC) WHERE status = 'approved';
CREATE INDEX case_publications_board_status_idx ON case_publications (public_status, case_created_at DESC, case_id DESC) WHERE status = 'approved';
CREATE INDEX case_publications_search_idx ON case_publications USING gin (search_vector) WHERE status = 'approved';
-- The review queue: candidates and published cases with a newer reply to review.
CREATE INDEX case_publications_queue_idx ON case_publications (candidate_at DESC, case_id DESC) WHERE status = 'pending' OR reply_pending;
CREATE INDEX case_publications_status_idx ON case_publications (status, reviewed_at DESC);

-- Board status of a case status: still with the departments, answered (reply approved, awaiting the rating), closed.
CREATE FUNCTION yw_public_status(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN s = 'closed' THEN 'closed' WHEN s = 'awaiting_rating' THEN 'answered' ELSE 'handling' END
$$;

-- The district a case is in (a town's parent district), for the board's district filter.
CREATE FUNCTION yw_case_district(d integer) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN dep.kind = 'town' THEN dep.parent_id ELSE dep.id END FROM departments dep WHERE dep.id = d
$$;

-- Keeps case_publications in step with its case, whichever code path changed the case (commands, imports, demo):
-- creates the candidate once a consenting case has been dispatched, copies the filter columns, flags a newer approved
-- reply for review, and withdraws the publication if the consent is taken back.
CREATE FUNCTION yw_case_publication_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE case_publications p SET
      case_status = NEW.status,
      public_status = yw_public_status(NEW.status),
      category_id = NEW.category_id,
      department_id = NEW.lead_department_id,
      district_id = yw_case_district(NEW.district_id),
      reply_pending = p.reply_pending OR (p.status = 'approved' AND NEW.reply_approved_at IS NOT NULL
        AND NEW.reply_approved_at IS DISTINCT FROM p.reply_source_at AND NEW.status IN ('awaiting_rating', 'closed')),
      status = CASE WHEN NOT NEW.is_public AND p.status IN ('pending', 'approved') THEN 'withdrawn' ELSE p.status END,
      reason = CASE WHEN NOT NEW.is_public AND p.status IN ('pending', 'approved') THEN '诉求人撤回公开同意' ELSE p.reason END,
      updated_at = NEW.updated_at
    WHERE p.case_id = NEW.id;
  END IF;
  IF NEW.is_public AND NEW.status IN ('dispatched', 'handling', 'replied', 'awaiting_rating', 'closed') THEN
    INSERT INTO case_publications (case_id, status, case_created_at, case_status, public_status, category_id, department_id, district_id, candidate_at, updated_at)
    VALUES (NEW.id, 'pending', NEW.created_at, NEW.status, yw_public_status(NEW.status), NEW.category_id, NEW.lead_department_id,
      yw_case_district(NEW.district_id), NEW.updated_at, NEW.updated_at)
    ON CONFLICT (case_id) DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_publication_insert AFTER INSERT ON cases
  FOR EACH ROW WHEN (NEW.is_public AND NEW.status IN ('dispatched', 'handling', 'replied', 'awaiting_rating', 'closed'))
  EXECUTE FUNCTION yw_case_publication_sync();
CREATE TRIGGER cases_publication_update AFTER UPDATE ON cases
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.is_public IS DISTINCT FROM NEW.is_public
    OR OLD.lead_department_id IS DISTINCT FROM NEW.lead_department_id OR OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.district_id IS DISTINCT FROM NEW.district_id OR OLD.reply_approved_at IS DISTINCT FROM NEW.reply_approved_at)
  EXECUTE FUNCTION yw_case_publication_sync();
