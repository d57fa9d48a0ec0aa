DROP INDEX follow_ups_open_due_idx;
