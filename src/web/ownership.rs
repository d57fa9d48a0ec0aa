//! `/ownership`: who owns whom (directors and admins). Every key client with its owner and
//! team, the ones nobody owns on top in red, filterable by owner and league (the key list's
//! filter, in the URL) and exported as shown; the KAMs' load of key clients against the 4–10
//! guidance; and the KAMs' open offers to take on unowned key clients.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{self, Cell};
use super::extract::Query;
use super::form::FieldErrors;
use super::keylist::{KeyListQuery, link, readers};
use super::paging::Pager;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::keylist::{KeyRow, Order};
use crate::db::teams::{LoadRow, OfferRow};
use crate::domain::league::League;
use crate::domain::permissions::Action;
use crate::domain::team::{GUIDANCE, Load};
use crate::domain::user::{Language, Role};
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;

/// The who-owns-whom routes: those who assign owners.
pub fn routes() -> Vec<Route> {
    let gate = Gate::Role(Action::AssignTeam);
    vec![
        Route::get("/ownership", gate, show),
        Route::get("/ownership.csv", gate, export_csv),
        Route::get("/ownership.xlsx", gate, export_xlsx),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "ownership/show.html")]
struct OwnershipPage {
    ctx: PageCtx,
    rows: Vec<KeyRow>,
    pager: Pager,
    query: KeyListQuery,
    errors: FieldErrors,
    owners: Vec<db::users::UserRow>,
    load: Vec<LoadRow>,
    offers: Vec<OfferRow>,
    unowned_key: i32,
}

impl OwnershipPage {
    fn link(&self, row: &KeyRow) -> Option<String> {
        link(row)
    }

    fn export_url(&self, ext: &str) -> String {
        format!("/ownership.{ext}{}", self.pager.query())
    }

    fn owner_url(&self, owner: &crate::domain::ids::UserId) -> String {
        Pager::new("/ownership", vec![("owner", owner.to_string())], None, 1, 0).href(1)
    }

    fn leagues(&self) -> &'static [League] {
        League::ALL
    }

    fn load_of(&self, row: &LoadRow) -> Load {
        Load::of(i64::from(row.key_accounts))
    }

    fn guidance(&self) -> (i64, i64) {
        GUIDANCE
    }

    /// The meter's upper end: the guidance's upper bound, or the most loaded KAM.
    fn meter_max(&self) -> i32 {
        self.load
            .iter()
            .map(|l| l.key_accounts)
            .max()
            .unwrap_or(0)
            .max(GUIDANCE.1 as i32 + 2)
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(query): Query<KeyListQuery>,
) -> AppResult<Response> {
    let pool = &state.pool;
    let mut errors = FieldErrors::new();
    let filter = query.parse(&mut errors);
    let (rows, pager) = if errors.is_empty() {
        let pager = query.pager("/ownership", db::keylist::count(pool, &filter).await?);
        let rows = db::keylist::page(
            pool,
            readers(&me),
            &filter,
            Order::UnownedFirst,
            true,
            (pager.per_page, pager.offset()),
        )
        .await?;
        (rows, pager)
    } else {
        (vec![], query.pager("/ownership", 0))
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = OwnershipPage {
        unowned_key: ctx.unowned_key.unwrap_or_default(),
        ctx,
        rows,
        pager,
        query,
        errors,
        owners: db::users::list_active_with_roles(pool, &[Role::Kam]).await?,
        load: db::teams::workload(pool).await?,
        offers: db::teams::open_offers(pool).await?,
    };
    Ok((status, page).into_response())
}

const HEADERS: [&str; 7] = [
    "col-rank",
    "col-client",
    "col-owner",
    "col-team",
    "col-score",
    "col-segment",
    "col-league",
];

fn export_row(lang: Language, r: &KeyRow) -> Vec<Cell> {
    vec![
        Cell::Int(i64::from(r.rank)),
        Cell::text(&r.name),
        Cell::opt_text(r.owner_name.clone()),
        Cell::opt_text(r.team.clone()),
        Cell::decimal(r.score, 2),
        Cell::opt_text(r.segment.map(|s| i18n::name(lang, &s))),
        Cell::opt_text(r.league.map(|l| i18n::name(lang, &l))),
    ]
}

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
    Ok(db::keylist::stream(
        state.pool.clone(),
        readers(me),
        filter,
        Order::UnownedFirst,
        true,
    )
    .await?
    .map_ok(move |r| export_row(lang, &r))
    .map_err(anyhow::Error::from))
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
    Ok(export::csv_stream("ownership", headers(ctx.lang), rows))
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(query): Query<KeyListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, ctx.lang, &query).await?;
    export::xlsx_from_stream(
        "ownership",
        &ctx.t("ownership-sheet-name"),
        headers(ctx.lang),
        rows,
    )
    .await
}
