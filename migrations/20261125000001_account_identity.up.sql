-- How other systems know an account, and the keys that search and the duplicate check read.
--
-- tax_id: the digits of the client's tax id (domain::account::TaxId strips the grouping), unique
-- when present: an import matches an existing account by it and updates instead of duplicating.
-- external_id: the account's id in the ERP an import comes from, unique when present.
-- annual_revenue: the client's own yearly revenue (dossier, General), money as everywhere.
ALTER TABLE accounts
    ADD COLUMN tax_id         text
        CONSTRAINT accounts_tax_id_digits CHECK (tax_id ~ '^[0-9]{5,20}$'),
    ADD COLUMN external_id    text
        CONSTRAINT accounts_external_id_text CHECK (
            external_id = btrim(external_id) AND external_id <> '' AND char_length(external_id) <= 100),
    ADD COLUMN annual_revenue numeric(18, 2)
        CONSTRAINT accounts_annual_revenue_non_negative CHECK (annual_revenue >= 0),
    -- The name folded by domain::duplicate::search_key / duplicate_key (one Latin spelling of
    -- either script; the duplicate key also without legal forms and spaces). Written by the
    -- account writers with the name; NULL until then (see the trigger below).
    ADD COLUMN search_key     text,
    ADD COLUMN duplicate_key  text,
    ADD CONSTRAINT accounts_tax_id_unique UNIQUE (tax_id),
    ADD CONSTRAINT accounts_external_id_unique UNIQUE (external_id);

-- Substring search ("partial words") over the folded name and over cities, through trigram
-- indexes: a search for "semia" in 100,000 names reads the few rows holding it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX accounts_search_key_trgm ON accounts USING gin (search_key gin_trgm_ops);
CREATE INDEX account_locations_city_trgm ON account_locations USING gin (city gin_trgm_ops);
-- Equal duplicate keys are the directors' list of likely pairs; a new name is compared with
-- the trigram neighbours of its key.
CREATE INDEX accounts_duplicate_key_idx ON accounts (duplicate_key, id);
CREATE INDEX accounts_duplicate_key_trgm ON accounts USING gin (duplicate_key gin_trgm_ops);
-- Rows whose keys are still to be derived (existing rows; a name changed without its keys).
CREATE INDEX accounts_keys_missing_idx ON accounts (id) WHERE search_key IS NULL;

-- The keys are derived in Rust (domain::duplicate), so SQL cannot compute them; it can make
-- sure they never describe an old name. A name written without new keys (psql, a writer that
-- forgot) loses its keys, and db::accounts::fill_name_keys derives them again (at migrate
-- time and on every pass of the scoring worker).
CREATE FUNCTION accounts_keys_follow_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name AND NEW.search_key IS NOT DISTINCT FROM OLD.search_key THEN
        NEW.search_key := NULL;
        NEW.duplicate_key := NULL;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER accounts_keys_follow_name BEFORE UPDATE OF name ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_keys_follow_name();
