//! Special offers (issue 12, `domain::offer`): an offer with its two or three variants, read
//! and written together; the offer's `version` guards an edit of any of it.

use crate::domain::ids::{AccountId, SpecialOfferId};
use crate::domain::offer::Figures;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use sqlx::{FromRow, PgConnection, PgExecutor};

/// One variant of an offer.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Variant {
    /// Which offer.
    #[sqlx(default)]
    pub offer_id: Option<SpecialOfferId>,
    /// What is offered.
    pub description: String,
    /// The value beyond the discount, in words.
    pub value_note: String,
    /// The discount's value to the client.
    pub discount: Decimal,
    /// The value beyond the discount, in money.
    pub extra_value: Decimal,
    /// The cost to us.
    pub cost: Decimal,
    /// The effect on our margin.
    pub margin_effect: Decimal,
    /// The client's feedback.
    pub feedback: String,
}

impl Variant {
    /// The variant's figures for the domain's rules.
    pub fn figures(&self) -> Figures {
        Figures {
            discount: self.discount,
            extra_value: self.extra_value,
            cost: self.cost,
            margin_effect: self.margin_effect,
        }
    }
}

/// An offer with its variants.
#[derive(Debug, Clone)]
pub struct Offer {
    /// The offer.
    pub id: SpecialOfferId,
    /// What it is about.
    pub title: String,
    /// When it was made.
    pub offered_on: NaiveDate,
    /// The variant the client chose (its index).
    pub chosen: Option<usize>,
    /// Edit version.
    pub version: i32,
    /// Its variants, in order.
    pub variants: Vec<Variant>,
}

/// An offer as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferDraft {
    /// What it is about.
    pub title: String,
    /// When it was made.
    pub offered_on: NaiveDate,
    /// The chosen variant.
    pub chosen: Option<usize>,
    /// Its variants.
    pub variants: Vec<Variant>,
}

#[derive(FromRow)]
struct Head {
    id: SpecialOfferId,
    title: String,
    offered_on: NaiveDate,
    chosen: Option<i16>,
    version: i32,
}

async fn with_variants(conn: &mut PgConnection, heads: Vec<Head>) -> sqlx::Result<Vec<Offer>> {
    let ids: Vec<SpecialOfferId> = heads.iter().map(|h| h.id).collect();
    let variants: Vec<Variant> = sqlx::query_as(
        "SELECT offer_id, description, value_note, discount, extra_value, cost, margin_effect, feedback
           FROM offer_variants WHERE offer_id = ANY($1) ORDER BY offer_id, position",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    Ok(heads
        .into_iter()
        .map(|h| Offer {
            variants: variants
                .iter()
                .filter(|v| v.offer_id == Some(h.id))
                .cloned()
                .collect(),
            id: h.id,
            title: h.title,
            offered_on: h.offered_on,
            chosen: h.chosen.and_then(|c| usize::try_from(c).ok()),
            version: h.version,
        })
        .collect())
}

/// Every offer of `account`, newest first.
pub async fn for_account(conn: &mut PgConnection, account: AccountId) -> sqlx::Result<Vec<Offer>> {
    let heads: Vec<Head> = sqlx::query_as(
        "SELECT id, title, offered_on, chosen, version FROM special_offers
          WHERE account_id = $1 ORDER BY offered_on DESC, created_at DESC",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    with_variants(conn, heads).await
}

/// One offer of `account`; `lock` takes it `FOR UPDATE` for an edit.
pub async fn get(
    conn: &mut PgConnection,
    account: AccountId,
    id: SpecialOfferId,
    lock: bool,
) -> sqlx::Result<Option<Offer>> {
    let heads: Vec<Head> = sqlx::query_as(&format!(
        "SELECT id, title, offered_on, chosen, version FROM special_offers
          WHERE account_id = $1 AND id = $2{}",
        if lock { " FOR UPDATE" } else { "" }
    ))
    .bind(account)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(with_variants(conn, heads).await?.pop())
}

async fn write_variants(
    conn: &mut PgConnection,
    id: SpecialOfferId,
    variants: &[Variant],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM offer_variants WHERE offer_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let col = |f: fn(&Variant) -> Decimal| variants.iter().map(f).collect::<Vec<_>>();
    let text = |f: fn(&Variant) -> &str| variants.iter().map(f).collect::<Vec<_>>();
    sqlx::query(
        "INSERT INTO offer_variants (offer_id, position, description, value_note, discount,
                                     extra_value, cost, margin_effect, feedback)
         SELECT $1, (u.n - 1)::smallint, u.description, u.value_note, u.discount, u.extra_value,
                u.cost, u.margin_effect, u.feedback
           FROM UNNEST($2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[],
                       $7::numeric[], $8::text[])
                WITH ORDINALITY AS u(description, value_note, discount, extra_value, cost,
                                     margin_effect, feedback, n)",
    )
    .bind(id)
    .bind(text(|v| &v.description))
    .bind(text(|v| &v.value_note))
    .bind(col(|v| v.discount))
    .bind(col(|v| v.extra_value))
    .bind(col(|v| v.cost))
    .bind(col(|v| v.margin_effect))
    .bind(text(|v| &v.feedback))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

fn chosen(d: &OfferDraft) -> Option<i16> {
    d.chosen.and_then(|c| i16::try_from(c).ok())
}

/// Writes a new offer with its variants.
pub async fn insert(
    conn: &mut PgConnection,
    id: SpecialOfferId,
    account: AccountId,
    d: &OfferDraft,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO special_offers (id, account_id, title, offered_on, chosen)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(account)
    .bind(&d.title)
    .bind(d.offered_on)
    .bind(chosen(d))
    .execute(&mut *conn)
    .await?;
    write_variants(conn, id, &d.variants).await
}

/// Saves an offer and its variants at `version`; false when the version moved.
pub async fn update(
    conn: &mut PgConnection,
    id: SpecialOfferId,
    version: i32,
    d: &OfferDraft,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE special_offers SET title = $3, offered_on = $4, chosen = $5, version = version + 1
          WHERE id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(&d.title)
    .bind(d.offered_on)
    .bind(chosen(d))
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    write_variants(conn, id, &d.variants).await?;
    Ok(true)
}

/// How many offers of `account` there are (for tests and the brief).
pub async fn count(db: impl PgExecutor<'_>, account: AccountId) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM special_offers WHERE account_id = $1")
        .bind(account)
        .fetch_one(db)
        .await
}
