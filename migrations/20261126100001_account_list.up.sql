-- The accounts list (db::account_list) sorts by each shown column and pages by keyset: a page
-- continues after the last row's sort key, so page 1 and page 2,000 each read about one page
-- of an index, at 10,000 accounts as at 100,000.

-- Every account has its scoring row from the moment it is inserted (the recompute fills in
-- the values a moment later), so the list can join the results without an outer join and walk
-- an index of scoring_results in the order of its score, segment, league or key flag.
CREATE FUNCTION accounts_scoring_placeholder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scoring_results (account_id, reason)
    SELECT id, 'not_in_base' FROM new_accounts
    ON CONFLICT (account_id) DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER accounts_scoring_placeholder AFTER INSERT ON accounts
    REFERENCING NEW TABLE AS new_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_scoring_placeholder();
INSERT INTO scoring_results (account_id, reason)
SELECT a.id, 'not_in_base' FROM accounts a
 WHERE NOT EXISTS (SELECT 1 FROM scoring_results r WHERE r.account_id = a.id);

-- One index per sort, each ending in the id that breaks ties (and the keyset's last column).
-- The expressions are exactly those of db::account_list::SortColumn::keys.
DROP INDEX accounts_name_lower_idx;
CREATE INDEX accounts_list_name_idx ON accounts (lower(name), id);
CREATE INDEX scoring_results_list_score_idx ON scoring_results ((coalesce(score, -1)), account_id);
CREATE INDEX scoring_results_list_key_idx
    ON scoring_results (is_key, (coalesce(score, -1)), account_id);
CREATE INDEX scoring_results_list_segment_idx ON scoring_results (
    (CASE segment WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 WHEN 'bronze' THEN 1 ELSE 0 END),
    (coalesce(score, -1)), account_id);
CREATE INDEX scoring_results_list_league_idx ON scoring_results (
    (CASE league WHEN 'premier' THEN 5 WHEN 'first' THEN 4 WHEN 'second' THEN 3
                 WHEN 'third' THEN 2 WHEN 'qualifying' THEN 1 ELSE 0 END),
    (coalesce(score, -1)), account_id);

-- A search by tax id matches its beginning ("7701" finds 7701234567).
CREATE INDEX accounts_tax_id_prefix_idx ON accounts (tax_id text_pattern_ops);
