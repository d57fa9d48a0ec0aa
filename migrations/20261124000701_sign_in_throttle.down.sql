ALTER TABLE scoring_settings DROP CONSTRAINT IF EXISTS scoring_settings_note_length;
ALTER TABLE accounts
    DROP CONSTRAINT IF EXISTS accounts_pin_reason_length,
    DROP CONSTRAINT IF EXISTS accounts_industry_length,
    DROP CONSTRAINT IF EXISTS accounts_name_length;
ALTER TABLE users
    DROP CONSTRAINT IF EXISTS users_name_length,
    DROP CONSTRAINT IF EXISTS users_email_length;
ALTER TABLE users
    ADD COLUMN IF NOT EXISTS failed_sign_ins integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS last_failed_sign_in_at timestamptz,
    ADD COLUMN IF NOT EXISTS locked_until timestamptz;
DROP FUNCTION IF EXISTS sign_in_account_bucket(text);
DROP TABLE IF EXISTS sign_in_throttle;
