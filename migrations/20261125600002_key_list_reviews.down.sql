DROP TABLE IF EXISTS key_list_review_participants;
DROP INDEX IF EXISTS key_list_reviews_agreed_idx;
ALTER TABLE key_list_reviews DROP CONSTRAINT IF EXISTS key_list_reviews_agreed,
    DROP COLUMN IF EXISTS agreed_on, DROP COLUMN IF EXISTS guests;
DROP INDEX IF EXISTS key_list_review_rows_rank_idx;
ALTER TABLE key_list_review_rows DROP CONSTRAINT IF EXISTS key_list_review_rows_decision,
    DROP CONSTRAINT IF EXISTS key_list_review_rows_comment,
    DROP COLUMN IF EXISTS projected_league, DROP COLUMN IF EXISTS version;
UPDATE key_list_review_rows SET decision = CASE decision
        WHEN 'drop' THEN 'remove'
        WHEN 'reassign' THEN 'reassign'
        ELSE 'keep'
    END;
ALTER TABLE key_list_review_rows ALTER COLUMN decision SET DEFAULT 'keep', ALTER COLUMN decision SET NOT NULL,
    ADD CONSTRAINT key_list_review_rows_decision_check CHECK (decision IN ('keep', 'add', 'remove', 'reassign'));
