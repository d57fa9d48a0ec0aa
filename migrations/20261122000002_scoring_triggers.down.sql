DROP TRIGGER IF EXISTS scoring_settings_request_scoring ON scoring_settings;
DROP TRIGGER IF EXISTS orders_request_scoring ON orders;
DROP TRIGGER IF EXISTS potential_forecasts_request_scoring ON potential_forecasts;
DROP TRIGGER IF EXISTS account_locations_request_scoring ON account_locations;
DROP TRIGGER IF EXISTS accounts_request_scoring ON accounts;
DROP FUNCTION IF EXISTS request_scoring();
