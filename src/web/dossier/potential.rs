//! `/accounts/{id}/potential`: the forecast table by year (revenue and margin potential, with
//! how each was estimated), the planning horizon from the scoring settings, and the annual
//! potential derived from it that scoring uses (`domain::dossier::annual_potential`). The table
//! is edited as one part, `/accounts/{id}/potential/edit`: a row per year of the horizon and
//! per year already forecast; a row left empty removes its year.

use crate::db;
use crate::db::potentials::ForecastRow;
use crate::domain::dossier::{PotentialDerivation, Section, annual_potential};
use crate::domain::money::Money;
use crate::domain::permissions::Action;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::conflict::ConflictView;
use crate::web::ctx::{Me, PageCtx, flash};
use crate::web::extract::Form;
use crate::web::hub::Hub;
use crate::web::routes::{Gate, OnAccount, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tower_sessions::Session;

/// The potential's routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/potential", view, show),
        Route::get("/accounts/{id}/potential/edit", edit, edit_form),
        Route::post("/accounts/{id}/potential/edit", edit, save),
    ]
}

/// The years a forecast may be for (the table's CHECK).
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

fn this_year() -> i32 {
    chrono::Local::now().year()
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/potential.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    forecasts: Vec<ForecastRow>,
    derivation: PotentialDerivation,
    /// The annual potential in the stored key decision (None: not computed yet).
    scored: Option<Decimal>,
    stamp: db::dossier::Stamp,
}

impl ShowPage {
    fn counts(&self, year: &i32) -> bool {
        (self.derivation.first_year..=self.derivation.last_year).contains(year)
    }
}

async fn horizon(state: &AppState) -> AppResult<i32> {
    Ok(db::scoring::current_settings(&state.pool)
        .await?
        .horizon_years
        .max(1))
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<ShowPage> {
    let hub = Hub::load(&state, &me, account, "potential").await?;
    let forecasts = db::potentials::list(&state.pool, account.id).await?;
    let pairs: Vec<(i32, Decimal)> = forecasts.iter().map(|f| (f.year, f.revenue)).collect();
    let derivation = annual_potential(&pairs, this_year(), horizon(&state).await?);
    Ok(ShowPage {
        ctx,
        hub,
        forecasts,
        derivation,
        scored: db::scoring::result_for(&state.pool, account.id)
            .await?
            .map(|r| r.potential),
        stamp: db::dossier::stamp(&state.pool, account.id, Section::Potential).await?,
    })
}

/// One row of the form, as typed.
#[derive(Debug, Clone, Default)]
struct RowInput {
    revenue: String,
    margin: String,
    basis: String,
}

/// One year's forecast, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Forecast {
    revenue: Decimal,
    margin: Decimal,
    basis: String,
}

impl Forecast {
    fn recorded(f: Option<&Forecast>) -> [(&'static str, Option<String>); 3] {
        [
            ("revenue", f.map(|f| f.revenue.to_string())),
            ("margin", f.map(|f| f.margin.to_string())),
            (
                "basis",
                f.and_then(|f| (!f.basis.is_empty()).then(|| f.basis.clone())),
            ),
        ]
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/potential_form.html")]
struct EditPage {
    ctx: PageCtx,
    hub: Hub,
    /// The rows by year.
    rows: BTreeMap<i32, RowInput>,
    first_year: i32,
    last_year: i32,
    version: i32,
    /// Field names of the refused inputs with their message (the keys are per year).
    row_errors: HashMap<String, String>,
    conflict: Option<ConflictView>,
}

impl EditPage {
    /// A row's three inputs: field name and value.
    fn cells<'a>(&self, r: &'a RowInput) -> [(&'static str, &'a str); 3] {
        [
            ("revenue", r.revenue.as_str()),
            ("margin", r.margin.as_str()),
            ("basis", r.basis.as_str()),
        ]
    }

    fn error(&self, field: &str, year: &i32) -> Option<&str> {
        self.row_errors
            .get(&format!("{field}_{year}"))
            .map(String::as_str)
    }
}

/// The rows of the form: every year of the horizon and every year already forecast.
fn rows_of(
    forecasts: &[ForecastRow],
    first: i32,
    last: i32,
    ctx: &PageCtx,
) -> BTreeMap<i32, RowInput> {
    let mut rows: BTreeMap<i32, RowInput> =
        (first..=last).map(|y| (y, RowInput::default())).collect();
    for f in forecasts {
        rows.insert(
            f.year,
            RowInput {
                revenue: ctx.decimal_input(&f.revenue),
                margin: ctx.decimal_input(&f.margin),
                basis: f.basis.clone(),
            },
        );
    }
    rows
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<EditPage> {
    let hub = Hub::load(&state, &me, account, "potential").await?;
    let first = this_year();
    let last = first + horizon(&state).await? - 1;
    let forecasts = db::potentials::list(&state.pool, account.id).await?;
    let stamp = db::dossier::stamp(&state.pool, account.id, Section::Potential).await?;
    Ok(EditPage {
        rows: rows_of(&forecasts, first, last, &ctx),
        ctx,
        hub,
        first_year: first,
        last_year: last,
        version: stamp.version,
        row_errors: HashMap::new(),
        conflict: None,
    })
}

/// Parses the rows: `Ok(None)` for a row left empty (its year is removed).
fn parse_row(row: &RowInput, year: i32, errors: &mut HashMap<String, String>) -> Option<Forecast> {
    use crate::web::form::FieldProblem;
    if [&row.revenue, &row.margin, &row.basis]
        .iter()
        .all(|s| s.trim().is_empty())
    {
        return None;
    }
    let mut fail = |field: &str, key: String| {
        errors.entry(format!("{field}_{year}")).or_insert(key);
    };
    let revenue = match Money::parse(&row.revenue) {
        Ok(m) => Some(m.get()),
        Err(_) if row.revenue.trim().is_empty() => {
            fail("revenue", "error-required".into());
            None
        }
        Err(e) => {
            fail("revenue", e.message_key());
            None
        }
    };
    let margin = match Money::optional(&row.margin) {
        Ok(m) => Some(m.map_or(Decimal::ZERO, Money::get)),
        Err(e) => {
            fail("margin", e.message_key());
            None
        }
    };
    let basis = match text::NOTE.optional(&row.basis) {
        Ok(b) => Some(b.unwrap_or_default()),
        Err(e) => {
            fail("basis", FieldProblem::message_key(&e));
            None
        }
    };
    Some(Forecast {
        revenue: revenue?,
        margin: margin?,
        basis: basis?,
    })
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(raw): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let id = account.id;
    let version: i32 = raw
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| AppError::BadRequest("the form has no version".into()))?;
    // The years the form holds, from its field names (revenue_2027 ...).
    let years: BTreeSet<i32> = raw
        .keys()
        .filter_map(|k| k.split_once('_'))
        .filter(|(f, _)| matches!(*f, "revenue" | "margin" | "basis"))
        .filter_map(|(_, y)| y.parse::<i32>().ok())
        .filter(|y| YEARS.contains(y))
        .collect();
    let field = |f: &str, y: i32| raw.get(&format!("{f}_{y}")).cloned().unwrap_or_default();
    let rows: BTreeMap<i32, RowInput> = years
        .iter()
        .map(|&y| {
            (
                y,
                RowInput {
                    revenue: field("revenue", y),
                    margin: field("margin", y),
                    basis: field("basis", y),
                },
            )
        })
        .collect();
    let mut row_errors = HashMap::new();
    let parsed: BTreeMap<i32, Option<Forecast>> = rows
        .iter()
        .map(|(&y, r)| (y, parse_row(r, y, &mut row_errors)))
        .collect();
    let first = this_year();
    let last = first + horizon(&state).await? - 1;
    let page = |ctx: PageCtx, hub: Hub, version: i32, row_errors, conflict| EditPage {
        ctx,
        hub,
        rows: rows.clone(),
        first_year: first,
        last_year: last,
        version,
        row_errors,
        conflict,
    };
    if !row_errors.is_empty() {
        let hub = Hub::load(&state, &me, account, "potential").await?;
        let p = page(ctx, hub, version, row_errors, None);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    }
    let mut tx = state.pool.begin().await?;
    if !db::dossier::claim(&mut tx, id, Section::Potential, version, me.0.id).await? {
        drop(tx);
        let stamp = db::dossier::stamp(&state.pool, id, Section::Potential).await?;
        let stored = db::potentials::list(&state.pool, id).await?;
        let shown = |f: Option<&Forecast>| {
            f.map(|f| {
                let mut s = format!("{} / {}", ctx.num(&f.revenue, 2), ctx.num(&f.margin, 2));
                if !f.basis.is_empty() {
                    s.push_str(" — ");
                    s.push_str(&f.basis);
                }
                s
            })
            .unwrap_or_default()
        };
        let all_years: BTreeSet<i32> = years
            .iter()
            .copied()
            .chain(stored.iter().map(|f| f.year))
            .collect();
        let conflict = all_years.iter().fold(
            ConflictView::new(stamp.updated_by_name, stamp.updated_at),
            |c, y| {
                let theirs = stored.iter().find(|f| f.year == *y).map(|f| Forecast {
                    revenue: f.revenue,
                    margin: f.margin,
                    basis: f.basis.clone(),
                });
                let yours = parsed.get(y).cloned().flatten();
                let year = |s: String| if s.is_empty() { s } else { format!("{y}: {s}") };
                c.row(
                    "potential-forecast",
                    year(shown(yours.as_ref())),
                    year(shown(theirs.as_ref())),
                )
            },
        );
        let hub = Hub::load(&state, &me, account, "potential").await?;
        return Err(AppError::conflict(page(
            ctx,
            hub,
            stamp.version,
            HashMap::new(),
            Some(conflict),
        )));
    }
    let before: BTreeMap<i32, Forecast> = db::potentials::list(&mut *tx, id)
        .await?
        .into_iter()
        .map(|f| {
            (
                f.year,
                Forecast {
                    revenue: f.revenue,
                    margin: f.margin,
                    basis: f.basis,
                },
            )
        })
        .collect();
    let mut upserts = Vec::new();
    for (&year, new) in &parsed {
        let old = before.get(&year);
        if old == new.as_ref() {
            continue;
        }
        match new {
            Some(f) => upserts.push(db::potentials::NewForecast {
                account_id: id,
                year,
                revenue: f.revenue,
                margin: f.margin,
                basis: f.basis.clone(),
                updated_by: Some(me.0.id),
                updated_at: None,
            }),
            None => {
                db::potentials::remove(&mut tx, id, year).await?;
            }
        }
        let (o, n) = (Forecast::recorded(old), Forecast::recorded(new.as_ref()));
        db::audit::record_fields(
            &mut tx,
            &db::audit::FieldChanges {
                user: Some(me.0.id),
                account: id,
                section: Section::Potential.as_str(),
                entity: "potential",
                entity_id: None,
                item: Some(year.to_string()),
                fields: (0..3)
                    .map(|i| (o[i].0, o[i].1.clone(), n[i].1.clone()))
                    .collect(),
            },
        )
        .await?;
    }
    db::potentials::upsert_many(&mut tx, &upserts).await?;
    db::dossier::refresh_completeness(&mut tx, &[id]).await?;
    // The potential is the key decision's main input: the key list catches up.
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "dossier-saved").await;
    Ok(Redirect::to(&format!("/accounts/{id}/potential")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(revenue: &str, margin: &str, basis: &str) -> RowInput {
        RowInput {
            revenue: revenue.into(),
            margin: margin.into(),
            basis: basis.into(),
        }
    }

    #[test]
    fn an_empty_row_removes_its_year() {
        let mut errors = HashMap::new();
        assert_eq!(parse_row(&row(" ", "", ""), 2027, &mut errors), None);
        assert!(errors.is_empty());
    }

    #[test]
    fn a_row_with_a_margin_needs_its_revenue() {
        let mut errors = HashMap::new();
        assert_eq!(parse_row(&row("", "100", ""), 2027, &mut errors), None);
        assert_eq!(
            errors.get("revenue_2027").map(String::as_str),
            Some("error-required")
        );
    }

    #[test]
    fn amounts_keep_at_most_two_decimals_and_the_margin_defaults_to_zero() {
        let mut errors = HashMap::new();
        assert_eq!(
            parse_row(&row("1 500 000,50", "", "Plan"), 2027, &mut errors),
            Some(Forecast {
                revenue: Decimal::new(150_000_050, 2),
                margin: Decimal::ZERO,
                basis: "Plan".into()
            })
        );
        assert_eq!(parse_row(&row("1,005", "", ""), 2028, &mut errors), None);
        assert_eq!(
            errors.get("revenue_2028").map(String::as_str),
            Some("error-too-precise-2")
        );
    }
}
