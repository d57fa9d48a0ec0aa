-- Likely duplicate accounts (issue 8): the pairs a director dismissed as different clients, and
-- what a merge leaves on the account it archives.
--
-- merged_into: the account this one was merged into (set by db::duplicates::merge, which also
-- archives it). A merged account leaves the directors' list of pairs.
-- status_reason_key / status_reason_args: a status reason the system wrote (a
-- domain::system_text::SystemMessage key and its arguments, rendered in the reader's language),
-- as follow-ups' titles are stored; NULL when a person typed the reason.
ALTER TABLE accounts
    ADD COLUMN merged_into uuid REFERENCES accounts (id),
    ADD COLUMN status_reason_key text CHECK (status_reason_key ~ '^[a-z0-9]+(-[a-z0-9]+)+$'),
    ADD COLUMN status_reason_args jsonb,
    ADD CONSTRAINT accounts_status_reason_stored CHECK (
        (status_reason_key IS NULL AND status_reason_args IS NULL)
        OR (status_reason_key IS NOT NULL AND jsonb_typeof(status_reason_args) = 'object')),
    ADD CONSTRAINT accounts_not_merged_into_itself CHECK (merged_into <> id);
CREATE INDEX accounts_merged_into_idx ON accounts (merged_into) WHERE merged_into IS NOT NULL;

-- A pair of accounts a director judged to be two different clients: the pair no longer shows.
-- The smaller id first, so a pair is one row whichever way it was named.
CREATE TABLE account_duplicate_dismissals (
    account_a    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    account_b    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    dismissed_by uuid REFERENCES users (id),
    dismissed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_a, account_b),
    CONSTRAINT account_duplicate_dismissals_ordered CHECK (account_a < account_b)
);
CREATE INDEX account_duplicate_dismissals_b_idx ON account_duplicate_dismissals (account_b);
