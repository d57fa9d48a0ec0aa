DROP INDEX audit_log_account_section_idx;
ALTER TABLE audit_log DROP COLUMN section, DROP COLUMN item;

ALTER TABLE competitors
    DROP CONSTRAINT competitors_name_length,
    DROP CONSTRAINT competitors_offering_length,
    DROP CONSTRAINT competitors_position_length,
    DROP COLUMN strengths;

ALTER TABLE account_locations ADD COLUMN we_are_present boolean NOT NULL DEFAULT false;
UPDATE account_locations l SET we_are_present = true
 WHERE EXISTS (SELECT 1 FROM our_presence p
                WHERE p.country = l.country
                  AND (p.region = '' OR lower(btrim(p.region)) = lower(btrim(l.region))));
DROP TABLE our_presence;
ALTER TABLE account_locations
    DROP CONSTRAINT account_locations_region_length,
    DROP CONSTRAINT account_locations_city_length,
    DROP COLUMN version;

DROP INDEX accounts_completeness_idx;
DROP TRIGGER accounts_touch ON accounts;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
ALTER TABLE accounts
    DROP COLUMN status_reason,
    DROP COLUMN status_changed_at,
    DROP COLUMN status_changed_by,
    DROP COLUMN dossier_completeness,
    DROP COLUMN dossier_missing;

ALTER TABLE account_sections DROP CONSTRAINT account_sections_section;
DELETE FROM account_sections WHERE section NOT IN ('general', 'footprint', 'development', 'needs',
    'competitors', 'qualification');
UPDATE account_sections SET section = CASE section
    WHEN 'footprint' THEN 'decision_making'
    WHEN 'competitors' THEN 'competition'
    ELSE section END;
ALTER TABLE account_sections ADD COLUMN body text NOT NULL DEFAULT '';
ALTER TABLE account_sections RENAME CONSTRAINT account_sections_pkey TO dossier_sections_pkey;
ALTER TABLE account_sections RENAME TO dossier_sections;
ALTER TABLE dossier_sections ADD CONSTRAINT dossier_sections_section_check CHECK (section IN (
    'general', 'relationship', 'decision_making', 'competition', 'development', 'needs',
    'qualification'));
-- The fields go back into one text per heading (the structured parts that had no heading are
-- joined to the nearest one).
INSERT INTO dossier_sections (account_id, section, body)
SELECT d.account_id, s.section, s.body
  FROM account_dossier d
 CROSS JOIN LATERAL (VALUES
    ('general', concat_ws(E'\n\n', nullif(d.description, ''), nullif(d.org_structure, ''),
                          nullif(d.staff_structure, ''), nullif(d.customers, ''),
                          nullif(d.suppliers, ''), nullif(d.partners, ''))),
    ('relationship', d.history),
    ('decision_making', d.decision_note),
    ('competition', d.competition_note),
    ('development', concat_ws(E'\n\n', nullif(d.strategy, ''), nullif(d.investments, ''))),
    ('needs', concat_ws(E'\n\n', nullif(d.business_needs, ''), nullif(d.counterpart_measures, ''))),
    ('qualification', d.qualification_note)
 ) AS s(section, body)
 WHERE btrim(s.body) <> ''
ON CONFLICT (account_id, section) DO UPDATE SET body = EXCLUDED.body;
DROP TABLE account_dossier;
