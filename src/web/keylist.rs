//! `/key-clients`: the key-client list with owners (every role), the cap and the cut line, the
//! unowned-key alarm, the next candidates below the cut and what each lacks; exports as
//! `/key-clients.csv` and `/key-clients.xlsx`.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{Cell, Table};
use super::routes::{Gate, Route};
use crate::db;
use crate::db::scoring::{KeyListRow, KeyListSummary};
use crate::domain::permissions::Action;
use crate::domain::scoring::Reason;
use crate::domain::user::Language;
use crate::error::AppResult;
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use rust_decimal::Decimal;

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

#[derive(Template, WebTemplate)]
#[template(path = "keylist/show.html")]
struct KeyListPage {
    ctx: PageCtx,
    summary: KeyListSummary,
    cap_pct: u32,
    rows: Vec<KeyListRow>,
    candidates: Vec<KeyListRow>,
}

impl KeyListPage {
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
    Ok(KeyListPage {
        ctx,
        summary: db::scoring::summary(&state.pool).await?,
        cap_pct: db::scoring::current_settings(&state.pool)
            .await?
            .settings
            .cap_pct,
        rows: db::scoring::key_list(&state.pool, me.scope()).await?,
        candidates: db::scoring::candidates(&state.pool, me.scope(), CANDIDATES).await?,
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

/// A cell with a stored value's name in `lang` (empty when there is none).
fn named(lang: Language, value: Option<impl i18n::Named>) -> Cell {
    Cell::opt_text(value.map(|v| i18n::name(lang, &v)))
}

/// The key list as an export table: rank and score as numbers, names of values in the viewer's
/// language, names of clients and owners as typed (neutralised by the export writer).
fn export_table(lang: Language, rows: &[KeyListRow]) -> Table {
    let mut table = Table::new(HEADERS.iter().map(|k| i18n::t(lang, k)));
    for r in rows {
        table.row(vec![
            Cell::int(r.rank.map(i64::from)),
            Cell::text(&r.name),
            Cell::opt_text(r.owner_name.clone()),
            Cell::decimal(r.score, 2),
            named(lang, r.segment),
            named(lang, r.league),
            named(lang, r.projected_league),
            Cell::text(types(lang, r).join("; ")),
        ]);
    }
    table
}

async fn export_csv(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<Response> {
    let rows = db::scoring::key_list(&state.pool, me.scope()).await?;
    export_table(ctx.lang, &rows).csv_response("key-clients")
}

async fn export_xlsx(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<Response> {
    let rows = db::scoring::key_list(&state.pool, me.scope()).await?;
    export_table(ctx.lang, &rows).xlsx_response("key-clients", &ctx.t("keylist-sheet-name"))
}
