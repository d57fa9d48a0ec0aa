//! `/key-clients`: the key-client list with owners (every role), the cap and the cut line, the
//! unowned-key alarm, the next candidates below the cut and what each lacks; exports as
//! `/key-clients.csv` and `/key-clients.xlsx`.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{Cell, Table};
use crate::db;
use crate::db::scoring::{KeyListRow, KeyListSummary};
use crate::domain::ids::AccountId;
use crate::domain::permissions::{self, Action};
use crate::domain::user::Language;
use crate::error::AppResult;
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// The key-list routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/key-clients", get(show))
        .route("/key-clients.csv", get(export_csv))
        .route("/key-clients.xlsx", get(export_xlsx))
}

/// How many candidates below the cut are shown.
const CANDIDATES: i64 = 10;

#[derive(Template, WebTemplate)]
#[template(path = "keylist/show.html")]
struct KeyListPage {
    ctx: PageCtx,
    summary: KeyListSummary,
    cap_pct: u32,
    rows: Vec<KeyListRow>,
    candidates: Vec<KeyListRow>,
    visible: HashSet<AccountId>,
    sees_all: bool,
}

impl KeyListPage {
    /// Whether the viewer may open this account's page (others see the name without a link).
    fn can_open(&self, id: &AccountId) -> bool {
        self.sees_all || self.visible.contains(id)
    }

    /// Points a candidate lacks to reach the cut line.
    fn lacks(&self, row: &KeyListRow) -> Option<Decimal> {
        let cut = self.summary.cut_line?;
        let score = row.score?;
        (cut > score).then(|| cut - score)
    }

    fn unowned(&self) -> Vec<&KeyListRow> {
        self.rows
            .iter()
            .filter(|r| r.owner_name.is_none())
            .collect()
    }
}

/// The labels of a row's key-client types, in the viewer's language.
fn types(lang: Language, r: &KeyListRow) -> Vec<String> {
    [
        (r.breadwinner, "type-breadwinner"),
        (r.prospective, "type-prospective"),
        (r.is_image_maker, "type-image-maker"),
        (r.is_expert, "type-expert"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, key)| i18n::t(lang, key))
    .collect()
}

impl KeyListRow {
    /// The type labels joined for display.
    pub fn types_label(&self, lang: &Language) -> String {
        types(*lang, self).join(", ")
    }
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<KeyListPage> {
    me.require(Action::ViewKeyList)?;
    let sees_all = permissions::sees_all_accounts(me.0.role);
    let visible = if sees_all {
        HashSet::new()
    } else {
        let filter = db::accounts::ListFilter {
            team_member: Some(me.0.id),
            limit: i64::MAX,
            ..Default::default()
        };
        db::accounts::list(&state.pool, &filter)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect()
    };
    Ok(KeyListPage {
        ctx,
        summary: db::scoring::summary(&state.pool).await?,
        cap_pct: db::scoring::current_settings(&state.pool)
            .await?
            .settings
            .cap_pct,
        rows: db::scoring::key_list(&state.pool).await?,
        candidates: db::scoring::candidates(&state.pool, CANDIDATES).await?,
        visible,
        sees_all,
    })
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

/// The key list as an export table: rank and score as numbers, names of values in the viewer's
/// language, names of clients and owners as typed (neutralised by the export writer).
fn export_table(lang: Language, rows: &[KeyListRow]) -> Table {
    let mut table = Table::new(HEADERS.iter().map(|k| i18n::t(lang, k)));
    let named = |prefix: &str, v: &Option<String>| {
        Cell::opt_text(
            v.as_deref()
                .map(|s| i18n::t(lang, &format!("{prefix}-{s}"))),
        )
    };
    for r in rows {
        table.row(vec![
            Cell::int(r.rank.map(i64::from)),
            Cell::text(&r.name),
            Cell::opt_text(r.owner_name.clone()),
            Cell::decimal(r.score, 2),
            named("segment", &r.segment),
            named("league", &r.league),
            named("league", &r.projected_league),
            Cell::text(types(lang, r).join("; ")),
        ]);
    }
    table
}

async fn export_csv(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<Response> {
    me.require(Action::ViewKeyList)?;
    let rows = db::scoring::key_list(&state.pool).await?;
    export_table(ctx.lang, &rows).csv_response("key-clients")
}

async fn export_xlsx(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<Response> {
    me.require(Action::ViewKeyList)?;
    let rows = db::scoring::key_list(&state.pool).await?;
    export_table(ctx.lang, &rows).xlsx_response("key-clients", &ctx.t("keylist-sheet-name"))
}
