-- Account plans (issue 12): per key client and year, the client's own strategic goals from the
-- joint planning meeting (its date and participants), our measurable objectives for the client
-- and the actions under each objective. One plan per account and year; objectives and actions
-- belong to it and go with it. Every edited row carries `version` (stale saves are refused).

CREATE TABLE account_plans (
    id           uuid PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    meeting_on   date,
    -- Who took part in the joint planning meeting, both sides, as typed.
    participants text NOT NULL DEFAULT '' CHECK (char_length(participants) <= 2000),
    -- The client's own strategic goals, as agreed at the meeting.
    client_goals text NOT NULL DEFAULT '' CHECK (char_length(client_goals) <= 10000),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT account_plans_account_year_key UNIQUE (account_id, year)
);
CREATE TRIGGER account_plans_touch BEFORE UPDATE ON account_plans
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE plan_objectives (
    id          uuid PRIMARY KEY,
    plan_id     uuid NOT NULL REFERENCES account_plans (id) ON DELETE CASCADE,
    kind        text NOT NULL
                CHECK (kind IN ('revenue', 'share_of_wallet', 'product_line', 'region')),
    title       text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 200),
    -- Revenue: money; share of wallet: percent (0-100); a product line or a region: no figure
    -- (reached when its actions are done).
    target      numeric(18, 2) CHECK (target IS NULL OR target >= 0),
    actual      numeric(18, 2) CHECK (actual IS NULL OR actual >= 0),
    due_on      date,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT plan_objectives_share_range CHECK (
        kind <> 'share_of_wallet' OR ((target IS NULL OR target <= 100) AND (actual IS NULL OR actual <= 100))),
    CONSTRAINT plan_objectives_figure_kind CHECK (
        kind IN ('revenue', 'share_of_wallet') OR (target IS NULL AND actual IS NULL))
);
CREATE INDEX plan_objectives_plan_idx ON plan_objectives (plan_id, created_at);
CREATE TRIGGER plan_objectives_touch BEFORE UPDATE ON plan_objectives
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE plan_actions (
    id           uuid PRIMARY KEY,
    objective_id uuid NOT NULL REFERENCES plan_objectives (id) ON DELETE CASCADE,
    title        text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 200),
    owner_id     uuid REFERENCES users (id),
    due_on       date NOT NULL,
    status       text NOT NULL DEFAULT 'planned'
                 CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
    version      integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_actions_objective_idx ON plan_actions (objective_id, due_on);
-- The cockpit's "overdue" looks for open actions past their date.
CREATE INDEX plan_actions_open_due_idx ON plan_actions (due_on)
    WHERE status IN ('planned', 'in_progress');
CREATE TRIGGER plan_actions_touch BEFORE UPDATE ON plan_actions
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
