-- The account timeline reads an account's whole team history, stints that ended included; the
-- existing indexes of account_team cover current stints only (or start from the person).
CREATE INDEX account_team_account_idx ON account_team (account_id, started_on DESC);
