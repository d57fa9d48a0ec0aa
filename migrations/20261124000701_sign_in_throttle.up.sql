-- Sign-in throttling per account AND per client address (issue 7), in the database so that the
-- limits hold however many server instances share it.
--
-- A bucket counts the sign-in attempts (and current-password checks) of one account or one
-- client address within a window; past the limit the bucket is locked for a while. Counting the
-- attempt *before* the password is checked makes parallel guesses count too. Account buckets are
-- keyed by a hash of the lower-cased e-mail, not by user id, so that an unknown e-mail is
-- counted and locked exactly like a real one (no account enumeration through the lock), and so
-- that what people type into the e-mail field (sometimes a password) is not stored readable.
CREATE TABLE sign_in_throttle (
    bucket            text PRIMARY KEY,  -- 'account:<sha-256 hex>' or 'address:<ip or /64>'
    attempts          integer NOT NULL CHECK (attempts >= 0),
    window_started_at timestamptz NOT NULL,
    locked_until      timestamptz
);
-- For the periodic clean-up of buckets whose window and lock are over.
CREATE INDEX sign_in_throttle_window_idx ON sign_in_throttle (window_started_at);

-- The one definition of an account's bucket, shared by the sign-in code and the admin list.
CREATE FUNCTION sign_in_account_bucket(email text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT 'account:' || encode(sha256(convert_to(lower(btrim(email)), 'UTF8')), 'hex') $$;

-- The per-user counters are replaced by the buckets above.
ALTER TABLE users
    DROP COLUMN failed_sign_ins,
    DROP COLUMN last_failed_sign_in_at,
    DROP COLUMN locked_until;

-- Length limits as a backstop behind the text rules of src/domain/text.rs (which give the
-- message beside the field). NOT VALID: rows written before these limits are not rechecked
-- until they are next updated; `ALTER TABLE ... VALIDATE CONSTRAINT` once they are cleaned up.
ALTER TABLE users
    ADD CONSTRAINT users_email_length CHECK (char_length(email) <= 254) NOT VALID,
    ADD CONSTRAINT users_name_length CHECK (char_length(name) <= 100) NOT VALID;
ALTER TABLE accounts
    ADD CONSTRAINT accounts_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT accounts_industry_length CHECK (char_length(industry) <= 100) NOT VALID,
    ADD CONSTRAINT accounts_pin_reason_length CHECK (char_length(pin_reason) <= 1000) NOT VALID;
ALTER TABLE scoring_settings
    ADD CONSTRAINT scoring_settings_note_length CHECK (char_length(note) <= 300) NOT VALID;
