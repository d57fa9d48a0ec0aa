//! `/key-clients`: the key-client list with owners (every role), the cap and the cut line, the
//! unowned-key alarm, the next candidates below the cut and what each lacks; exports as
//! `/key-clients.csv` and `/key-clients.xlsx`.

use super::AppState;
use super::ctx::{Me, PageCtx};
use crate::db;
use crate::db::scoring::{KeyListRow, KeyListSummary};
use crate::domain::ids::AccountId;
use crate::domain::permissions::{self, Action};
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
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

/// The export rows as text cells (score with a `.` decimal point, so spreadsheets in any locale
/// can be told how to read it), names of values in the viewer's language.
fn export_rows(lang: Language, rows: &[KeyListRow]) -> Vec<[String; 8]> {
    rows.iter()
        .map(|r| {
            [
                r.rank.map(|x| x.to_string()).unwrap_or_default(),
                r.name.clone(),
                r.owner_name.clone().unwrap_or_default(),
                r.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
                r.segment
                    .as_deref()
                    .map(|s| i18n::t(lang, &format!("segment-{s}")))
                    .unwrap_or_default(),
                r.league
                    .as_deref()
                    .map(|s| i18n::t(lang, &format!("league-{s}")))
                    .unwrap_or_default(),
                r.projected_league
                    .as_deref()
                    .map(|s| i18n::t(lang, &format!("league-{s}")))
                    .unwrap_or_default(),
                types(lang, r).join("; "),
            ]
        })
        .collect()
}

fn attachment(name: &str, content_type: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn export_csv(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<Response> {
    me.require(Action::ViewKeyList)?;
    let rows = db::scoring::key_list(&state.pool).await?;
    // A UTF-8 byte-order mark makes Excel read Cyrillic names correctly.
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let headers: Vec<String> = HEADERS.iter().map(|k| ctx.t(k)).collect();
    w.write_record(&headers)
        .map_err(|e| AppError::Internal(e.into()))?;
    for r in export_rows(ctx.lang, &rows) {
        w.write_record(&r)
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
    Ok(attachment(
        "key-clients.csv",
        "text/csv; charset=utf-8",
        body,
    ))
}

async fn export_xlsx(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<Response> {
    me.require(Action::ViewKeyList)?;
    let rows = db::scoring::key_list(&state.pool).await?;
    let body =
        build_xlsx(&ctx, &rows).map_err(|e| AppError::Internal(anyhow::anyhow!("xlsx: {e}")))?;
    Ok(attachment(
        "key-clients.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        body,
    ))
}

fn build_xlsx(ctx: &PageCtx, rows: &[KeyListRow]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(ctx.t("keylist-sheet-name"))?;
    let bold = Format::new().set_bold();
    for (col, key) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, ctx.t(key), &bold)?;
    }
    let score_fmt = Format::new().set_num_format("0.00");
    for (i, (r, cells)) in rows.iter().zip(export_rows(ctx.lang, rows)).enumerate() {
        let row = (i + 1) as u32;
        // Rank and score as numbers, so the sheet sorts and sums them.
        if let Some(rank) = r.rank {
            sheet.write_number(row, 0, rank as f64)?;
        }
        for (col, cell) in cells.iter().enumerate().skip(1) {
            if col == 3 {
                if let Some(score) = r.score {
                    sheet.write_number_with_format(
                        row,
                        3,
                        score.try_into().unwrap_or(0.0),
                        &score_fmt,
                    )?;
                }
                continue;
            }
            sheet.write_string(row, col as u16, cell)?;
        }
    }
    sheet.autofit();
    book.save_to_buffer()
}
