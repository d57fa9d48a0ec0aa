-- Deals and tenders as issue 10 describes them (see domain::deal):
-- * one stage column lead, qualification, proposal, negotiation, won, lost. The old
--   stage/outcome pair maps: qualified -> qualification; closed + won -> won; closed + lost ->
--   lost; closed + cancelled -> lost with the reason "no decision" (the client called it off,
--   nobody won).
-- * the outcome reason from a pick list (required once won or lost) plus the text as typed
--   (the old outcome_reason text becomes outcome_note).
-- * tender fields: submission deadline, number of lots, our bid, the winning bid. The old
--   price_gap_pct becomes bids where it can: a tender's amount is taken as our bid and the
--   winning bid is derived from the gap. A deal (not a tender) has no bids; its gap is dropped.
-- * due_on becomes expected_close_on; closed_at records when the deal was closed (the
--   timeline's time of the "closed" event; closed_on is the business date).
-- * the winner named from the dossier must be a competitor of the same account.

ALTER TABLE deals DROP CONSTRAINT deals_closed_consistent;
ALTER TABLE deals DROP CONSTRAINT deals_stage_check;
ALTER TABLE deals DROP CONSTRAINT deals_outcome_check;
ALTER TABLE deals DISABLE TRIGGER deals_touch;

ALTER TABLE deals RENAME COLUMN due_on TO expected_close_on;
ALTER TABLE deals RENAME COLUMN outcome_reason TO outcome_note;
ALTER TABLE deals
    ADD COLUMN outcome_reason text,
    ADD COLUMN closed_at      timestamptz,
    ADD COLUMN deadline_on    date,
    ADD COLUMN lots           integer,
    ADD COLUMN our_bid        numeric(18, 2),
    ADD COLUMN winning_bid    numeric(18, 2);

UPDATE deals SET
    stage = CASE
        WHEN outcome = 'won' THEN 'won'
        WHEN outcome IN ('lost', 'cancelled') THEN 'lost'
        WHEN stage = 'qualified' THEN 'qualification'
        -- Closed without an outcome (the old schema allowed it): still open, at the last stage.
        WHEN stage = 'closed' THEN 'negotiation'
        ELSE stage END,
    outcome_reason = CASE
        WHEN outcome = 'open' THEN NULL
        WHEN outcome = 'cancelled' THEN 'no_decision'
        WHEN outcome_note ILIKE '%price%' OR outcome_note ILIKE '%cost%' THEN 'price'
        WHEN outcome_note ILIKE '%quality%' OR outcome_note ILIKE '%qualification%'
          OR outcome_note ILIKE '%reliab%' OR outcome_note ILIKE '%support%' THEN 'quality'
        WHEN outcome_note ILIKE '%terms%' OR outcome_note ILIKE '%lead time%'
          OR outcome_note ILIKE '%regions%' THEN 'terms'
        WHEN outcome_note ILIKE '%supplier%' OR outcome_note ILIKE '%director%' THEN 'relationship'
        ELSE 'other' END,
    closed_at = CASE WHEN outcome = 'open' THEN NULL ELSE updated_at END,
    deadline_on = CASE WHEN kind = 'tender' THEN expected_close_on END,
    our_bid = CASE WHEN kind = 'tender' AND outcome IN ('won', 'lost') THEN amount END,
    winning_bid = CASE
        WHEN kind = 'tender' AND outcome = 'won' THEN amount
        WHEN kind = 'tender' AND outcome = 'lost' AND price_gap_pct > -100
            THEN round(amount / (1 + price_gap_pct / 100), 2) END;
-- Only a lost deal has a winner other than us.
UPDATE deals SET winning_competitor_id = NULL, winning_competitor = ''
 WHERE stage <> 'lost' AND (winning_competitor_id IS NOT NULL OR winning_competitor <> '');
-- A winner from the dossier carries its name too, so the name outlives the dossier entry.
UPDATE deals d SET winning_competitor = c.name
  FROM competitors c
 WHERE c.id = d.winning_competitor_id AND d.winning_competitor = '';
-- A winner that is another account's competitor is kept by name only.
UPDATE deals d SET winning_competitor_id = NULL
  FROM competitors c
 WHERE c.id = d.winning_competitor_id AND c.account_id <> d.account_id;

ALTER TABLE deals DROP COLUMN outcome, DROP COLUMN price_gap_pct;
ALTER TABLE deals ENABLE TRIGGER deals_touch;

ALTER TABLE deals
    ALTER COLUMN stage SET DEFAULT 'lead',
    ADD CONSTRAINT deals_stage_check
        CHECK (stage IN ('lead', 'qualification', 'proposal', 'negotiation', 'won', 'lost')),
    ADD CONSTRAINT deals_outcome_reason_check
        CHECK (outcome_reason IN ('price', 'quality', 'terms', 'relationship', 'no_decision',
                                  'competitor_incumbent', 'other')),
    -- Won or lost exactly when it has a closing date, time and reason.
    ADD CONSTRAINT deals_closed_consistent CHECK (
        (stage IN ('won', 'lost')) = (closed_on IS NOT NULL)
        AND (closed_on IS NULL) = (closed_at IS NULL)
        AND (closed_on IS NULL) = (outcome_reason IS NULL)),
    ADD CONSTRAINT deals_winner_only_when_lost CHECK (
        stage = 'lost' OR (winning_competitor_id IS NULL AND winning_competitor = '')),
    ADD CONSTRAINT deals_tender_fields CHECK (
        kind = 'tender' OR (deadline_on IS NULL AND lots IS NULL AND our_bid IS NULL AND winning_bid IS NULL)),
    ADD CONSTRAINT deals_lots_check CHECK (lots IS NULL OR lots BETWEEN 1 AND 999),
    ADD CONSTRAINT deals_bids_check CHECK ((our_bid IS NULL OR our_bid >= 0) AND (winning_bid IS NULL OR winning_bid >= 0)),
    ADD CONSTRAINT deals_title_length CHECK (char_length(title) <= 200),
    ADD CONSTRAINT deals_note_length CHECK (char_length(outcome_note) <= 2000),
    ADD CONSTRAINT deals_winner_length CHECK (char_length(winning_competitor) <= 200);

-- The winner from the dossier is one of this account's competitors.
ALTER TABLE competitors ADD CONSTRAINT competitors_id_account_key UNIQUE (id, account_id);
ALTER TABLE deals DROP CONSTRAINT deals_winning_competitor_id_fkey;
ALTER TABLE deals ADD CONSTRAINT deals_winning_competitor_fkey
    FOREIGN KEY (winning_competitor_id, account_id) REFERENCES competitors (id, account_id)
    ON DELETE SET NULL (winning_competitor_id);

-- The pipeline (open deals by expected close), the tender register (by deadline), the refusal
-- trend (lost deals by closing date), and an account's deals in the timeline (opened and
-- closed events, newest first).
DROP INDEX deals_account_idx;
CREATE INDEX deals_account_opened_idx ON deals (account_id, opened_on DESC, created_at DESC, id DESC);
CREATE INDEX deals_account_closed_idx ON deals (account_id, closed_on DESC, closed_at DESC, id DESC)
    WHERE closed_on IS NOT NULL;
CREATE INDEX deals_open_idx ON deals (expected_close_on, id)
    WHERE stage IN ('lead', 'qualification', 'proposal', 'negotiation');
CREATE INDEX deals_tender_deadline_idx ON deals (deadline_on, id) WHERE kind = 'tender';
CREATE INDEX deals_lost_idx ON deals (closed_on) WHERE stage = 'lost';
