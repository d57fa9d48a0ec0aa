//! One account's own pages: the overview `/accounts/{id}`, the key decision `/accounts/{id}/why`
//! with the director's pin (`/accounts/{id}/pin`), the status change with its reason
//! (`/accounts/{id}/status`) and the history tab (`/accounts/{id}/history`). Every page is the
//! hub's header and tabs (see [`super::hub`]) around its own section.

use super::AppState;
use super::conflict::ConflictView;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Query};
use super::form::FieldErrors;
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::domain::account::PinRefusal;
use crate::domain::dossier::Section;
use crate::domain::industry::Industry;
use crate::domain::permissions::Action;
use crate::domain::scoring::{Pin, Reason, Status};
use crate::domain::text;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rust_decimal::Decimal;
use serde::Deserialize;
use tower_sessions::Session;

/// The routes of one account's own pages.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}", view, overview),
        // "Why it is key or not" is part of the key profile (permissions::Action::ViewKeyProfile):
        // a KAM sees it for an unowned key client too, as the team page.
        Route::get(
            "/accounts/{id}/why",
            Gate::Account(Action::ViewKeyProfile),
            why,
        ),
        Route::post(
            "/accounts/{id}/pin",
            Gate::Account(Action::ManageKeyList),
            pin,
        ),
        Route::get("/accounts/{id}/status", edit, status_form),
        Route::post("/accounts/{id}/status", edit, change_status),
        Route::get("/accounts/{id}/history", view, history),
    ]
}

/// How many changes the overview shows (the history tab has them all).
const RECENT_CHANGES: i64 = 5;

#[derive(Template, WebTemplate)]
#[template(path = "account/overview.html")]
struct OverviewPage {
    ctx: PageCtx,
    hub: Hub,
    account: db::accounts::AccountRow,
    dossier: db::dossier::DossierFields,
    result: Option<db::scoring::StoredResult>,
    team: Vec<db::accounts::TeamMember>,
    recent: Vec<db::audit::Entry>,
    /// The contact map's stored figures (contacts, coverage gaps), by engineer `contacts`.
    contact_gaps: crate::domain::contact::GapFacts,
    today: chrono::NaiveDate,
}

impl OverviewPage {
    /// The contact map's coverage gaps today.
    fn gaps(&self) -> Vec<crate::domain::contact::Gap> {
        self.contact_gaps.gaps(self.today)
    }

    /// The first paragraph of the description, shortened for the overview.
    fn description_lead(&self) -> String {
        let first = self.dossier.description.split("\n\n").next().unwrap_or("");
        shorten(first, 400)
    }

    fn value(&self, field: &str, value: &str) -> String {
        shown_value(&self.ctx, field, value)
    }

    /// The headcount, grouped for the reader.
    fn headcount(&self) -> Option<String> {
        self.account
            .headcount
            .map(|n| self.ctx.count(&i64::from(n)))
    }
}

/// `s` cut at a word boundary after at most `max` characters, with an ellipsis when cut.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

async fn overview(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<OverviewPage> {
    let id = account.id;
    let hub = Hub::load(&state, &me, account, "").await?;
    Ok(OverviewPage {
        ctx,
        account: db::accounts::get(&state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?,
        dossier: db::dossier::get(&state.pool, id).await?,
        result: db::scoring::result_for(&state.pool, id).await?,
        team: db::accounts::team(&state.pool, id).await?,
        recent: db::audit::for_account(&state.pool, id, None, 0, RECENT_CHANGES).await?,
        contact_gaps: db::contacts::stored_gaps(&state.pool, id).await?,
        today: chrono::Utc::now().date_naive(),
        hub,
    })
}

/// The pin form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct PinForm {
    #[serde(default)]
    pin: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/why.html")]
struct WhyPage {
    ctx: PageCtx,
    hub: Hub,
    account: db::accounts::AccountRow,
    result: Option<db::scoring::StoredResult>,
    summary: db::scoring::KeyListSummary,
    settings: crate::domain::scoring::Settings,
    planned_gaps: Vec<(
        crate::domain::geo::CountryCode,
        String,
        Option<chrono::NaiveDate>,
    )>,
    pin_form: PinForm,
    pin_errors: FieldErrors,
    /// Who could be unpinned, when a key pin was refused because pins fill the cap.
    unpin_candidates: Vec<db::scoring::KeyListRow>,
}

impl WhyPage {
    /// `weight_potential` and its complement, as shown in the formula.
    fn weights(&self) -> (Decimal, Decimal) {
        let w = self.settings.weight_potential;
        (w, Decimal::ONE - w)
    }

    /// How many points this account lacks to reach the cut line (None when not applicable).
    fn lacks(&self) -> Option<Decimal> {
        let r = self.result.as_ref()?;
        if r.is_key {
            return None;
        }
        let score = r.score?;
        let cut = self.summary.cut_line?;
        (cut > score).then(|| cut - score)
    }
}

async fn load_why_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    pin_form: PinForm,
    pin_errors: FieldErrors,
    unpin_candidates: Vec<db::scoring::KeyListRow>,
) -> AppResult<WhyPage> {
    let id = account.id;
    let hub = Hub::load(state, me, account, "why").await?;
    let stored = db::accounts::get(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pin_form = if pin_errors.is_empty() {
        PinForm {
            pin: stored.pin.to_string(),
            reason: stored.pin_reason.clone().unwrap_or_default(),
            version: stored.version,
        }
    } else {
        PinForm {
            version: stored.version,
            ..pin_form
        }
    };
    Ok(WhyPage {
        ctx,
        hub,
        result: db::scoring::result_for(&state.pool, id).await?,
        summary: db::scoring::summary(&state.pool).await?,
        settings: db::scoring::current_settings(&state.pool).await?.settings,
        planned_gaps: db::presence::planned_gaps(&state.pool, id).await?,
        account: stored,
        pin_form,
        pin_errors,
        unpin_candidates,
    })
}

async fn why(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<WhyPage> {
    load_why_page(
        &state,
        ctx,
        &me,
        account,
        PinForm::default(),
        FieldErrors::new(),
        vec![],
    )
    .await
}

async fn pin(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<PinForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let pin = errors.check("pin", form.pin.parse::<Pin>().map_err(|_| "invalid_choice"));
    let reason = errors
        .optional_text("reason", text::PIN_REASON, &form.reason)
        .flatten();
    if pin.is_some_and(|p| p != Pin::None) && reason.is_none() && errors.get("reason").is_none() {
        errors.add("reason", "error-pin-reason-required");
    }
    let reason = reason.unwrap_or_default();
    let mut unpin_candidates = vec![];
    if let (Some(pin), true) = (pin, errors.is_empty()) {
        let mut tx = state.pool.begin().await?;
        // Lock the account so the checks below and the write see the same state.
        let version = db::accounts::lock(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let current = db::accounts::get(&mut *tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if version != form.version {
            drop(tx);
            // Stale: the stored decision is shown above the form, which keeps what was typed.
            errors.add("form", "error-edit-conflict");
            let page = load_why_page(&state, ctx, &me, account, form, errors, vec![]).await?;
            return Err(AppError::conflict(page));
        }
        if pin == Pin::Key && current.pin != Pin::Key {
            let result = db::scoring::result_for(&mut *tx, id).await?;
            let summary = db::scoring::summary(&mut *tx).await?;
            let pins = db::scoring::key_pins(&mut *tx, me.scope()).await?;
            if let Some(refusal) = crate::domain::account::key_pin_refusal(
                current.status,
                result.as_ref().and_then(|r| r.segment),
                pins.len(),
                summary.cap.max(0) as usize,
            ) {
                errors.add("pin", pin_refusal_key(refusal));
                if refusal == PinRefusal::CapFull {
                    unpin_candidates = pins;
                }
            }
        }
        if errors.is_empty() {
            let change = db::accounts::PinChange {
                pin,
                reason: Some(reason.as_str()),
                by: me.0.id,
            };
            db::accounts::set_pin(&mut tx, id, version, &change).await?;
            db::audit::record_fields(
                &mut tx,
                &db::audit::FieldChanges {
                    user: Some(me.0.id),
                    account: id,
                    section: "pin",
                    entity: "account",
                    entity_id: Some(id.0),
                    item: None,
                    fields: vec![
                        ("pin", Some(current.pin.to_string()), Some(pin.to_string())),
                        (
                            "pin_reason",
                            current.pin_reason.clone(),
                            (pin != Pin::None).then(|| reason.clone()),
                        ),
                    ],
                },
            )
            .await?;
            state.scoring.commit_and_catch_up(tx).await?;
            flash(&session, "pin-saved").await;
            return Ok(Redirect::to(&format!("/accounts/{id}/why")).into_response());
        }
    }
    let page = load_why_page(&state, ctx, &me, account, form, errors, unpin_candidates).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The message beside the pin for a refused key pin.
fn pin_refusal_key(refusal: PinRefusal) -> &'static str {
    match refusal {
        PinRefusal::NotInBase => "error-pin-not-in-base",
        PinRefusal::Bronze => "error-pin-bronze",
        PinRefusal::CapFull => "error-pin-cap-full",
    }
}

/// The status form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/status.html")]
struct StatusPage {
    ctx: PageCtx,
    hub: Hub,
    account: db::accounts::AccountRow,
    form: StatusForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

async fn status_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    form: Option<StatusForm>,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
) -> AppResult<StatusPage> {
    let hub = Hub::load(state, me, account, "").await?;
    let stored = db::accounts::get(&state.pool, account.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let stamp = db::dossier::stamp(&state.pool, account.id, Section::Status).await?;
    let form = match form {
        // The form keeps what was typed, at the version now stored.
        Some(f) => StatusForm {
            version: stamp.version,
            ..f
        },
        None => StatusForm {
            status: String::new(),
            reason: String::new(),
            version: stamp.version,
        },
    };
    Ok(StatusPage {
        ctx,
        hub,
        account: stored,
        form,
        errors,
        conflict,
    })
}

async fn status_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<StatusPage> {
    status_page(&state, ctx, &me, account, None, FieldErrors::new(), None).await
}

async fn change_status(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<StatusForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let status = errors.check(
        "status",
        form.status.parse::<Status>().map_err(|_| "invalid_choice"),
    );
    let reason = errors.text("reason", text::PIN_REASON, &form.reason);
    let current = db::accounts::get(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if status == Some(current.status) {
        errors.add("status", "error-status-unchanged");
    }
    let (Some(status), Some(reason), true) = (status, reason, errors.is_empty()) else {
        let page = status_page(&state, ctx, &me, account, Some(form), errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.pool.begin().await?;
    if !db::dossier::claim(&mut tx, id, Section::Status, form.version, me.0.id).await? {
        drop(tx);
        let stamp = db::dossier::stamp(&state.pool, id, Section::Status).await?;
        let stored = db::accounts::get(&state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let yours = form
            .status
            .parse::<Status>()
            .map(|s| ctx.name(&s))
            .unwrap_or_default();
        let conflict = ConflictView::new(stamp.updated_by_name, stamp.updated_at)
            .row("col-status", yours, ctx.name(&stored.status))
            .row(
                "status-reason",
                form.reason.clone(),
                stored.status_reason.unwrap_or_default(),
            );
        let page = status_page(
            &state,
            ctx,
            &me,
            account,
            Some(form),
            FieldErrors::new(),
            Some(conflict),
        )
        .await?;
        return Err(AppError::conflict(page));
    }
    // Read again under the claim: what the audit records as "before" is what was replaced.
    let before = db::accounts::get(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    db::accounts::set_status(
        &mut tx,
        id,
        &db::accounts::StatusChange {
            status,
            reason: &reason,
            by: me.0.id,
        },
    )
    .await?;
    db::audit::record_fields(
        &mut tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: id,
            section: Section::Status.as_str(),
            entity: "account",
            entity_id: Some(id.0),
            item: None,
            fields: vec![
                (
                    "status",
                    Some(before.status.to_string()),
                    Some(status.to_string()),
                ),
                ("status_reason", before.status_reason, Some(reason)),
            ],
        },
    )
    .await?;
    // Qualification counts for prospects only: the completeness moves with the status.
    db::dossier::refresh_completeness(&mut tx, &[id]).await?;
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "status-saved").await;
    Ok(Redirect::to(&format!("/accounts/{id}")).into_response())
}

/// The history tab's query string.
#[derive(Debug, Default, Deserialize)]
struct HistoryQuery {
    section: Option<String>,
    page: Option<u32>,
}

/// Entries per page of the history tab.
const HISTORY_PAGE: i64 = 50;

/// The history tab's filter: the parts of an account whose changes are recorded.
const HISTORY_SECTIONS: &[&str] = &[
    "general",
    "footprint",
    "development",
    "potential",
    "importance",
    "needs",
    "competitors",
    "qualification",
    "types",
    "status",
    "pin",
    "account",
    "contacts",
    "plan",
    "budget",
    "competitive",
    "offers",
];

#[derive(Template, WebTemplate)]
#[template(path = "account/history.html")]
struct HistoryPage {
    ctx: PageCtx,
    hub: Hub,
    entries: Vec<db::audit::Entry>,
    sections: &'static [&'static str],
    section: Option<&'static str>,
    page: u32,
    has_next: bool,
}

impl HistoryPage {
    fn value(&self, field: &str, value: &str) -> String {
        shown_value(&self.ctx, field, value)
    }

    /// The link to page `page` under the current filter.
    fn page_href(&self, page: u32) -> String {
        let mut href = format!("{}?page={page}", self.hub.href("history"));
        if let Some(s) = self.section {
            href.push_str("&section=");
            href.push_str(s);
        }
        href
    }
}

async fn history(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<HistoryQuery>,
) -> AppResult<HistoryPage> {
    // An unknown section filters nothing; the page number starts at 1.
    let section = q
        .section
        .as_deref()
        .and_then(|s| HISTORY_SECTIONS.iter().copied().find(|x| *x == s));
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let hub = Hub::load(&state, &me, account, "history").await?;
    let mut entries = db::audit::for_account(
        &state.pool,
        account.id,
        section,
        i64::from(page - 1) * HISTORY_PAGE,
        HISTORY_PAGE + 1,
    )
    .await?;
    let has_next = entries.len() as i64 > HISTORY_PAGE;
    entries.truncate(HISTORY_PAGE as usize);
    Ok(HistoryPage {
        ctx,
        hub,
        entries,
        sections: HISTORY_SECTIONS,
        section,
        page,
        has_next,
    })
}

/// A recorded value as the reader reads it: stored names (a status, a pin, an industry, a
/// yes/no) in the reader's language, typed text as typed.
pub fn shown_value(ctx: &PageCtx, field: &str, value: &str) -> String {
    match field {
        "pin" => ctx.tv("pin", value),
        "status" => value
            .parse::<Status>()
            .map(|s| ctx.name(&s))
            .unwrap_or_else(|_| value.to_string()),
        "decision_making" | "planned_decision_making" => ctx.tv("dm", value),
        "industry" => match value.parse::<Industry>() {
            Ok(i) => ctx.industry(&Some(i)),
            // What the migration to codes could not name, kept as it was typed.
            Err(_) => value.to_string(),
        },
        "need" | "ability_to_pay" | "authority" | "is_image_maker" | "is_expert" => {
            ctx.tv("bool", value)
        }
        // The contact map's readings (engineer `contacts`).
        "decision_role" => named::<crate::domain::contact::DecisionRole>(ctx, value),
        "influence" => named::<crate::domain::contact::Influence>(ctx, value),
        "attitude" => named::<crate::domain::contact::Attitude>(ctx, value),
        "interaction" => named::<crate::domain::interaction::InteractionKind>(ctx, value),
        "kind" => value
            .parse::<crate::domain::geo::LocationKind>()
            .map(|k| ctx.name(&k))
            .unwrap_or_else(|_| value.to_string()),
        "planned_on" | "qualified_on" => value
            .parse::<chrono::NaiveDate>()
            .map(|d| ctx.date(&d))
            .unwrap_or_else(|_| value.to_string()),
        "country" => crate::domain::geo::CountryCode::parse(value)
            .map(|c| ctx.country(&c).to_string())
            .unwrap_or_else(|_| value.to_string()),
        _ => value.to_string(),
    }
}

/// A stored enumeration value in the reader's language; a name this build does not know, as
/// stored.
fn named<T: std::str::FromStr + crate::i18n::Named>(ctx: &PageCtx, value: &str) -> String {
    value
        .parse::<T>()
        .map(|v| ctx.name(&v))
        .unwrap_or_else(|_| value.to_string())
}
