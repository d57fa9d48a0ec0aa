-- Special offers to a key client (issue 12, domain::offer): two or three variants, each with
-- what is offered, its value to the client (the discount and the value beyond it, in money and
-- in words), the cost to us, the effect on our margin (negative: it shrinks), the client's
-- feedback; and the variant the client chose. Edits are version-checked on the offer.
CREATE TABLE special_offers (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 200),
    offered_on  date NOT NULL,
    chosen      smallint CHECK (chosen BETWEEN 0 AND 2),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX special_offers_account_idx ON special_offers (account_id, offered_on DESC);
CREATE TRIGGER special_offers_touch BEFORE UPDATE ON special_offers
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE TABLE offer_variants (
    offer_id      uuid NOT NULL REFERENCES special_offers (id) ON DELETE CASCADE,
    position      smallint NOT NULL CHECK (position BETWEEN 0 AND 2),
    description   text NOT NULL CHECK (btrim(description) <> '' AND char_length(description) <= 2000),
    value_note    text NOT NULL DEFAULT '' CHECK (char_length(value_note) <= 300),
    discount      numeric(18, 2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
    extra_value   numeric(18, 2) NOT NULL DEFAULT 0 CHECK (extra_value >= 0),
    cost          numeric(18, 2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
    margin_effect numeric(18, 2) NOT NULL DEFAULT 0,
    feedback      text NOT NULL DEFAULT '' CHECK (char_length(feedback) <= 2000),
    PRIMARY KEY (offer_id, position)
);
