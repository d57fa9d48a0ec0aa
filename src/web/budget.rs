//! The KAM budget (issue 12): `/accounts/{id}/budget?year=` shows the planned cost of serving
//! the client in one year (people's time, marketing support, discounts, logistics) against the
//! planned and the actual margin, and what is left of each; `/accounts/{id}/budget/edit` edits
//! it, version-checked (a stale save shows both versions side by side, the input kept). The
//! team's KAMs, directors and admins edit; assistants read. The cockpit's sums per KAM are
//! `db::budgets::per_kam`.

use super::AppState;
use super::conflict::ConflictView;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Query};
use super::form::FieldErrors;
use super::hub::Hub;
use super::plan::YearQuery;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::budgets::BudgetRow;
use crate::domain::budget::Budget;
use crate::domain::ids::BudgetId;
use crate::domain::money::{Money, MoneyError};
use crate::domain::permissions::{self, Action};
use crate::domain::plan::parse_year;
use crate::domain::text;
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rust_decimal::Decimal;
use serde::Deserialize;
use tower_sessions::Session;

/// The budget routes of an account.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/budget", view, show),
        Route::get("/accounts/{id}/budget/edit", edit, edit_form),
        Route::post("/accounts/{id}/budget/edit", edit, save),
    ]
}

/// A stored budget with its figures read into the domain's type.
pub struct BudgetView {
    /// As stored.
    pub row: BudgetRow,
    /// The amounts.
    pub budget: Budget,
}

impl BudgetView {
    /// The budget of `account` for `year`, if any.
    pub async fn load(
        state: &AppState,
        account: crate::domain::ids::AccountId,
        year: i32,
    ) -> AppResult<Option<BudgetView>> {
        let Some(row) = db::budgets::get(&state.pool, account, year).await? else {
            return Ok(None);
        };
        let budget = row
            .budget()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("stored budget {}: {e:?}", row.id)))?;
        Ok(Some(BudgetView { row, budget }))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "budget/show.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    year: i32,
    years: Vec<i32>,
    view: Option<BudgetView>,
    can_edit: bool,
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<YearQuery>,
) -> AppResult<ShowPage> {
    let year = q.year();
    let mut years = db::budgets::years(&state.pool, account.id).await?;
    let this_year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    for y in [this_year + 1, this_year, year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(ShowPage {
        hub: Hub::load(&state, &me, account, "budget").await?,
        view: BudgetView::load(&state, account.id, year).await?,
        can_edit: permissions::allows(me.0.role, Action::EditAccount, account.relation),
        ctx,
        year,
        years,
    })
}

// ------------------------------------------------------------------ the form

/// The budget form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BudgetForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    people_cost: String,
    #[serde(default)]
    marketing_cost: String,
    #[serde(default)]
    discount_cost: String,
    #[serde(default)]
    logistics_cost: String,
    #[serde(default)]
    planned_margin: String,
    #[serde(default)]
    actual_margin: String,
    #[serde(default)]
    note: String,
    /// Empty for a budget not written yet.
    #[serde(default)]
    version: String,
}

/// `(field, label key)` of the form's amounts, in order.
const AMOUNTS: [(&str, &str); 6] = [
    ("people_cost", "budget-field-people"),
    ("marketing_cost", "budget-field-marketing"),
    ("discount_cost", "budget-field-discounts"),
    ("logistics_cost", "budget-field-logistics"),
    ("planned_margin", "budget-field-planned-margin"),
    ("actual_margin", "budget-field-actual-margin"),
];

impl BudgetForm {
    fn from_row(b: &BudgetRow, lang: Language) -> BudgetForm {
        let dec = |v: Decimal| i18n::decimal_input(lang, v);
        BudgetForm {
            year: b.year.to_string(),
            people_cost: dec(b.people_cost),
            marketing_cost: dec(b.marketing_cost),
            discount_cost: dec(b.discount_cost),
            logistics_cost: dec(b.logistics_cost),
            planned_margin: b.planned_margin.map(dec).unwrap_or_default(),
            actual_margin: b.actual_margin.map(dec).unwrap_or_default(),
            note: b.note.clone(),
            version: b.version.to_string(),
        }
    }

    fn amount(&self, field: &str) -> &str {
        match field {
            "people_cost" => &self.people_cost,
            "marketing_cost" => &self.marketing_cost,
            "discount_cost" => &self.discount_cost,
            "logistics_cost" => &self.logistics_cost,
            "planned_margin" => &self.planned_margin,
            _ => &self.actual_margin,
        }
    }

    /// Every amount through the one money parser (a cost left empty is zero; a margin left
    /// empty is not known yet), the note through its text rule.
    fn parse(&self, errors: &mut FieldErrors) -> Option<(Budget, String)> {
        let cost = |errors: &mut FieldErrors, field: &'static str, raw: &str| {
            errors.check(
                field,
                Money::optional(raw)
                    .map(|m| m.unwrap_or(Money::new(Decimal::ZERO).expect("zero is money")))
                    .map_err(MoneyError::code),
            )
        };
        let people = cost(errors, "people_cost", &self.people_cost);
        let marketing = cost(errors, "marketing_cost", &self.marketing_cost);
        let discounts = cost(errors, "discount_cost", &self.discount_cost);
        let logistics = cost(errors, "logistics_cost", &self.logistics_cost);
        let planned_margin = errors.check(
            "planned_margin",
            Money::optional(&self.planned_margin).map_err(MoneyError::code),
        );
        let actual_margin = errors.check(
            "actual_margin",
            Money::optional(&self.actual_margin).map_err(MoneyError::code),
        );
        let note = errors.optional_text("note", text::NOTE, &self.note);
        Some((
            Budget {
                people: people?,
                marketing: marketing?,
                discounts: discounts?,
                logistics: logistics?,
                planned_margin: planned_margin?,
                actual_margin: actual_margin?,
            },
            note?.unwrap_or_default(),
        ))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "budget/form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    year: i32,
    form: BudgetForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl FormPage {
    fn amounts(&self) -> Vec<(&'static str, &'static str, &str)> {
        AMOUNTS
            .iter()
            .map(|(field, label)| (*field, *label, self.form.amount(field)))
            .collect()
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<YearQuery>,
) -> AppResult<FormPage> {
    let year = q.year();
    let form = match db::budgets::get(&state.pool, account.id, year).await? {
        Some(b) => BudgetForm::from_row(&b, ctx.lang),
        None => BudgetForm {
            year: year.to_string(),
            ..BudgetForm::default()
        },
    };
    Ok(FormPage {
        hub: Hub::load(&state, &me, account, "budget").await?,
        ctx,
        year,
        form,
        errors: FieldErrors::new(),
        conflict: None,
    })
}

/// A stale save: the form again (409) with the stored version beside the reader's input.
async fn stale(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    form: BudgetForm,
    stored: &BudgetRow,
) -> AppResult<AppError> {
    let theirs = BudgetForm::from_row(stored, ctx.lang);
    let mut rows: Vec<(&'static str, String, String)> = AMOUNTS
        .iter()
        .map(|(field, label)| {
            (
                *label,
                form.amount(field).to_string(),
                theirs.amount(field).to_string(),
            )
        })
        .collect();
    rows.push(("budget-field-note", form.note.clone(), theirs.note.clone()));
    let mut errors = FieldErrors::new();
    errors.add("form", "error-edit-conflict");
    Ok(AppError::conflict(FormPage {
        hub: Hub::load(state, me, account, "budget").await?,
        ctx,
        year: stored.year,
        form: BudgetForm {
            version: stored.version.to_string(),
            ..form
        },
        errors,
        conflict: Some(
            rows.into_iter()
                .fold(ConflictView::new(None, None), |v, (l, y, t)| v.row(l, y, t)),
        ),
    }))
}

fn audit_values(b: Option<(&Budget, &str)>) -> [(&'static str, Option<String>); 7] {
    let m = |v: Option<Money>| v.map(|v| v.get().to_string());
    let (b, note) = match b {
        Some((b, note)) => (Some(*b), Some(note.to_string()).filter(|n| !n.is_empty())),
        None => (None, None),
    };
    [
        ("budget_people", m(b.map(|b| b.people))),
        ("budget_marketing", m(b.map(|b| b.marketing))),
        ("budget_discounts", m(b.map(|b| b.discounts))),
        ("budget_logistics", m(b.map(|b| b.logistics))),
        ("budget_planned_margin", m(b.and_then(|b| b.planned_margin))),
        ("budget_actual_margin", m(b.and_then(|b| b.actual_margin))),
        ("budget_note", note),
    ]
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<BudgetForm>,
) -> AppResult<Response> {
    let Some(year) = parse_year(&form.year) else {
        return Err(AppError::BadRequest("year".into()));
    };
    let version = super::form::optional_version(&form.version)?;
    let mut tx = state.pool.begin().await?;
    let stored = db::budgets::lock(&mut tx, account.id, year).await?;
    if stored.as_ref().map(|b| b.version) != version {
        drop(tx);
        let stored = stored.ok_or(AppError::NotFound)?;
        return Err(stale(&state, ctx, &me, account, form, &stored).await?);
    }
    let mut errors = FieldErrors::new();
    let parsed = form.parse(&mut errors);
    let (Some((budget, note)), true) = (parsed, errors.is_empty()) else {
        drop(tx);
        let page = FormPage {
            hub: Hub::load(&state, &me, account, "budget").await?,
            ctx,
            year,
            form,
            errors,
            conflict: None,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let (id, before) = match &stored {
        Some(row) => {
            if !db::budgets::update(&mut tx, row.id, row.version, &budget, &note).await? {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "budget {} changed under its lock",
                    row.id
                )));
            }
            let before = row.budget().map_err(|e| {
                AppError::Internal(anyhow::anyhow!("stored budget {}: {e:?}", row.id))
            })?;
            (row.id, Some((before, row.note.clone())))
        }
        None => {
            let id = BudgetId::new();
            if !db::budgets::insert(&mut tx, id, account.id, year, &budget, &note).await? {
                // Someone wrote the year's budget since the lock found none: a stale save.
                drop(tx);
                let stored = db::budgets::get(&state.pool, account.id, year)
                    .await?
                    .ok_or(AppError::NotFound)?;
                return Err(stale(&state, ctx, &me, account, form, &stored).await?);
            }
            (id, None)
        }
    };
    let old = audit_values(before.as_ref().map(|(b, n)| (b, n.as_str())));
    let new = audit_values(Some((&budget, &note)));
    let mut fields: Vec<(&str, Option<String>, Option<String>)> = old
        .into_iter()
        .zip(new)
        .map(|((field, old), (_, new))| (field, old, new))
        .collect();
    if before.is_none() {
        fields.insert(0, ("budget_created", None, Some(year.to_string())));
    }
    db::audit::record_fields(
        &mut tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: account.id,
            section: "budget",
            entity: "budget",
            entity_id: Some(id.0),
            item: Some(year.to_string()),
            fields,
        },
    )
    .await?;
    tx.commit().await?;
    flash(&session, "budget-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/budget?year={year}", account.id)).into_response())
}
