-- The contact map (issue 9): notes and the date a contact left the client, influence history
-- beside attitude history, interactions with participants on both sides and a next step, and
-- per-account coverage-gap figures that the director's cockpit counts without reading contacts.

-- A contact who leaves the client is not deleted: gone_on says since when. `active` stays (other
-- readers use it) and always agrees with gone_on.
ALTER TABLE contacts
    ADD COLUMN notes   text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 2000),
    ADD COLUMN gone_on date;
UPDATE contacts SET gone_on = updated_at::date WHERE NOT active;
ALTER TABLE contacts
    ADD CONSTRAINT contacts_gone_is_inactive CHECK (active = (gone_on IS NULL)),
    ADD CONSTRAINT contacts_text_lengths CHECK (
        char_length(full_name) <= 100 AND char_length(title) <= 100
        AND char_length(department) <= 100 AND char_length(email) <= 254
        AND char_length(phone) <= 40 AND char_length(motivation) <= 300
        AND char_length(measured_on) <= 300);
CREATE INDEX contacts_reports_to_idx ON contacts (reports_to) WHERE reports_to IS NOT NULL;

-- Attitude may be set back to "not known": the history records that too (NULL).
ALTER TABLE contact_attitude_history ALTER COLUMN attitude DROP NOT NULL;

CREATE TABLE contact_influence_history (
    id         uuid PRIMARY KEY,
    contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    influence  text CHECK (influence IN ('high', 'medium', 'low')),
    note       text NOT NULL DEFAULT '' CHECK (char_length(note) <= 300),
    changed_by uuid REFERENCES users (id),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_influence_history_contact_idx ON contact_influence_history (contact_id, changed_at);

-- Interactions: who took part on both sides, the next step agreed, the follow-up it raised and
-- who logged it. interactions.contact_id and user_id stay as the first participant of each side
-- for readers of a single person (the account timeline).
ALTER TABLE interactions
    ADD COLUMN next_step    text NOT NULL DEFAULT '' CHECK (char_length(next_step) <= 200),
    ADD COLUMN follow_up_id uuid REFERENCES follow_ups (id) ON DELETE SET NULL,
    ADD COLUMN logged_by    uuid REFERENCES users (id);

CREATE TABLE interaction_contacts (
    interaction_id uuid NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    contact_id     uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    PRIMARY KEY (interaction_id, contact_id)
);
CREATE INDEX interaction_contacts_contact_idx ON interaction_contacts (contact_id);
INSERT INTO interaction_contacts (interaction_id, contact_id)
    SELECT id, contact_id FROM interactions WHERE contact_id IS NOT NULL;

CREATE TABLE interaction_users (
    interaction_id uuid NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (interaction_id, user_id)
);
INSERT INTO interaction_users (interaction_id, user_id)
    SELECT id, user_id FROM interactions WHERE user_id IS NOT NULL;

-- Coverage gaps per account, computed by domain::contact::GapFacts and written by the contact
-- and interaction writers in the transaction of every write (db::contacts::refresh_gaps). The
-- 90-day rule is a date comparison on oldest_contact_on at read time. in_base mirrors the
-- account's status (prospect or active) through the trigger below, so the cockpit's counts are
-- index scans of this table alone.
CREATE TABLE account_contact_gaps (
    account_id         uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    in_base            boolean NOT NULL DEFAULT true,
    active_contacts    integer NOT NULL DEFAULT 0,
    uncovered_deciders integer NOT NULL DEFAULT 0,
    no_champion        boolean NOT NULL DEFAULT false,
    strong_blockers    integer NOT NULL DEFAULT 0,
    -- The earliest "last contact" of a current contact (its creation date when never contacted).
    oldest_contact_on  date
);
CREATE INDEX account_contact_gaps_uncovered_idx ON account_contact_gaps (account_id)
    WHERE in_base AND uncovered_deciders > 0;
CREATE INDEX account_contact_gaps_no_champion_idx ON account_contact_gaps (account_id)
    WHERE in_base AND no_champion;
CREATE INDEX account_contact_gaps_blocker_idx ON account_contact_gaps (account_id)
    WHERE in_base AND strong_blockers > 0;
CREATE INDEX account_contact_gaps_empty_idx ON account_contact_gaps (account_id)
    WHERE in_base AND active_contacts = 0;
CREATE INDEX account_contact_gaps_oldest_idx ON account_contact_gaps (oldest_contact_on)
    WHERE in_base;

-- Every account has its row from the start (no contact at all is a gap too).
INSERT INTO account_contact_gaps (account_id, in_base)
    SELECT id, status IN ('prospect', 'active') FROM accounts;

-- Statement-level with transition tables: a bulk insert of 100,000 accounts is one more INSERT,
-- not 100,000 trigger calls.
CREATE FUNCTION account_contact_gaps_new_accounts() RETURNS trigger AS $$
BEGIN
    INSERT INTO account_contact_gaps (account_id, in_base)
    SELECT n.id, n.status IN ('prospect', 'active') FROM new_accounts n
    ON CONFLICT (account_id) DO NOTHING;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_contact_gaps_insert AFTER INSERT ON accounts
    REFERENCING NEW TABLE AS new_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION account_contact_gaps_new_accounts();

CREATE FUNCTION account_contact_gaps_status() RETURNS trigger AS $$
BEGIN
    UPDATE account_contact_gaps g SET in_base = n.status IN ('prospect', 'active')
      FROM new_accounts n
     WHERE g.account_id = n.id AND g.in_base IS DISTINCT FROM (n.status IN ('prospect', 'active'));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_contact_gaps_update AFTER UPDATE ON accounts
    REFERENCING NEW TABLE AS new_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION account_contact_gaps_status();

-- Which version of the gap rules the stored figures follow: db::migrate recomputes every
-- account when domain::contact::GAP_RULES_VERSION differs (0: never computed).
CREATE TABLE contact_gap_rules (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version  integer NOT NULL
);
INSERT INTO contact_gap_rules (version) VALUES (0);
