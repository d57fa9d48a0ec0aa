//! `/accounts/{id}/team`: an account's team (owner, assistants, cross-functional members with
//! their functions and dates), its ownership history, the handover form (directors and
//! admins), and KAMs' offers to take on an unowned key client; `/assistants`: which assistant
//! works for which KAM.
//!
//! Every change is one transaction that first locks the account's team
//! ([`db::teams::lock_team`]), records its audit entries and commits with the recompute, so the
//! unowned-key alarm on every director page is right on the page the change redirects to.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Path};
use super::form::FieldErrors;
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::teams::{Header, NewHandover, NewStint, OfferRow, OwnerStint, Person, StintRow};
use crate::domain::ids::{AccountId, HandoverId, OfferId, TeamStintId, UserId};
use crate::domain::permissions::{Action, allows};
use crate::domain::system_text::Text;
use crate::domain::team::{
    self, HandoverReason, Load, OfferStatus, TeamFunction, TeamRole, owner_refusal,
};
use crate::domain::text;
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use tower_sessions::Session;

/// The team routes.
pub fn routes() -> Vec<Route> {
    let assign = Gate::Account(Action::AssignTeam);
    vec![
        Route::get(
            "/accounts/{id}/team",
            Gate::Account(Action::ViewKeyProfile),
            show,
        ),
        Route::post("/accounts/{id}/team/owner", assign, hand_over),
        Route::post("/accounts/{id}/team/members", assign, add_member),
        Route::post("/accounts/{id}/team/members/{stint}", assign, edit_member),
        Route::post(
            "/accounts/{id}/offers",
            Gate::Account(Action::OfferToOwn),
            offer,
        ),
        Route::post("/accounts/{id}/offers/{offer}", assign, decide),
        Route::get("/assistants", Gate::Role(Action::AssignTeam), assistants),
        Route::post(
            "/assistants/{id}",
            Gate::Role(Action::AssignTeam),
            save_assistant,
        ),
    ]
}

/// The handover form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct HandoverForm {
    #[serde(default)]
    new_owner: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    note: String,
    /// The owner the director saw (empty: none): a different one now means someone else
    /// changed the owner meanwhile.
    #[serde(default)]
    current_owner: String,
}

/// The add-a-member form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    user: String,
    #[serde(default)]
    team_role: String,
    #[serde(default)]
    function: String,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    ended_on: String,
}

/// The edit-a-stint form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StintForm {
    #[serde(default)]
    function: String,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    ended_on: String,
    #[serde(default)]
    version: String,
}

/// A KAM's offer as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfferForm {
    #[serde(default)]
    note: String,
}

/// A director's decision on an offer as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "teams/show.html")]
struct TeamPage {
    ctx: PageCtx,
    /// The account hub's header and tabs (this page is its "team" section).
    hub: Hub,
    header: Header,
    cut_line: Option<rust_decimal::Decimal>,
    owner: Option<Person>,
    history: Vec<OwnerStint>,
    stints: Vec<StintRow>,
    offers: Vec<OfferRow>,
    /// Directors and admins: the forms.
    can_assign: bool,
    /// A KAM who may offer to take this client on (it is key and unowned, and they have no
    /// open offer yet).
    can_offer: bool,
    kams: Vec<Person>,
    people: Vec<Person>,
    handover: HandoverForm,
    handover_errors: FieldErrors,
    member: MemberForm,
    member_errors: FieldErrors,
    /// The stint whose edit was refused, with what was typed.
    edit: Option<(TeamStintId, StintForm, FieldErrors)>,
    offer: OfferForm,
    offer_errors: FieldErrors,
    /// The offer whose decision was refused.
    decision: Option<(OfferId, DecisionForm, FieldErrors)>,
}

impl TeamPage {
    fn current(&self) -> Vec<&StintRow> {
        self.stints
            .iter()
            .filter(|s| s.ended_on.is_none())
            .collect()
    }

    fn past(&self) -> Vec<&StintRow> {
        self.stints
            .iter()
            .filter(|s| s.ended_on.is_some())
            .collect()
    }

    /// The edit form of a stint: what was typed when its save was refused, else its values.
    fn stint_form(&self, s: &StintRow) -> (StintForm, FieldErrors) {
        match &self.edit {
            Some((id, form, errors)) if *id == s.id => (form.clone(), errors.clone()),
            _ => (
                StintForm {
                    function: s.function.map(|f| f.to_string()).unwrap_or_default(),
                    started_on: s.started_on.to_string(),
                    ended_on: s.ended_on.map(|d| d.to_string()).unwrap_or_default(),
                    version: s.version.to_string(),
                },
                FieldErrors::new(),
            ),
        }
    }

    fn decision_form(&self, o: &OfferRow) -> (DecisionForm, FieldErrors) {
        match &self.decision {
            Some((id, form, errors)) if *id == o.id => (form.clone(), errors.clone()),
            _ => (
                DecisionForm {
                    version: o.version.to_string(),
                    ..DecisionForm::default()
                },
                FieldErrors::new(),
            ),
        }
    }

    fn current_owner_value(&self) -> String {
        self.owner
            .as_ref()
            .map(|o| o.id.to_string())
            .unwrap_or_default()
    }

    fn functions(&self) -> &'static [TeamFunction] {
        TeamFunction::ALL
    }

    fn reasons(&self) -> &'static [HandoverReason] {
        HandoverReason::CHOICES
    }

    fn member_roles(&self) -> [TeamRole; 2] {
        [TeamRole::Assistant, TeamRole::Member]
    }
}

/// What the page shows beyond its data: the forms as typed, and their errors.
#[derive(Default)]
struct Forms {
    handover: Option<(HandoverForm, FieldErrors)>,
    member: Option<(MemberForm, FieldErrors)>,
    edit: Option<(TeamStintId, StintForm, FieldErrors)>,
    offer: Option<(OfferForm, FieldErrors)>,
    decision: Option<(OfferId, DecisionForm, FieldErrors)>,
}

async fn load(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    forms: Forms,
) -> AppResult<TeamPage> {
    let pool = &state.pool;
    let id = account.id;
    let header = db::teams::header(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let hub = Hub::load(state, me, account, "team").await?;
    let owner = db::teams::current_owner(pool, id).await?;
    let offers = db::teams::offers_for(pool, id).await?;
    let can_assign = allows(me.0.role, Action::AssignTeam, account.relation);
    let may_offer = allows(me.0.role, Action::OfferToOwn, account.relation);
    let can_offer = may_offer
        && header.is_key
        && owner.is_none()
        && !offers
            .iter()
            .any(|o| o.status == OfferStatus::Open && o.kam_id == me.0.id);
    let (people, kams) = if can_assign {
        let people = db::teams::people(pool).await?;
        let kams = people
            .iter()
            .filter(|p| p.role == Role::Kam)
            .cloned()
            .collect();
        (people, kams)
    } else {
        (vec![], vec![])
    };
    let (handover, handover_errors) = forms.handover.unwrap_or_default();
    let (member, member_errors) = forms.member.unwrap_or_else(|| {
        (
            MemberForm {
                team_role: TeamRole::Member.to_string(),
                started_on: today().to_string(),
                ..MemberForm::default()
            },
            FieldErrors::new(),
        )
    });
    let (offer, offer_errors) = forms.offer.unwrap_or_default();
    Ok(TeamPage {
        ctx,
        hub,
        cut_line: db::scoring::summary(pool).await?.cut_line,
        history: db::teams::ownership_history(pool, id).await?,
        stints: db::teams::stints(pool, id).await?,
        header,
        owner,
        offers,
        can_assign,
        can_offer,
        kams,
        people,
        handover,
        handover_errors,
        member,
        member_errors,
        edit: forms.edit,
        offer,
        offer_errors,
        decision: forms.decision,
    })
}

/// Today, for the stints' dates (the server's date, as the database's `current_date`).
fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<TeamPage> {
    load(&state, ctx, &me, account, Forms::default()).await
}

/// The form again with its messages: 422, or 409 when someone else changed the team first.
async fn refuse(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    forms: Forms,
    conflict: bool,
) -> AppResult<Response> {
    let page = load(state, ctx, me, account, forms).await?;
    if conflict {
        Err(AppError::conflict(page))
    } else {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    }
}

fn parse_date(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<NaiveDate> {
    errors.check(
        field,
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| "invalid_date"),
    )
}

fn parse_optional_date(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
) -> Option<Option<NaiveDate>> {
    if raw.trim().is_empty() {
        Some(None)
    } else {
        parse_date(errors, field, raw).map(Some)
    }
}

/// A typed id from a form's select, or the message beside it.
fn parse_id<T: std::str::FromStr>(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
) -> Option<T> {
    if raw.trim().is_empty() {
        errors.add(field, "error-required");
        return None;
    }
    errors.check(field, raw.trim().parse::<T>().map_err(|_| "invalid_choice"))
}

async fn audit(
    conn: &mut PgConnection,
    me: &Me,
    account: AccountId,
    entity: &'static str,
    entity_id: uuid::Uuid,
    field: &'static str,
    (old, new): (Option<String>, Option<String>),
) -> AppResult<()> {
    db::audit::record(
        conn,
        &db::audit::Change {
            user: Some(me.0.id),
            account: Some(account),
            entity,
            entity_id: Some(entity_id),
            field,
            old,
            new,
        },
    )
    .await?;
    Ok(())
}

/// Records a handover's changes in the audit log: the owner, and the assistants who moved
/// with the ownership.
async fn audit_handover(
    conn: &mut PgConnection,
    me: &Me,
    account: AccountId,
    (from, to): (Option<&Person>, &Person),
    effect: &db::teams::HandoverEffect,
) -> AppResult<()> {
    if let Some(id) = effect.id {
        audit(
            conn,
            me,
            account,
            "account_handover",
            id.0,
            "owner",
            (from.map(|p| p.name.clone()), Some(to.name.clone())),
        )
        .await?;
    }
    for (stint, name) in &effect.assistants_left {
        audit(
            conn,
            me,
            account,
            "account_team",
            stint.0,
            "left",
            (Some(name.clone()), None),
        )
        .await?;
    }
    for (stint, name) in &effect.assistants_joined {
        audit(
            conn,
            me,
            account,
            "account_team",
            stint.0,
            "joined",
            (None, Some(name.clone())),
        )
        .await?;
    }
    Ok(())
}

async fn hand_over(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<HandoverForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let new_owner: Option<UserId> = parse_id(&mut errors, "new_owner", &form.new_owner);
    let reason = if form.reason.trim().is_empty() {
        errors.add("reason", "error-handover-reason-required");
        None
    } else {
        errors.check(
            "reason",
            form.reason
                .trim()
                .parse::<HandoverReason>()
                .ok()
                .filter(|r| HandoverReason::CHOICES.contains(r))
                .ok_or("invalid_choice"),
        )
    };
    let note = errors.text("note", text::NOTE, &form.note);
    let expected: Option<Option<UserId>> = if form.current_owner.trim().is_empty() {
        Some(None)
    } else {
        form.current_owner.trim().parse().ok().map(Some)
    };
    let Some(expected) = expected else {
        return Err(AppError::BadRequest("current_owner".into()));
    };
    let mut conflict = false;
    if let (Some(new_owner), Some(reason), Some(note)) = (new_owner, reason, note.clone()) {
        let mut tx = state.pool.begin().await?;
        if !db::teams::lock_team(&mut tx, id).await? {
            return Err(AppError::NotFound);
        }
        let current = db::teams::current_owner(&mut *tx, id).await?;
        let candidate = db::teams::person(&mut *tx, new_owner).await?;
        if current.as_ref().map(|p| p.id) != expected {
            // Someone else changed the owner since the form was shown: the page shows the
            // stored owner, the form keeps what was typed.
            errors.add("form", "error-owner-changed");
            conflict = true;
        } else if let Some(candidate) = candidate {
            if let Some(refusal) = owner_refusal(
                candidate.id,
                candidate.role,
                candidate.active,
                current.as_ref().map(|p| p.id),
            ) {
                errors.add("new_owner", refusal.message_key());
            } else {
                let handover = NewHandover {
                    id: HandoverId::new(),
                    account_id: id,
                    from: current.as_ref().map(|p| p.id),
                    to: candidate.id,
                    reason,
                    note: Text::Typed(note),
                    handed_on: today(),
                    by: Some(me.0.id),
                    offer: None,
                    created_at: None,
                };
                match db::teams::hand_over(&mut tx, &handover).await {
                    Ok(effect) => {
                        audit_handover(&mut tx, &me, id, (current.as_ref(), &candidate), &effect)
                            .await?;
                        state.scoring.commit_and_catch_up(tx).await?;
                        flash(&session, "team-owner-saved").await;
                        return Ok(Redirect::to(&format!("/accounts/{id}/team")).into_response());
                    }
                    // The lock above makes this unreachable for pages; the index stays the
                    // backstop for every other writer.
                    Err(e) if db::is_unique_violation(&e, "account_team_one_owner") => {
                        errors.add("form", "error-owner-changed");
                        conflict = true;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        } else {
            errors.add("new_owner", "error-invalid-choice");
        }
    }
    let forms = Forms {
        handover: Some((form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, &me, account, forms, conflict).await
}

async fn add_member(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<MemberForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let user: Option<UserId> = parse_id(&mut errors, "user", &form.user);
    let team_role = errors.check(
        "team_role",
        form.team_role
            .trim()
            .parse::<TeamRole>()
            .map_err(|_| "invalid_choice"),
    );
    let function = parse_function(&mut errors, team_role, &form.function);
    let started_on = parse_date(&mut errors, "started_on", &form.started_on);
    let ended_on = parse_optional_date(&mut errors, "ended_on", &form.ended_on);
    if let (Some(from), Some(to)) = (started_on, ended_on)
        && let Some(key) = team::stint_dates_refusal(from, to)
    {
        errors.add("ended_on", key);
    }
    if let (Some(user), Some(team_role), Some(function), Some(started_on), Some(ended_on), true) = (
        user,
        team_role,
        function,
        started_on,
        ended_on,
        errors.is_empty(),
    ) {
        let mut tx = state.pool.begin().await?;
        if !db::teams::lock_team(&mut tx, id).await? {
            return Err(AppError::NotFound);
        }
        match db::teams::person(&mut *tx, user).await? {
            Some(person) if person.active => {
                if let Some(key) = team::member_role_refusal(team_role, person.role) {
                    errors.add(
                        if team_role == TeamRole::Owner {
                            "team_role"
                        } else {
                            "user"
                        },
                        key,
                    );
                } else if ended_on.is_none()
                    && db::teams::current_stint_of(&mut *tx, id, user)
                        .await?
                        .is_some()
                {
                    errors.add("user", "error-already-on-team");
                } else {
                    let stint = NewStint {
                        function,
                        started_on: Some(started_on),
                        ended_on,
                        ..NewStint::starting_now(id, user, team_role)
                    };
                    match db::teams::insert(&mut tx, &stint).await {
                        Ok(()) => {
                            audit(
                                &mut tx,
                                &me,
                                id,
                                "account_team",
                                stint.id.0,
                                "joined",
                                (None, Some(person.name.clone())),
                            )
                            .await?;
                            state.scoring.commit_and_catch_up(tx).await?;
                            flash(&session, "team-member-saved").await;
                            return Ok(Redirect::to(&format!("/accounts/{id}/team#members"))
                                .into_response());
                        }
                        Err(e) if db::is_unique_violation(&e, "account_team_one_current") => {
                            errors.add("user", "error-already-on-team");
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            _ => errors.add("user", "error-invalid-choice"),
        }
    }
    let forms = Forms {
        member: Some((form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, &me, account, forms, false).await
}

/// A member's function: required for a cross-functional member, none for an assistant.
fn parse_function(
    errors: &mut FieldErrors,
    role: Option<TeamRole>,
    raw: &str,
) -> Option<Option<TeamFunction>> {
    match role {
        Some(TeamRole::Member) if raw.trim().is_empty() => {
            errors.add("function", "error-function-required");
            None
        }
        Some(TeamRole::Member) => errors
            .check(
                "function",
                raw.trim()
                    .parse::<TeamFunction>()
                    .map_err(|_| "invalid_choice"),
            )
            .map(Some),
        _ => Some(None),
    }
}

async fn edit_member(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, stint_id)): Path<(String, TeamStintId)>,
    Form(form): Form<StintForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let version = super::form::version(&form.version)?;
    let mut tx = state.pool.begin().await?;
    if !db::teams::lock_team(&mut tx, id).await? {
        return Err(AppError::NotFound);
    }
    let stored = db::teams::lock_stint(&mut tx, id, stint_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.team_role == TeamRole::Owner {
        // An owner changes only through a handover, which keeps the history and the reason.
        return Err(AppError::BadRequest("owner".into()));
    }
    let function = parse_function(&mut errors, Some(stored.team_role), &form.function);
    let started_on = parse_date(&mut errors, "started_on", &form.started_on);
    let ended_on = parse_optional_date(&mut errors, "ended_on", &form.ended_on);
    if let (Some(from), Some(to)) = (started_on, ended_on)
        && let Some(key) = team::stint_dates_refusal(from, to)
    {
        errors.add("ended_on", key);
    }
    let mut conflict = false;
    if stored.version != version {
        errors.add("form", "error-edit-conflict");
        conflict = true;
    }
    if let (Some(function), Some(started_on), Some(ended_on), true) =
        (function, started_on, ended_on, errors.is_empty())
    {
        let change = db::teams::StintChange {
            function,
            started_on,
            ended_on,
        };
        match db::teams::update_stint(&mut tx, stint_id, version, change).await {
            Ok(true) => {
                let fmt = |d: Option<NaiveDate>| d.map(|d| d.to_string());
                for (field, old, new) in [
                    (
                        "function",
                        stored.function.map(|f| f.to_string()),
                        function.map(|f| f.to_string()),
                    ),
                    (
                        "started_on",
                        fmt(Some(stored.started_on)),
                        fmt(Some(started_on)),
                    ),
                    ("ended_on", fmt(stored.ended_on), fmt(ended_on)),
                ] {
                    if old != new {
                        audit(
                            &mut tx,
                            &me,
                            id,
                            "account_team",
                            stint_id.0,
                            field,
                            (old, new),
                        )
                        .await?;
                    }
                }
                state.scoring.commit_and_catch_up(tx).await?;
                flash(&session, "team-member-saved").await;
                return Ok(Redirect::to(&format!("/accounts/{id}/team#members")).into_response());
            }
            Ok(false) => {
                errors.add("form", "error-edit-conflict");
                conflict = true;
            }
            Err(e) if db::is_unique_violation(&e, "account_team_one_current") => {
                errors.add("ended_on", "error-already-on-team");
            }
            Err(e) => return Err(e.into()),
        }
    }
    drop(tx);
    let forms = Forms {
        edit: Some((stint_id, form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, &me, account, forms, conflict).await
}

async fn offer(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<OfferForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let note = errors.text("note", text::NOTE, &form.note);
    if let Some(note) = note {
        let mut tx = state.pool.begin().await?;
        if !db::teams::lock_team(&mut tx, id).await? {
            return Err(AppError::NotFound);
        }
        let header = db::teams::header(&mut *tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if db::teams::current_owner(&mut *tx, id).await?.is_some() {
            errors.add("note", "error-offer-has-owner");
        } else if !header.is_key {
            errors.add("note", "error-offer-not-key");
        } else {
            let offer = OfferId::new();
            match db::teams::insert_offer(&mut tx, offer, id, me.0.id, &note).await {
                Ok(()) => {
                    audit(
                        &mut tx,
                        &me,
                        id,
                        "ownership_offer",
                        offer.0,
                        "offer",
                        (None, Some(me.0.name.clone())),
                    )
                    .await?;
                    tx.commit().await?;
                    flash(&session, "offer-sent").await;
                    return Ok(Redirect::to(&format!("/accounts/{id}/team#offers")).into_response());
                }
                Err(e) if db::is_unique_violation(&e, "ownership_offers_one_open") => {
                    errors.add("note", "error-offer-open");
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    let forms = Forms {
        offer: Some((form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, &me, account, forms, false).await
}

async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, offer_id)): Path<(String, OfferId)>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let id = account.id;
    let mut errors = FieldErrors::new();
    let version = super::form::version(&form.version)?;
    let status = match form.decision.trim() {
        "accept" => Some(OfferStatus::Accepted),
        "decline" => Some(OfferStatus::Declined),
        _ => {
            errors.add("decision", "error-invalid-choice");
            None
        }
    };
    let answer = errors
        .optional_text("answer", text::NOTE, &form.answer)
        .map(Option::unwrap_or_default);
    if status == Some(OfferStatus::Declined) && answer.as_ref().is_some_and(String::is_empty) {
        errors.add("answer", "error-decline-answer-required");
    }
    let mut conflict = false;
    if let (Some(status), Some(answer), true) = (status, answer, errors.is_empty()) {
        let mut tx = state.pool.begin().await?;
        if !db::teams::lock_team(&mut tx, id).await? {
            return Err(AppError::NotFound);
        }
        let stored = db::teams::lock_offer(&mut tx, id, offer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let current = db::teams::current_owner(&mut *tx, id).await?;
        if stored.status != OfferStatus::Open || stored.version != version {
            errors.add("form", "error-offer-decided");
            conflict = true;
        } else if status == OfferStatus::Accepted && current.is_some() {
            errors.add("form", "error-offer-has-owner");
        } else {
            let kam = db::teams::person(&mut *tx, stored.kam_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if status == OfferStatus::Accepted
                && let Some(refusal) = owner_refusal(kam.id, kam.role, kam.active, None)
            {
                errors.add("form", refusal.message_key());
            }
            if errors.is_empty() {
                db::teams::decide_offer(&mut tx, offer_id, version, status, &answer, me.0.id)
                    .await?;
                audit(
                    &mut tx,
                    &me,
                    id,
                    "ownership_offer",
                    offer_id.0,
                    "status",
                    (
                        Some(OfferStatus::Open.to_string()),
                        Some(status.to_string()),
                    ),
                )
                .await?;
                if status == OfferStatus::Accepted {
                    // The KAM's note is what the new owner wrote about the client; the handover
                    // keeps it as its note, with the director's answer when there is one.
                    let note = if answer.is_empty() {
                        stored.note.clone()
                    } else {
                        format!("{}\n\n{answer}", stored.note)
                    };
                    let handover = NewHandover {
                        id: HandoverId::new(),
                        account_id: id,
                        from: None,
                        to: kam.id,
                        reason: HandoverReason::OfferAccepted,
                        note: Text::Typed(note),
                        handed_on: today(),
                        by: Some(me.0.id),
                        offer: Some(offer_id),
                        created_at: None,
                    };
                    let effect = db::teams::hand_over(&mut tx, &handover).await?;
                    audit_handover(&mut tx, &me, id, (None, &kam), &effect).await?;
                }
                state.scoring.commit_and_catch_up(tx).await?;
                flash(
                    &session,
                    if status == OfferStatus::Accepted {
                        "offer-accepted"
                    } else {
                        "offer-declined"
                    },
                )
                .await;
                return Ok(Redirect::to(&format!("/accounts/{id}/team#offers")).into_response());
            }
        }
    }
    let forms = Forms {
        decision: Some((offer_id, form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, &me, account, forms, conflict).await
}

/// One assistant and the KAMs they work for.
pub struct AssistantRow {
    /// The assistant.
    pub person: Person,
    /// The KAMs, by id.
    pub kams: Vec<UserId>,
}

#[derive(Template, WebTemplate)]
#[template(path = "teams/assistants.html")]
struct AssistantsPage {
    ctx: PageCtx,
    assistants: Vec<AssistantRow>,
    kams: Vec<Person>,
    load: Vec<db::teams::LoadRow>,
    /// The assistant whose save was refused, with the message.
    refused: Option<(UserId, FieldErrors)>,
}

impl AssistantsPage {
    fn assists(&self, row: &AssistantRow, kam: &UserId) -> bool {
        row.kams.contains(kam)
    }

    fn error_of(&self, row: &AssistantRow) -> Option<String> {
        match &self.refused {
            Some((id, errors)) if *id == row.person.id => errors.get("kams").map(String::from),
            _ => None,
        }
    }

    fn key_accounts(&self, kam: &UserId) -> i32 {
        self.load
            .iter()
            .find(|l| l.user_id == *kam)
            .map_or(0, |l| l.key_accounts)
    }
}

async fn load_assistants(
    state: &AppState,
    ctx: PageCtx,
    refused: Option<(UserId, FieldErrors)>,
) -> AppResult<AssistantsPage> {
    let people = db::teams::people(&state.pool).await?;
    let assignments = db::teams::assignments(&state.pool).await?;
    let assistants = people
        .iter()
        .filter(|p| p.role == Role::Assistant)
        .map(|p| AssistantRow {
            person: p.clone(),
            kams: assignments
                .iter()
                .filter(|a| a.assistant_id == p.id)
                .map(|a| a.kam_id)
                .collect(),
        })
        .collect();
    Ok(AssistantsPage {
        ctx,
        assistants,
        kams: people.into_iter().filter(|p| p.role == Role::Kam).collect(),
        load: db::teams::workload(&state.pool).await?,
        refused,
    })
}

async fn assistants(State(state): State<AppState>, ctx: PageCtx) -> AppResult<AssistantsPage> {
    load_assistants(&state, ctx, None).await
}

async fn save_assistant(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(assistant): Path<UserId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let person = db::teams::person(&state.pool, assistant)
        .await?
        .filter(|p| p.role == Role::Assistant)
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let mut kams = vec![];
    for (name, value) in &fields {
        if name == "kam" {
            match value.trim().parse::<UserId>() {
                Ok(kam) => kams.push(kam),
                Err(_) => errors.add("kams", "error-invalid-choice"),
            }
        }
    }
    if !fields.iter().any(|(name, _)| name == "save") {
        // Only the form's own submission (its button names it) changes anything: an empty body
        // must not silently clear the assignments.
        return Err(AppError::BadRequest("save".into()));
    }
    if errors.is_empty() {
        let mut tx = state.pool.begin().await?;
        for kam in &kams {
            let ok = db::teams::person(&mut *tx, *kam)
                .await?
                .is_some_and(|p| p.role == Role::Kam && p.active);
            if !ok {
                errors.add("kams", "error-assistant-not-kam");
            }
        }
        if errors.is_empty() {
            let (before, after) =
                db::teams::set_assistant_kams(&mut tx, assistant, &kams, me.0.id).await?;
            if before != after {
                db::audit::record(
                    &mut *tx,
                    &db::audit::Change {
                        user: Some(me.0.id),
                        account: None,
                        entity: "kam_assistants",
                        entity_id: Some(person.id.0),
                        field: "kams",
                        old: Some(before.join(", ")),
                        new: Some(after.join(", ")),
                    },
                )
                .await?;
            }
            tx.commit().await?;
            flash(&session, "assistants-saved").await;
            return Ok(Redirect::to(&format!("/assistants#a-{assistant}")).into_response());
        }
    }
    let page = load_assistants(&state, ctx, Some((assistant, errors))).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The load class of a KAM with `key_accounts` key clients (for templates).
pub fn load_of(key_accounts: &i32) -> Load {
    Load::of(i64::from(*key_accounts))
}
