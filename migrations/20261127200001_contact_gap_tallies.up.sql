-- The cockpit's coverage-gap counts over the whole base, kept stored instead of counted per
-- request (docs/performance.md, "The cockpit grows with the base").
--
-- account_contact_gaps learns whether its account is a key client: the recompute copies
-- scoring_results.is_key over (db::scoring::mark_computed), so that every change of an
-- account's gap figures, base membership or key status is one UPDATE of its row, and the
-- row lock orders concurrent writers.
ALTER TABLE account_contact_gaps ADD COLUMN is_key boolean NOT NULL DEFAULT false;
UPDATE account_contact_gaps g SET is_key = true
  FROM scoring_results r WHERE r.account_id = g.account_id AND r.is_key;
CREATE INDEX account_contact_gaps_key_idx ON account_contact_gaps (account_id) WHERE is_key;

-- Signed deltas of the per-account figures of client-base accounts, by key status and by the
-- oldest contact date (the 90-day rule moves with the calendar, so "stale" is summed at read
-- time over the dates before the cutoff; 'infinity' when the account has no contact). Writers
-- only append (no hot row to lock, no lost update); the recompute folds the rows into one per
-- (is_key, oldest_on). A count is the sum of a column.
CREATE TABLE contact_gap_tallies (
    is_key            boolean NOT NULL,
    oldest_on         date    NOT NULL,
    accounts          bigint  NOT NULL,
    no_contact        bigint  NOT NULL,
    uncovered_decider bigint  NOT NULL,
    no_champion       bigint  NOT NULL,
    strong_blocker    bigint  NOT NULL,
    -- Accounts with a gap that does not depend on the date (all but "stale").
    fixed_any         bigint  NOT NULL
);

CREATE FUNCTION contact_gap_tallies_apply() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO contact_gap_tallies
        SELECT r.is_key, coalesce(r.oldest_contact_on, 'infinity'), count(*),
               count(*) FILTER (WHERE r.active_contacts = 0),
               count(*) FILTER (WHERE r.uncovered_deciders > 0),
               count(*) FILTER (WHERE r.no_champion),
               count(*) FILTER (WHERE r.strong_blockers > 0),
               count(*) FILTER (WHERE r.active_contacts = 0 OR r.uncovered_deciders > 0
                                   OR r.no_champion OR r.strong_blockers > 0)
          FROM new_rows r WHERE r.in_base GROUP BY 1, 2;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO contact_gap_tallies
        SELECT r.is_key, coalesce(r.oldest_contact_on, 'infinity'), -count(*),
               -count(*) FILTER (WHERE r.active_contacts = 0),
               -count(*) FILTER (WHERE r.uncovered_deciders > 0),
               -count(*) FILTER (WHERE r.no_champion),
               -count(*) FILTER (WHERE r.strong_blockers > 0),
               -count(*) FILTER (WHERE r.active_contacts = 0 OR r.uncovered_deciders > 0
                                    OR r.no_champion OR r.strong_blockers > 0)
          FROM old_rows r WHERE r.in_base GROUP BY 1, 2;
    ELSE
        -- Old rows count -1, new rows +1; an update that changes nothing nets to no row.
        INSERT INTO contact_gap_tallies
        SELECT r.is_key, coalesce(r.oldest_contact_on, 'infinity'), sum(r.s),
               coalesce(sum(r.s) FILTER (WHERE r.active_contacts = 0), 0),
               coalesce(sum(r.s) FILTER (WHERE r.uncovered_deciders > 0), 0),
               coalesce(sum(r.s) FILTER (WHERE r.no_champion), 0),
               coalesce(sum(r.s) FILTER (WHERE r.strong_blockers > 0), 0),
               coalesce(sum(r.s) FILTER (WHERE r.active_contacts = 0 OR r.uncovered_deciders > 0
                                            OR r.no_champion OR r.strong_blockers > 0), 0)
          FROM (SELECT -1 AS s, o.* FROM old_rows o WHERE o.in_base
                UNION ALL
                SELECT 1, n.* FROM new_rows n WHERE n.in_base) r
         GROUP BY 1, 2
        HAVING sum(r.s) <> 0
            OR coalesce(sum(r.s) FILTER (WHERE r.active_contacts = 0), 0) <> 0
            OR coalesce(sum(r.s) FILTER (WHERE r.uncovered_deciders > 0), 0) <> 0
            OR coalesce(sum(r.s) FILTER (WHERE r.no_champion), 0) <> 0
            OR coalesce(sum(r.s) FILTER (WHERE r.strong_blockers > 0), 0) <> 0
            OR coalesce(sum(r.s) FILTER (WHERE r.active_contacts = 0 OR r.uncovered_deciders > 0
                                            OR r.no_champion OR r.strong_blockers > 0), 0) <> 0;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Statement-level with transition tables: a bulk write is one more INSERT, not a call per row.
CREATE TRIGGER account_contact_gaps_tally_insert AFTER INSERT ON account_contact_gaps
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION contact_gap_tallies_apply();
CREATE TRIGGER account_contact_gaps_tally_update AFTER UPDATE ON account_contact_gaps
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION contact_gap_tallies_apply();
CREATE TRIGGER account_contact_gaps_tally_delete AFTER DELETE ON account_contact_gaps
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION contact_gap_tallies_apply();

-- Backfill: the current figures, once.
INSERT INTO contact_gap_tallies
SELECT g.is_key, coalesce(g.oldest_contact_on, 'infinity'), count(*),
       count(*) FILTER (WHERE g.active_contacts = 0),
       count(*) FILTER (WHERE g.uncovered_deciders > 0),
       count(*) FILTER (WHERE g.no_champion),
       count(*) FILTER (WHERE g.strong_blockers > 0),
       count(*) FILTER (WHERE g.active_contacts = 0 OR g.uncovered_deciders > 0
                           OR g.no_champion OR g.strong_blockers > 0)
  FROM account_contact_gaps g WHERE g.in_base GROUP BY 1, 2;
