DROP TRIGGER account_team_request_scoring ON account_team;
ALTER TABLE scoring_state DROP COLUMN unowned_key, DROP COLUMN at_risk;
