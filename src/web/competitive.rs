//! Competitive analysis from the client's point of view (issue 12):
//! `/accounts/{id}/competitive` shows the account's current grid (or an earlier version with
//! `?version=`): criteria weighted as the client weighs them, scores for us and each competitor
//! at the client, the weighted totals as an SVG bar chart, where we win and where we lose (the
//! weak points first), "incomplete" under 10 criteria, and every earlier version with its
//! totals (the trend). `/accounts/{id}/competitive/edit` saves a new version; the form names
//! the version it started from, and a save on an outdated base is refused with the stored grid
//! shown beside the reader's input (kept). The team's KAMs, directors and admins edit;
//! assistants read.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Query};
use super::form::FieldErrors;
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::competitive::StoredGrid;
use crate::domain::competitive::{
    self, Chart, Criterion, DEFAULT_CRITERIA, Grid, GridRefusal, MAX_CRITERIA, MAX_RIVALS, SCORES,
    Standing, Verdict,
};
use crate::domain::ids::GridId;
use crate::domain::money::{Money, MoneyError};
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
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::LazyLock;
use tower_sessions::Session;

/// The competitive analysis routes of an account.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/competitive", view, show),
        Route::get("/accounts/{id}/competitive/edit", edit, edit_form),
        Route::post("/accounts/{id}/competitive/edit", edit, save),
    ]
}

// ------------------------------------------------------------------ the page

/// A grid as a page shows it: totals, verdicts and the chart computed once.
pub struct GridView {
    /// The stored version.
    pub stored: StoredGrid,
    /// Us first, then each competitor.
    pub totals: Vec<Decimal>,
    /// Per criterion, weak points first.
    pub verdicts: Vec<Verdict>,
    /// The bar chart of the totals.
    pub chart: Chart,
}

impl GridView {
    /// Computes what the page shows of a stored grid.
    pub fn new(stored: StoredGrid) -> GridView {
        let totals = stored.grid.totals();
        GridView {
            verdicts: stored.grid.verdicts(),
            chart: competitive::chart(&totals),
            totals,
            stored,
        }
    }

    /// The name of party `p` (0 us).
    pub fn party(&self, ctx: &PageCtx, p: &usize) -> String {
        match *p {
            0 => ctx.t("grid-us"),
            p => self
                .stored
                .grid
                .rivals
                .get(p - 1)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// The criterion a verdict is about.
    pub fn criterion(&self, v: &Verdict) -> &Criterion {
        &self.stored.grid.criteria[v.index]
    }

    /// The best competitor's total.
    pub fn best_rival(&self) -> Decimal {
        self.totals
            .iter()
            .skip(1)
            .copied()
            .max()
            .unwrap_or_default()
    }

    /// The CSS class of a standing.
    pub fn standing_class(s: &Standing) -> &'static str {
        match s {
            Standing::Win => "win",
            Standing::Tie => "tie",
            Standing::Lose => "lose",
        }
    }

    /// The message key of a standing.
    pub fn standing_key(s: &Standing) -> &'static str {
        match s {
            Standing::Win => "grid-win",
            Standing::Tie => "grid-tie",
            Standing::Lose => "grid-lose",
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct ShowQuery {
    version: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "competitive/show.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    /// The version shown (None: no grid yet).
    view: Option<GridView>,
    /// Every version, newest first, with its totals.
    history: Vec<GridView>,
    latest: i32,
    can_edit: bool,
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<ShowQuery>,
) -> AppResult<ShowPage> {
    let mut conn = state.pool.acquire().await?;
    let versions = db::competitive::versions(&mut conn, account.id).await?;
    drop(conn);
    let latest = versions.first().map_or(0, |g| g.version);
    let wanted = q
        .version
        .as_deref()
        .and_then(|v| v.trim().parse::<i32>().ok())
        .unwrap_or(latest);
    let history: Vec<GridView> = versions.into_iter().map(GridView::new).collect();
    let view = history
        .iter()
        .find(|g| g.stored.version == wanted)
        .map(|g| GridView::new(g.stored.clone()));
    if view.is_none() && latest > 0 {
        return Err(AppError::NotFound);
    }
    Ok(ShowPage {
        hub: Hub::load(&state, &me, account, "competitive").await?,
        can_edit: permissions::allows(me.0.role, Action::EditAccount, account.relation),
        ctx,
        view,
        history,
        latest,
    })
}

// ------------------------------------------------------------------ the form

/// Field names of the form, made once: `rival_{c}`, `name_{r}`, `weight_{r}`, `score_{r}_{p}`
/// (p 0 is us). Leaked once at first use (a fixed, small set) so that field errors can be keyed
/// by `&'static str` like every other form's.
struct Names {
    rivals: Vec<&'static str>,
    names: Vec<&'static str>,
    weights: Vec<&'static str>,
    scores: Vec<Vec<&'static str>>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    Names {
        rivals: (0..MAX_RIVALS)
            .map(|c| leak(format!("rival_{c}")))
            .collect(),
        names: (0..MAX_CRITERIA)
            .map(|r| leak(format!("name_{r}")))
            .collect(),
        weights: (0..MAX_CRITERIA)
            .map(|r| leak(format!("weight_{r}")))
            .collect(),
        scores: (0..MAX_CRITERIA)
            .map(|r| {
                (0..=MAX_RIVALS)
                    .map(|p| leak(format!("score_{r}_{p}")))
                    .collect()
            })
            .collect(),
    }
});

/// One input of the grid form.
pub struct Input {
    /// Its name (and id).
    pub name: &'static str,
    /// As typed.
    pub value: String,
}

/// One row of the form.
pub struct RowInput {
    /// The criterion's name.
    pub name: Input,
    /// Its weight.
    pub weight: Input,
    /// Us, then each competitor column.
    pub scores: Vec<Input>,
}

/// The grid form as typed: always [`MAX_RIVALS`] competitor columns and [`MAX_CRITERIA`] rows.
pub struct GridForm {
    /// The version the form started from (0: none yet).
    pub version: String,
    /// Competitor columns.
    pub rivals: Vec<Input>,
    /// Criterion rows.
    pub rows: Vec<RowInput>,
}

impl GridForm {
    fn from_map(m: &HashMap<String, String>) -> GridForm {
        let get = |name: &'static str| Input {
            name,
            value: m.get(name).cloned().unwrap_or_default(),
        };
        GridForm {
            version: m.get("version").cloned().unwrap_or_default(),
            rivals: NAMES.rivals.iter().map(|n| get(n)).collect(),
            rows: (0..MAX_CRITERIA)
                .map(|r| RowInput {
                    name: get(NAMES.names[r]),
                    weight: get(NAMES.weights[r]),
                    scores: NAMES.scores[r].iter().map(|n| get(n)).collect(),
                })
                .collect(),
        }
    }

    /// A stored grid (or, with none, the default criteria and the dossier's competitors) as
    /// the form shows it.
    fn from_grid(grid: Option<&StoredGrid>, lang: Language, competitors: &[String]) -> GridForm {
        let mut m = HashMap::new();
        match grid {
            Some(g) => {
                m.insert("version".into(), g.version.to_string());
                for (c, r) in g.grid.rivals.iter().enumerate() {
                    m.insert(NAMES.rivals[c].into(), r.clone());
                }
                for (r, crit) in g.grid.criteria.iter().enumerate() {
                    m.insert(NAMES.names[r].into(), crit.name.clone());
                    m.insert(
                        NAMES.weights[r].into(),
                        i18n::decimal_input(lang, crit.weight),
                    );
                    for (p, s) in crit.scores.iter().enumerate() {
                        let col = if p == 0 { 0 } else { p };
                        m.insert(NAMES.scores[r][col].into(), s.to_string());
                    }
                }
            }
            None => {
                m.insert("version".into(), "0".into());
                for (c, r) in competitors.iter().take(MAX_RIVALS).enumerate() {
                    m.insert(NAMES.rivals[c].into(), r.clone());
                }
                for (r, key) in DEFAULT_CRITERIA.iter().enumerate() {
                    m.insert(NAMES.names[r].into(), i18n::t(lang, key));
                    m.insert(NAMES.weights[r].into(), "10".into());
                }
            }
        }
        GridForm::from_map(&m)
    }

    /// Parses every cell (messages beside the bad ones) and the grid's own rules (messages
    /// above the grid or beside the repeated name).
    fn parse(&self, errors: &mut FieldErrors) -> Option<Grid> {
        // Competitor columns in use, by their column.
        let mut columns = Vec::new();
        let mut rivals = Vec::new();
        for (c, input) in self.rivals.iter().enumerate() {
            if let Some(Some(name)) =
                errors.optional_text(input.name, text::COMPANY_NAME, &input.value)
            {
                columns.push(c);
                rivals.push(name);
            }
        }
        let mut criteria = Vec::new();
        let mut rows = Vec::new();
        let mut ok = true;
        for (r, row) in self.rows.iter().enumerate() {
            let used = !row.name.value.trim().is_empty()
                || !row.weight.value.trim().is_empty()
                || row.scores.iter().any(|s| !s.value.trim().is_empty());
            if !used {
                continue;
            }
            let name = errors.text(row.name.name, text::LABEL, &row.name.value);
            let weight = errors
                .check(
                    row.weight.name,
                    Money::parse(&row.weight.value).map_err(MoneyError::code),
                )
                .map(Money::get)
                .and_then(|w| {
                    if w > Decimal::ONE_HUNDRED {
                        errors.add(row.weight.name, "error-percent-over-100");
                        None
                    } else {
                        Some(w)
                    }
                });
            let mut scores = Vec::new();
            for col in std::iter::once(0).chain(columns.iter().map(|c| c + 1)) {
                let input = &row.scores[col];
                match input.value.trim().parse::<u8>() {
                    Ok(s) if SCORES.contains(&s) => scores.push(s),
                    _ => {
                        errors.add(input.name, "error-grid-score");
                        ok = false;
                    }
                }
            }
            match (name, weight) {
                (Some(name), Some(weight)) => {
                    criteria.push(Criterion {
                        name,
                        weight,
                        scores,
                    });
                    rows.push(r);
                }
                _ => ok = false,
            }
        }
        if !ok || !errors.is_empty() {
            return None;
        }
        let grid = Grid { rivals, criteria };
        for refusal in grid.refusals() {
            match refusal {
                GridRefusal::DuplicateCriterion(i) => {
                    errors.add(NAMES.names[rows[i]], refusal.message_key())
                }
                GridRefusal::DuplicateRival(i) => {
                    errors.add(NAMES.rivals[columns[i]], refusal.message_key())
                }
                _ => errors.add("grid", refusal.message_key()),
            }
        }
        errors.is_empty().then_some(grid)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "competitive/form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    form: GridForm,
    errors: FieldErrors,
    /// After a stale save: the grid saved in the meantime, shown beside the reader's input.
    stored: Option<GridView>,
}

impl FormPage {
    fn min_criteria(&self) -> usize {
        competitive::MIN_CRITERIA
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FormPage> {
    let mut conn = state.pool.acquire().await?;
    let versions = db::competitive::versions(&mut conn, account.id).await?;
    let competitors: Vec<String> = db::competitors::names_for_account(&mut *conn, account.id)
        .await?
        .into_iter()
        .map(|c| c.name)
        .collect();
    drop(conn);
    Ok(FormPage {
        form: GridForm::from_grid(versions.first(), ctx.lang, &competitors),
        hub: Hub::load(&state, &me, account, "competitive").await?,
        ctx,
        errors: FieldErrors::new(),
        stored: None,
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
    let form = GridForm::from_map(&raw);
    let base = super::form::version(&form.version)?;
    let latest = db::competitive::latest_version(&state.pool, account.id).await?;
    if base != latest {
        return stale(&state, ctx, &me, account, form).await;
    }
    let mut errors = FieldErrors::new();
    let Some(grid) = form.parse(&mut errors) else {
        let page = FormPage {
            hub: Hub::load(&state, &me, account, "competitive").await?,
            ctx,
            form,
            errors,
            stored: None,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.pool.begin().await?;
    let id = GridId::new();
    let version = base + 1;
    if !db::competitive::insert(&mut tx, id, account.id, version, &grid, me.0.id).await? {
        drop(tx);
        return stale(&state, ctx, &me, account, form).await;
    }
    let summary = |g: &Grid| {
        format!(
            "{} / {}",
            g.criteria.len(),
            g.totals()
                .iter()
                .map(Decimal::to_string)
                .collect::<Vec<_>>()
                .join(" : ")
        )
    };
    db::audit::record_fields(
        &mut tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: account.id,
            section: "competitive",
            entity: "competitive_grid",
            entity_id: Some(id.0),
            item: Some(version.to_string()),
            fields: vec![("grid_saved", None, Some(summary(&grid)))],
        },
    )
    .await?;
    tx.commit().await?;
    flash(&session, "grid-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/competitive", account.id)).into_response())
}

/// A save on an outdated base: the form again (409) with the reader's input, the grid saved
/// in the meantime beside it, and the form now based on that version.
async fn stale(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    mut form: GridForm,
) -> AppResult<Response> {
    let mut conn = state.pool.acquire().await?;
    let stored = db::competitive::versions(&mut conn, account.id)
        .await?
        .into_iter()
        .next()
        .map(GridView::new);
    drop(conn);
    form.version = stored.as_ref().map_or(0, |g| g.stored.version).to_string();
    let mut errors = FieldErrors::new();
    errors.add("form", "error-grid-conflict");
    let page = FormPage {
        hub: Hub::load(state, me, account, "competitive").await?,
        ctx,
        form,
        errors,
        stored,
    };
    Err(AppError::conflict(page))
}
