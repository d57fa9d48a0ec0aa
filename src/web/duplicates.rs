//! `/accounts/duplicates`: the directors' list of likely duplicate accounts (pairs whose names
//! fold to one duplicate key, `domain::duplicate`), each pair's facts side by side, and the two
//! ways a pair leaves the list: dismissed as two clients, or merged into the one kept
//! (`db::duplicates::merge`, one transaction, then the key list's recompute). CSV/XLSX export
//! of the pairs the filter shows.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::export::{Cell, Table};
use super::extract::{Form, Query};
use super::form::FieldErrors;
use super::paging::Pager;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::duplicates::{Locked, MergeReport, Pair, PairFilter, PairSide};
use crate::domain::ids::AccountId;
use crate::domain::permissions::Action;
use crate::domain::text;
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tower_sessions::Session;

/// The pairs page, its exports and its two actions: directors and admins.
pub fn routes() -> Vec<Route> {
    let gate = Gate::Role(Action::MergeAccounts);
    vec![
        Route::get("/accounts/duplicates", gate, show),
        Route::get("/accounts/duplicates.csv", gate, export_csv),
        Route::get("/accounts/duplicates.xlsx", gate, export_xlsx),
        Route::get("/accounts/duplicates/merge", gate, merge_preview),
        Route::post("/accounts/duplicates/merge", gate, merge),
        Route::post("/accounts/duplicates/dismiss", gate, dismiss),
    ]
}

const PER_PAGE: i64 = 20;

/// The list's filter as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct PairsQuery {
    q: Option<String>,
    sort: Option<String>,
    page: Option<String>,
}

impl PairsQuery {
    fn value(s: &Option<String>) -> &str {
        s.as_deref().unwrap_or("").trim()
    }

    fn filter(&self, errors: &mut FieldErrors) -> PairFilter {
        let q = errors
            .optional_text("q", text::SEARCH, Self::value(&self.q))
            .flatten()
            .unwrap_or_default();
        PairFilter {
            q,
            newest_first: Self::value(&self.sort) == "newest",
        }
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", Self::value(&self.q).to_string()),
            ("sort", Self::value(&self.sort).to_string()),
        ]
    }

    /// The query string of the filter (for the export links), `?` included when not empty.
    fn query_string(&self) -> String {
        let parts: Vec<String> = self
            .params()
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    percent_encoding::utf8_percent_encode(&v, percent_encoding::NON_ALPHANUMERIC)
                )
            })
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// One account of a stale form: the version the reader saw and the one stored now.
struct StaleRow {
    name: String,
    seen: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/duplicates.html")]
struct PairsPage {
    ctx: PageCtx,
    q: PairsQuery,
    errors: FieldErrors,
    pairs: Vec<Pair>,
    pager: Pager,
    export_query: String,
    /// A merge or dismissal refused because an account changed since the page was read.
    stale: Vec<StaleRow>,
    /// A merge or dismissal refused because the pair is no longer listed.
    gone: bool,
}

impl PairsPage {
    fn value<'a>(&self, s: &'a Option<String>) -> &'a str {
        PairsQuery::value(s)
    }

    /// The pair's number on the whole list (for its heading).
    fn number(&self, index: &usize) -> i64 {
        self.pager.offset() + *index as i64 + 1
    }

    /// Whether the two sides differ in a fact (the row is highlighted).
    fn differs(&self, a: &str, b: &str) -> bool {
        a != b
    }

    /// An optional text fact, `—` when empty.
    fn opt(&self, v: &Option<String>) -> String {
        v.clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "—".into())
    }

    /// The two merge buttons of a pair: which side is kept, and its name.
    fn keeps(&self, p: &Pair) -> Vec<(&'static str, String)> {
        vec![("a", p.a.name.clone()), ("b", p.b.name.clone())]
    }

    /// A text fact, `—` when empty.
    fn or_dash(&self, v: &str) -> String {
        if v.trim().is_empty() {
            "—".into()
        } else {
            v.to_string()
        }
    }

    /// The key badge's words.
    fn key_label(&self, s: &PairSide) -> String {
        if s.is_key {
            self.ctx.t("badge-key")
        } else {
            "—".into()
        }
    }

    fn segment(&self, s: &PairSide) -> String {
        s.segment
            .map(|g| self.ctx.name(&g))
            .unwrap_or_else(|| "—".into())
    }

    /// One line of a stale form's message: the version seen and the one stored.
    fn stale_text(&self, s: &StaleRow) -> String {
        let seen = s
            .seen
            .map(|at| self.ctx.datetime(&at))
            .unwrap_or_else(|| "—".into());
        i18n::t_args(
            self.ctx.lang,
            "duplicates-stale-row",
            &[
                ("name", s.name.clone().into()),
                ("seen", seen.into()),
                ("now", self.ctx.datetime(&s.now).into()),
            ],
        )
    }

    fn last_order(&self, s: &PairSide) -> String {
        s.last_order
            .map(|d| self.ctx.date(&d))
            .unwrap_or_else(|| "—".into())
    }
}

async fn list_page(
    state: &AppState,
    ctx: PageCtx,
    q: PairsQuery,
    stale: Vec<StaleRow>,
    gone: bool,
) -> AppResult<(StatusCode, PairsPage)> {
    let mut errors = FieldErrors::new();
    let filter = q.filter(&mut errors);
    let refused = !errors.is_empty();
    let mut conn = state.pool.acquire().await?;
    let total = if refused {
        0
    } else {
        db::duplicates::count_pairs(&mut *conn, &filter).await?
    };
    let pager = Pager::new(
        "/accounts/duplicates",
        q.params(),
        q.page.as_deref(),
        PER_PAGE,
        total,
    );
    let pairs = if refused {
        vec![]
    } else {
        db::duplicates::pairs(&mut conn, &filter, PER_PAGE, pager.offset()).await?
    };
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if gone || !stale.is_empty() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        PairsPage {
            ctx,
            export_query: q.query_string(),
            q,
            errors,
            pairs,
            pager,
            stale,
            gone,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<PairsQuery>,
) -> AppResult<Response> {
    Ok(list_page(&state, ctx, q, vec![], false)
        .await?
        .into_response())
}

/// Every pair the filter shows (no page cap), as an export table in `lang`.
async fn table(state: &AppState, lang: Language, q: &PairsQuery) -> AppResult<Table> {
    let mut errors = FieldErrors::new();
    let filter = q.filter(&mut errors);
    let t = |k: &str| i18n::t(lang, k);
    let side_headers = |prefix: &str| {
        [
            "col-name",
            "col-status",
            "col-tax-id",
            "col-industry",
            "field-city",
            "col-owner",
            "duplicates-contacts",
            "duplicates-orders",
            "duplicates-deals",
            "duplicates-last-order",
        ]
        .into_iter()
        .map(|k| format!("{prefix}: {}", t(k)))
        .collect::<Vec<_>>()
    };
    let mut table = Table::new(
        [
            side_headers(&t("duplicates-export-first")),
            side_headers(&t("duplicates-export-second")),
        ]
        .concat(),
    );
    if !errors.is_empty() {
        return Ok(table);
    }
    let mut conn = state.pool.acquire().await?;
    // Read in pages of 500 pairs so that the side facts stay one indexed query each.
    let mut offset = 0;
    loop {
        let page = db::duplicates::pairs(&mut conn, &filter, 500, offset).await?;
        for p in &page {
            let mut cells = side_cells(lang, &p.a);
            cells.extend(side_cells(lang, &p.b));
            table.row(cells);
        }
        if page.len() < 500 {
            break;
        }
        offset += 500;
    }
    Ok(table)
}

fn side_cells(lang: Language, s: &PairSide) -> Vec<Cell> {
    vec![
        Cell::text(s.name.clone()),
        Cell::text(i18n::name(lang, &s.status)),
        Cell::opt_text(s.tax_id.clone()),
        Cell::opt_text(
            s.industry
                .map(|i| i18n::t(lang, &format!("industry-{}", i.as_str().replace('_', "-")))),
        ),
        Cell::opt_text(s.city.clone()),
        Cell::opt_text(s.owner_name.clone()),
        Cell::int(Some(s.contacts)),
        Cell::int(Some(s.orders)),
        Cell::int(Some(s.deals)),
        Cell::opt_text(s.last_order.map(|d| d.to_string())),
    ]
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<PairsQuery>,
) -> AppResult<Response> {
    table(&state, ctx.lang, &q)
        .await?
        .csv_response("duplicates")
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(q): Query<PairsQuery>,
) -> AppResult<Response> {
    table(&state, ctx.lang, &q)
        .await?
        .xlsx_response("duplicates", &ctx.t("duplicates-title"))
}

/// A merge or dismissal as posted: the pair, the versions the reader saw, and (for a merge)
/// which account is kept.
#[derive(Debug, Default, Deserialize)]
struct PairForm {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
    #[serde(default)]
    a_stamp: String,
    #[serde(default)]
    b_stamp: String,
    #[serde(default)]
    keep: String,
    /// The list's filter and page, to return to.
    #[serde(default)]
    q: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    page: String,
}

impl PairForm {
    fn ids(&self) -> AppResult<(AccountId, AccountId)> {
        let parse = |s: &str| {
            s.trim()
                .parse::<AccountId>()
                .map_err(|_| AppError::BadRequest("not a pair of accounts".into()))
        };
        let (a, b) = (parse(&self.a)?, parse(&self.b)?);
        if a == b {
            return Err(AppError::BadRequest("not a pair of accounts".into()));
        }
        Ok((a, b))
    }

    fn query(&self) -> PairsQuery {
        let some = |s: &str| Some(s.to_string()).filter(|s| !s.trim().is_empty());
        PairsQuery {
            q: some(&self.q),
            sort: some(&self.sort),
            page: some(&self.page),
        }
    }

    fn back(&self) -> String {
        format!("/accounts/duplicates{}", self.query().query_string())
    }
}

/// What locking a posted pair found.
enum Checked {
    /// Both as the reader saw them, still a listed pair: (a, b) as posted.
    Fresh(Locked, Locked),
    /// The page again, with why not.
    Refused(Response),
}

/// Locks the posted pair and checks that it is still a listed pair at the versions the reader
/// saw.
async fn check_pair(
    state: &AppState,
    ctx: PageCtx,
    conn: &mut sqlx::PgConnection,
    form: &PairForm,
) -> AppResult<Checked> {
    let (a, b) = form.ids()?;
    let locked = db::duplicates::lock_pair(conn, a, b).await?;
    let find = |id| locked.iter().find(|l| l.id == id).cloned();
    let (Some(la), Some(lb)) = (find(a), find(b)) else {
        return Err(AppError::NotFound);
    };
    let still_pair = la.merged_into.is_none()
        && lb.merged_into.is_none()
        && la.duplicate_key.is_some()
        && la.duplicate_key == lb.duplicate_key
        && !db::duplicates::is_dismissed(&mut *conn, a, b).await?;
    if !still_pair {
        let (status, page) = list_page(state, ctx, form.query(), vec![], true).await?;
        return Ok(Checked::Refused((status, page).into_response()));
    }
    let mut stale = vec![];
    for (l, seen) in [(&la, &form.a_stamp), (&lb, &form.b_stamp)] {
        if db::duplicates::stamp(l.updated_at) != seen.trim() {
            stale.push(StaleRow {
                name: l.name.clone(),
                seen: seen
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(DateTime::from_timestamp_micros),
                now: l.updated_at,
            });
        }
    }
    if !stale.is_empty() {
        let (status, page) = list_page(state, ctx, form.query(), stale, false).await?;
        return Ok(Checked::Refused((status, page).into_response()));
    }
    Ok(Checked::Fresh(la, lb))
}

async fn dismiss(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<PairForm>,
) -> AppResult<Response> {
    form.ids()?;
    let mut tx = state.pool.begin().await?;
    let (a, b) = match check_pair(&state, ctx, &mut tx, &form).await? {
        Checked::Fresh(a, b) => (a, b),
        Checked::Refused(r) => return Ok(r),
    };
    db::duplicates::dismiss(&mut tx, a.id, b.id, me.0.id).await?;
    for (this, other) in [(&a, &b), (&b, &a)] {
        db::audit::record_fields(
            &mut tx,
            &db::audit::FieldChanges {
                user: Some(me.0.id),
                account: this.id,
                section: "account",
                entity: "account",
                entity_id: Some(this.id.0),
                item: None,
                fields: vec![("duplicate_dismissed", None, Some(other.name.clone()))],
            },
        )
        .await?;
    }
    tx.commit().await?;
    flash(&session, "duplicates-dismissed").await;
    Ok(Redirect::to(&form.back()).into_response())
}

async fn merge(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<PairForm>,
) -> AppResult<Response> {
    let (a, b) = form.ids()?;
    let keep = match form.keep.trim() {
        "a" => a,
        "b" => b,
        _ => return Err(AppError::BadRequest("which account to keep".into())),
    };
    let mut tx = state.pool.begin().await?;
    let (la, lb) = match check_pair(&state, ctx, &mut tx, &form).await? {
        Checked::Fresh(a, b) => (a, b),
        Checked::Refused(r) => return Ok(r),
    };
    let (into, from) = if keep == la.id { (la, lb) } else { (lb, la) };
    let report = db::duplicates::merge(&mut tx, &into, &from, me.0.id).await?;
    db::audit::record_fields(
        &mut tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: from.id,
            section: "account",
            entity: "account",
            entity_id: Some(from.id.0),
            item: None,
            fields: vec![
                (
                    "status",
                    Some(from.status.to_string()),
                    Some("archived".into()),
                ),
                ("merged_into", None, Some(into.name.clone())),
                (
                    "tax_id",
                    from.tax_id.clone(),
                    if report.took_tax_id {
                        None
                    } else {
                        from.tax_id.clone()
                    },
                ),
            ],
        },
    )
    .await?;
    db::audit::record_fields(
        &mut tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: into.id,
            section: "account",
            entity: "account",
            entity_id: Some(into.id.0),
            item: None,
            fields: vec![
                ("merged_from", None, Some(from.name.clone())),
                (
                    "tax_id",
                    into.tax_id.clone(),
                    if report.took_tax_id {
                        from.tax_id.clone()
                    } else {
                        into.tax_id.clone()
                    },
                ),
            ],
        },
    )
    .await?;
    let both = [into.id, from.id];
    db::contacts::refresh_gaps(&mut tx, &both).await?;
    db::dossier::refresh_completeness(&mut tx, &both).await?;
    // Orders, places and forecasts moved: the key list is recomputed before the page answers,
    // as after a dossier save.
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "duplicates-merged").await;
    Ok(Redirect::to(&format!("/accounts/{}", into.id)).into_response())
}

/// What a merge will do, shown before it is done.
#[derive(Template, WebTemplate)]
#[template(path = "accounts/merge.html")]
struct MergePage {
    ctx: PageCtx,
    /// The pair as posted back (ids, which one is kept, the list's filter).
    form: PairForm,
    /// The account kept.
    into: PairSide,
    /// The account merged in and archived.
    from: PairSide,
    /// The versions the confirmation carries.
    into_stamp: String,
    from_stamp: String,
    /// What the merge moves and leaves (computed by the merge itself, rolled back).
    report: MergeReport,
}

impl MergePage {
    /// The rows left on the archived account of one kind.
    fn stays(&self, what: &str) -> u64 {
        self.report
            .kept
            .iter()
            .find(|(w, _)| *w == what)
            .map_or(0, |(_, n)| *n)
    }

    /// The archived status's name.
    fn archived(&self) -> String {
        self.ctx.name(&crate::domain::scoring::Status::Archived)
    }

    /// People joining the kept client's team.
    fn joined(&self) -> i64 {
        self.report.joined_team as i64
    }

    /// Open offers closed.
    fn offers(&self) -> i64 {
        self.report.offers_closed as i64
    }

    /// The form's value of `a` or `b` as posted.
    fn stamp_of(&self, side: &str) -> &str {
        let kept_is_a = self.form.keep.trim() == "a";
        match (side, kept_is_a) {
            ("a", true) | ("b", false) => &self.into_stamp,
            _ => &self.from_stamp,
        }
    }

    fn or_dash(&self, v: &str) -> String {
        if v.trim().is_empty() {
            "—".into()
        } else {
            v.to_string()
        }
    }

    fn opt(&self, v: &Option<String>) -> String {
        v.clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "—".into())
    }

    /// The list to go back to.
    fn back(&self) -> String {
        self.form.back()
    }
}

/// The merge's preview: the pair as it is now, and what a merge would move and leave (the merge
/// itself run in a transaction that is rolled back, so the preview is exactly what happens).
async fn merge_preview(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(form): Query<PairForm>,
) -> AppResult<Response> {
    let (a, b) = form.ids()?;
    let keep = match form.keep.trim() {
        "a" => a,
        "b" => b,
        _ => return Err(AppError::BadRequest("which account to keep".into())),
    };
    let mut tx = state.pool.begin().await?;
    let locked = db::duplicates::lock_pair(&mut tx, a, b).await?;
    let find = |id| locked.iter().find(|l| l.id == id).cloned();
    let (Some(la), Some(lb)) = (find(a), find(b)) else {
        return Err(AppError::NotFound);
    };
    let still_pair = la.merged_into.is_none()
        && lb.merged_into.is_none()
        && la.duplicate_key.is_some()
        && la.duplicate_key == lb.duplicate_key
        && !db::duplicates::is_dismissed(&mut *tx, a, b).await?;
    if !still_pair {
        drop(tx);
        let (status, page) = list_page(&state, ctx, form.query(), vec![], true).await?;
        return Ok((status, page).into_response());
    }
    let (into, from) = if keep == la.id { (la, lb) } else { (lb, la) };
    let mut sides = db::duplicates::sides(&mut *tx, &[into.id, from.id]).await?;
    let report = db::duplicates::merge(&mut tx, &into, &from, me.0.id).await?;
    tx.rollback().await?;
    let pos = |id| sides.iter().position(|s: &PairSide| s.id == id);
    let (Some(i), Some(_)) = (pos(into.id), pos(from.id)) else {
        return Err(AppError::NotFound);
    };
    let into_side = sides.remove(i);
    let from_side = sides.remove(0);
    Ok(MergePage {
        ctx,
        into_stamp: db::duplicates::stamp(into.updated_at),
        from_stamp: db::duplicates::stamp(from.updated_at),
        form,
        into: into_side,
        from: from_side,
        report,
    }
    .into_response())
}
