//! `/accounts/{id}/competitors`: who courts this client, what they offer, where they are
//! strong and our position against each, beside the competitive picture as a whole (a part of
//! fields, see [`super::fields::COMPETITION`]). Each competitor is a record with its own
//! version: `/accounts/{id}/competitors/new`, `/accounts/{id}/competitors/{competitor}` (edit)
//! and `.../delete`.

use super::fields::{self, Stored};
use crate::db;
use crate::db::competitors::{CompetitorFields, CompetitorRow};
use crate::domain::dossier::Section;
use crate::domain::ids::CompetitorId;
use crate::domain::permissions::Action;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::conflict::ConflictView;
use crate::web::ctx::{Me, PageCtx, flash};
use crate::web::extract::{Form, Path};
use crate::web::form::FieldErrors;
use crate::web::hub::Hub;
use crate::web::routes::{Gate, OnAccount, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

/// The competitors' routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/competitors", view, list),
        Route::get("/accounts/{id}/competitors/new", edit, new_form),
        Route::post("/accounts/{id}/competitors/new", edit, create),
        Route::get("/accounts/{id}/competitors/{competitor}", edit, edit_form),
        Route::post("/accounts/{id}/competitors/{competitor}", edit, save),
        Route::post(
            "/accounts/{id}/competitors/{competitor}/delete",
            edit,
            delete,
        ),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/competitors.html")]
struct ListPage {
    ctx: PageCtx,
    hub: Hub,
    part: &'static fields::Part,
    stored: Stored,
    competitors: Vec<CompetitorRow>,
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<ListPage> {
    let hub = Hub::load(&state, &me, account, "competitors").await?;
    Ok(ListPage {
        ctx,
        hub,
        part: &fields::COMPETITION,
        stored: fields::load(&state, account).await?,
        competitors: db::competitors::list(&state.pool, account.id).await?,
    })
}

/// The competitor form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct CompetitorForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    strengths: String,
    #[serde(default)]
    our_position: String,
    #[serde(default)]
    version: i32,
}

impl CompetitorForm {
    fn of(row: &CompetitorRow) -> CompetitorForm {
        CompetitorForm {
            name: row.name.clone(),
            offering: row.offering.clone(),
            strengths: row.strengths.clone(),
            our_position: row.our_position.clone(),
            version: row.version,
        }
    }

    /// Every field through the one text parser; `None` with the messages when refused.
    fn parse(&self, errors: &mut FieldErrors) -> Option<CompetitorFields> {
        let name = errors.text("name", text::COMPANY_NAME, &self.name);
        let offering = errors.optional_text("offering", text::NOTE, &self.offering);
        let strengths = errors.optional_text("strengths", text::NOTE, &self.strengths);
        let our_position = errors.optional_text("our_position", text::NOTE, &self.our_position);
        Some(CompetitorFields {
            name: name?,
            offering: offering?.unwrap_or_default(),
            strengths: strengths?.unwrap_or_default(),
            our_position: our_position?.unwrap_or_default(),
        })
    }
}

/// The fields as the audit log records them: `(field, value)`.
fn recorded(f: &CompetitorFields) -> [(&'static str, Option<String>); 4] {
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());
    [
        ("competitor_name", some(&f.name)),
        ("offering", some(&f.offering)),
        ("strengths", some(&f.strengths)),
        ("our_position", some(&f.our_position)),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/competitor_form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    /// The competitor edited (None: a new one).
    competitor: Option<CompetitorId>,
    form: CompetitorForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl FormPage {
    fn action(&self) -> String {
        match self.competitor {
            Some(c) => format!("{}/{c}", self.hub.href("competitors")),
            None => format!("{}/new", self.hub.href("competitors")),
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    competitor: Option<CompetitorId>,
    form: CompetitorForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
) -> AppResult<FormPage> {
    Ok(FormPage {
        hub: Hub::load(state, me, account, "competitors").await?,
        ctx,
        competitor,
        form,
        errors,
        conflict,
    })
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FormPage> {
    let form = CompetitorForm::default();
    form_page(
        &state,
        ctx,
        &me,
        account,
        None,
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<CompetitorForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let Some(fields) = form.parse(&mut errors).filter(|_| errors.is_empty()) else {
        let page = form_page(&state, ctx, &me, account, None, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let id = CompetitorId::new();
    let mut tx = state.pool.begin().await?;
    db::competitors::insert(
        &mut tx,
        &db::competitors::NewCompetitor {
            id,
            account_id: account.id,
            name: fields.name.clone(),
            offering: fields.offering.clone(),
            strengths: fields.strengths.clone(),
            our_position: fields.our_position.clone(),
            created_at: None,
        },
    )
    .await?;
    record(&mut tx, &me, account, id, None, Some(&fields)).await?;
    db::dossier::refresh_completeness(&mut tx, &[account.id]).await?;
    tx.commit().await?;
    flash(&session, "competitor-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/competitors", account.id)).into_response())
}

/// Records a competitor's change in the history (`before`/`after` None: added/removed).
async fn record(
    tx: &mut sqlx::PgConnection,
    me: &Me,
    account: OnAccount,
    id: CompetitorId,
    before: Option<&CompetitorFields>,
    after: Option<&CompetitorFields>,
) -> sqlx::Result<usize> {
    let old = before.map(recorded);
    let new = after.map(recorded);
    let fields = (0..4)
        .map(|i| {
            let name = recorded(&CompetitorFields::default())[i].0;
            (
                name,
                old.as_ref().and_then(|o| o[i].1.clone()),
                new.as_ref().and_then(|n| n[i].1.clone()),
            )
        })
        .collect();
    let item = after.or(before).map(|f| f.name.clone());
    db::audit::record_fields(
        tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: account.id,
            section: Section::Competitors.as_str(),
            entity: "competitor",
            entity_id: Some(id.0),
            item,
            fields,
        },
    )
    .await
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, competitor)): Path<(String, CompetitorId)>,
) -> AppResult<FormPage> {
    let row = db::competitors::get(&state.pool, account.id, competitor)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = CompetitorForm::of(&row);
    form_page(
        &state,
        ctx,
        &me,
        account,
        Some(competitor),
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

/// The page for a stale save or delete: the stored competitor beside what was typed (or the
/// note that it is gone), the form keeping the input at the stored version.
async fn conflict_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    competitor: CompetitorId,
    form: CompetitorForm,
) -> AppResult<AppError> {
    let stored = db::competitors::get(&state.pool, account.id, competitor).await?;
    let (conflict, version) = match &stored {
        None => (ConflictView::removed(), form.version),
        Some(s) => (
            ConflictView::new(None, Some(s.updated_at))
                .row("field-competitor-name", form.name.clone(), s.name.clone())
                .row("field-offering", form.offering.clone(), s.offering.clone())
                .row(
                    "field-strengths",
                    form.strengths.clone(),
                    s.strengths.clone(),
                )
                .row(
                    "field-our-position",
                    form.our_position.clone(),
                    s.our_position.clone(),
                ),
            s.version,
        ),
    };
    let form = CompetitorForm { version, ..form };
    let page = form_page(
        state,
        ctx,
        me,
        account,
        stored.map(|s| s.id),
        form,
        FieldErrors::new(),
        Some(conflict),
    )
    .await?;
    Ok(AppError::conflict(page))
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, competitor)): Path<(String, CompetitorId)>,
    Form(form): Form<CompetitorForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let Some(fields) = form.parse(&mut errors).filter(|_| errors.is_empty()) else {
        let page = form_page(
            &state,
            ctx,
            &me,
            account,
            Some(competitor),
            form,
            errors,
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.pool.begin().await?;
    let Some(before) =
        db::competitors::update(&mut tx, account.id, competitor, form.version, &fields).await?
    else {
        drop(tx);
        return Err(conflict_page(&state, ctx, &me, account, competitor, form).await?);
    };
    record(
        &mut tx,
        &me,
        account,
        competitor,
        Some(&before),
        Some(&fields),
    )
    .await?;
    tx.commit().await?;
    flash(&session, "competitor-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/competitors", account.id)).into_response())
}

/// The delete button's form: the version the reader saw.
#[derive(Debug, Deserialize)]
struct DeleteForm {
    version: i32,
}

async fn delete(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, competitor)): Path<(String, CompetitorId)>,
    Form(del): Form<DeleteForm>,
) -> AppResult<Response> {
    let mut tx = state.pool.begin().await?;
    let Some(before) =
        db::competitors::delete(&mut tx, account.id, competitor, del.version).await?
    else {
        drop(tx);
        // Stale: the stored competitor is shown (or that it is gone); nothing is removed.
        let form = match db::competitors::get(&state.pool, account.id, competitor).await? {
            Some(row) => CompetitorForm {
                version: del.version,
                ..CompetitorForm::of(&row)
            },
            None => CompetitorForm::default(),
        };
        return Err(conflict_page(&state, ctx, &me, account, competitor, form).await?);
    };
    record(&mut tx, &me, account, competitor, Some(&before), None).await?;
    db::dossier::refresh_completeness(&mut tx, &[account.id]).await?;
    tx.commit().await?;
    flash(&session, "competitor-removed").await;
    Ok(Redirect::to(&format!("/accounts/{}/competitors", account.id)).into_response())
}
