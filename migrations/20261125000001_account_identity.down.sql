DROP TRIGGER accounts_keys_follow_name ON accounts;
DROP FUNCTION accounts_keys_follow_name();
DROP INDEX accounts_keys_missing_idx;
DROP INDEX accounts_duplicate_key_trgm;
DROP INDEX accounts_duplicate_key_idx;
DROP INDEX account_locations_city_trgm;
DROP INDEX accounts_search_key_trgm;
-- pg_trgm stays: other objects may use it, and it holds no data.
ALTER TABLE accounts
    DROP COLUMN duplicate_key,
    DROP COLUMN search_key,
    DROP COLUMN annual_revenue,
    DROP COLUMN external_id,
    DROP COLUMN tax_id;
