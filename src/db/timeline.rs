//! The account timeline (`domain::timeline`): one query over every source of an account's
//! history, merged newest (or oldest) first.
//!
//! Each source is a sub-select over the account's own rows (through its `(account_id, …)`
//! index), ordered by the stream's key and cut at `offset + limit + 1` rows, so a page never
//! reads more of any source than the page can show; the union is then ordered once more and
//! cut to the page. Nothing counts the account's whole history: the page knows whether there is
//! a next one from the extra row. The sort key is the entry's day (what the reader sees), then
//! the time it was recorded, then a tie-break, so entries with only a date (an order, a
//! follow-up's due date, a team stint) and timed ones (an interaction, an audit entry) interleave
//! by day.

use crate::domain::deal::DealStage;
use crate::domain::ids::AccountId;
use crate::domain::system_text::Text;
use crate::domain::timeline::{
    AUDIT_MOVES, Direction, Event, Kind, OWN_SOURCE_ENTITIES, PIN_FIELD, PIN_REASON_FIELD,
    TEAM_ENTITIES,
};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sqlx::{FromRow, PgExecutor, Postgres, QueryBuilder};
use uuid::Uuid;

/// One entry of the stream.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The day it happened (the reader's date).
    pub day: NaiveDate,
    /// When it was recorded (for timed entries: when it happened).
    pub at: DateTime<Utc>,
    /// Whether `at` is when it happened (an interaction, an audit entry, a follow-up done), or
    /// only the day is known.
    pub timed: bool,
    /// What happened.
    pub event: Event,
    /// The record it is about (order, deal, interaction, follow-up; the member of a team entry).
    pub ref_id: Option<Uuid>,
    /// Its title: an order's description, a deal's title, an interaction's summary, a
    /// follow-up's step, a handover's note (typed, or system text); for a change, the item of a
    /// list it is about.
    pub title: Option<Text>,
    /// Who: logged the order, owns the deal, had the interaction, is assigned the follow-up,
    /// joined or left the team, made the change.
    pub who: Option<String>,
    /// Amount and currency (orders, deals).
    pub amount: Option<Decimal>,
    /// See `amount`.
    pub currency: Option<String>,
    /// A stored code: the order's status, the deal's kind, the interaction's kind, the team
    /// role, the audited field.
    pub code: Option<String>,
    /// A second code: the deal's stage, the entity of a change, a handover's reason; for an
    /// interaction, how many of the client's people took part.
    pub detail: Option<String>,
    /// Before (a change); the reason a deal was won or lost.
    pub old_value: Option<String>,
    /// After (a change); the winner of a lost deal.
    pub new_value: Option<String>,
    /// A note: why a deal was won or lost, a pin's reason, a follow-up's notes, whom an
    /// interaction was with.
    pub note: Option<String>,
}

#[derive(FromRow)]
struct RawEntry {
    day: NaiveDate,
    at: DateTime<Utc>,
    timed: bool,
    event: Event,
    ref_id: Option<Uuid>,
    title: Option<String>,
    title_key: Option<String>,
    title_args: Option<String>,
    who: Option<String>,
    amount: Option<Decimal>,
    currency: Option<String>,
    code: Option<String>,
    detail: Option<String>,
    old_value: Option<String>,
    new_value: Option<String>,
    note: Option<String>,
}

impl TryFrom<RawEntry> for Entry {
    type Error = crate::domain::system_text::StoredTextError;
    fn try_from(r: RawEntry) -> Result<Self, Self::Error> {
        let title = match (r.title, r.title_key) {
            (None, None) => None,
            (title, key) => Some(Text::from_stored(
                title.unwrap_or_default(),
                key.as_deref(),
                r.title_args.as_deref(),
            )?),
        };
        Ok(Entry {
            day: r.day,
            at: r.at,
            timed: r.timed,
            event: r.event,
            ref_id: r.ref_id,
            title,
            who: r.who,
            amount: r.amount,
            currency: r.currency,
            code: r.code,
            detail: r.detail,
            old_value: r.old_value,
            new_value: r.new_value,
            note: r.note,
        })
    }
}

/// Which part of an account's timeline to read.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Only entries of this kind (None: all).
    pub kind: Option<Kind>,
    /// Newest or oldest first.
    pub direction: Direction,
    /// Entries to skip.
    pub offset: i64,
    /// Entries to read (None: all, for an export).
    pub limit: Option<i64>,
}

/// The columns every source selects, in this order:
/// `day, at, tie, timed, event, ref_id, title, title_key, title_args, who_id, amount, currency,
/// code, detail, old_value, new_value, note, who_names` (`who_names`: several people, named,
/// where one `who_id` is not enough: an interaction's participants on our side).
struct Source {
    /// The events this source gives (it is left out when the filter wants none of them).
    events: &'static [Event],
    /// The sub-select from the columns to the `WHERE` (the account's condition is appended).
    select: &'static str,
    /// Further conditions after the account's.
    and: &'static str,
}

const SOURCES: &[Source] = &[
    Source {
        events: &[Event::OrderPlaced],
        select: "SELECT o.ordered_on AS day, o.created_at AS at, 'o' || o.id::text AS tie, false AS timed,
                        'order_placed' AS event, o.id AS ref_id, o.description AS title,
                        o.description_key AS title_key, o.description_args::text AS title_args,
                        o.logged_by AS who_id, o.amount, o.currency::text AS currency,
                        o.status AS code, NULL::text AS detail, NULL::text AS old_value,
                        NULL::text AS new_value, NULL::text AS note, NULL::text AS who_names
                   FROM orders o WHERE o.account_id = ",
        and: "",
    },
    Source {
        events: &[Event::OrderStatus],
        // Each move of an order's status, when and by whom, with the order's description and
        // amount (the history carries the account, so no order outside it is read).
        select: "SELECT (h.changed_at AT TIME ZONE 'UTC')::date, h.changed_at, 'm' || h.id::text, true,
                        'order_status', o.id, o.description, o.description_key,
                        o.description_args::text, h.changed_by, o.amount, o.currency::text,
                        h.to_status, NULL::text, h.from_status, h.to_status, NULL::text, NULL::text
                   FROM order_status_history h JOIN orders o ON o.id = h.order_id
                  WHERE h.account_id = ",
        and: "",
    },
    Source {
        events: &[Event::DealOpened],
        select: "SELECT d.opened_on, d.created_at, 'd' || d.id::text, false, 'deal_opened', d.id, d.title,
                        NULL::text, NULL::text, d.owner_id, d.amount, d.currency::text, d.kind,
                        d.stage, NULL::text, NULL::text, NULL::text, NULL::text
                   FROM deals d WHERE d.account_id = ",
        and: "",
    },
    Source {
        events: &[Event::DealClosed],
        select: "SELECT d.closed_on, d.closed_at, 'e' || d.id::text, false, 'deal_closed', d.id, d.title,
                        NULL::text, NULL::text, d.owner_id, COALESCE(d.our_bid, d.amount),
                        d.currency::text,
                        d.kind, d.stage, d.outcome_reason, NULLIF(d.winning_competitor, ''),
                        NULLIF(d.outcome_note, ''), NULL::text
                   FROM deals d WHERE d.account_id = ",
        and: " AND d.closed_on IS NOT NULL",
    },
    Source {
        events: &[Event::Interaction],
        // Every participant: the client's people (the note) and ours (who), each by name (an
        // interaction without participant rows names its first contact and user).
        select: "SELECT (i.occurred_at AT TIME ZONE 'UTC')::date, i.occurred_at, 'i' || i.id::text, true,
                        'interaction', i.id, NULLIF(i.summary, ''), NULL::text, NULL::text,
                        i.user_id, NULL::numeric, NULL::text, i.kind,
                        (SELECT count(*) FROM interaction_contacts ic WHERE ic.interaction_id = i.id)::text,
                        NULL::text, NULL::text,
                        COALESCE((SELECT string_agg(c.full_name, ', ' ORDER BY c.full_name, c.id)
                                    FROM interaction_contacts ic JOIN contacts c ON c.id = ic.contact_id
                                   WHERE ic.interaction_id = i.id),
                                 (SELECT c.full_name FROM contacts c WHERE c.id = i.contact_id)),
                        (SELECT string_agg(u.name, ', ' ORDER BY u.name, u.id)
                           FROM interaction_users iu JOIN users u ON u.id = iu.user_id
                          WHERE iu.interaction_id = i.id)
                   FROM interactions i WHERE i.account_id = ",
        and: "",
    },
    Source {
        events: &[Event::FollowUpDue, Event::FollowUpDone],
        select: "SELECT CASE WHEN f.done THEN (f.done_at AT TIME ZONE 'UTC')::date ELSE f.due_on END,
                        COALESCE(f.done_at, f.created_at), 'f' || f.id::text, f.done,
                        CASE WHEN f.done THEN 'follow_up_done' ELSE 'follow_up_due' END, f.id,
                        f.title, f.title_key, f.title_args::text, f.assignee_id, NULL::numeric,
                        NULL::text, NULL::text, NULL::text, NULL::text, NULL::text,
                        NULLIF(f.notes, ''), NULL::text
                   FROM follow_ups f WHERE f.account_id = ",
        and: "",
    },
    Source {
        events: &[Event::TeamJoined],
        // A stint a handover started carries the handover's reason and note; the note (typed,
        // or the system's, e.g. an import's) is the entry's title.
        select: "SELECT t.started_on, t.created_at, 't' || t.id::text, false, 'team_joined', t.user_id,
                        h.note, h.note_key, h.note_args::text, t.user_id, NULL::numeric, NULL::text,
                        t.team_role, h.reason, NULL::text, NULL::text, NULL::text, NULL::text
                   FROM account_team t LEFT JOIN account_handovers h ON h.id = t.handover_id
                  WHERE t.account_id = ",
        and: "",
    },
    Source {
        events: &[Event::TeamLeft],
        select: "SELECT t.ended_on, t.created_at, 'u' || t.id::text, false, 'team_left', t.user_id,
                        NULL::text, NULL::text, NULL::text, t.user_id, NULL::numeric, NULL::text,
                        t.team_role, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text
                   FROM account_team t WHERE t.account_id = ",
        and: " AND t.ended_on IS NOT NULL",
    },
];

/// The events the audit log gives.
const AUDIT_EVENTS: &[Event] = &[
    Event::DealStage,
    Event::DossierChange,
    Event::TeamChange,
    Event::Pinned,
];

/// Appends `ORDER BY … LIMIT` of the stream's key; `limit` None reads everything.
fn push_order(q: &mut QueryBuilder<'_, Postgres>, direction: Direction, limit: Option<i64>) {
    let dir = match direction {
        Direction::NewestFirst => "DESC",
        Direction::OldestFirst => "ASC",
    };
    // By position: every source names its columns its own way, the first one's names win.
    q.push(format_args!(" ORDER BY 1 {dir}, 2 {dir}, 3 {dir}"));
    if let Some(limit) = limit {
        q.push(" LIMIT ").push_bind(limit);
    }
}

/// The audit log's sub-select: each entry classified as `domain::timeline::audit_event` says
/// (the same rule, in SQL, from the same constants), only `events` kept.
fn push_audit(
    q: &mut QueryBuilder<'_, Postgres>,
    account: AccountId,
    events: Vec<&'static str>,
    direction: Direction,
    limit: Option<i64>,
) {
    let closed: Vec<&str> = DealStage::ALL
        .iter()
        .filter(|s| s.is_closed())
        .map(|s| s.as_str())
        .collect();
    q.push(
        "SELECT (l.at AT TIME ZONE 'UTC')::date AS day, l.at, 'a' || lpad(l.id::text, 19, '0') AS tie,
                true AS timed, l.event, l.entity_id, COALESCE(d.title, l.item), NULL::text AS title_key,
                NULL::text AS title_args, l.user_id, NULL::numeric, NULL::text, l.field, l.entity, l.old_value, l.new_value,
                CASE WHEN l.event = 'pinned' THEN
                    (SELECT r.new_value FROM audit_log r
                      WHERE r.account_id = l.account_id AND r.at = l.at AND r.entity = 'account'
                        AND r.field = ",
    );
    q.push_bind(PIN_REASON_FIELD);
    q.push(
        " ORDER BY r.id LIMIT 1) END, NULL::text
           FROM (SELECT a.*, CASE",
    );
    for (entity, field, event) in AUDIT_MOVES {
        q.push(" WHEN a.entity = ")
            .push_bind(*entity)
            .push(" AND a.field = ")
            .push_bind(*field)
            .push(" THEN CASE WHEN a.new_value = ANY(")
            .push_bind(closed.clone())
            .push(") THEN NULL ELSE ")
            .push_bind(event.as_str())
            .push(" END");
    }
    q.push(" WHEN a.entity = ANY(")
        .push_bind(OWN_SOURCE_ENTITIES)
        .push(") THEN NULL WHEN a.entity = ANY(")
        .push_bind(TEAM_ENTITIES)
        .push(") THEN ")
        .push_bind(Event::TeamChange.as_str())
        .push(" WHEN a.entity = 'account' AND a.field = ")
        .push_bind(PIN_FIELD)
        .push(" THEN ")
        .push_bind(Event::Pinned.as_str())
        .push(" WHEN a.entity = 'account' AND a.field = ")
        .push_bind(PIN_REASON_FIELD)
        .push(" THEN NULL ELSE ")
        .push_bind(Event::DossierChange.as_str())
        .push(" END AS event FROM audit_log a WHERE a.account_id = ")
        .push_bind(account)
        .push(") l LEFT JOIN deals d ON l.entity = 'deal' AND d.id = l.entity_id WHERE l.event = ANY(")
        .push_bind(events)
        .push(")");
    push_order(q, direction, limit);
}

/// A window of account `account`'s timeline; with a `limit`, one entry more than asked is
/// returned when there are more (the caller shows a "next" link and drops it).
pub async fn read(
    db: impl PgExecutor<'_>,
    account: AccountId,
    window: &Window,
) -> sqlx::Result<Vec<Entry>> {
    let wanted = |e: &Event| window.kind.is_none_or(|k| e.kind() == k);
    // Each source gives at most what the page can reach.
    let per_source = window.limit.map(|l| window.offset + l + 1);
    let mut q = QueryBuilder::<Postgres>::new(
        "SELECT s.day, s.at, s.tie, s.timed, s.event, s.ref_id, s.title, s.title_key, s.title_args,
                COALESCE(s.who_names, u.name) AS who, s.amount, s.currency, s.code, s.detail,
                s.old_value, s.new_value, s.note
           FROM (",
    );
    let mut first = true;
    let mut union = |q: &mut QueryBuilder<'_, Postgres>| {
        if !std::mem::take(&mut first) {
            q.push(" UNION ALL ");
        }
    };
    for source in SOURCES.iter().filter(|s| s.events.iter().any(wanted)) {
        union(&mut q);
        q.push("(")
            .push(source.select)
            .push_bind(account)
            .push(source.and);
        push_order(&mut q, window.direction, per_source);
        q.push(")");
    }
    let audit: Vec<&'static str> = AUDIT_EVENTS
        .iter()
        .filter(|e| wanted(e))
        .map(|e| e.as_str())
        .collect();
    if !audit.is_empty() {
        union(&mut q);
        q.push("(");
        push_audit(&mut q, account, audit, window.direction, per_source);
        q.push(")");
    }
    q.push(
        ") s (day, at, tie, timed, event, ref_id, title, title_key, title_args, who_id, amount,
              currency, code, detail, old_value, new_value, note, who_names)
          LEFT JOIN users u ON u.id = s.who_id",
    );
    push_order(&mut q, window.direction, None);
    if let Some(limit) = window.limit {
        q.push(" OFFSET ")
            .push_bind(window.offset)
            .push(" LIMIT ")
            .push_bind(limit + 1);
    }
    q.build_query_as::<RawEntry>()
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| Entry::try_from(r).map_err(|e| sqlx::Error::Decode(Box::new(e))))
        .collect()
}
