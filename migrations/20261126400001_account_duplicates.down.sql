DROP TABLE account_duplicate_dismissals;
ALTER TABLE accounts
    DROP CONSTRAINT accounts_not_merged_into_itself,
    DROP CONSTRAINT accounts_status_reason_stored,
    DROP COLUMN status_reason_args,
    DROP COLUMN status_reason_key,
    DROP COLUMN merged_into;
