-- Account teams as the teams issue defines them: members' functions from a pick list, handovers
-- with a reason and a note, who assists which KAM, KAMs' offers to take on unowned key clients,
-- and the KAMs' key-client load kept with the recompute.

-- A member's function is a code (named per language), no longer free text. The demo's and
-- any typed values map to the nearest code; what has none becomes 'other'.
ALTER TABLE account_team ALTER COLUMN function DROP NOT NULL, ALTER COLUMN function DROP DEFAULT;
UPDATE account_team SET function = CASE
        WHEN btrim(function) = '' THEN NULL
        WHEN lower(btrim(function)) IN ('logistics', 'finance', 'legal', 'other') THEN lower(btrim(function))
        WHEN lower(btrim(function)) IN ('trade marketing', 'trade_marketing') THEN 'trade_marketing'
        WHEN lower(btrim(function)) IN ('category management', 'category_management') THEN 'category_management'
        ELSE 'other'
    END
 WHERE function IS NOT NULL;
ALTER TABLE account_team
    ADD CONSTRAINT account_team_function CHECK (function IN ('logistics', 'finance', 'trade_marketing',
        'category_management', 'legal', 'other')),
    -- A stint's dates are edited in a form: the form carries the version.
    ADD COLUMN version integer NOT NULL DEFAULT 1;

-- A KAM's offer to take on a key client that nobody owns; a director accepts or declines it.
CREATE TABLE ownership_offers (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kam_id      uuid NOT NULL REFERENCES users (id),
    note        text NOT NULL CHECK (btrim(note) <> '' AND char_length(note) <= 2000),
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'declined', 'superseded')),
    answer      text NOT NULL DEFAULT '' CHECK (char_length(answer) <= 2000),
    decided_by  uuid REFERENCES users (id),
    decided_at  timestamptz,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ownership_offers_decided CHECK ((status = 'open') = (decided_at IS NULL))
);
-- One open offer per KAM and client.
CREATE UNIQUE INDEX ownership_offers_one_open ON ownership_offers (account_id, kam_id) WHERE status = 'open';
CREATE INDEX ownership_offers_open_idx ON ownership_offers (created_at) WHERE status = 'open';
CREATE INDEX ownership_offers_account_idx ON ownership_offers (account_id, created_at DESC);

-- Every change of an account's owner: from whom (none for a first owner), to whom, why, and the
-- note the new owner reads. The owner stint it started points back at it.
CREATE TABLE account_handovers (
    id           uuid PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_user_id uuid REFERENCES users (id),
    to_user_id   uuid NOT NULL REFERENCES users (id),
    reason       text NOT NULL CHECK (reason IN ('unowned', 'rebalance', 'owner_left', 'expertise',
                     'client_request', 'review', 'offer_accepted', 'other')),
    note         text NOT NULL CHECK (btrim(note) <> '' AND char_length(note) <= 2000),
    handed_on    date NOT NULL,
    by_user_id   uuid REFERENCES users (id),
    offer_id     uuid REFERENCES ownership_offers (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_handovers_account_idx ON account_handovers (account_id, handed_on DESC);
ALTER TABLE account_team ADD COLUMN handover_id uuid REFERENCES account_handovers (id);

-- Which assistant works for which KAM. Until now nothing stored it: the demo generator placed
-- each KAM's assistant on the KAM's accounts (src/demo, `assistant_of`). The pairs are read
-- back from the current teams; from now on directors set them (/assistants) and a handover
-- brings the new owner's assistants onto the team.
CREATE TABLE kam_assistants (
    assistant_id uuid NOT NULL REFERENCES users (id),
    kam_id       uuid NOT NULL REFERENCES users (id),
    since        date NOT NULL DEFAULT current_date,
    created_by   uuid REFERENCES users (id),
    PRIMARY KEY (assistant_id, kam_id),
    CONSTRAINT kam_assistants_distinct CHECK (assistant_id <> kam_id)
);
CREATE INDEX kam_assistants_kam_idx ON kam_assistants (kam_id);
INSERT INTO kam_assistants (assistant_id, kam_id)
SELECT DISTINCT a.user_id, o.user_id
  FROM account_team a
  JOIN account_team o ON o.account_id = a.account_id AND o.team_role = 'owner' AND o.ended_on IS NULL
  JOIN users ua ON ua.id = a.user_id AND ua.role = 'assistant'
  JOIN users uo ON uo.id = o.user_id AND uo.role = 'kam'
 WHERE a.team_role = 'assistant' AND a.ended_on IS NULL;

-- Key clients per owner, kept by the recompute beside the unowned-key count (one pass over the
-- key clients and their owners), so that the workload is never counted per page.
CREATE TABLE owner_load (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    key_accounts integer NOT NULL
);

-- Owner lookups by person (workload, "accounts of this owner" filters).
CREATE INDEX account_team_owner_user_idx ON account_team (user_id, account_id)
    WHERE team_role = 'owner' AND ended_on IS NULL;

UPDATE scoring_state SET requested_seq = requested_seq + 1;
