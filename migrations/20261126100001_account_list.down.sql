DROP INDEX accounts_tax_id_prefix_idx;
DROP INDEX scoring_results_list_league_idx;
DROP INDEX scoring_results_list_segment_idx;
DROP INDEX scoring_results_list_key_idx;
DROP INDEX scoring_results_list_score_idx;
DROP INDEX accounts_list_name_idx;
CREATE INDEX accounts_name_lower_idx ON accounts (lower(name));
DROP TRIGGER accounts_scoring_placeholder ON accounts;
DROP FUNCTION accounts_scoring_placeholder();
-- The placeholder rows stay: the recompute owns scoring_results and rewrites them.
