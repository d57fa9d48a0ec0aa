-- Every committed change to an input of the key decision requests a recompute, whoever makes it
-- (a page, an import, a script, psql): statement-level triggers bump scoring_state.requested_seq
-- inside the writing transaction, so the request becomes visible exactly when the change does,
-- and a bulk statement (an import of a million orders) bumps it once, not once per row.
-- Writers serialise briefly on the one scoring_state row; at CRM write rates that is cheap, and
-- it is what guarantees the key list is never silently stale.

CREATE FUNCTION request_scoring() RETURNS trigger AS $$
BEGIN
    UPDATE scoring_state SET requested_seq = requested_seq + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER accounts_request_scoring
    AFTER INSERT OR DELETE OR UPDATE OF status, strategic_importance, pin, decision_making, planned_decision_making
    ON accounts FOR EACH STATEMENT EXECUTE FUNCTION request_scoring();
CREATE TRIGGER account_locations_request_scoring
    AFTER INSERT OR UPDATE OR DELETE ON account_locations FOR EACH STATEMENT EXECUTE FUNCTION request_scoring();
CREATE TRIGGER potential_forecasts_request_scoring
    AFTER INSERT OR UPDATE OR DELETE ON potential_forecasts FOR EACH STATEMENT EXECUTE FUNCTION request_scoring();
CREATE TRIGGER orders_request_scoring
    AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH STATEMENT EXECUTE FUNCTION request_scoring();
CREATE TRIGGER scoring_settings_request_scoring
    AFTER INSERT ON scoring_settings FOR EACH STATEMENT EXECUTE FUNCTION request_scoring();
