ALTER TABLE scoring_state DROP COLUMN abc_total;
DROP TABLE abc_standing;
