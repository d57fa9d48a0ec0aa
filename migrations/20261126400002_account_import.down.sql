DROP INDEX import_jobs_created_idx;
CREATE INDEX import_jobs_created_idx ON import_jobs (created_by, created_at DESC);
DELETE FROM import_jobs WHERE kind = 'accounts';
ALTER TABLE import_jobs
    DROP COLUMN rows_updated,
    DROP COLUMN rows_created,
    DROP CONSTRAINT import_jobs_kind_check,
    ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN ('orders'));

-- A system note becomes its key (readable, not translated) so that the old check holds.
UPDATE account_handovers SET note = note_key WHERE note_key IS NOT NULL;
ALTER TABLE account_handovers
    DROP CONSTRAINT account_handovers_note_check,
    ADD CONSTRAINT account_handovers_note_check CHECK (btrim(note) <> '' AND char_length(note) <= 2000),
    DROP COLUMN note_args,
    DROP COLUMN note_key;
