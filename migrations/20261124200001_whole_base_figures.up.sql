-- Figures that describe the whole client base are kept with the recompute, so that a page reads
-- them instead of counting 100,000 accounts per request: the scoring worker writes them beside
-- n, cap and key_count (see db::scoring::mark_computed).
ALTER TABLE scoring_state
    ADD COLUMN unowned_key integer NOT NULL DEFAULT 0,
    ADD COLUMN at_risk     integer NOT NULL DEFAULT 0;

-- Who owns a key client is now an input of the stored figures (the unowned-key alarm): a change
-- of team requests a recompute like any other input does.
CREATE TRIGGER account_team_request_scoring
    AFTER INSERT OR UPDATE OR DELETE ON account_team FOR EACH STATEMENT EXECUTE FUNCTION request_scoring();

-- Compute the new figures on the next pass of the worker.
UPDATE scoring_state SET requested_seq = requested_seq + 1;
