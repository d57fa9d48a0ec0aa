//! `/accounts`: the list, `/accounts/new`, `/accounts/{id}` with the "why key / why not"
//! panel, and `/accounts/{id}/pin` (directors' key / not-key decision).

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Query};
use super::form::FieldErrors;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::domain::account::{AccountName, Importance, PinRefusal};
use crate::domain::ids::{AccountId, UserId};
use crate::domain::industry::Industry;
use crate::domain::permissions::Action;
use crate::domain::scoring::{DecisionMaking, Pin, Reason, Status};
use crate::domain::team::TeamRole;
use crate::domain::text;
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rust_decimal::Decimal;
use serde::Deserialize;
use tower_sessions::Session;

/// The account routes.
pub fn routes() -> Vec<Route> {
    let creator = Gate::Role(Action::CreateAccount);
    vec![
        Route::get("/accounts", Gate::SignedIn, list),
        Route::get("/accounts/new", creator, new_form),
        Route::post("/accounts/new", creator, create),
        Route::get("/accounts/{id}", Gate::Account(Action::ViewAccount), show),
        Route::post(
            "/accounts/{id}/pin",
            Gate::Account(Action::ManageKeyList),
            pin,
        ),
    ]
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    q: Option<String>,
    status: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/list.html")]
struct ListPage {
    ctx: PageCtx,
    accounts: Vec<db::accounts::AccountListRow>,
    q: String,
    status: Option<Status>,
    statuses: &'static [Status],
    limit: usize,
    /// A refused search term (message beside the search box).
    errors: FieldErrors,
}

impl ListPage {
    /// Whether the status filter is set to `s`.
    fn selected(&self, s: &Status) -> bool {
        self.status == Some(*s)
    }
}

const LIST_LIMIT: usize = 500;

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let raw_query = q.q.as_deref().unwrap_or("");
    let query = errors.optional_text("q", text::SEARCH, raw_query).flatten();
    // An unknown status in the query string filters nothing.
    let status = q.status.as_deref().and_then(|s| s.parse::<Status>().ok());
    let filter = db::accounts::ListFilter {
        scope: me.scope(),
        query: query.clone(),
        status,
        limit: LIST_LIMIT as i64,
    };
    if !errors.is_empty() {
        // Nothing is searched for a refused term; the box keeps what was typed.
        let page = ListPage {
            ctx,
            accounts: vec![],
            q: raw_query.to_string(),
            status,
            statuses: Status::ALL,
            limit: LIST_LIMIT,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let accounts = db::accounts::list(&state.pool, &filter).await?;
    Ok(ListPage {
        ctx,
        accounts,
        q: query.unwrap_or_default(),
        status,
        statuses: Status::ALL,
        limit: LIST_LIMIT,
        errors,
    }
    .into_response())
}

/// The new-account form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct NewAccountForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    industry: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    strategic_importance: String,
    #[serde(default)]
    decision_making: String,
    #[serde(default)]
    owner: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/new.html")]
struct NewPage {
    ctx: PageCtx,
    form: NewAccountForm,
    errors: FieldErrors,
    statuses: &'static [Status],
    decision_makings: &'static [DecisionMaking],
    industries: &'static [Industry],
    /// KAMs a director may choose as owner (empty for a KAM, who becomes the owner).
    owners: Vec<db::users::UserRow>,
}

async fn owner_choices(state: &AppState, me: &Me) -> AppResult<Vec<db::users::UserRow>> {
    if me.may(Action::AssignTeam) {
        Ok(db::users::list_active_with_roles(&state.pool, &[Role::Kam]).await?)
    } else {
        Ok(vec![])
    }
}

async fn new_form(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<NewPage> {
    let form = NewAccountForm {
        status: Status::Prospect.to_string(),
        strategic_importance: "0".into(),
        decision_making: DecisionMaking::Centralized.to_string(),
        ..Default::default()
    };
    Ok(NewPage {
        ctx,
        form,
        errors: FieldErrors::new(),
        statuses: Status::ALL,
        decision_makings: DecisionMaking::ALL,
        industries: Industry::ALL,
        owners: owner_choices(&state, &me).await?,
    })
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<NewAccountForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", AccountName::parse(&form.name));
    let status = errors.check(
        "status",
        form.status.parse::<Status>().map_err(|_| "invalid_choice"),
    );
    let importance = errors.check(
        "strategic_importance",
        Importance::parse(&form.strategic_importance),
    );
    let industry = errors.check("industry", Industry::parse_choice(&form.industry));
    let dm = errors.check(
        "decision_making",
        form.decision_making
            .parse::<DecisionMaking>()
            .map_err(|_| "invalid_choice"),
    );
    let owners = owner_choices(&state, &me).await?;
    // A KAM who creates an account becomes its owner; a director may name one (or none yet).
    let owner: Option<UserId> = if me.0.role == Role::Kam {
        Some(me.0.id)
    } else if form.owner.trim().is_empty() {
        None
    } else {
        match form.owner.parse::<UserId>() {
            Ok(id) if owners.iter().any(|u| u.id == id) => Some(id),
            _ => {
                errors.add("owner", "error-invalid-choice");
                None
            }
        }
    };
    if let (Some(name), Some(status), Some(importance), Some(dm), Some(industry), true) =
        (name, status, importance, dm, industry, errors.is_empty())
    {
        let mut tx = state.pool.begin().await?;
        let mut new = db::accounts::NewAccount::new(name.clone(), status, importance, dm);
        new.industry = industry;
        new.created_by = Some(me.0.id);
        let id = new.id;
        db::accounts::insert(&mut tx, &new).await?;
        if let Some(owner) = owner {
            let stint = db::teams::NewStint::starting_now(id, owner, TeamRole::Owner);
            db::teams::insert(&mut tx, &stint).await?;
        }
        db::audit::record(
            &mut *tx,
            &db::audit::Change {
                user: Some(me.0.id),
                account: Some(id),
                entity: "account",
                entity_id: Some(id.0),
                field: "created",
                old: None,
                new: Some(name.as_str().to_string()),
            },
        )
        .await?;
        state.scoring.commit_and_catch_up(tx).await?;
        flash(&session, "account-created").await;
        return Ok(Redirect::to(&format!("/accounts/{id}")).into_response());
    }
    let page = NewPage {
        ctx,
        form,
        errors,
        statuses: Status::ALL,
        decision_makings: DecisionMaking::ALL,
        industries: Industry::ALL,
        owners,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
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
#[template(path = "accounts/show.html")]
struct ShowPage {
    ctx: PageCtx,
    account: db::accounts::AccountRow,
    team: Vec<db::accounts::TeamMember>,
    locations: Vec<db::accounts::LocationRow>,
    result: Option<db::scoring::StoredResult>,
    summary: db::scoring::KeyListSummary,
    settings: crate::domain::scoring::Settings,
    planned_gaps: Vec<(
        crate::domain::geo::CountryCode,
        String,
        Option<chrono::NaiveDate>,
    )>,
    history: Vec<db::audit::Entry>,
    can_pin: bool,
    pin_form: PinForm,
    pin_errors: FieldErrors,
    /// Who could be unpinned, when a key pin was refused because pins fill the cap.
    unpin_candidates: Vec<db::scoring::KeyListRow>,
}

impl ShowPage {
    /// `weight_potential` and its complement, as shown in the formula.
    fn weights(&self) -> (Decimal, Decimal) {
        let w = self.settings.weight_potential;
        (w, Decimal::ONE - w)
    }

    /// A recorded value in the reader's language where it is a stored name (a pin), as typed
    /// otherwise.
    fn history_value(&self, field: &str, value: &str) -> String {
        match field {
            "pin" => self.ctx.tv("pin", value),
            "industry" => match value.parse::<Industry>() {
                Ok(i) => self.ctx.industry(&Some(i)),
                // What the migration to codes could not name, kept as it was typed.
                Err(_) => value.to_string(),
            },
            _ => value.to_string(),
        }
    }

    /// Whether the account has a current owner.
    fn has_owner(&self) -> bool {
        self.team.iter().any(|m| m.team_role == TeamRole::Owner)
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

async fn load_show_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    id: AccountId,
    pin_form: PinForm,
    pin_errors: FieldErrors,
    unpin_candidates: Vec<db::scoring::KeyListRow>,
) -> AppResult<ShowPage> {
    let account = db::accounts::get(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let pin_form = if pin_errors.is_empty() {
        PinForm {
            pin: account.pin.to_string(),
            reason: account.pin_reason.clone().unwrap_or_default(),
            version: account.version,
        }
    } else {
        PinForm {
            version: account.version,
            ..pin_form
        }
    };
    Ok(ShowPage {
        ctx,
        team: db::accounts::team(&state.pool, id).await?,
        locations: db::accounts::locations(&state.pool, id).await?,
        result: db::scoring::result_for(&state.pool, id).await?,
        summary: db::scoring::summary(&state.pool).await?,
        settings: db::scoring::current_settings(&state.pool).await?.settings,
        planned_gaps: db::scoring::planned_gaps(&state.pool, id).await?,
        history: db::audit::for_account(&state.pool, id, 50).await?,
        can_pin: me.may(Action::ManageKeyList),
        account,
        pin_form,
        pin_errors,
        unpin_candidates,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<ShowPage> {
    load_show_page(
        &state,
        ctx,
        &me,
        account.id,
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
            let page = load_show_page(&state, ctx, &me, id, form, errors, vec![]).await?;
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
            for (field, old, new) in [
                ("pin", Some(current.pin.to_string()), Some(pin.to_string())),
                (
                    "pin_reason",
                    current.pin_reason.clone(),
                    (pin != Pin::None).then(|| reason.clone()),
                ),
            ] {
                if old != new {
                    db::audit::record(
                        &mut *tx,
                        &db::audit::Change {
                            user: Some(me.0.id),
                            account: Some(id),
                            entity: "account",
                            entity_id: Some(id.0),
                            field,
                            old,
                            new,
                        },
                    )
                    .await?;
                }
            }
            state.scoring.commit_and_catch_up(tx).await?;
            flash(&session, "pin-saved").await;
            return Ok(Redirect::to(&format!("/accounts/{id}#why")).into_response());
        }
    }
    let page = load_show_page(&state, ctx, &me, id, form, errors, unpin_candidates).await?;
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
