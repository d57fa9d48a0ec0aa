//! `/accounts/new`, which warns about likely duplicates before saving (the list is
//! [`super::account_list`], the directors' pairs [`super::duplicates`]). One account's pages are
//! [`super::account`] and the dossier's sections.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::Form;
use super::form::FieldErrors;
use super::routes::{Gate, Route};
use crate::db;
use crate::domain::account::{AccountName, Importance, TaxId};
use crate::domain::duplicate;
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
    #[serde(default)]
    tax_id: String,
    /// The "create anyway" box, shown beside the likely duplicates.
    #[serde(default)]
    create_anyway: String,
    /// The duplicate key of the name the likely duplicates were shown for: ticking the box
    /// confirms those, not the ones of a name typed afterwards.
    #[serde(default)]
    warned_key: String,
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
    /// The likely duplicates found on save (empty on the first visit).
    duplicates: Duplicates,
}

/// The likely duplicates of the account about to be created, as the reader may see them.
#[derive(Debug, Clone, Default)]
struct Duplicates {
    /// The ones the reader may see.
    visible: Vec<db::duplicates::Candidate>,
    /// How many others exist that the reader may not see (never named).
    hidden: i64,
    /// Whether one of them holds the tax id: the account cannot be created with it.
    tax_id_taken: bool,
    /// The duplicate key they were found for (the form's `warned_key`).
    key: String,
}

impl Duplicates {
    fn any(&self) -> bool {
        !self.visible.is_empty() || self.hidden > 0
    }
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
        duplicates: Duplicates::default(),
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
    let tax_id = errors.check("tax_id", TaxId::parse_optional(&form.tax_id));
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
    // Likely duplicates are looked for once the name (and tax id) are readable: an account with
    // the same tax id cannot be created; one with a likely twin name only once the user has
    // seen the candidates and ticked "create anyway" for this very name.
    let mut duplicates = Duplicates::default();
    if let (Some(name), Some(tax_id)) = (&name, &tax_id) {
        let key = duplicate::duplicate_key(name.as_str());
        let found =
            db::duplicates::candidates(&state.pool, me.scope(), &key, tax_id.as_ref()).await?;
        duplicates.tax_id_taken = found.iter().any(|c| c.same_tax_id);
        duplicates.hidden = found.iter().filter(|c| !c.visible).count() as i64;
        duplicates.visible = found.into_iter().filter(|c| c.visible).collect();
        duplicates.key = key;
        if duplicates.tax_id_taken {
            errors.add("tax_id", "error-tax-id-taken");
        } else if duplicates.any()
            && !(form.create_anyway == "1" && form.warned_key == duplicates.key)
        {
            errors.add("create_anyway", "dup-confirm-needed");
        }
    }
    if let (
        Some(name),
        Some(status),
        Some(importance),
        Some(dm),
        Some(industry),
        Some(tax_id),
        true,
    ) = (
        name,
        status,
        importance,
        dm,
        industry,
        tax_id,
        errors.is_empty(),
    ) {
        let mut tx = state.pool.begin().await?;
        let mut new = db::accounts::NewAccount::new(name.clone(), status, importance, dm);
        new.industry = industry;
        new.tax_id = tax_id;
        new.created_by = Some(me.0.id);
        let id = new.id;
        match db::accounts::insert(&mut tx, &new).await {
            Err(e) if db::is_unique_violation(&e, "accounts_tax_id_unique") => {
                // Taken between the check and the save: shown as the check shows it.
                drop(tx);
                errors.add("tax_id", "error-tax-id-taken");
                let page = NewPage {
                    ctx,
                    form,
                    errors,
                    statuses: Status::ALL,
                    decision_makings: DecisionMaking::ALL,
                    industries: Industry::ALL,
                    owners,
                    duplicates,
                };
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
            r => r?,
        }
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
                fields: vec![
                    ("created", None, Some(name.as_str().to_string())),
                    (
                        "tax_id",
                        None,
                        new.tax_id.as_ref().map(|t| t.as_str().to_string()),
                    ),
                ],
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
        duplicates,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
