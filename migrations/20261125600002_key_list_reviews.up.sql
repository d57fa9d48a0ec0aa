-- The key-list review as the teams issue defines it: per row a decision (keep, drop, reassign,
-- watch; none until the meeting records one) and a note, the participants, and the date the
-- list was agreed. The snapshot rows already hold what was frozen at opening (owner, score,
-- segment, league, reason); the projected league joins them.
ALTER TABLE key_list_review_rows DROP CONSTRAINT key_list_review_rows_decision_check;
ALTER TABLE key_list_review_rows ALTER COLUMN decision DROP NOT NULL, ALTER COLUMN decision DROP DEFAULT;
-- The foundation's decisions map onto the new ones; its default 'keep' was never a decision
-- anybody recorded (no page wrote them), so it becomes "not decided".
UPDATE key_list_review_rows SET decision = CASE decision
        WHEN 'remove' THEN 'drop'
        WHEN 'reassign' THEN 'reassign'
        ELSE NULL
    END;
ALTER TABLE key_list_review_rows
    ADD CONSTRAINT key_list_review_rows_decision CHECK (decision IN ('keep', 'drop', 'reassign', 'watch')),
    ADD CONSTRAINT key_list_review_rows_comment CHECK (char_length(comment) <= 2000),
    ADD COLUMN projected_league text,
    -- A row's decision is edited in a form: the form carries the version.
    ADD COLUMN version integer NOT NULL DEFAULT 1;
-- The review's rows in the order of the list.
CREATE INDEX key_list_review_rows_rank_idx ON key_list_review_rows (review_id, rank);

-- Agreed on a date the director gives (the meeting's, usually); signed_off_at stays the moment
-- it was recorded.
ALTER TABLE key_list_reviews ADD COLUMN agreed_on date,
    -- Participants who are not users (a managing director, a guest), as typed.
    ADD COLUMN guests text NOT NULL DEFAULT '' CHECK (char_length(guests) <= 1000);
UPDATE key_list_reviews SET agreed_on = (signed_off_at AT TIME ZONE 'UTC')::date WHERE status = 'signed_off';
ALTER TABLE key_list_reviews
    ADD CONSTRAINT key_list_reviews_agreed CHECK ((status = 'signed_off') = (agreed_on IS NOT NULL));
-- The previous review of a review (the diff's base) is the latest agreed one before it.
CREATE INDEX key_list_reviews_agreed_idx ON key_list_reviews (agreed_on DESC, created_at DESC)
    WHERE status = 'signed_off';

-- The users who took part in the meeting.
CREATE TABLE key_list_review_participants (
    review_id uuid NOT NULL REFERENCES key_list_reviews (id) ON DELETE CASCADE,
    user_id   uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (review_id, user_id)
);
