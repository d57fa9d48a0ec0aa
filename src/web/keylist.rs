//! `/key-clients`: the key-client list with owners (every role). The cap and the cut line on
//! top, the unowned-key alarm, then the list paged, filtered (owner, league, segment, type,
//! unowned, at risk) and searched, with the filter in the URL; `/key-clients.csv` and
//! `/key-clients.xlsx` export the whole filtered list, streamed from the database. The next
//! candidates below the cut and what each lacks close the page.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{self, Cell};
use super::extract::Query;
use super::form::FieldErrors;
use super::paging::Pager;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::keylist::{KeyFilter, KeyRow, Order, Readers};
use crate::db::scoring::{KeyListRow, KeyListSummary};
use crate::db::visibility::ProfileScope;
use crate::domain::analysis::{Abc, Churn, Xyz};
use crate::domain::contact::{Gap, stale_before};
use crate::domain::keylist::KeyType;
use crate::domain::league::League;
use crate::domain::permissions::Action;
use crate::domain::plan::PlanCheck;
use crate::domain::scoring::{Reason, Segment};
use crate::domain::text;
use crate::domain::user::{Language, Role};
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use rust_decimal::Decimal;
use serde::Deserialize;

/// The key-list routes: every role sees the list with owners.
pub fn routes() -> Vec<Route> {
    let gate = Gate::Role(Action::ViewKeyList);
    vec![
        Route::get("/key-clients", gate, show),
        Route::get("/key-clients.csv", gate, export_csv),
        Route::get("/key-clients.xlsx", gate, export_xlsx),
    ]
}

/// How many candidates below the cut are shown.
const CANDIDATES: i64 = 10;

/// Key clients per page.
pub const PAGE_SIZE: i64 = 100;

/// The filter as it travels in the URL (every field a string, so a bad value is answered
/// beside its field rather than with a bare 400).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct KeyListQuery {
    /// Owner's id.
    #[serde(default)]
    pub owner: String,
    /// "1": only key clients nobody owns.
    #[serde(default)]
    pub unowned: String,
    /// A league, or "none".
    #[serde(default)]
    pub league: String,
    /// A segment.
    #[serde(default)]
    pub segment: String,
    /// A key-client type.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// "1": only churn risks.
    #[serde(default)]
    pub at_risk: String,
    /// An ABC class (the cockpit's matrix links here).
    #[serde(default)]
    pub abc: String,
    /// An XYZ class.
    #[serde(default)]
    pub xyz: String,
    /// A coverage gap of the contact map (the cockpit links here).
    #[serde(default)]
    pub gap: String,
    /// The account plan's state this year (`PlanCheck`; the cockpit's planning figures).
    #[serde(default)]
    pub plan: String,
    /// Name search.
    #[serde(default)]
    pub q: String,
    /// Page number (anything unreadable is the first page).
    #[serde(default)]
    pub page: Option<String>,
}

impl KeyListQuery {
    /// Parses the filter; a refused value is a message beside its field.
    pub fn parse(&self, errors: &mut FieldErrors) -> KeyFilter {
        let league = match self.league.trim() {
            "none" => Some(None),
            raw => errors.optional_choice::<League>("league", raw).map(Some),
        };
        KeyFilter {
            owner: errors.optional_choice("owner", &self.owner),
            unowned: flag(&self.unowned),
            league,
            segment: errors.optional_choice("segment", &self.segment),
            kind: errors.optional_choice("type", &self.kind),
            at_risk: flag(&self.at_risk),
            abc: errors.optional_choice("abc", &self.abc),
            xyz: errors.optional_choice("xyz", &self.xyz),
            gap: match self.gap.trim() {
                "" => None,
                raw => errors
                    .check(
                        "gap",
                        Gap::ALL
                            .into_iter()
                            .find(|g| g.as_str() == raw)
                            .ok_or("invalid_choice"),
                    )
                    .map(|g| (g, stale_before(chrono::Utc::now().date_naive()))),
            },
            plan: errors
                .optional_choice::<PlanCheck>("plan", &self.plan)
                .map(|c| {
                    let today = chrono::Utc::now().date_naive();
                    (c, chrono::Datelike::year(&today), today)
                }),
            query: errors.optional_text("q", text::SEARCH, &self.q).flatten(),
        }
    }

    /// The filter as query parameters (empty ones are left out of links).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("owner", self.owner.clone()),
            ("league", self.league.clone()),
            ("segment", self.segment.clone()),
            ("type", self.kind.clone()),
            ("unowned", self.unowned.clone()),
            ("at_risk", self.at_risk.clone()),
            ("abc", self.abc.clone()),
            ("xyz", self.xyz.clone()),
            ("gap", self.gap.clone()),
            ("plan", self.plan.clone()),
        ]
    }

    /// A pager over `total` rows at `path` with this filter, on the page asked for.
    pub fn pager(&self, path: &str, total: i64) -> Pager {
        Pager::new(path, self.params(), self.page.as_deref(), PAGE_SIZE, total)
    }

    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self.params().iter().any(|(_, v)| !v.trim().is_empty())
    }
}

fn flag(raw: &str) -> bool {
    matches!(raw.trim(), "1" | "on" | "true")
}

/// What the reader's scopes let them open, for a list's links.
pub fn readers(me: &Me) -> Readers {
    Readers {
        scope: me.scope(),
        profile: ProfileScope::for_user(me.0.id, me.0.role),
    }
}

/// Where a row of a key list links for this reader: the account's page, its team page (a
/// KAM's view of an unowned key client), or nowhere.
pub fn link(row: &KeyRow) -> Option<String> {
    if row.can_open {
        Some(format!("/accounts/{}", row.account_id))
    } else if row.can_see_profile {
        Some(format!("/accounts/{}/team", row.account_id))
    } else {
        None
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "keylist/show.html")]
struct KeyListPage {
    ctx: PageCtx,
    summary: KeyListSummary,
    cap_pct: u32,
    rows: Vec<KeyRow>,
    pager: Pager,
    query: KeyListQuery,
    errors: FieldErrors,
    owners: Vec<db::users::UserRow>,
    candidates: Vec<KeyListRow>,
}

impl KeyListPage {
    /// Points a candidate lacks to reach the cut line.
    fn lacks(&self, row: &KeyListRow) -> Option<Decimal> {
        let cut = self.summary.cut_line?;
        let score = row.score?;
        (cut > score).then(|| cut - score)
    }

    fn link(&self, row: &KeyRow) -> Option<String> {
        link(row)
    }

    fn types_label(&self, row: &KeyRow) -> String {
        types(self.ctx.lang, row).join(", ")
    }

    fn export_url(&self, ext: &str) -> String {
        format!("/key-clients.{ext}{}", self.pager.query())
    }

    fn leagues(&self) -> &'static [League] {
        League::ALL
    }

    fn segments(&self) -> &'static [Segment] {
        Segment::ALL
    }

    fn kinds(&self) -> &'static [KeyType] {
        KeyType::ALL
    }

    fn abcs(&self) -> &'static [Abc] {
        Abc::ALL
    }

    fn xyzs(&self) -> &'static [Xyz] {
        Xyz::ALL
    }

    fn gaps(&self) -> [Gap; 5] {
        Gap::ALL
    }

    fn plan_checks(&self) -> &'static [PlanCheck] {
        PlanCheck::ALL
    }
}

/// The labels of a row's key-client types, in the viewer's language.
fn types(lang: Language, r: &KeyRow) -> Vec<String> {
    r.types()
        .into_iter()
        .map(|t| i18n::t(lang, &format!("type-{}", t.as_str().replace('_', "-"))))
        .collect()
}

impl KeyListRow {
    /// The type labels joined for display.
    pub fn types_label(&self, lang: &Language) -> String {
        [
            (self.breadwinner, "type-breadwinner"),
            (self.prospective, "type-prospective"),
            (self.is_image_maker, "type-image-maker"),
            (self.is_expert, "type-expert"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, key)| i18n::t(*lang, key))
        .collect::<Vec<_>>()
        .join(", ")
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(query): Query<KeyListQuery>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let filter = query.parse(&mut errors);
    let pool = &state.pool;
    let (rows, pager) = if errors.is_empty() {
        let pager = query.pager("/key-clients", db::keylist::count(pool, &filter).await?);
        let rows = db::keylist::page(
            pool,
            readers(&me),
            &filter,
            Order::Rank,
            false,
            (pager.per_page, pager.offset()),
        )
        .await?;
        (rows, pager)
    } else {
        (vec![], query.pager("/key-clients", 0))
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = KeyListPage {
        ctx,
        summary: db::scoring::summary(pool).await?,
        cap_pct: db::scoring::current_settings(pool).await?.settings.cap_pct,
        rows,
        pager,
        query,
        errors,
        owners: db::users::list_active_with_roles(pool, &[Role::Kam]).await?,
        candidates: db::scoring::candidates(pool, me.scope(), CANDIDATES).await?,
    };
    Ok((status, page).into_response())
}

const HEADERS: [&str; 8] = [
    "col-rank",
    "col-client",
    "col-owner",
    "col-score",
    "col-segment",
    "col-league",
    "col-projected-league",
    "col-types",
];

/// A cell with a stored value's name in `lang` (empty when there is none).
fn named(lang: Language, value: Option<impl i18n::Named>) -> Cell {
    Cell::opt_text(value.map(|v| i18n::name(lang, &v)))
}

/// One exported row, as the page shows it: rank and score as numbers, names of values in the viewer's
/// language, names of clients and owners as typed (neutralised by the export writer).
fn export_row(lang: Language, r: &KeyRow) -> Vec<Cell> {
    vec![
        Cell::Int(i64::from(r.rank)),
        Cell::text(&r.name),
        Cell::opt_text(r.owner_name.clone()),
        Cell::decimal(r.score, 2),
        named(lang, r.segment),
        named(lang, r.league),
        named(lang, r.projected_league),
        Cell::text(types(lang, r).join("; ")),
    ]
}

/// The rows of an export of the filtered key list, streamed.
async fn export_rows(
    state: &AppState,
    me: &Me,
    lang: Language,
    query: &KeyListQuery,
) -> AppResult<impl futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send + 'static> {
    let mut errors = FieldErrors::new();
    let filter = query.parse(&mut errors);
    if !errors.is_empty() {
        return Err(AppError::BadRequest("filter".into()));
    }
    Ok(
        db::keylist::stream(state.pool.clone(), readers(me), filter, Order::Rank, false)
            .await?
            .map_ok(move |r| export_row(lang, &r))
            .map_err(anyhow::Error::from),
    )
}

fn headers(lang: Language) -> Vec<String> {
    HEADERS.iter().map(|k| i18n::t(lang, k)).collect()
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(query): Query<KeyListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, ctx.lang, &query).await?;
    Ok(export::csv_stream("key-clients", headers(ctx.lang), rows))
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(query): Query<KeyListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, ctx.lang, &query).await?;
    export::xlsx_from_stream(
        "key-clients",
        &ctx.t("keylist-sheet-name"),
        headers(ctx.lang),
        rows,
    )
    .await
}
