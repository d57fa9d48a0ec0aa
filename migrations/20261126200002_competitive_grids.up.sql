-- Competitive analysis from the client's point of view (issue 12, domain::competitive): per
-- account a grid of criteria weighted as the client weighs them, with a score from 1 to 10 for
-- us and each competitor present at the client. A save writes a new version and keeps the
-- earlier ones (the trend); the latest version is the current grid. `scores[1]` is ours,
-- `scores[i + 1]` the i-th competitor's of `rivals`.
CREATE TABLE competitive_grids (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    version     integer NOT NULL CHECK (version >= 1),
    rivals      text[] NOT NULL CHECK (cardinality(rivals) BETWEEN 1 AND 4),
    created_by  uuid REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Two saves on the same base version: the second one's insert fails here (a stale save).
    CONSTRAINT competitive_grids_account_version_key UNIQUE (account_id, version)
);

CREATE TABLE competitive_criteria (
    grid_id   uuid NOT NULL REFERENCES competitive_grids (id) ON DELETE CASCADE,
    position  smallint NOT NULL CHECK (position BETWEEN 0 AND 14),
    name      text NOT NULL CHECK (btrim(name) <> '' AND char_length(name) <= 100),
    weight    numeric(5, 2) NOT NULL CHECK (weight BETWEEN 0 AND 100),
    scores    smallint[] NOT NULL CHECK (1 <= ALL (scores) AND 10 >= ALL (scores)),
    PRIMARY KEY (grid_id, position)
);
