-- Back to stage + outcome. Lossy where the new model says more: a lost deal whose reason is
-- "no decision" comes back as cancelled; bids become the price gap of tenders; deadlines,
-- lots, the reason code and the closing time are dropped.
DROP INDEX deals_lost_idx;
DROP INDEX deals_tender_deadline_idx;
DROP INDEX deals_open_idx;
DROP INDEX deals_account_closed_idx;
DROP INDEX deals_account_opened_idx;
CREATE INDEX deals_account_idx ON deals (account_id, opened_on DESC);

ALTER TABLE deals DROP CONSTRAINT deals_winning_competitor_fkey;
ALTER TABLE deals ADD CONSTRAINT deals_winning_competitor_id_fkey
    FOREIGN KEY (winning_competitor_id) REFERENCES competitors (id) ON DELETE SET NULL;
ALTER TABLE competitors DROP CONSTRAINT competitors_id_account_key;

ALTER TABLE deals
    DROP CONSTRAINT deals_stage_check,
    DROP CONSTRAINT deals_outcome_reason_check,
    DROP CONSTRAINT deals_closed_consistent,
    DROP CONSTRAINT deals_winner_only_when_lost,
    DROP CONSTRAINT deals_tender_fields,
    DROP CONSTRAINT deals_lots_check,
    DROP CONSTRAINT deals_bids_check,
    DROP CONSTRAINT deals_title_length,
    DROP CONSTRAINT deals_note_length,
    DROP CONSTRAINT deals_winner_length;
ALTER TABLE deals DISABLE TRIGGER deals_touch;

ALTER TABLE deals
    ADD COLUMN outcome text NOT NULL DEFAULT 'open',
    ADD COLUMN price_gap_pct numeric(7, 2);
UPDATE deals SET
    outcome = CASE
        WHEN stage = 'won' THEN 'won'
        WHEN stage = 'lost' AND outcome_reason = 'no_decision' THEN 'cancelled'
        WHEN stage = 'lost' THEN 'lost'
        ELSE 'open' END,
    price_gap_pct = CASE WHEN our_bid IS NOT NULL AND winning_bid > 0 AND stage = 'lost'
        THEN least(greatest(round((our_bid - winning_bid) / winning_bid * 100, 2), -99999.99), 99999.99) END,
    stage = CASE
        WHEN stage IN ('won', 'lost') THEN 'closed'
        WHEN stage = 'qualification' THEN 'qualified'
        ELSE stage END;
UPDATE deals SET winning_competitor_id = NULL, winning_competitor = '' WHERE outcome = 'cancelled';
ALTER TABLE deals
    DROP COLUMN outcome_reason,
    DROP COLUMN closed_at,
    DROP COLUMN deadline_on,
    DROP COLUMN lots,
    DROP COLUMN our_bid,
    DROP COLUMN winning_bid;
ALTER TABLE deals RENAME COLUMN outcome_note TO outcome_reason;
ALTER TABLE deals RENAME COLUMN expected_close_on TO due_on;
ALTER TABLE deals ENABLE TRIGGER deals_touch;
ALTER TABLE deals
    ADD CONSTRAINT deals_stage_check
        CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation', 'closed')),
    ADD CONSTRAINT deals_outcome_check CHECK (outcome IN ('open', 'won', 'lost', 'cancelled')),
    ADD CONSTRAINT deals_closed_consistent CHECK ((outcome = 'open') = (closed_on IS NULL));
