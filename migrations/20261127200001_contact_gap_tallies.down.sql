DROP TRIGGER account_contact_gaps_tally_delete ON account_contact_gaps;
DROP TRIGGER account_contact_gaps_tally_update ON account_contact_gaps;
DROP TRIGGER account_contact_gaps_tally_insert ON account_contact_gaps;
DROP FUNCTION contact_gap_tallies_apply();
DROP TABLE contact_gap_tallies;
DROP INDEX account_contact_gaps_key_idx;
ALTER TABLE account_contact_gaps DROP COLUMN is_key;
