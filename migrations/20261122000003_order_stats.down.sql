DROP TRIGGER IF EXISTS orders_note_deletes ON orders;
DROP TRIGGER IF EXISTS orders_note_updates ON orders;
DROP TRIGGER IF EXISTS orders_note_inserts ON orders;
DROP FUNCTION IF EXISTS note_order_changes();
ALTER TABLE scoring_state DROP COLUMN IF EXISTS order_stats_window;
DROP TABLE IF EXISTS order_stats_dirty;
DROP TABLE IF EXISTS account_order_stats;
