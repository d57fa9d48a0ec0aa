-- The dossier in fields (issue 8): each section of the account page is edited on its own, with
-- its own version, and every change is recorded field by field in the audit log.

-- 1. What the dossier's sections record, one row per account (written at the first edit, or by
-- the demo and imports): the foundation's one free-text body per heading moves into these fields.
CREATE TABLE account_dossier (
    account_id           uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    -- General
    description          text NOT NULL DEFAULT '' CHECK (char_length(description) <= 10000),
    history              text NOT NULL DEFAULT '' CHECK (char_length(history) <= 10000),
    org_structure        text NOT NULL DEFAULT '' CHECK (char_length(org_structure) <= 10000),
    staff_structure      text NOT NULL DEFAULT '' CHECK (char_length(staff_structure) <= 10000),
    customers            text NOT NULL DEFAULT '' CHECK (char_length(customers) <= 10000),
    suppliers            text NOT NULL DEFAULT '' CHECK (char_length(suppliers) <= 10000),
    partners             text NOT NULL DEFAULT '' CHECK (char_length(partners) <= 10000),
    -- Footprint: how decisions on our category are made (beside centralized/decentralized)
    decision_note        text NOT NULL DEFAULT '' CHECK (char_length(decision_note) <= 10000),
    -- Development plans
    strategy             text NOT NULL DEFAULT '' CHECK (char_length(strategy) <= 10000),
    investments          text NOT NULL DEFAULT '' CHECK (char_length(investments) <= 10000),
    -- Needs
    business_needs       text NOT NULL DEFAULT '' CHECK (char_length(business_needs) <= 10000),
    counterpart_measures text NOT NULL DEFAULT '' CHECK (char_length(counterpart_measures) <= 10000),
    -- Competitors: the picture as a whole, beside the list
    competition_note     text NOT NULL DEFAULT '' CHECK (char_length(competition_note) <= 10000),
    -- Qualification by the three "P" (NULL: not judged yet), when and by whom
    need                 boolean,
    ability_to_pay       boolean,
    authority            boolean,
    qualification_note   text NOT NULL DEFAULT '' CHECK (char_length(qualification_note) <= 10000),
    qualified_on         date,
    qualified_by         uuid REFERENCES users (id)
);

INSERT INTO account_dossier (account_id, description, history, decision_note, competition_note,
                             strategy, business_needs, qualification_note)
SELECT account_id,
       left(coalesce(max(body) FILTER (WHERE section = 'general'), ''), 10000),
       left(coalesce(max(body) FILTER (WHERE section = 'relationship'), ''), 10000),
       left(coalesce(max(body) FILTER (WHERE section = 'decision_making'), ''), 10000),
       left(coalesce(max(body) FILTER (WHERE section = 'competition'), ''), 10000),
       left(coalesce(max(body) FILTER (WHERE section = 'development'), ''), 10000),
       left(coalesce(max(body) FILTER (WHERE section = 'needs'), ''), 10000),
       left(coalesce(max(body) FILTER (WHERE section = 'qualification'), ''), 10000)
  FROM dossier_sections
 WHERE btrim(body) <> ''
 GROUP BY account_id;

-- The version of each separately edited part of an account ("section": general, footprint, ...).
-- The foundation's free-text table becomes this ledger. A part never edited has no row
-- (version 0); an edit claims the next version with a conditional upsert, so two saves of the
-- same part serialise and the second is refused, while saves of different parts never meet
-- (see db::dossier::claim).
ALTER TABLE dossier_sections RENAME TO account_sections;
ALTER TABLE account_sections DROP CONSTRAINT dossier_sections_section_check;
-- The relationship's text joined the general section's history: one ledger row per part.
DELETE FROM account_sections s
 WHERE s.section = 'relationship'
   AND EXISTS (SELECT 1 FROM account_sections g WHERE g.account_id = s.account_id AND g.section = 'general');
UPDATE account_sections SET section = CASE section
    WHEN 'relationship' THEN 'general'
    WHEN 'decision_making' THEN 'footprint'
    WHEN 'competition' THEN 'competitors'
    ELSE section END;
ALTER TABLE account_sections DROP COLUMN body;
ALTER TABLE account_sections RENAME CONSTRAINT dossier_sections_pkey TO account_sections_pkey;
ALTER TABLE account_sections ADD CONSTRAINT account_sections_section CHECK (section IN (
    'general', 'footprint', 'development', 'potential', 'importance', 'needs', 'competitors',
    'qualification', 'types', 'status'));

-- 2. Status changes carry a reason: a lost client says when and why it was lost.
-- Completeness is stored, so that the accounts list shows and sorts by it without reading
-- every dossier: domain::dossier::completeness decides it, db::dossier::refresh_completeness
-- writes it in the transaction of every dossier write (and the demo and imports call it).
ALTER TABLE accounts
    ADD COLUMN status_reason        text CHECK (char_length(status_reason) <= 1000),
    ADD COLUMN status_changed_at    timestamptz,
    ADD COLUMN status_changed_by    uuid REFERENCES users (id),
    ADD COLUMN dossier_completeness smallint NOT NULL DEFAULT 0
        CHECK (dossier_completeness BETWEEN 0 AND 100),
    ADD COLUMN dossier_missing      text[] NOT NULL
        DEFAULT '{general,footprint,potential,importance,needs,competitors}'
        CHECK (dossier_missing <@ ARRAY['general', 'footprint', 'potential', 'importance',
               'needs', 'competitors', 'qualification']::text[]);
CREATE INDEX accounts_completeness_idx ON accounts (dossier_completeness, lower(name), id);
-- A derived figure is not a change of the account: storing it keeps updated_at.
DROP TRIGGER accounts_touch ON accounts;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW
    WHEN (OLD.dossier_completeness IS NOT DISTINCT FROM NEW.dossier_completeness
          AND OLD.dossier_missing IS NOT DISTINCT FROM NEW.dossier_missing)
    EXECUTE FUNCTION touch_updated_at();

-- 3. Footprint rows are edited one by one, each with its own version.
ALTER TABLE account_locations
    ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD CONSTRAINT account_locations_region_length CHECK (char_length(region) <= 100) NOT VALID,
    ADD CONSTRAINT account_locations_city_length CHECK (char_length(city) <= 100) NOT VALID;

-- Our own company's presence is one list (a directors' setting), not a flag typed again on
-- every client's planned location: a planned client region is flagged when the list has
-- neither the region nor its whole country (region '').
CREATE TABLE our_presence (
    id         uuid PRIMARY KEY,
    country    text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    region     text NOT NULL DEFAULT '' CHECK (char_length(region) <= 100),
    created_by uuid REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX our_presence_place_key ON our_presence (country, lower(btrim(region)));
INSERT INTO our_presence (id, country, region)
SELECT gen_random_uuid(), country, min(btrim(region))
  FROM account_locations WHERE we_are_present
 GROUP BY country, lower(btrim(region));
ALTER TABLE account_locations DROP COLUMN we_are_present;

-- 4. Competitors: where they are strong, beside what they offer and our position.
ALTER TABLE competitors
    ADD COLUMN strengths text NOT NULL DEFAULT '' CHECK (char_length(strengths) <= 2000),
    ADD CONSTRAINT competitors_name_length CHECK (char_length(name) <= 200) NOT VALID,
    ADD CONSTRAINT competitors_offering_length CHECK (char_length(offering) <= 2000) NOT VALID,
    ADD CONSTRAINT competitors_position_length CHECK (char_length(our_position) <= 2000) NOT VALID;

-- 5. The history tab filters an account's changes by section and names the item of a list a
-- change was about (a year of the forecast, a competitor, a place).
ALTER TABLE audit_log ADD COLUMN section text, ADD COLUMN item text;
UPDATE audit_log SET section = CASE
    WHEN field IN ('pin', 'pin_reason') THEN 'pin'
    WHEN field = 'industry' THEN 'general'
    WHEN entity = 'account' THEN 'account'
    END
 WHERE account_id IS NOT NULL;
CREATE INDEX audit_log_account_section_idx ON audit_log (account_id, section, at DESC);

-- The stored completeness of what is already there (the same rule as
-- domain::dossier::completeness; tests/migrations.rs holds the two together).
WITH facts AS (
    SELECT a.id,
           ARRAY_REMOVE(ARRAY[
               CASE WHEN coalesce(btrim(d.description), '') = '' THEN 'general' END,
               CASE WHEN NOT EXISTS (SELECT 1 FROM account_locations l
                                      WHERE l.account_id = a.id AND l.kind = 'current')
                    THEN 'footprint' END,
               CASE WHEN NOT EXISTS (SELECT 1 FROM potential_forecasts f WHERE f.account_id = a.id)
                    THEN 'potential' END,
               CASE WHEN btrim(a.importance_rationale) = '' THEN 'importance' END,
               CASE WHEN coalesce(btrim(d.business_needs), '') = ''
                     AND coalesce(btrim(d.counterpart_measures), '') = '' THEN 'needs' END,
               CASE WHEN NOT EXISTS (SELECT 1 FROM competitors c WHERE c.account_id = a.id)
                    THEN 'competitors' END,
               CASE WHEN a.status = 'prospect'
                     AND (d.need IS NULL OR d.ability_to_pay IS NULL OR d.authority IS NULL)
                    THEN 'qualification' END
           ], NULL) AS missing,
           CASE WHEN a.status = 'prospect' THEN 7 ELSE 6 END AS sections
      FROM accounts a LEFT JOIN account_dossier d ON d.account_id = a.id
)
UPDATE accounts a
   SET dossier_missing = f.missing,
       dossier_completeness = (100 * (f.sections - cardinality(f.missing)) / f.sections)
  FROM facts f
 WHERE f.id = a.id;
