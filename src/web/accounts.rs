//! `/accounts/new` (the list is [`super::account_list`]). One account's pages are
//! [`super::account`] and the dossier's sections.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::Form;
use super::form::FieldErrors;
use super::routes::{Gate, Route};
use crate::db;
use crate::domain::account::{AccountName, Importance};
use crate::domain::ids::UserId;
use crate::domain::industry::Industry;
use crate::domain::permissions::Action;
use crate::domain::scoring::{DecisionMaking, Status};
use crate::domain::team::TeamRole;
use crate::domain::user::Role;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// The account routes.
pub fn routes() -> Vec<Route> {
    let creator = Gate::Role(Action::CreateAccount);
    vec![
        Route::get("/accounts/new", creator, new_form),
        Route::post("/accounts/new", creator, create),
    ]
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
        db::audit::record_fields(
            &mut tx,
            &db::audit::FieldChanges {
                user: Some(me.0.id),
                account: id,
                section: "account",
                entity: "account",
                entity_id: Some(id.0),
                item: None,
                fields: vec![("created", None, Some(name.as_str().to_string()))],
            },
        )
        .await?;
        db::dossier::refresh_completeness(&mut tx, &[id]).await?;
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
