DROP INDEX account_team_account_idx;
