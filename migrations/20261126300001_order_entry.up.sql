-- Order entry, status moves, follow-up completion and order imports (issue 10).

-- Who moved an order's status, and when. Logging an order is not a move (orders.created_at and
-- logged_by say who logged it and when); every change after that is a row here. account_id is
-- the order's (an order never changes account), so an account's timeline reads its moves
-- without joining two million orders.
CREATE TABLE order_status_history (
    id          uuid PRIMARY KEY,
    order_id    uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    from_status text NOT NULL
                CHECK (from_status IN ('placed', 'confirmed', 'shipped', 'delivered', 'cancelled')),
    to_status   text NOT NULL
                CHECK (to_status IN ('placed', 'confirmed', 'shipped', 'delivered', 'cancelled')),
    changed_by  uuid REFERENCES users (id),
    changed_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_status_history_moves CHECK (from_status <> to_status)
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, changed_at);
CREATE INDEX order_status_history_account_idx ON order_status_history (account_id, changed_at DESC);

-- The order lists page by (date, id) in both directions, overall and per account: the id makes
-- the key unique, so a page boundary never drops or repeats an order. These replace the
-- (account_id, ordered_on) and (ordered_on) indexes, which they cover.
CREATE INDEX orders_account_date_id_idx ON orders (account_id, ordered_on, id);
DROP INDEX orders_account_date_idx;
CREATE INDEX orders_date_id_idx ON orders (ordered_on, id);
DROP INDEX orders_date_idx;

-- Backstops of the input rules (src/domain/order.rs, src/domain/money.rs).
ALTER TABLE orders
    ADD CONSTRAINT orders_currency_code CHECK (currency IN ('RUB', 'EUR', 'USD', 'CNY', 'KZT', 'BYN')),
    ADD CONSTRAINT orders_margin_range CHECK (margin >= 0 AND margin <= amount),
    ADD CONSTRAINT orders_description_length CHECK (char_length(description) <= 300);

-- Who ticked a follow-up off (NULL for one done before this column, or by the system).
ALTER TABLE follow_ups
    ADD COLUMN done_by uuid REFERENCES users (id),
    ADD CONSTRAINT follow_ups_done_by CHECK (done OR done_by IS NULL),
    ADD CONSTRAINT follow_ups_title_length CHECK (char_length(title) <= 200),
    ADD CONSTRAINT follow_ups_notes_length CHECK (char_length(notes) <= 2000);
-- "My follow-ups" of a KAM walks their teams' open follow-ups by due date; the assignee's own
-- list pages by (due_on, id).
CREATE INDEX follow_ups_assignee_open_idx ON follow_ups (assignee_id, due_on, id) WHERE NOT done;

-- An order import in progress or finished: the upload page shows it (refreshing while it runs),
-- and any server instance can, because it lives here. `errors` holds the first problems found
-- (line, column, message code), `error_count` all of them.
CREATE TABLE import_jobs (
    id            uuid PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('orders')),
    file_name     text NOT NULL CHECK (char_length(file_name) <= 255),
    dry_run       boolean NOT NULL,
    created_by    uuid REFERENCES users (id),
    state         text NOT NULL DEFAULT 'running'
                  CHECK (state IN ('running', 'succeeded', 'refused', 'failed')),
    bytes_total   bigint NOT NULL CHECK (bytes_total >= 0),
    bytes_read    bigint NOT NULL DEFAULT 0,
    rows_read     bigint NOT NULL DEFAULT 0,
    rows_imported bigint NOT NULL DEFAULT 0,
    error_count   bigint NOT NULL DEFAULT 0,
    errors        jsonb NOT NULL DEFAULT '[]',
    -- Set when the state is 'failed': what went wrong, for the log reader (not shown verbatim).
    failure       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    CONSTRAINT import_jobs_finished CHECK ((state = 'running') = (finished_at IS NULL))
);
CREATE INDEX import_jobs_created_idx ON import_jobs (created_by, created_at DESC);

-- A bulk import of orders writes for minutes in one transaction. Were the statement triggers
-- to run as usual, its first statement would lock the one scoring_state row (and its dirty
-- marks would hold order_stats_dirty's keys) until the commit, and every other order logged
-- meanwhile, by any page, would wait for the import. An import therefore sets
-- `kamdesk.bulk_import` for its transaction, the triggers skip their work, and the import
-- marks the accounts it touched and requests the recompute itself as its last statements
-- (db::orders::finish_bulk): the same effect, held for a moment instead of minutes.
CREATE OR REPLACE FUNCTION request_scoring() RETURNS trigger AS $$
BEGIN
    IF current_setting('kamdesk.bulk_import', true) = 'on' THEN
        RETURN NULL;
    END IF;
    UPDATE scoring_state SET requested_seq = requested_seq + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION note_order_changes() RETURNS trigger AS $$
BEGIN
    IF current_setting('kamdesk.bulk_import', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO order_stats_dirty (account_id)
        SELECT DISTINCT account_id FROM new_rows ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO order_stats_dirty (account_id)
        SELECT DISTINCT account_id FROM old_rows ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
