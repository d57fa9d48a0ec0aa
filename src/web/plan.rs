//! The account plan (issue 12): `/accounts/{id}/plan?year=` shows one year's plan (the client's
//! goals from the joint planning meeting, our measurable objectives with their progress, the
//! actions under each, overdue ones marked) and exports it to XLSX for the meeting; the forms
//! under it edit the plan's header, an objective and an action, each version-checked (a stale
//! save is refused with both versions side by side, the input kept). The team's KAMs, directors
//! and admins edit; assistants read.

use super::AppState;
use super::conflict::ConflictView;
use super::ctx::{Me, PageCtx, flash};
use super::export::{Cell, Table};
use super::extract::{Form, Path, Query};
use super::form::{FieldErrors, parse_date};
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::plans::{ActionDraft, ActionRow, ObjectiveRow, PlanDraft, PlanRow};
use crate::domain::ids::{AccountId, ObjectiveId, PlanActionId, PlanId, UserId};
use crate::domain::money::{Money, MoneyError};
use crate::domain::permissions::{self, Action};
use crate::domain::plan::{
    self, ActionStatus, ObjectiveDraft, ObjectiveKind, Unit, is_overdue, parse_year,
};
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;
use tower_sessions::Session;

/// The plan routes of an account.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/plan", view, show),
        Route::get("/accounts/{id}/plan.xlsx", view, export_xlsx),
        Route::get("/accounts/{id}/plan/edit", edit, plan_form),
        Route::post("/accounts/{id}/plan/edit", edit, plan_save),
        Route::get("/accounts/{id}/plan/objectives/new", edit, objective_new),
        Route::post("/accounts/{id}/plan/objectives/new", edit, objective_create),
        Route::get(
            "/accounts/{id}/plan/objectives/{objective}",
            edit,
            objective_edit,
        ),
        Route::post(
            "/accounts/{id}/plan/objectives/{objective}",
            edit,
            objective_save,
        ),
        Route::get(
            "/accounts/{id}/plan/objectives/{objective}/actions/new",
            edit,
            action_new,
        ),
        Route::post(
            "/accounts/{id}/plan/objectives/{objective}/actions/new",
            edit,
            action_create,
        ),
        Route::get("/accounts/{id}/plan/actions/{action}", edit, action_edit),
        Route::post("/accounts/{id}/plan/actions/{action}", edit, action_save),
    ]
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// `?year=` of the plan pages; the current year when absent or no plannable year.
#[derive(Debug, Default, Deserialize)]
pub(super) struct YearQuery {
    year: Option<String>,
}

impl YearQuery {
    /// The year asked for, or the current one.
    pub(super) fn year(&self) -> i32 {
        self.year
            .as_deref()
            .and_then(parse_year)
            .unwrap_or_else(|| today().year())
    }
}

fn plan_href(account: AccountId, year: i32) -> String {
    format!("/accounts/{account}/plan?year={year}")
}

// ------------------------------------------------------------------ the plan page

/// An objective with its actions and progress, as the page and the export show it.
pub struct ObjectiveView {
    /// The objective.
    pub row: ObjectiveRow,
    /// Its actions, by date.
    pub actions: Vec<ActionRow>,
    /// Its progress in percent, when it can be measured.
    pub progress: Option<Decimal>,
}

impl ObjectiveView {
    /// Whether the objective's figures are percent (else money).
    pub fn percent(&self) -> bool {
        self.row.kind.unit() == Some(Unit::Percent)
    }
}

/// One year's plan of an account, read for the page, the export and the meeting brief.
pub struct PlanView {
    /// The plan (None: none for that year yet).
    pub plan: Option<PlanRow>,
    /// Its objectives.
    pub objectives: Vec<ObjectiveView>,
    /// The plan's progress.
    pub progress: Option<Decimal>,
    /// How many open actions are past their date.
    pub overdue: i64,
}

impl PlanView {
    /// Reads the plan of `account` for `year`.
    pub async fn load(state: &AppState, account: AccountId, year: i32) -> AppResult<PlanView> {
        let Some(plan) = db::plans::get(&state.pool, account, year).await? else {
            return Ok(PlanView {
                plan: None,
                objectives: vec![],
                progress: None,
                overdue: 0,
            });
        };
        let objectives = db::plans::objectives(&state.pool, plan.id).await?;
        let mut actions = db::plans::actions(&state.pool, plan.id).await?;
        let today = today();
        let overdue = actions
            .iter()
            .filter(|a| is_overdue(a.status, a.due_on, today))
            .count() as i64;
        let objectives: Vec<ObjectiveView> = objectives
            .into_iter()
            .map(|row| {
                let (mine, rest) = actions.drain(..).partition(|a| a.objective_id == row.id);
                actions = rest;
                let statuses: Vec<ActionStatus> =
                    mine.iter().map(|a: &ActionRow| a.status).collect();
                ObjectiveView {
                    progress: plan::progress(row.kind, row.target, row.actual, &statuses),
                    row,
                    actions: mine,
                }
            })
            .collect();
        let progress =
            plan::plan_progress(&objectives.iter().map(|o| o.progress).collect::<Vec<_>>());
        Ok(PlanView {
            plan: Some(plan),
            objectives,
            progress,
            overdue,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "plan/show.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    year: i32,
    years: Vec<i32>,
    view: PlanView,
    can_edit: bool,
    today: NaiveDate,
}

impl ShowPage {
    fn overdue(&self, a: &ActionRow) -> bool {
        is_overdue(a.status, a.due_on, self.today)
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<YearQuery>,
) -> AppResult<ShowPage> {
    let year = q.year();
    let mut years = db::plans::years(&state.pool, account.id).await?;
    let this_year = today().year();
    for y in [this_year + 1, this_year, year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok(ShowPage {
        hub: Hub::load(&state, &me, account, "plan").await?,
        view: PlanView::load(&state, account.id, year).await?,
        can_edit: permissions::allows(me.0.role, Action::EditAccount, account.relation),
        ctx,
        year,
        years,
        today: today(),
    })
}

const EXPORT_HEADERS: [&str; 11] = [
    "plan-col-objective",
    "plan-field-kind",
    "plan-field-target",
    "plan-field-actual",
    "plan-col-unit",
    "plan-col-progress",
    "plan-field-objective-due",
    "plan-col-action",
    "plan-field-owner",
    "plan-field-action-due",
    "plan-field-status",
];

/// A year's plan as an export table: one row per action (an objective without actions has one
/// row of its own), the client's goals and the meeting above as the first rows.
fn plan_table(
    lang: crate::domain::user::Language,
    name: &str,
    year: i32,
    view: &PlanView,
) -> Table {
    let mut table = Table::new(EXPORT_HEADERS.iter().map(|k| i18n::t(lang, k)));
    let blank = || Cell::Empty;
    let pad = |mut cells: Vec<Cell>| {
        cells.resize_with(EXPORT_HEADERS.len(), blank);
        cells
    };
    table.row(pad(vec![
        Cell::text(i18n::t(lang, "plan-export-client")),
        Cell::text(name),
        Cell::int(Some(i64::from(year))),
    ]));
    if let Some(p) = &view.plan {
        table.row(pad(vec![
            Cell::text(i18n::t(lang, "plan-field-meeting-on")),
            Cell::opt_text(p.meeting_on.map(|d| d.to_string())),
        ]));
        table.row(pad(vec![
            Cell::text(i18n::t(lang, "plan-field-participants")),
            Cell::text(&p.participants),
        ]));
        table.row(pad(vec![
            Cell::text(i18n::t(lang, "plan-field-client-goals")),
            Cell::text(&p.client_goals),
        ]));
    }
    table.row(pad(vec![
        Cell::text(i18n::t(lang, "plan-progress")),
        Cell::decimal(view.progress, 1),
    ]));
    for o in &view.objectives {
        let unit = match o.row.kind.unit() {
            Some(Unit::Money) => Cell::text("RUB"),
            Some(Unit::Percent) => Cell::text("%"),
            None => Cell::Empty,
        };
        let objective = || {
            vec![
                Cell::text(&o.row.title),
                Cell::text(i18n::name(lang, &o.row.kind)),
                Cell::decimal(o.row.target, 2),
                Cell::decimal(o.row.actual, 2),
                unit.clone(),
                Cell::decimal(o.progress, 1),
                Cell::opt_text(o.row.due_on.map(|d| d.to_string())),
            ]
        };
        if o.actions.is_empty() {
            table.row(pad(objective()));
        }
        for a in &o.actions {
            let mut cells = objective();
            cells.extend([
                Cell::text(&a.title),
                Cell::opt_text(a.owner_name.clone()),
                Cell::text(a.due_on.to_string()),
                Cell::text(i18n::name(lang, &a.status)),
            ]);
            table.row(cells);
        }
    }
    table
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    account: OnAccount,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let year = q.year();
    let header = db::accounts::header(&state.pool, account.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = PlanView::load(&state, account.id, year).await?;
    plan_table(ctx.lang, &header.name, year, &view)
        .xlsx_response(&format!("plan-{year}"), &ctx.t("plan-sheet-name"))
}

// ------------------------------------------------------------------ audit

/// Both versions of a stale save, field by field (`(label key, yours, stored)`).
fn conflict_view(
    rows: impl IntoIterator<Item = (&'static str, String, String)>,
) -> Option<ConflictView> {
    Some(rows.into_iter().fold(
        ConflictView::new(None, None),
        |v, (label, yours, theirs)| v.row(label, yours, theirs),
    ))
}

/// Records the changed fields of one plan record in the audit log, under the history tab's
/// section "plan" with the plan's year as the item.
async fn record(
    conn: &mut sqlx::PgConnection,
    me: &Me,
    account: AccountId,
    year: i32,
    entity: &'static str,
    id: uuid::Uuid,
    fields: Vec<(&'static str, Option<String>, Option<String>)>,
) -> AppResult<()> {
    db::audit::record_fields(
        conn,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account,
            section: "plan",
            entity,
            entity_id: Some(id),
            item: Some(year.to_string()),
            fields,
        },
    )
    .await?;
    Ok(())
}

fn nonempty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn plan_audit(d: Option<&PlanDraft>) -> [Option<String>; 3] {
    match d {
        None => [None, None, None],
        Some(d) => [
            d.meeting_on.map(|v| v.to_string()),
            nonempty(&d.participants),
            nonempty(&d.client_goals),
        ],
    }
}

// ------------------------------------------------------------------ the plan's header

/// The plan header form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    meeting_on: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    client_goals: String,
    /// Empty for a plan not written yet.
    #[serde(default)]
    version: String,
}

impl PlanForm {
    fn from_row(p: &PlanRow) -> PlanForm {
        PlanForm {
            year: p.year.to_string(),
            meeting_on: p.meeting_on.map(|d| d.to_string()).unwrap_or_default(),
            participants: p.participants.clone(),
            client_goals: p.client_goals.clone(),
            version: p.version.to_string(),
        }
    }

    fn parse(&self, errors: &mut FieldErrors) -> Option<PlanDraft> {
        let meeting_on = errors.check("meeting_on", parse_date(&self.meeting_on));
        let participants = errors.optional_text("participants", text::NOTE, &self.participants);
        let client_goals =
            errors.optional_text("client_goals", text::LONG_TEXT, &self.client_goals);
        Some(PlanDraft {
            meeting_on: meeting_on?,
            participants: participants?.unwrap_or_default(),
            client_goals: client_goals?.unwrap_or_default(),
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "plan/plan_form.html")]
struct PlanFormPage {
    ctx: PageCtx,
    hub: Hub,
    year: i32,
    form: PlanForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

async fn plan_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<YearQuery>,
) -> AppResult<PlanFormPage> {
    let year = q.year();
    let form = match db::plans::get(&state.pool, account.id, year).await? {
        Some(p) => PlanForm::from_row(&p),
        None => PlanForm {
            year: year.to_string(),
            ..PlanForm::default()
        },
    };
    Ok(PlanFormPage {
        hub: Hub::load(&state, &me, account, "plan").await?,
        ctx,
        year,
        form,
        errors: FieldErrors::new(),
        conflict: None,
    })
}

/// The stale save of a plan's header: the form again (409) with the stored version beside the
/// reader's input.
async fn plan_conflict(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    form: PlanForm,
    stored: &PlanRow,
) -> AppResult<AppError> {
    let theirs = PlanForm::from_row(stored);
    let conflict = conflict_view([
        (
            "plan-field-meeting-on",
            form.meeting_on.clone(),
            theirs.meeting_on,
        ),
        (
            "plan-field-participants",
            form.participants.clone(),
            theirs.participants,
        ),
        (
            "plan-field-client-goals",
            form.client_goals.clone(),
            theirs.client_goals,
        ),
    ]);
    let mut errors = FieldErrors::new();
    errors.add("form", "error-edit-conflict");
    Ok(AppError::conflict(PlanFormPage {
        hub: Hub::load(state, me, account, "plan").await?,
        ctx,
        year: stored.year,
        form: PlanForm {
            version: stored.version.to_string(),
            ..form
        },
        errors,
        conflict,
    }))
}

async fn plan_save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<PlanForm>,
) -> AppResult<Response> {
    let Some(year) = parse_year(&form.year) else {
        return Err(AppError::BadRequest("year".into()));
    };
    let version = super::form::optional_version(&form.version)?;
    let mut tx = state.pool.begin().await?;
    let stored = db::plans::lock(&mut tx, account.id, year).await?;
    if stored.as_ref().map(|p| p.version) != version {
        drop(tx);
        let stored = stored.ok_or(AppError::NotFound)?;
        return Err(plan_conflict(&state, ctx, &me, account, form, &stored).await?);
    }
    let mut errors = FieldErrors::new();
    let draft = form.parse(&mut errors);
    let (Some(draft), true) = (draft, errors.is_empty()) else {
        drop(tx);
        let page = PlanFormPage {
            hub: Hub::load(&state, &me, account, "plan").await?,
            ctx,
            year,
            form,
            errors,
            conflict: None,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let (id, before) = match &stored {
        Some(p) => {
            if !db::plans::update(&mut tx, p.id, p.version, &draft).await? {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "plan {} changed under its lock",
                    p.id
                )));
            }
            let before = PlanDraft {
                meeting_on: p.meeting_on,
                participants: p.participants.clone(),
                client_goals: p.client_goals.clone(),
            };
            (p.id, Some(before))
        }
        None => {
            let id = PlanId::new();
            if !db::plans::insert(&mut tx, id, account.id, year, &draft).await? {
                // Someone wrote the year's plan since the lock found none: a stale save.
                drop(tx);
                let stored = db::plans::get(&state.pool, account.id, year)
                    .await?
                    .ok_or(AppError::NotFound)?;
                return Err(plan_conflict(&state, ctx, &me, account, form, &stored).await?);
            }
            record(
                &mut tx,
                &me,
                account.id,
                year,
                "plan",
                id.0,
                vec![("plan_created", None, Some(year.to_string()))],
            )
            .await?;
            (id, None)
        }
    };
    let [m0, p0, g0] = plan_audit(before.as_ref());
    let [m1, p1, g1] = plan_audit(Some(&draft));
    record(
        &mut tx,
        &me,
        account.id,
        year,
        "plan",
        id.0,
        vec![
            ("plan_meeting_on", m0, m1),
            ("plan_participants", p0, p1),
            ("plan_client_goals", g0, g1),
        ],
    )
    .await?;
    tx.commit().await?;
    flash(&session, "plan-saved").await;
    Ok(Redirect::to(&plan_href(account.id, year)).into_response())
}

// ------------------------------------------------------------------ objectives

/// The objective form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ObjectiveForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    actual: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    version: String,
}

impl ObjectiveForm {
    fn from_row(o: &ObjectiveRow, lang: crate::domain::user::Language) -> ObjectiveForm {
        let dec = |v: Option<Decimal>| v.map(|v| i18n::decimal_input(lang, v)).unwrap_or_default();
        ObjectiveForm {
            year: o.year.to_string(),
            kind: o.kind.to_string(),
            title: o.title.clone(),
            target: dec(o.target),
            actual: dec(o.actual),
            due_on: o.due_on.map(|d| d.to_string()).unwrap_or_default(),
            version: o.version.to_string(),
        }
    }

    fn parse(&self, errors: &mut FieldErrors) -> Option<ObjectiveDraft> {
        let kind = errors.check(
            "kind",
            self.kind
                .trim()
                .parse::<ObjectiveKind>()
                .map_err(|_| "invalid_choice"),
        );
        let title = errors.text("title", text::TITLE, &self.title);
        let figure = |raw: &str| Money::optional(raw).map(|m| m.map(Money::get));
        let target = errors.check("target", figure(&self.target).map_err(MoneyError::code));
        let actual = errors.check("actual", figure(&self.actual).map_err(MoneyError::code));
        let due_on = errors.check("due_on", parse_date(&self.due_on));
        if let (Some(kind), Some(target), Some(actual)) = (kind, target, actual) {
            for r in plan::figure_refusals(kind, target, actual) {
                errors.add(r.field(), r.message_key());
            }
        }
        let draft = ObjectiveDraft {
            kind: kind?,
            title: title?,
            target: target?,
            actual: actual?,
            due_on: due_on?,
        };
        errors.is_empty().then_some(draft)
    }
}

fn objective_audit(d: &ObjectiveDraft) -> [(&'static str, Option<String>); 5] {
    [
        ("objective_kind", Some(d.kind.to_string())),
        ("objective_title", Some(d.title.clone())),
        ("objective_target", d.target.map(|v| v.to_string())),
        ("objective_actual", d.actual.map(|v| v.to_string())),
        ("objective_due_on", d.due_on.map(|v| v.to_string())),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "plan/objective_form.html")]
struct ObjectivePage {
    ctx: PageCtx,
    hub: Hub,
    year: i32,
    /// None for a new objective.
    objective: Option<ObjectiveId>,
    form: ObjectiveForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl ObjectivePage {
    fn action(&self) -> String {
        match self.objective {
            Some(o) => format!("/accounts/{}/plan/objectives/{o}", self.hub.id()),
            None => format!("/accounts/{}/plan/objectives/new", self.hub.id()),
        }
    }
}

async fn objective_new(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<YearQuery>,
) -> AppResult<ObjectivePage> {
    let year = q.year();
    Ok(ObjectivePage {
        hub: Hub::load(&state, &me, account, "plan").await?,
        ctx,
        year,
        objective: None,
        form: ObjectiveForm {
            year: year.to_string(),
            kind: ObjectiveKind::Revenue.to_string(),
            ..ObjectiveForm::default()
        },
        errors: FieldErrors::new(),
        conflict: None,
    })
}

#[allow(clippy::too_many_arguments)]
async fn objective_refused(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    year: i32,
    objective: Option<ObjectiveId>,
    form: ObjectiveForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let page = ObjectivePage {
        hub: Hub::load(state, me, account, "plan").await?,
        ctx,
        year,
        objective,
        form,
        errors,
        conflict: None,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn objective_create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<ObjectiveForm>,
) -> AppResult<Response> {
    let Some(year) = parse_year(&form.year) else {
        return Err(AppError::BadRequest("year".into()));
    };
    let mut errors = FieldErrors::new();
    let Some(draft) = form.parse(&mut errors) else {
        return objective_refused(&state, ctx, &me, account, year, None, form, errors).await;
    };
    let mut tx = state.pool.begin().await?;
    // The first objective of a year starts its plan (the header can be filled in later).
    let plan = match db::plans::lock(&mut tx, account.id, year).await? {
        Some(p) => p.id,
        None => {
            let id = PlanId::new();
            let empty = PlanDraft {
                meeting_on: None,
                participants: String::new(),
                client_goals: String::new(),
            };
            if !db::plans::insert(&mut tx, id, account.id, year, &empty).await? {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "plan of {year} appeared under the lock"
                )));
            }
            record(
                &mut tx,
                &me,
                account.id,
                year,
                "plan",
                id.0,
                vec![("plan_created", None, Some(year.to_string()))],
            )
            .await?;
            id
        }
    };
    let id = ObjectiveId::new();
    db::plans::insert_objective(&mut tx, id, plan, &draft).await?;
    record(
        &mut tx,
        &me,
        account.id,
        year,
        "plan_objective",
        id.0,
        vec![("objective_created", None, Some(draft.title.clone()))],
    )
    .await?;
    tx.commit().await?;
    flash(&session, "plan-objective-saved").await;
    Ok(Redirect::to(&plan_href(account.id, year)).into_response())
}

async fn objective_edit(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, objective)): Path<(String, ObjectiveId)>,
) -> AppResult<ObjectivePage> {
    let o = db::plans::objective(&state.pool, account.id, objective)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(ObjectivePage {
        hub: Hub::load(&state, &me, account, "plan").await?,
        form: ObjectiveForm::from_row(&o, ctx.lang),
        ctx,
        year: o.year,
        objective: Some(o.id),
        errors: FieldErrors::new(),
        conflict: None,
    })
}

async fn objective_save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, objective)): Path<(String, ObjectiveId)>,
    Form(form): Form<ObjectiveForm>,
) -> AppResult<Response> {
    let version = super::form::version(&form.version)?;
    let mut tx = state.pool.begin().await?;
    let stored = db::plans::lock_objective(&mut tx, account.id, objective)
        .await?
        .ok_or(AppError::NotFound)?;
    if version != stored.version {
        drop(tx);
        let theirs = ObjectiveForm::from_row(&stored, ctx.lang);
        let kind_name = |raw: &str| {
            raw.parse::<ObjectiveKind>()
                .map(|k| ctx.name(&k))
                .unwrap_or_else(|_| raw.to_string())
        };
        let conflict = conflict_view([
            (
                "plan-field-kind",
                kind_name(&form.kind),
                kind_name(&theirs.kind),
            ),
            ("plan-field-title", form.title.clone(), theirs.title.clone()),
            (
                "plan-field-target",
                form.target.clone(),
                theirs.target.clone(),
            ),
            (
                "plan-field-actual",
                form.actual.clone(),
                theirs.actual.clone(),
            ),
            (
                "plan-field-objective-due",
                form.due_on.clone(),
                theirs.due_on.clone(),
            ),
        ]);
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        return Err(AppError::conflict(ObjectivePage {
            hub: Hub::load(&state, &me, account, "plan").await?,
            ctx,
            year: stored.year,
            objective: Some(stored.id),
            form: ObjectiveForm {
                version: stored.version.to_string(),
                ..form
            },
            errors,
            conflict,
        }));
    }
    let mut errors = FieldErrors::new();
    let Some(draft) = form.parse(&mut errors) else {
        drop(tx);
        return objective_refused(
            &state,
            ctx,
            &me,
            account,
            stored.year,
            Some(stored.id),
            form,
            errors,
        )
        .await;
    };
    if !db::plans::update_objective(&mut tx, stored.id, version, &draft).await? {
        return Err(AppError::Internal(anyhow::anyhow!(
            "objective {objective} changed under its lock"
        )));
    }
    let fields = objective_audit(&stored.draft())
        .into_iter()
        .zip(objective_audit(&draft))
        .map(|((field, old), (_, new))| (field, old, new))
        .collect();
    record(
        &mut tx,
        &me,
        account.id,
        stored.year,
        "plan_objective",
        stored.id.0,
        fields,
    )
    .await?;
    tx.commit().await?;
    flash(&session, "plan-objective-saved").await;
    Ok(Redirect::to(&plan_href(account.id, stored.year)).into_response())
}

// ------------------------------------------------------------------ actions

/// The action form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    version: String,
}

impl ActionForm {
    fn from_row(a: &ActionRow) -> ActionForm {
        ActionForm {
            title: a.title.clone(),
            owner: a.owner_id.map(|u| u.to_string()).unwrap_or_default(),
            due_on: a.due_on.to_string(),
            status: a.status.to_string(),
            version: a.version.to_string(),
        }
    }

    fn parse(
        &self,
        team: &[db::accounts::TeamMember],
        errors: &mut FieldErrors,
    ) -> Option<ActionDraft> {
        let title = errors.text("title", text::TITLE, &self.title);
        let owner = match self.owner.trim() {
            "" => Some(None),
            raw => match raw.parse::<UserId>() {
                Ok(id) if team.iter().any(|m| m.user_id == id) => Some(Some(id)),
                _ => {
                    errors.add("owner", "error-invalid-choice");
                    None
                }
            },
        };
        let due_on = errors.date("due_on", &self.due_on);
        let status = errors.check(
            "status",
            self.status
                .trim()
                .parse::<ActionStatus>()
                .map_err(|_| "invalid_choice"),
        );
        Some(ActionDraft {
            title: title?,
            owner_id: owner?,
            due_on: due_on?,
            status: status?,
        })
    }
}

fn action_audit(d: &ActionDraft) -> [(&'static str, Option<String>); 4] {
    [
        ("action_title", Some(d.title.clone())),
        ("action_owner", d.owner_id.map(|v| v.to_string())),
        ("action_due_on", Some(d.due_on.to_string())),
        ("action_status", Some(d.status.to_string())),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "plan/action_form.html")]
struct ActionPage {
    ctx: PageCtx,
    hub: Hub,
    objective: ObjectiveRow,
    /// None for a new action.
    action: Option<PlanActionId>,
    form: ActionForm,
    team: Vec<db::accounts::TeamMember>,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl ActionPage {
    fn post_to(&self) -> String {
        match self.action {
            Some(a) => format!("/accounts/{}/plan/actions/{a}", self.hub.id()),
            None => format!(
                "/accounts/{}/plan/objectives/{}/actions/new",
                self.hub.id(),
                self.objective.id
            ),
        }
    }

    fn statuses(&self) -> &'static [ActionStatus] {
        ActionStatus::ALL
    }
}

#[allow(clippy::too_many_arguments)]
async fn action_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    objective: ObjectiveRow,
    action: Option<PlanActionId>,
    form: ActionForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
) -> AppResult<ActionPage> {
    Ok(ActionPage {
        hub: Hub::load(state, me, account, "plan").await?,
        team: db::accounts::team(&state.pool, account.id).await?,
        ctx,
        objective,
        action,
        form,
        errors,
        conflict,
    })
}

async fn action_new(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, objective)): Path<(String, ObjectiveId)>,
) -> AppResult<ActionPage> {
    let objective = db::plans::objective(&state.pool, account.id, objective)
        .await?
        .ok_or(AppError::NotFound)?;
    let team = db::accounts::team(&state.pool, account.id).await?;
    let owner = team
        .iter()
        .find(|m| m.user_id == me.0.id)
        .or_else(|| team.first())
        .map(|m| m.user_id.to_string())
        .unwrap_or_default();
    let form = ActionForm {
        owner,
        status: ActionStatus::Planned.to_string(),
        ..ActionForm::default()
    };
    action_page(
        &state,
        ctx,
        &me,
        account,
        objective,
        None,
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

async fn action_create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, objective)): Path<(String, ObjectiveId)>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let objective = db::plans::objective(&state.pool, account.id, objective)
        .await?
        .ok_or(AppError::NotFound)?;
    let team = db::accounts::team(&state.pool, account.id).await?;
    let mut errors = FieldErrors::new();
    let draft = form.parse(&team, &mut errors);
    let (Some(draft), true) = (draft, errors.is_empty()) else {
        let page = action_page(
            &state, ctx, &me, account, objective, None, form, errors, None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.pool.begin().await?;
    let id = PlanActionId::new();
    db::plans::insert_action(&mut tx, id, objective.id, &draft).await?;
    record(
        &mut tx,
        &me,
        account.id,
        objective.year,
        "plan_action",
        id.0,
        vec![("action_created", None, Some(draft.title.clone()))],
    )
    .await?;
    tx.commit().await?;
    flash(&session, "plan-action-saved").await;
    Ok(Redirect::to(&plan_href(account.id, objective.year)).into_response())
}

async fn action_edit(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, action)): Path<(String, PlanActionId)>,
) -> AppResult<ActionPage> {
    let a = db::plans::action(&state.pool, account.id, action)
        .await?
        .ok_or(AppError::NotFound)?;
    let objective = db::plans::objective(&state.pool, account.id, a.objective_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ActionForm::from_row(&a);
    action_page(
        &state,
        ctx,
        &me,
        account,
        objective,
        Some(a.id),
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

async fn action_save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, action)): Path<(String, PlanActionId)>,
    Form(form): Form<ActionForm>,
) -> AppResult<Response> {
    let version = super::form::version(&form.version)?;
    let team = db::accounts::team(&state.pool, account.id).await?;
    let mut tx = state.pool.begin().await?;
    let stored = db::plans::lock_action(&mut tx, account.id, action)
        .await?
        .ok_or(AppError::NotFound)?;
    let objective = db::plans::objective(&mut *tx, account.id, stored.objective_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if version != stored.version {
        drop(tx);
        let theirs = ActionForm::from_row(&stored);
        let owner_name = |raw: &str| {
            raw.parse::<UserId>()
                .ok()
                .and_then(|id| team.iter().find(|m| m.user_id == id))
                .map(|m| m.name.clone())
                .or_else(|| {
                    (raw == theirs.owner)
                        .then(|| stored.owner_name.clone())
                        .flatten()
                })
                .unwrap_or_else(|| raw.to_string())
        };
        let status_name = |raw: &str| {
            raw.parse::<ActionStatus>()
                .map(|s| ctx.name(&s))
                .unwrap_or_else(|_| raw.to_string())
        };
        let conflict = conflict_view([
            (
                "plan-field-action-title",
                form.title.clone(),
                theirs.title.clone(),
            ),
            (
                "plan-field-owner",
                owner_name(&form.owner),
                owner_name(&theirs.owner),
            ),
            (
                "plan-field-action-due",
                form.due_on.clone(),
                theirs.due_on.clone(),
            ),
            (
                "plan-field-status",
                status_name(&form.status),
                status_name(&theirs.status),
            ),
        ]);
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        let form = ActionForm {
            version: stored.version.to_string(),
            ..form
        };
        let page = action_page(
            &state,
            ctx,
            &me,
            account,
            objective,
            Some(stored.id),
            form,
            errors,
            conflict,
        )
        .await?;
        return Err(AppError::conflict(page));
    }
    let mut errors = FieldErrors::new();
    let draft = form.parse(&team, &mut errors);
    let (Some(draft), true) = (draft, errors.is_empty()) else {
        drop(tx);
        let page = action_page(
            &state,
            ctx,
            &me,
            account,
            objective,
            Some(stored.id),
            form,
            errors,
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if !db::plans::update_action(&mut tx, stored.id, version, &draft).await? {
        return Err(AppError::Internal(anyhow::anyhow!(
            "action {action} changed under its lock"
        )));
    }
    let fields = action_audit(&stored.draft())
        .into_iter()
        .zip(action_audit(&draft))
        .map(|((field, old), (_, new))| (field, old, new))
        .collect();
    record(
        &mut tx,
        &me,
        account.id,
        objective.year,
        "plan_action",
        stored.id.0,
        fields,
    )
    .await?;
    tx.commit().await?;
    flash(&session, "plan-action-saved").await;
    Ok(Redirect::to(&plan_href(account.id, objective.year)).into_response())
}
