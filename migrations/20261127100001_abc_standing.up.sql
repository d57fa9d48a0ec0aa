-- The figures behind each account's ABC class as the last recompute ranked the client base
-- (domain::analysis::abc_places), so the account's analysis page reads one row instead of
-- summing the whole base's statistics on every view (db::analysis::abc_figures). Rewritten by
-- the recompute when the ranking's figures changed. Only accounts of the base with revenue in
-- the window have a row: any other account has no revenue, and the whole base's revenue ranks
-- above it. No foreign key: the recompute rewrites the table with COPY, and a deleted account
-- leaves with the next recompute (its deletion requests one).
CREATE TABLE abc_standing (
    account_id uuid PRIMARY KEY,
    revenue    numeric NOT NULL CHECK (revenue > 0),
    before     numeric NOT NULL CHECK (before >= 0)
);
-- The base's revenue in the window, as the same recompute summed it.
ALTER TABLE scoring_state ADD COLUMN abc_total numeric NOT NULL DEFAULT 0;
