//! `/accounts/{id}/footprint`: where the client is today and how it decides (its league), and
//! its development plans: planned places with dates, strategy, investments (the projected
//! league), with the planned regions where our company is not present flagged.
//!
//! How decisions are made and the plans' texts are parts of fields
//! ([`super::fields::DECISIONS`], [`super::fields::PLANS`]); each place is a record with its
//! own version: `/accounts/{id}/footprint/locations/new` (`?kind=planned` for a planned one),
//! `/accounts/{id}/footprint/locations/{location}` (edit) and `.../delete`. A current place
//! is part of the footprint section's history, a planned one of the development plans'.

use super::fields::{self, Stored};
use crate::db;
use crate::db::locations::{LocationFields, LocationRow};
use crate::domain::dossier::Section;
use crate::domain::geo::{CountryCode, LocationKind};
use crate::domain::ids::LocationId;
use crate::domain::permissions::Action;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::conflict::ConflictView;
use crate::web::ctx::{Me, PageCtx, flash};
use crate::web::extract::{Form, Path, Query};
use crate::web::form::{FieldErrors, FieldProblem};
use crate::web::hub::Hub;
use crate::web::routes::{Gate, OnAccount, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tower_sessions::Session;

/// The footprint's routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/footprint", view, show),
        Route::get("/accounts/{id}/footprint/locations/new", edit, new_form),
        Route::post("/accounts/{id}/footprint/locations/new", edit, create),
        Route::get(
            "/accounts/{id}/footprint/locations/{location}",
            edit,
            edit_form,
        ),
        Route::post("/accounts/{id}/footprint/locations/{location}", edit, save),
        Route::post(
            "/accounts/{id}/footprint/locations/{location}/delete",
            edit,
            delete,
        ),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/footprint.html")]
struct FootprintPage {
    ctx: PageCtx,
    hub: Hub,
    stored: Stored,
    locations: Vec<LocationRow>,
}

impl FootprintPage {
    fn current(&self) -> impl Iterator<Item = &LocationRow> {
        self.locations
            .iter()
            .filter(|l| l.kind == LocationKind::Current)
    }

    fn planned(&self) -> impl Iterator<Item = &LocationRow> {
        self.locations
            .iter()
            .filter(|l| l.kind == LocationKind::Planned)
    }

    fn has_current(&self) -> bool {
        self.current().next().is_some()
    }

    fn has_planned(&self) -> bool {
        self.planned().next().is_some()
    }

    fn decisions(&self) -> &'static fields::Part {
        &fields::DECISIONS
    }

    fn plans(&self) -> &'static fields::Part {
        &fields::PLANS
    }

    fn location_href(&self, l: &LocationRow) -> String {
        format!("{}/locations/{}", self.hub.href("footprint"), l.id)
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FootprintPage> {
    let hub = Hub::load(&state, &me, account, "footprint").await?;
    Ok(FootprintPage {
        ctx,
        hub,
        stored: fields::load(&state, account).await?,
        locations: db::locations::list(&state.pool, account.id).await?,
    })
}

/// A place's form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct LocationForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    planned_on: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    version: i32,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl LocationForm {
    fn of(l: &LocationRow) -> LocationForm {
        LocationForm {
            kind: l.kind.to_string(),
            country: l.country.as_str().to_string(),
            region: l.region.clone(),
            city: l.city.clone(),
            planned_on: l.planned_on.map(|d| d.to_string()).unwrap_or_default(),
            note: l.note.clone(),
            version: l.version,
        }
    }

    /// Every field parsed (the texts through the one text parser); `None` with the messages.
    fn parse(&self, errors: &mut FieldErrors, today: NaiveDate) -> Option<LocationFields> {
        let kind = errors.check(
            "kind",
            self.kind
                .parse::<LocationKind>()
                .map_err(|_| "invalid_choice"),
        );
        let country = errors.check(
            "country",
            CountryCode::parse(self.country.trim()).map_err(|_| "unknown_country"),
        );
        let region = errors.text("region", text::LABEL, &self.region);
        let city = errors.optional_text("city", text::LABEL, &self.city);
        let note = errors.optional_text("note", text::SHORT_NOTE, &self.note);
        let planned_on = errors
            .check(
                "planned_on",
                crate::web::deals::parse_date(&self.planned_on),
            )
            .flatten();
        match (kind, planned_on) {
            (Some(LocationKind::Current), Some(_)) => {
                errors.add("planned_on", "error-planned-on-current")
            }
            (Some(LocationKind::Planned), Some(d)) if d < today => {
                errors.add("planned_on", "date_in_past".message_key())
            }
            _ => {}
        }
        if !errors.is_empty() {
            return None;
        }
        Some(LocationFields {
            kind: kind?,
            country: country?,
            region: region?,
            city: city?.unwrap_or_default(),
            planned_on,
            note: note?.unwrap_or_default(),
        })
    }
}

/// A place as the audit log records it.
fn recorded(f: &LocationFields) -> [(&'static str, Option<String>); 6] {
    let some = |s: &String| (!s.is_empty()).then(|| s.clone());
    [
        ("kind", Some(f.kind.to_string())),
        ("country", Some(f.country.as_str().to_string())),
        ("region", some(&f.region)),
        ("city", some(&f.city)),
        ("planned_on", f.planned_on.map(|d| d.to_string())),
        ("note", some(&f.note)),
    ]
}

/// The section a place belongs to: a current one to the footprint, a planned one to the plans.
fn section_of(f: &LocationFields) -> Section {
    match f.kind {
        LocationKind::Current => Section::Footprint,
        LocationKind::Planned => Section::Development,
    }
}

/// Records a place's change in the history (`before`/`after` None: added/removed).
async fn record(
    tx: &mut sqlx::PgConnection,
    me: &Me,
    account: OnAccount,
    id: LocationId,
    before: Option<&LocationFields>,
    after: Option<&LocationFields>,
) -> sqlx::Result<usize> {
    let (Some(any), old, new) = (after.or(before), before.map(recorded), after.map(recorded))
    else {
        return Ok(0);
    };
    let fields = (0..6)
        .map(|i| {
            let name = recorded(any)[i].0;
            (
                name,
                old.as_ref().and_then(|o| o[i].1.clone()),
                new.as_ref().and_then(|n| n[i].1.clone()),
            )
        })
        .collect();
    let item = [any.city.as_str(), any.region.as_str(), any.country.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    db::audit::record_fields(
        tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: account.id,
            section: section_of(any).as_str(),
            entity: "location",
            entity_id: Some(id.0),
            item: Some(item),
            fields,
        },
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/location_form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    /// The place edited (None: a new one).
    location: Option<LocationId>,
    form: LocationForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl FormPage {
    fn action(&self) -> String {
        match self.location {
            Some(l) => format!("{}/locations/{l}", self.hub.href("footprint")),
            None => format!("{}/locations/new", self.hub.href("footprint")),
        }
    }

    /// Every country, by its name in the reader's language.
    fn countries(&self) -> Vec<(&'static str, &'static str)> {
        let mut all: Vec<_> = CountryCode::all()
            .map(|c| (c.as_str(), self.ctx.country(&c)))
            .collect();
        all.sort_by(|a, b| a.1.cmp(b.1));
        all
    }
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    location: Option<LocationId>,
    form: LocationForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
) -> AppResult<FormPage> {
    Ok(FormPage {
        hub: Hub::load(state, me, account, "footprint").await?,
        ctx,
        location,
        form,
        errors,
        conflict,
    })
}

/// `?kind=planned` opens the form for a planned place.
#[derive(Debug, Default, Deserialize)]
struct NewQuery {
    kind: Option<String>,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<NewQuery>,
) -> AppResult<FormPage> {
    let kind = q
        .kind
        .and_then(|k| k.parse::<LocationKind>().ok())
        .unwrap_or(LocationKind::Current);
    let form = LocationForm {
        kind: kind.to_string(),
        ..LocationForm::default()
    };
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
    Form(form): Form<LocationForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let Some(fields) = form.parse(&mut errors, today()) else {
        let page = form_page(&state, ctx, &me, account, None, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let id = LocationId::new();
    let mut tx = state.pool.begin().await?;
    db::locations::insert(
        &mut tx,
        &db::locations::NewLocation {
            id,
            account_id: account.id,
            country: fields.country,
            region: fields.region.clone(),
            city: fields.city.clone(),
            kind: fields.kind,
            planned_on: fields.planned_on,
            note: fields.note.clone(),
            created_at: None,
        },
    )
    .await?;
    record(&mut tx, &me, account, id, None, Some(&fields)).await?;
    db::dossier::refresh_completeness(&mut tx, &[account.id]).await?;
    // The league and the projected league follow the places.
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "location-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/footprint", account.id)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, location)): Path<(String, LocationId)>,
) -> AppResult<FormPage> {
    let row = db::locations::get(&state.pool, account.id, location)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = LocationForm::of(&row);
    form_page(
        &state,
        ctx,
        &me,
        account,
        Some(location),
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

/// The page for a stale save or delete: the stored place beside what was typed (or the note
/// that it is gone), the form keeping the input at the stored version.
async fn conflict_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    location: LocationId,
    form: LocationForm,
) -> AppResult<AppError> {
    let stored = db::locations::get(&state.pool, account.id, location).await?;
    let (conflict, version) = match &stored {
        None => (ConflictView::removed(), form.version),
        Some(s) => {
            let theirs = LocationForm::of(s);
            let kind = |k: &str| {
                k.parse::<LocationKind>()
                    .map(|k| ctx.name(&k))
                    .unwrap_or_default()
            };
            let country = |c: &str| {
                CountryCode::parse(c.trim())
                    .map(|c| ctx.country(&c).to_string())
                    .unwrap_or_else(|_| c.to_string())
            };
            (
                ConflictView::new(None, None)
                    .row("field-kind", kind(&form.kind), kind(&theirs.kind))
                    .row(
                        "field-country",
                        country(&form.country),
                        country(&theirs.country),
                    )
                    .row("field-region", form.region.clone(), theirs.region)
                    .row("field-city", form.city.clone(), theirs.city)
                    .row(
                        "field-planned-on",
                        form.planned_on.clone(),
                        theirs.planned_on,
                    )
                    .row("field-note", form.note.clone(), theirs.note),
                s.version,
            )
        }
    };
    let form = LocationForm { version, ..form };
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
    Path((_, location)): Path<(String, LocationId)>,
    Form(form): Form<LocationForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let Some(fields) = form.parse(&mut errors, today()) else {
        let page = form_page(
            &state,
            ctx,
            &me,
            account,
            Some(location),
            form,
            errors,
            None,
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.pool.begin().await?;
    let Some(before) =
        db::locations::update(&mut tx, account.id, location, form.version, &fields).await?
    else {
        drop(tx);
        return Err(conflict_page(&state, ctx, &me, account, location, form).await?);
    };
    record(
        &mut tx,
        &me,
        account,
        location,
        Some(&before),
        Some(&fields),
    )
    .await?;
    db::dossier::refresh_completeness(&mut tx, &[account.id]).await?;
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "location-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/footprint", account.id)).into_response())
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
    Path((_, location)): Path<(String, LocationId)>,
    Form(del): Form<DeleteForm>,
) -> AppResult<Response> {
    let mut tx = state.pool.begin().await?;
    let Some(before) = db::locations::delete(&mut tx, account.id, location, del.version).await?
    else {
        drop(tx);
        let form = match db::locations::get(&state.pool, account.id, location).await? {
            Some(row) => LocationForm {
                version: del.version,
                ..LocationForm::of(&row)
            },
            None => LocationForm::default(),
        };
        return Err(conflict_page(&state, ctx, &me, account, location, form).await?);
    };
    record(&mut tx, &me, account, location, Some(&before), None).await?;
    db::dossier::refresh_completeness(&mut tx, &[account.id]).await?;
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "location-removed").await;
    Ok(Redirect::to(&format!("/accounts/{}/footprint", account.id)).into_response())
}
