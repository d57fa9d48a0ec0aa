//! An account's deals and tenders: `/accounts/{id}/deals` (the list with the win/loss record,
//! its exports), `/accounts/{id}/deals/new` and `/accounts/{id}/deals/{deal}` (the form: create,
//! edit, move the stage, close as won or lost; a stale save is refused with both versions side
//! by side). Deals are part of the dossier: the account's team KAMs, directors and admins edit,
//! assistants read.
//!
//! Also the pieces the pipeline and the tender register share: the export table of deals.

use super::AppState;
use super::conflict::ConflictView;
use super::ctx::{Me, PageCtx, flash};
use super::export::{Cell, Table};
use super::extract::{Form, Path, Query};
use super::form::FieldErrors;
use super::hub::Hub;
use super::paging::Pager;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::deals::{DealFilter, DealRow, DealSort, NewDeal, StageSet};
use crate::domain::deal::{DealDraft, DealKind, DealStage, OutcomeReason, Winner};
use crate::domain::ids::{AccountId, CompetitorId, DealId, UserId};
use crate::domain::money::{Currency, Money, MoneyError};
use crate::domain::permissions::{self, Action};
use crate::domain::text;
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use tower_sessions::Session;

/// The deal routes of an account.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/deals", view, list),
        Route::get("/accounts/{id}/deals.csv", view, export_csv),
        Route::get("/accounts/{id}/deals.xlsx", view, export_xlsx),
        Route::get("/accounts/{id}/deals/new", edit, new_form),
        Route::post("/accounts/{id}/deals/new", edit, create),
        Route::get("/accounts/{id}/deals/{deal}", edit, edit_form),
        Route::post("/accounts/{id}/deals/{deal}", edit, save),
    ]
}

/// Rows per page of an account's deals.
const PER_PAGE: i64 = 50;

/// A plain heading of an account's section pages (the account's name and a link back), for
/// pages that do not show the hub's header (web::hub).
#[derive(Debug, Clone)]
pub struct AccountHead {
    /// The account.
    pub id: AccountId,
    /// Its name.
    pub name: String,
}

impl AccountHead {
    /// The account's heading (404 when it is gone).
    pub async fn load(state: &AppState, id: AccountId) -> AppResult<AccountHead> {
        let account = db::accounts::get(&state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(AccountHead {
            id,
            name: account.name,
        })
    }

    /// Whether `path` is the account's section `slug` (or below it).
    pub fn current(&self, path: &str, slug: &str) -> bool {
        path.starts_with(&format!("/accounts/{}/{slug}", self.id))
    }
}

pub use super::form::parse_date;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

// ------------------------------------------------------------------ the account's list

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    kind: Option<String>,
    stage: Option<String>,
    page: Option<String>,
}

impl ListQuery {
    fn filter(&self, me: &Me, account: AccountId) -> DealFilter {
        DealFilter {
            account: Some(account),
            kind: parse_choice(&self.kind),
            stages: stage_set(self.stage.as_deref()),
            ..DealFilter::scoped(me.scope())
        }
    }
}

/// A choice from a query string: an unknown value filters nothing.
pub fn parse_choice<T: std::str::FromStr>(raw: &Option<String>) -> Option<T> {
    raw.as_deref().and_then(|s| s.trim().parse().ok())
}

/// `open`, `closed` or one stage's name; anything else is every stage.
pub fn stage_set(raw: Option<&str>) -> StageSet {
    match raw.map(str::trim) {
        Some("open") => StageSet::Open,
        Some("closed") => StageSet::Closed,
        Some(s) => s.parse().map(StageSet::Only).unwrap_or_default(),
        None => StageSet::All,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "deals/list.html")]
struct ListPage {
    ctx: PageCtx,
    hub: Hub,
    deals: Vec<DealRow>,
    pager: Pager,
    kind: String,
    stage: String,
    can_edit: bool,
    record: WinLoss,
}

/// The win/loss record of an account: counts, the rate, sums won per currency, and the reasons.
struct WinLoss {
    open: i64,
    won: i64,
    lost: i64,
    rate: Option<Decimal>,
    won_sums: Vec<(Currency, Decimal)>,
    reasons: Vec<db::deals::ReasonCount>,
}

async fn win_loss(state: &AppState, me: &Me, account: AccountId) -> AppResult<WinLoss> {
    let all = DealFilter {
        account: Some(account),
        ..DealFilter::scoped(me.scope())
    };
    let sums = db::deals::sums_by_stage(&state.pool, &all).await?;
    let count =
        |f: fn(DealStage) -> bool| sums.iter().filter(|s| f(s.stage)).map(|s| s.deals).sum();
    let (won, lost): (i64, i64) = (
        count(|s| s == DealStage::Won),
        count(|s| s == DealStage::Lost),
    );
    Ok(WinLoss {
        open: count(DealStage::is_open),
        won,
        lost,
        rate: crate::domain::deal::win_rate(won, lost),
        won_sums: sums
            .iter()
            .filter(|s| s.stage == DealStage::Won)
            .map(|s| (s.currency, s.amount))
            .collect(),
        reasons: db::deals::reasons(&state.pool, &all).await?,
    })
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<ListQuery>,
) -> AppResult<ListPage> {
    let hub = Hub::load(&state, &me, account, "deals").await?;
    let filter = q.filter(&me, account.id);
    let total = db::deals::count(&state.pool, &filter).await?;
    let kind = q.kind.clone().unwrap_or_default();
    let stage = q.stage.clone().unwrap_or_default();
    let pager = Pager::new(
        format!("/accounts/{}/deals", account.id),
        vec![("kind", kind.clone()), ("stage", stage.clone())],
        q.page.as_deref(),
        PER_PAGE,
        total,
    );
    let deals = db::deals::list(
        &state.pool,
        &filter,
        DealSort::Opened,
        Some(PER_PAGE),
        pager.offset(),
    )
    .await?;
    Ok(ListPage {
        can_edit: permissions::allows(me.0.role, Action::EditAccount, account.relation),
        record: win_loss(&state, &me, account.id).await?,
        ctx,
        hub,
        deals,
        pager,
        kind,
        stage,
    })
}

async fn export_rows(
    state: &AppState,
    me: &Me,
    account: AccountId,
    q: &ListQuery,
) -> AppResult<Vec<DealRow>> {
    let filter = q.filter(me, account);
    Ok(db::deals::list(&state.pool, &filter, DealSort::Opened, None, 0).await?)
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, account.id, &q).await?;
    deal_table(ctx.lang, &rows).csv_response("deals")
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, account.id, &q).await?;
    deal_table(ctx.lang, &rows).xlsx_response("deals", &ctx.t("deals-sheet-name"))
}

const EXPORT_HEADERS: [&str; 21] = [
    "col-client",
    "deal-field-title",
    "deal-field-kind",
    "deal-field-stage",
    "deal-field-amount",
    "deal-field-currency",
    "deal-field-opened-on",
    "deal-field-expected-close-on",
    "deal-field-deadline-on",
    "deal-field-lots",
    "deal-field-our-bid",
    "deal-field-winning-bid",
    "deal-col-gap",
    "deal-col-gap-pct",
    "deal-field-closed-on",
    "deal-field-outcome-reason",
    "deal-field-outcome-note",
    "deal-field-winner",
    "deal-field-owner",
    "col-client-id",
    "deal-col-id",
];

/// Deals as an export table: every field, amounts and dates as typed values, names of stored
/// values in the reader's language, text as typed (neutralised by the export writer).
pub fn deal_table(lang: Language, rows: &[DealRow]) -> Table {
    let mut table = Table::new(EXPORT_HEADERS.iter().map(|k| i18n::t(lang, k)));
    let date = |d: Option<NaiveDate>| Cell::opt_text(d.map(|d| d.to_string()));
    for d in rows {
        let gap = d.price_gap();
        table.row(vec![
            Cell::text(&d.account_name),
            Cell::text(&d.title),
            Cell::text(i18n::name(lang, &d.kind)),
            Cell::text(i18n::name(lang, &d.stage)),
            Cell::decimal(d.amount, 2),
            Cell::text(d.currency.as_str()),
            Cell::text(d.opened_on.to_string()),
            date(d.expected_close_on),
            date(d.deadline_on),
            Cell::int(d.lots.map(i64::from)),
            Cell::decimal(d.our_bid, 2),
            Cell::decimal(d.winning_bid, 2),
            Cell::decimal(gap.map(|g| g.amount), 2),
            Cell::decimal(gap.and_then(|g| g.pct), 1),
            date(d.closed_on),
            Cell::opt_text(d.outcome_reason.map(|r| i18n::name(lang, &r))),
            Cell::text(&d.outcome_note),
            Cell::text(&d.winning_competitor),
            Cell::opt_text(d.owner_name.clone()),
            Cell::text(d.account_id.to_string()),
            Cell::text(d.id.to_string()),
        ]);
    }
    table
}

// ------------------------------------------------------------------ the form

/// The deal form as typed (every field as text, so that bad input comes back as it was).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct DealForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    opened_on: String,
    #[serde(default)]
    expected_close_on: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    deadline_on: String,
    #[serde(default)]
    lots: String,
    #[serde(default)]
    our_bid: String,
    #[serde(default)]
    winning_bid: String,
    #[serde(default)]
    outcome_reason: String,
    #[serde(default)]
    outcome_note: String,
    #[serde(default)]
    closed_on: String,
    /// A competitor of the account (its id), or empty.
    #[serde(default)]
    winner: String,
    /// Another company, as typed.
    #[serde(default)]
    winner_name: String,
    #[serde(default)]
    version: String,
}

impl DealForm {
    /// The stored deal as its form shows it (amounts as typed in `lang`).
    fn from_row(d: &DealRow, lang: Language) -> DealForm {
        let dec = |v: Option<Decimal>| v.map(|v| i18n::decimal_input(lang, v)).unwrap_or_default();
        let date = |v: Option<NaiveDate>| v.map(|v| v.to_string()).unwrap_or_default();
        DealForm {
            kind: d.kind.to_string(),
            title: d.title.clone(),
            stage: d.stage.to_string(),
            amount: dec(d.amount),
            currency: d.currency.to_string(),
            opened_on: d.opened_on.to_string(),
            expected_close_on: date(d.expected_close_on),
            owner: d.owner_id.map(|u| u.to_string()).unwrap_or_default(),
            deadline_on: date(d.deadline_on),
            lots: d.lots.map(|n| n.to_string()).unwrap_or_default(),
            our_bid: dec(d.our_bid),
            winning_bid: dec(d.winning_bid),
            outcome_reason: d.outcome_reason.map(|r| r.to_string()).unwrap_or_default(),
            outcome_note: d.outcome_note.clone(),
            closed_on: date(d.closed_on),
            winner: d
                .winning_competitor_id
                .map(|c| c.to_string())
                .unwrap_or_default(),
            winner_name: if d.winning_competitor_id.is_some() {
                String::new()
            } else {
                d.winning_competitor.clone()
            },
            version: d.version.to_string(),
        }
    }

    /// Parses every field, recording a message beside each bad one; the draft and its owner
    /// when every field parsed (how they fit together is [`DealDraft::refusals`]'s to say).
    fn parse(
        &self,
        choices: &Choices,
        errors: &mut FieldErrors,
    ) -> Option<(DealDraft, Option<UserId>)> {
        let choice = |raw: &str| raw.trim().to_string();
        let kind = errors.check(
            "kind",
            choice(&self.kind)
                .parse::<DealKind>()
                .map_err(|_| "invalid_choice"),
        );
        let title = errors.text("title", text::TITLE, &self.title);
        let stage = errors.check(
            "stage",
            choice(&self.stage)
                .parse::<DealStage>()
                .map_err(|_| "invalid_choice"),
        );
        let amount = errors.check(
            "amount",
            Money::optional(&self.amount).map_err(MoneyError::code),
        );
        let currency = errors.check(
            "currency",
            choice(&self.currency)
                .parse::<Currency>()
                .map_err(|_| "invalid_choice"),
        );
        let opened_on = errors
            .check("opened_on", parse_date(&self.opened_on))
            .and_then(|d| {
                if d.is_none() {
                    errors.add("opened_on", "error-required");
                }
                d
            });
        let expected_close_on =
            errors.check("expected_close_on", parse_date(&self.expected_close_on));
        let owner = match self.owner.trim() {
            "" => Some(None),
            raw => match raw.parse::<UserId>() {
                Ok(id) if choices.team.iter().any(|m| m.user_id == id) => Some(Some(id)),
                _ => {
                    errors.add("owner", "error-invalid-choice");
                    None
                }
            },
        };
        let deadline_on = errors.check("deadline_on", parse_date(&self.deadline_on));
        let lots = match self.lots.trim() {
            "" => Some(None),
            raw => match raw.parse::<u16>() {
                Ok(n) if (1..=999).contains(&n) => Some(Some(n)),
                _ => {
                    errors.add("lots", "error-lots-range");
                    None
                }
            },
        };
        let our_bid = errors.check(
            "our_bid",
            Money::optional(&self.our_bid).map_err(MoneyError::code),
        );
        let winning_bid = errors.check(
            "winning_bid",
            Money::optional(&self.winning_bid).map_err(MoneyError::code),
        );
        let outcome_reason = match self.outcome_reason.trim() {
            "" => Some(None),
            raw => errors
                .check(
                    "outcome_reason",
                    raw.parse::<OutcomeReason>().map_err(|_| "invalid_choice"),
                )
                .map(Some),
        };
        let outcome_note = errors.optional_text("outcome_note", text::NOTE, &self.outcome_note);
        let closed_on = errors.check("closed_on", parse_date(&self.closed_on));
        let winner_name = errors.optional_text("winner", text::COMPANY_NAME, &self.winner_name);
        let winner = match (self.winner.trim(), winner_name) {
            (_, None) => None,
            ("", Some(None)) => Some(None),
            ("", Some(Some(name))) => Some(Some(Winner::Named(name))),
            (raw, Some(typed)) => {
                let picked = raw
                    .parse::<CompetitorId>()
                    .ok()
                    .and_then(|id| choices.competitors.iter().find(|c| c.id == id));
                match (picked, typed) {
                    (Some(c), None) => Some(Some(Winner::Competitor(c.id, c.name.clone()))),
                    (Some(_), Some(_)) => {
                        errors.add("winner", "error-winner-both");
                        None
                    }
                    (None, _) => {
                        errors.add("winner", "error-invalid-choice");
                        None
                    }
                }
            }
        };
        Some((
            DealDraft {
                kind: kind?,
                title: title?,
                stage: stage?,
                amount: amount?,
                currency: currency?,
                opened_on: opened_on?,
                expected_close_on: expected_close_on?,
                deadline_on: deadline_on?,
                lots: lots?,
                our_bid: our_bid?,
                winning_bid: winning_bid?,
                outcome_reason: outcome_reason?,
                outcome_note: outcome_note?,
                closed_on: closed_on?,
                winner: winner?,
            },
            owner?,
        ))
    }
}

/// What the form's pick lists offer: the account's competitors (winners) and its current team
/// (who runs the deal).
struct Choices {
    competitors: Vec<db::competitors::CompetitorName>,
    team: Vec<db::accounts::TeamMember>,
}

impl Choices {
    async fn load(state: &AppState, account: AccountId) -> AppResult<Choices> {
        Ok(Choices {
            competitors: db::competitors::names_for_account(&state.pool, account).await?,
            team: db::accounts::team(&state.pool, account).await?,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "deals/form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    /// None for a new deal.
    deal: Option<DealRow>,
    form: DealForm,
    errors: FieldErrors,
    choices: Choices,
    kinds: &'static [DealKind],
    currencies: &'static [Currency],
    reasons: &'static [OutcomeReason],
    /// After a stale save: the fields that differ.
    conflict: Option<ConflictView>,
}

impl FormPage {
    /// The stages the form offers: every stage for a new or running deal, only its own for a
    /// closed one (a closed deal is final).
    fn stages(&self) -> Vec<DealStage> {
        match &self.deal {
            Some(d) if d.stage.is_closed() => vec![d.stage],
            _ => DealStage::ALL.to_vec(),
        }
    }

    fn action(&self) -> String {
        match &self.deal {
            Some(d) => format!("/accounts/{}/deals/{}", self.hub.header.id, d.id),
            None => format!("/accounts/{}/deals/new", self.hub.header.id),
        }
    }

    fn price_gap(&self) -> Option<crate::domain::deal::PriceGap> {
        self.deal.as_ref().and_then(DealRow::price_gap)
    }
}

/// How a field's value reads in the side-by-side view of a stale save.
fn shown(ctx: &PageCtx, choices: &Choices, field: &str, value: &str) -> String {
    let name = |n: Option<String>| n.unwrap_or_else(|| value.to_string());
    match field {
        "kind" => name(value.parse::<DealKind>().ok().map(|v| ctx.name(&v))),
        "stage" => name(value.parse::<DealStage>().ok().map(|v| ctx.name(&v))),
        "outcome_reason" => name(value.parse::<OutcomeReason>().ok().map(|v| ctx.name(&v))),
        "owner" => name(
            value
                .parse::<UserId>()
                .ok()
                .and_then(|id| choices.team.iter().find(|m| m.user_id == id))
                .map(|m| m.name.clone()),
        ),
        "winner" => name(
            value
                .parse::<CompetitorId>()
                .ok()
                .and_then(|id| choices.competitors.iter().find(|c| c.id == id))
                .map(|c| c.name.clone()),
        ),
        _ => value.to_string(),
    }
}

fn conflict(ctx: &PageCtx, choices: &Choices, mine: &DealForm, stored: &DealForm) -> ConflictView {
    let pairs: [(&'static str, &'static str, &String, &String); 17] = [
        ("kind", "deal-field-kind", &mine.kind, &stored.kind),
        ("title", "deal-field-title", &mine.title, &stored.title),
        ("stage", "deal-field-stage", &mine.stage, &stored.stage),
        ("amount", "deal-field-amount", &mine.amount, &stored.amount),
        (
            "currency",
            "deal-field-currency",
            &mine.currency,
            &stored.currency,
        ),
        (
            "opened_on",
            "deal-field-opened-on",
            &mine.opened_on,
            &stored.opened_on,
        ),
        (
            "expected_close_on",
            "deal-field-expected-close-on",
            &mine.expected_close_on,
            &stored.expected_close_on,
        ),
        ("owner", "deal-field-owner", &mine.owner, &stored.owner),
        (
            "deadline_on",
            "deal-field-deadline-on",
            &mine.deadline_on,
            &stored.deadline_on,
        ),
        ("lots", "deal-field-lots", &mine.lots, &stored.lots),
        (
            "our_bid",
            "deal-field-our-bid",
            &mine.our_bid,
            &stored.our_bid,
        ),
        (
            "winning_bid",
            "deal-field-winning-bid",
            &mine.winning_bid,
            &stored.winning_bid,
        ),
        (
            "outcome_reason",
            "deal-field-outcome-reason",
            &mine.outcome_reason,
            &stored.outcome_reason,
        ),
        (
            "outcome_note",
            "deal-field-outcome-note",
            &mine.outcome_note,
            &stored.outcome_note,
        ),
        (
            "closed_on",
            "deal-field-closed-on",
            &mine.closed_on,
            &stored.closed_on,
        ),
        ("winner", "deal-field-winner", &mine.winner, &stored.winner),
        (
            "winner_name",
            "deal-field-winner-name",
            &mine.winner_name,
            &stored.winner_name,
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, _, a, b)| a.trim() != b.trim())
        .fold(
            ConflictView::new(None, None),
            |view, (field, label, a, b)| {
                view.row(
                    label,
                    shown(ctx, choices, field, a),
                    shown(ctx, choices, field, b),
                )
            },
        )
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FormPage> {
    let choices = Choices::load(&state, account.id).await?;
    // Run by the one who opens it when on the team, else by the owner.
    let owner = choices
        .team
        .iter()
        .find(|m| m.user_id == me.0.id)
        .or_else(|| choices.team.first())
        .map(|m| m.user_id.to_string())
        .unwrap_or_default();
    let form = DealForm {
        kind: DealKind::Deal.to_string(),
        stage: DealStage::Lead.to_string(),
        currency: Currency::default().to_string(),
        opened_on: today().to_string(),
        owner,
        ..DealForm::default()
    };
    Ok(FormPage {
        ctx,
        hub: Hub::load(&state, &me, account, "deals").await?,
        deal: None,
        form,
        errors: FieldErrors::new(),
        choices,
        kinds: DealKind::ALL,
        currencies: Currency::ALL,
        reasons: OutcomeReason::ALL,
        conflict: None,
    })
}

/// The audit log's view of a deal: each recorded field with its stored value.
fn audit_fields(d: &NewDeal) -> [(&'static str, Option<String>); 17] {
    let s = |v: Option<String>| v.filter(|v| !v.is_empty());
    [
        ("deal_kind", Some(d.kind.to_string())),
        ("deal_title", Some(d.title.clone())),
        ("deal_stage", Some(d.stage.to_string())),
        ("deal_amount", d.amount.map(|v| v.to_string())),
        ("deal_currency", Some(d.currency.to_string())),
        ("deal_opened_on", Some(d.opened_on.to_string())),
        (
            "deal_expected_close_on",
            d.expected_close_on.map(|v| v.to_string()),
        ),
        ("deal_owner", d.owner_id.map(|v| v.to_string())),
        ("deal_deadline_on", d.deadline_on.map(|v| v.to_string())),
        ("deal_lots", d.lots.map(|v| v.to_string())),
        ("deal_our_bid", d.our_bid.map(|v| v.to_string())),
        ("deal_winning_bid", d.winning_bid.map(|v| v.to_string())),
        (
            "deal_outcome_reason",
            d.outcome_reason.map(|v| v.to_string()),
        ),
        ("deal_outcome_note", s(Some(d.outcome_note.clone()))),
        ("deal_closed_on", d.closed_on.map(|v| v.to_string())),
        ("deal_winner", s(Some(d.winning_competitor.clone()))),
        (
            "deal_winner_id",
            d.winning_competitor_id.map(|v| v.to_string()),
        ),
    ]
}

async fn record_changes(
    conn: &mut sqlx::PgConnection,
    me: &Me,
    before: Option<&NewDeal>,
    after: &NewDeal,
) -> AppResult<()> {
    let change = |field, old, new| db::audit::Change {
        user: Some(me.0.id),
        account: Some(after.account_id),
        entity: "deal",
        entity_id: Some(after.id.0),
        field,
        old,
        new,
    };
    match before {
        None => {
            db::audit::record(
                &mut *conn,
                &change("deal_created", None, Some(after.title.clone())),
            )
            .await?;
        }
        Some(before) => {
            for ((field, old), (_, new)) in
                audit_fields(before).into_iter().zip(audit_fields(after))
            {
                if old != new {
                    db::audit::record(&mut *conn, &change(field, old, new)).await?;
                }
            }
        }
    }
    Ok(())
}

/// The form again with the messages beside the fields (422), the input kept.
fn refused(
    ctx: PageCtx,
    hub: Hub,
    deal: Option<DealRow>,
    form: DealForm,
    errors: FieldErrors,
    choices: Choices,
) -> AppResult<Response> {
    let page = FormPage {
        ctx,
        hub,
        deal,
        form,
        errors,
        choices,
        kinds: DealKind::ALL,
        currencies: Currency::ALL,
        reasons: OutcomeReason::ALL,
        conflict: None,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<DealForm>,
) -> AppResult<Response> {
    let choices = Choices::load(&state, account.id).await?;
    let mut errors = FieldErrors::new();
    let parsed = form.parse(&choices, &mut errors);
    if let Some((draft, _)) = &parsed {
        for r in draft.refusals(None, today()) {
            errors.add(r.field(), r.message_key());
        }
    }
    let (Some((draft, owner)), true) = (parsed, errors.is_empty()) else {
        return refused(
            ctx,
            Hub::load(&state, &me, account, "deals").await?,
            None,
            form,
            errors,
            choices,
        );
    };
    let new = NewDeal::from_draft(DealId::new(), account.id, &draft, owner);
    let mut tx = state.pool.begin().await?;
    db::deals::insert(&mut tx, &new).await?;
    record_changes(&mut tx, &me, None, &new).await?;
    tx.commit().await?;
    flash(&session, "deal-created").await;
    Ok(Redirect::to(&format!("/accounts/{}/deals", account.id)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, deal)): Path<(String, DealId)>,
) -> AppResult<FormPage> {
    let deal = db::deals::get(&state.pool, account.id, deal)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(FormPage {
        form: DealForm::from_row(&deal, ctx.lang),
        hub: Hub::load(&state, &me, account, "deals").await?,
        choices: Choices::load(&state, account.id).await?,
        ctx,
        deal: Some(deal),
        errors: FieldErrors::new(),
        kinds: DealKind::ALL,
        currencies: Currency::ALL,
        reasons: OutcomeReason::ALL,
        conflict: None,
    })
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, deal_id)): Path<(String, DealId)>,
    Form(form): Form<DealForm>,
) -> AppResult<Response> {
    let choices = Choices::load(&state, account.id).await?;
    let mut tx = state.pool.begin().await?;
    let stored = db::deals::lock(&mut tx, account.id, deal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = super::form::version(&form.version)?;
    if version != stored.version {
        drop(tx);
        // Stale: the stored deal beside what the reader sent; the form keeps the input and
        // carries the stored version, so saving again replaces what is stored knowingly.
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        let stored_form = DealForm::from_row(&stored, ctx.lang);
        let conflict = Some(conflict(&ctx, &choices, &form, &stored_form));
        let page = FormPage {
            hub: Hub::load(&state, &me, account, "deals").await?,
            form: DealForm {
                version: stored.version.to_string(),
                ..form
            },
            ctx,
            deal: Some(stored),
            errors,
            choices,
            kinds: DealKind::ALL,
            currencies: Currency::ALL,
            reasons: OutcomeReason::ALL,
            conflict,
        };
        return Err(AppError::conflict(page));
    }
    let mut errors = FieldErrors::new();
    let parsed = form.parse(&choices, &mut errors);
    if let Some((draft, _)) = &parsed {
        for r in draft.refusals(Some(stored.stage), today()) {
            errors.add(r.field(), r.message_key());
        }
    }
    let (Some((draft, owner)), true) = (parsed, errors.is_empty()) else {
        drop(tx);
        return refused(
            ctx,
            Hub::load(&state, &me, account, "deals").await?,
            Some(stored),
            form,
            errors,
            choices,
        );
    };
    let saved = db::deals::update(&mut tx, deal_id, version, &draft, owner).await?;
    if !saved {
        // The row is locked above, so the version cannot have moved since it was read.
        return Err(AppError::Internal(anyhow::anyhow!(
            "deal {deal_id} changed under its lock"
        )));
    }
    let before = stored.as_new();
    let after = NewDeal::from_draft(deal_id, account.id, &draft, owner);
    record_changes(&mut tx, &me, Some(&before), &after).await?;
    tx.commit().await?;
    flash(&session, "deal-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/deals", account.id)).into_response())
}
