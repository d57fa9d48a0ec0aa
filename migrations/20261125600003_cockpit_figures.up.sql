-- The director's cockpit reads its whole-base figures from here, written by the recompute in
-- the transaction that writes the key list (db::scoring::mark_computed), never counted per
-- request: the Pareto curve of potential (share held by the first 0..100 % of clients) with
-- the key clients per percent, the last 12 months' sales of all and of the key clients, and
-- the key clients at risk.
ALTER TABLE scoring_state
    ADD COLUMN pareto        numeric(5, 4)[] NOT NULL DEFAULT '{}',
    ADD COLUMN pareto_key    integer[] NOT NULL DEFAULT '{}',
    ADD COLUMN sales_12m     numeric(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN key_sales_12m numeric(18, 2) NOT NULL DEFAULT 0,
    ADD COLUMN key_at_risk   integer NOT NULL DEFAULT 0;

-- Clients and key clients per league ('none': no league) and per ABC-XYZ cell ('AX' .. 'CZ').
CREATE TABLE base_counts (
    figure      text NOT NULL CHECK (figure IN ('league', 'abc_xyz')),
    bucket      text NOT NULL,
    clients     integer NOT NULL,
    key_clients integer NOT NULL,
    PRIMARY KEY (figure, bucket)
);

-- Compute the new figures on the next pass of the worker.
UPDATE scoring_state SET requested_seq = requested_seq + 1;
