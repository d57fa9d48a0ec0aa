CREATE OR REPLACE FUNCTION note_order_changes() RETURNS trigger AS $$
BEGIN
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

CREATE OR REPLACE FUNCTION request_scoring() RETURNS trigger AS $$
BEGIN
    UPDATE scoring_state SET requested_seq = requested_seq + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TABLE import_jobs;

DROP INDEX follow_ups_assignee_open_idx;
ALTER TABLE follow_ups
    DROP CONSTRAINT follow_ups_notes_length,
    DROP CONSTRAINT follow_ups_title_length,
    DROP CONSTRAINT follow_ups_done_by,
    DROP COLUMN done_by;

ALTER TABLE orders
    DROP CONSTRAINT orders_description_length,
    DROP CONSTRAINT orders_margin_range,
    DROP CONSTRAINT orders_currency_code;

CREATE INDEX orders_date_idx ON orders (ordered_on);
DROP INDEX orders_date_id_idx;
CREATE INDEX orders_account_date_idx ON orders (account_id, ordered_on);
DROP INDEX orders_account_date_id_idx;

DROP TABLE order_status_history;
