//! Interactions: calls, meetings, e-mails and visits on an account's timeline, with the people
//! who took part on both sides. Logging one moves its client-side participants' last-contact
//! date (and so the account's gap figures) in the same transaction.

use crate::domain::ids::{AccountId, ContactId, FollowUpId, InteractionId, UserId};
use crate::domain::interaction::InteractionKind;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{FromRow, PgConnection, PgExecutor, Postgres, QueryBuilder};
use std::collections::HashMap;

/// A logged interaction.
#[derive(Debug, Clone)]
pub struct NewInteraction {
    /// Identifier (`InteractionId::new()` for a page).
    pub id: InteractionId,
    /// The client.
    pub account_id: AccountId,
    /// Who took part at the client (contacts of this account).
    pub contacts: Vec<ContactId>,
    /// Who took part on our side.
    pub users: Vec<UserId>,
    /// Call, meeting ...
    pub kind: InteractionKind,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// What was said, as typed.
    pub summary: String,
    /// The next step agreed, as typed ('' for none).
    pub next_step: String,
    /// The follow-up the next step raised (written before the interaction).
    pub follow_up_id: Option<FollowUpId>,
    /// Who logged it.
    pub logged_by: Option<UserId>,
    /// When it was logged (None: now).
    pub created_at: Option<DateTime<Utc>>,
}

/// A participant named who is not a contact of the interaction's account.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("contact {contact} took part in interaction {interaction} but is not its account's")]
pub struct ForeignParticipant {
    /// The interaction.
    pub interaction: InteractionId,
    /// The contact.
    pub contact: ContactId,
}

/// Logs one interaction.
pub async fn insert(conn: &mut PgConnection, interaction: &NewInteraction) -> sqlx::Result<()> {
    insert_many(conn, std::slice::from_ref(interaction)).await
}

/// Logs interactions in batches: the same statements as [`insert`]. A client-side participant
/// who is not a contact of the interaction's account is refused before anything of the batch
/// is written. `interactions.contact_id` and `user_id` keep the first participant of each side.
pub async fn insert_many(
    conn: &mut PgConnection,
    interactions: &[NewInteraction],
) -> sqlx::Result<()> {
    for chunk in interactions.chunks(super::BULK_ROWS) {
        check_participants(conn, chunk).await?;
        sqlx::query(
            "INSERT INTO interactions (id, account_id, contact_id, user_id, kind, occurred_at,
                 summary, next_step, follow_up_id, logged_by, created_at)
             SELECT u.id, u.account_id, u.contact_id, u.user_id, u.kind, u.occurred_at,
                    u.summary, u.next_step, u.follow_up_id, u.logged_by,
                    coalesce(u.created_at, now())
               FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[],
                    $6::timestamptz[], $7::text[], $8::text[], $9::uuid[], $10::uuid[],
                    $11::timestamptz[])
                 AS u(id, account_id, contact_id, user_id, kind, occurred_at, summary,
                      next_step, follow_up_id, logged_by, created_at)",
        )
        .bind(chunk.iter().map(|i| i.id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.account_id).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|i| i.contacts.first().copied())
                .collect::<Vec<_>>(),
        )
        .bind(
            chunk
                .iter()
                .map(|i| i.users.first().copied())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.occurred_at).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.summary.as_str()).collect::<Vec<_>>())
        .bind(
            chunk
                .iter()
                .map(|i| i.next_step.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(chunk.iter().map(|i| i.follow_up_id).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.logged_by).collect::<Vec<_>>())
        .bind(chunk.iter().map(|i| i.created_at).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;

        let mut by_contact: Vec<(InteractionId, ContactId, NaiveDate)> = vec![];
        let mut by_user: Vec<(InteractionId, UserId)> = vec![];
        for i in chunk {
            let day = i.occurred_at.date_naive();
            by_contact.extend(i.contacts.iter().map(|c| (i.id, *c, day)));
            by_user.extend(i.users.iter().map(|u| (i.id, *u)));
        }
        sqlx::query(
            "INSERT INTO interaction_contacts (interaction_id, contact_id)
             SELECT * FROM UNNEST($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING",
        )
        .bind(by_contact.iter().map(|p| p.0).collect::<Vec<_>>())
        .bind(by_contact.iter().map(|p| p.1).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO interaction_users (interaction_id, user_id)
             SELECT * FROM UNNEST($1::uuid[], $2::uuid[]) ON CONFLICT DO NOTHING",
        )
        .bind(by_user.iter().map(|p| p.0).collect::<Vec<_>>())
        .bind(by_user.iter().map(|p| p.1).collect::<Vec<_>>())
        .execute(&mut *conn)
        .await?;
        // The participants' last contact moves forward (never back: an interaction logged
        // late for last month leaves a newer date alone).
        let moved: Vec<AccountId> = sqlx::query_scalar(
            "UPDATE contacts c SET last_contact_on = x.day
               FROM (SELECT contact_id, max(day) AS day
                       FROM UNNEST($1::uuid[], $2::date[]) AS u(contact_id, day)
                      GROUP BY contact_id) x
              WHERE c.id = x.contact_id
                AND (c.last_contact_on IS NULL OR c.last_contact_on < x.day)
             RETURNING c.account_id",
        )
        .bind(by_contact.iter().map(|p| p.1).collect::<Vec<_>>())
        .bind(by_contact.iter().map(|p| p.2).collect::<Vec<_>>())
        .fetch_all(&mut *conn)
        .await?;
        super::contacts::refresh_gaps(conn, &moved).await?;
    }
    Ok(())
}

/// Every client-side participant is a contact of the interaction's account (one query).
async fn check_participants(conn: &mut PgConnection, chunk: &[NewInteraction]) -> sqlx::Result<()> {
    let named: Vec<ContactId> = chunk.iter().flat_map(|i| i.contacts.clone()).collect();
    if named.is_empty() {
        return Ok(());
    }
    let found: HashMap<ContactId, AccountId> = sqlx::query_as::<_, (ContactId, AccountId)>(
        "SELECT id, account_id FROM contacts WHERE id = ANY($1)",
    )
    .bind(&named)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    for i in chunk {
        for c in &i.contacts {
            if found.get(c) != Some(&i.account_id) {
                let e = ForeignParticipant {
                    interaction: i.id,
                    contact: *c,
                };
                return Err(sqlx::Error::InvalidArgument(e.to_string()));
            }
        }
    }
    Ok(())
}

/// An interaction as the lists show it.
#[derive(Debug, Clone, FromRow)]
pub struct InteractionRow {
    /// Identifier.
    pub id: InteractionId,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Call, meeting ...
    pub kind: InteractionKind,
    /// What was said.
    pub summary: String,
    /// The next step agreed.
    pub next_step: String,
    /// Client-side participants' names.
    pub contact_names: Vec<String>,
    /// Our side's names.
    pub user_names: Vec<String>,
    /// Who logged it.
    pub logged_by_name: Option<String>,
    /// The follow-up it raised: when it is due.
    pub follow_up_due: Option<NaiveDate>,
    /// And who does it.
    pub follow_up_assignee: Option<String>,
}

/// The interaction list's filter and sort.
#[derive(Debug, Clone, Default)]
pub struct InteractionFilter {
    /// Only this kind.
    pub kind: Option<InteractionKind>,
    /// Only those this contact took part in.
    pub contact: Option<ContactId>,
    /// Part of the summary or next step.
    pub query: Option<String>,
    /// Oldest first (default: newest first).
    pub oldest_first: bool,
}

const SELECT_INTERACTION: &str = "SELECT i.id, i.occurred_at, i.kind, i.summary, i.next_step,
        coalesce((SELECT array_agg(c.full_name ORDER BY lower(c.full_name))
                    FROM interaction_contacts ic JOIN contacts c ON c.id = ic.contact_id
                   WHERE ic.interaction_id = i.id), '{}') AS contact_names,
        coalesce((SELECT array_agg(u.name ORDER BY lower(u.name))
                    FROM interaction_users iu JOIN users u ON u.id = iu.user_id
                   WHERE iu.interaction_id = i.id), '{}') AS user_names,
        lb.name AS logged_by_name, f.due_on AS follow_up_due, fa.name AS follow_up_assignee
   FROM interactions i
   LEFT JOIN users lb ON lb.id = i.logged_by
   LEFT JOIN follow_ups f ON f.id = i.follow_up_id
   LEFT JOIN users fa ON fa.id = f.assignee_id ";

fn push_filter(q: &mut QueryBuilder<'_, Postgres>, account: AccountId, f: &InteractionFilter) {
    q.push("WHERE i.account_id = ").push_bind(account);
    if let Some(kind) = f.kind {
        q.push(" AND i.kind = ").push_bind(kind);
    }
    if let Some(contact) = f.contact {
        q.push(
            " AND EXISTS (SELECT 1 FROM interaction_contacts ic WHERE ic.interaction_id = i.id
                 AND ic.contact_id = ",
        )
        .push_bind(contact)
        .push(")");
    }
    if let Some(query) = &f.query {
        let pattern = format!("%{}%", super::accounts::escape_like(query));
        q.push(" AND (i.summary ILIKE ")
            .push_bind(pattern.clone())
            .push(" OR i.next_step ILIKE ")
            .push_bind(pattern)
            .push(")");
    }
}

/// One page of an account's interactions (`limit` None: all, for an export).
pub async fn list(
    db: impl PgExecutor<'_>,
    account: AccountId,
    f: &InteractionFilter,
    limit: Option<i64>,
    offset: i64,
) -> sqlx::Result<Vec<InteractionRow>> {
    let mut q = QueryBuilder::new(SELECT_INTERACTION);
    push_filter(&mut q, account, f);
    q.push(if f.oldest_first {
        " ORDER BY i.occurred_at, i.id"
    } else {
        " ORDER BY i.occurred_at DESC, i.id DESC"
    });
    if let Some(limit) = limit {
        q.push(" LIMIT ").push_bind(limit);
    }
    q.push(" OFFSET ").push_bind(offset);
    q.build_query_as().fetch_all(db).await
}

/// How many interactions the filter finds.
pub async fn count(
    db: impl PgExecutor<'_>,
    account: AccountId,
    f: &InteractionFilter,
) -> sqlx::Result<i64> {
    let mut q = QueryBuilder::new("SELECT count(*) FROM interactions i ");
    push_filter(&mut q, account, f);
    q.build_query_scalar().fetch_one(db).await
}
