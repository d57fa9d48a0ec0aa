-- The client-base import (issue 8): `kamdesk import accounts` and its upload page.

-- A handover's note may be the system's ("imported from FILE", rendered in the reader's
-- language; see domain::system_text): the key and its arguments beside the note, which is then
-- empty. A typed note stays required.
ALTER TABLE account_handovers
    ADD COLUMN note_key text,
    ADD COLUMN note_args jsonb,
    DROP CONSTRAINT account_handovers_note_check,
    ADD CONSTRAINT account_handovers_note_check CHECK (
        char_length(note) <= 2000
        AND CASE WHEN note_key IS NULL THEN btrim(note) <> '' AND note_args IS NULL
                 ELSE note = '' END
    );

-- The upload page's jobs are orders' or accounts': one table, one job page machinery. An
-- accounts import counts the clients it created and updated (or would, for a dry run).
ALTER TABLE import_jobs
    DROP CONSTRAINT import_jobs_kind_check,
    ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('orders', 'accounts')),
    ADD COLUMN rows_created bigint NOT NULL DEFAULT 0,
    ADD COLUMN rows_updated bigint NOT NULL DEFAULT 0;
DROP INDEX import_jobs_created_idx;
CREATE INDEX import_jobs_created_idx ON import_jobs (created_by, kind, created_at DESC);
