-- The KAM budget (issue 12): per key client and year, the planned cost of serving it (people's
-- time, marketing support, discounts, logistics) against the planned and the actual margin.
-- Money is NUMERIC(18,2) and non-negative (domain::money::Money); the margin left after the
-- cost (which may be negative) is computed, never stored. One budget per account and year.
CREATE TABLE kam_budgets (
    id             uuid PRIMARY KEY,
    account_id     uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    year           integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    people_cost    numeric(18, 2) NOT NULL DEFAULT 0 CHECK (people_cost >= 0),
    marketing_cost numeric(18, 2) NOT NULL DEFAULT 0 CHECK (marketing_cost >= 0),
    discount_cost  numeric(18, 2) NOT NULL DEFAULT 0 CHECK (discount_cost >= 0),
    logistics_cost numeric(18, 2) NOT NULL DEFAULT 0 CHECK (logistics_cost >= 0),
    planned_margin numeric(18, 2) CHECK (planned_margin >= 0),
    actual_margin  numeric(18, 2) CHECK (actual_margin >= 0),
    note           text NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT kam_budgets_account_year_key UNIQUE (account_id, year)
);
-- The cockpit sums one year's budgets.
CREATE INDEX kam_budgets_year_idx ON kam_budgets (year);
CREATE TRIGGER kam_budgets_touch BEFORE UPDATE ON kam_budgets
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
