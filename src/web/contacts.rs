//! The contact map's pages, as sections of the account: `/accounts/{id}/contacts` (the table,
//! sorted, filtered, paged, exported as `.csv` and `.xlsx`), `/accounts/{id}/contacts/new`,
//! `/accounts/{id}/contacts/{contact}` (the person with the timeline of their attitude and
//! influence), `.../edit` (version-checked), `.../gone` (left the client on a date), and
//! `/accounts/{id}/map` (the organisation chart as server-rendered SVG, with the gaps).

use super::AppState;
use super::conflict::ConflictView;
use super::ctx::{Me, PageCtx, flash};
use super::deals::parse_choice;
use super::export::{Cell, Table};
use super::extract::{Form, Path, Query};
use super::form::FieldErrors;
use super::hub::Hub;
use super::paging::Pager;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::contacts::{
    ContactDetails, ContactFilter, ContactRow, ContactSort, ContactState, NewAttitudeChange,
    NewContact, NewInfluenceChange, StanceChange,
};
use crate::domain::contact::{
    AccountGaps, Attitude, DecisionRole, Influence, Phone, ReportsToRefusal, reports_to_refusal,
};
use crate::domain::contact_map::{self, CARD_H, CARD_W, MapNode};
use crate::domain::ids::{AccountId, AttitudeChangeId, ContactId, InfluenceChangeId, UserId};
use crate::domain::permissions::{self, Action};
use crate::domain::text;
use crate::domain::user::{Email, Language, PersonName};
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use std::collections::HashMap;
use tower_sessions::Session;

/// The contact routes: everyone who sees the account reads them; KAMs of the team, directors
/// and administrators edit.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/contacts", view, list),
        Route::get("/accounts/{id}/contacts.csv", view, export),
        Route::get("/accounts/{id}/contacts.xlsx", view, export),
        Route::get("/accounts/{id}/contacts/new", edit, new_form),
        Route::post("/accounts/{id}/contacts/new", edit, create),
        Route::get("/accounts/{id}/contacts/{contact}", view, show),
        Route::get("/accounts/{id}/contacts/{contact}/edit", edit, edit_form),
        Route::post("/accounts/{id}/contacts/{contact}/edit", edit, save),
        Route::post("/accounts/{id}/contacts/{contact}/gone", edit, gone),
        Route::get("/accounts/{id}/map", view, map),
    ]
}

/// Rows per page of the contact table.
const PAGE_SIZE: i64 = 50;

/// The table's query string as typed.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    q: Option<String>,
    role: Option<String>,
    attitude: Option<String>,
    influence: Option<String>,
    state: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    page: Option<String>,
}

/// The filter of a query string and the parameters that keep it in links; unknown values of
/// the pick lists filter nothing, a refused search term is a message beside the box.
fn filter_of(
    q: &ListQuery,
    errors: &mut FieldErrors,
) -> (ContactFilter, Vec<(&'static str, String)>) {
    let raw_query = q.q.as_deref().unwrap_or("");
    let query = errors.optional_text("q", text::SEARCH, raw_query).flatten();
    let role = parse_choice::<DecisionRole>(&q.role);
    let attitude = parse_choice::<Attitude>(&q.attitude);
    let influence = parse_choice::<Influence>(&q.influence);
    let state = match q.state.as_deref() {
        Some("gone") => ContactState::Gone,
        Some("all") => ContactState::All,
        _ => ContactState::Current,
    };
    let sort = parse_choice::<ContactSort>(&q.sort);
    let descending = q.dir.as_deref() == Some("desc");
    let params = vec![
        ("q", raw_query.trim().to_string()),
        ("role", role.map_or("", DecisionRole::as_str).into()),
        ("attitude", attitude.map_or("", Attitude::as_str).into()),
        ("influence", influence.map_or("", Influence::as_str).into()),
        ("state", state_name(state).into()),
        ("sort", sort.map_or("", ContactSort::as_str).into()),
        ("dir", if descending { "desc" } else { "" }.into()),
    ];
    let filter = ContactFilter {
        query,
        role,
        attitude,
        influence,
        state,
        sort,
        descending,
    };
    (filter, params)
}

fn state_name(state: ContactState) -> &'static str {
    match state {
        ContactState::Current => "",
        ContactState::Gone => "gone",
        ContactState::All => "all",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/list.html")]
struct ListPage {
    ctx: PageCtx,
    hub: Hub,
    rows: Vec<ContactRow>,
    filter: ContactFilter,
    q: String,
    pager: Pager,
    can_edit: bool,
    errors: FieldErrors,
    today: NaiveDate,
}

impl ListPage {
    /// The link of a column header: sorts by it, or turns the order round when it already does.
    fn sort_href(&self, column: &ContactSort) -> String {
        let current = self.filter.sort.unwrap_or(ContactSort::Name);
        let flip = current == *column && !self.filter.descending;
        self.pager.href_with(&[
            ("sort", column.as_str()),
            ("dir", if flip { "desc" } else { "" }),
        ])
    }

    /// `aria-sort` of a column header.
    fn aria_sort(&self, column: &ContactSort) -> &'static str {
        match (
            self.filter.sort.unwrap_or(ContactSort::Name) == *column,
            self.filter.descending,
        ) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    fn state(&self) -> &'static str {
        state_name(self.filter.state)
    }

    fn is_stale(&self, row: &ContactRow) -> bool {
        !row.is_gone() && row.standing().is_stale(self.today)
    }
}

/// Whether the signed-in user may edit the account's contacts (the route's gate decides access;
/// this decides what the page offers).
fn may_edit(me: &Me, account: &OnAccount) -> bool {
    permissions::allows(me.0.role, Action::EditAccount, account.relation)
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let (filter, params) = filter_of(&q, &mut errors);
    let hub = Hub::load(&state, &me, account, "contacts").await?;
    let (pager, rows) = Pager::load(
        format!("/accounts/{}/contacts", account.id),
        params,
        q.page.as_deref(),
        PAGE_SIZE,
        !errors.is_empty(),
        db::contacts::count(&state.pool, account.id, &filter),
        async |limit, offset| {
            db::contacts::list(&state.pool, account.id, &filter, Some(limit), offset).await
        },
    )
    .await?;
    let status = errors.status();
    let page = ListPage {
        ctx,
        hub,
        rows,
        filter,
        q: q.q.unwrap_or_default(),
        pager,
        can_edit: may_edit(&me, &account),
        errors,
        today: Utc::now().date_naive(),
    };
    Ok((status, page).into_response())
}

const EXPORT_HEADERS: [&str; 16] = [
    "col-name",
    "field-title",
    "field-department",
    "field-email",
    "field-phone",
    "field-decision-role",
    "field-influence",
    "field-attitude",
    "field-reports-to",
    "field-covered-by",
    "field-last-contact",
    "field-gone-on",
    "field-measured-on",
    "field-motivation",
    "field-notes",
    "col-created",
];

/// An ISO date cell (sorts in a spreadsheet, reads in both languages).
fn date_cell(d: Option<NaiveDate>) -> Cell {
    Cell::opt_text(d.map(|d| d.format("%Y-%m-%d").to_string()))
}

fn export_table(lang: Language, rows: &[ContactRow]) -> Table {
    let named = |v: Option<&dyn i18n::Named>| Cell::opt_text(v.map(|v| i18n::name(lang, &v)));
    let mut table = Table::new(EXPORT_HEADERS.iter().map(|k| i18n::t(lang, k)));
    for r in rows {
        table.row(vec![
            Cell::text(&r.full_name),
            Cell::text(&r.title),
            Cell::text(&r.department),
            Cell::text(&r.email),
            Cell::text(&r.phone),
            named(r.decision_role.as_ref().map(|v| v as &dyn i18n::Named)),
            named(r.influence.as_ref().map(|v| v as &dyn i18n::Named)),
            named(r.attitude.as_ref().map(|v| v as &dyn i18n::Named)),
            Cell::opt_text(r.boss_name.clone()),
            Cell::opt_text(r.covered_by_name.clone()),
            date_cell(r.last_contact_on),
            date_cell(r.gone_on),
            Cell::text(&r.measured_on),
            Cell::text(&r.motivation),
            Cell::text(&r.notes),
            date_cell(Some(r.created_at.date_naive())),
        ]);
    }
    table
}

/// The rows an export holds: every row the table's filter finds, in its order (all pages).
async fn export_rows(
    state: &AppState,
    account: &OnAccount,
    q: &ListQuery,
) -> AppResult<Vec<ContactRow>> {
    let mut errors = FieldErrors::new();
    let (filter, _) = filter_of(q, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::BadRequest("search term refused".into()));
    }
    Ok(db::contacts::list(&state.pool, account.id, &filter, None, 0).await?)
}

/// `.csv` or `.xlsx` of the table, by the path's extension.
async fn export(
    State(state): State<AppState>,
    ctx: PageCtx,
    account: OnAccount,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &account, &q).await?;
    export_table(ctx.lang, &rows).response_for(
        ctx.path.as_str(),
        "contacts",
        &ctx.t("contacts-sheet-name"),
    )
}

/// The contact form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    reports_to: String,
    #[serde(default)]
    decision_role: String,
    #[serde(default)]
    influence: String,
    #[serde(default)]
    attitude: String,
    #[serde(default)]
    covered_by: String,
    #[serde(default)]
    measured_on: String,
    #[serde(default)]
    motivation: String,
    #[serde(default)]
    notes: String,
    /// Why the attitude or influence changed (kept in their history).
    #[serde(default)]
    change_note: String,
    /// The version the form was loaded from (edit only).
    #[serde(default)]
    version: String,
}

impl ContactForm {
    fn of(c: &ContactRow) -> ContactForm {
        let opt = |v: Option<&str>| v.unwrap_or("").to_string();
        ContactForm {
            full_name: c.full_name.clone(),
            title: c.title.clone(),
            department: c.department.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            reports_to: c.reports_to.map(|b| b.to_string()).unwrap_or_default(),
            decision_role: opt(c.decision_role.map(DecisionRole::as_str)),
            influence: opt(c.influence.map(Influence::as_str)),
            attitude: opt(c.attitude.map(Attitude::as_str)),
            covered_by: c.covered_by.map(|u| u.to_string()).unwrap_or_default(),
            measured_on: c.measured_on.clone(),
            motivation: c.motivation.clone(),
            notes: c.notes.clone(),
            change_note: String::new(),
            version: c.version.to_string(),
        }
    }
}

/// A choice of a select box: value and label.
pub struct Choice {
    /// The submitted value.
    pub value: String,
    /// What the reader sees.
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    /// None: a new contact.
    contact: Option<ContactId>,
    form: ContactForm,
    errors: FieldErrors,
    /// The people between the chosen boss and this contact, when the line would close a loop.
    loop_chain: String,
    bosses: Vec<Choice>,
    coverers: Vec<Choice>,
    roles: &'static [DecisionRole],
    influences: &'static [Influence],
    attitudes: &'static [Attitude],
    /// A stale save: the fields side by side.
    conflict: Option<ConflictView>,
}

impl FormPage {
    fn action(&self) -> String {
        match self.contact {
            Some(c) => format!("/accounts/{}/contacts/{c}/edit", self.hub.id()),
            None => format!("/accounts/{}/contacts/new", self.hub.id()),
        }
    }

    /// The `maxlength` of a field of this text rule.
    fn limit(&self, rule: &str) -> usize {
        match rule {
            "PERSON_NAME" => text::PERSON_NAME,
            "EMAIL" => text::EMAIL,
            "PHONE" => text::PHONE,
            "SHORT_NOTE" => text::SHORT_NOTE,
            _ => text::LABEL,
        }
        .max_chars
    }

    fn cancel(&self) -> String {
        match self.contact {
            Some(c) => format!("/accounts/{}/contacts/{c}", self.hub.id()),
            None => format!("/accounts/{}/contacts", self.hub.id()),
        }
    }
}

/// The choices of the form: bosses (current contacts but this one) and covering colleagues
/// (the account's current team, plus whoever covers this contact now if they left it).
async fn choices(
    state: &AppState,
    account: AccountId,
    contact: Option<&ContactRow>,
) -> AppResult<(Vec<Choice>, Vec<Choice>)> {
    let people = db::contacts::all_of_account(&state.pool, account).await?;
    let bosses = people
        .iter()
        .filter(|p| !p.is_gone() && Some(p.id) != contact.map(|c| c.id))
        .map(|p| Choice {
            value: p.id.to_string(),
            label: if p.title.is_empty() {
                p.full_name.clone()
            } else {
                format!("{} — {}", p.full_name, p.title)
            },
        })
        .collect();
    let mut coverers: Vec<Choice> = db::accounts::team(&state.pool, account)
        .await?
        .into_iter()
        .map(|m| Choice {
            value: m.user_id.to_string(),
            label: m.name,
        })
        .collect();
    if let Some(c) = contact
        && let (Some(id), Some(name)) = (c.covered_by, &c.covered_by_name)
        && !coverers.iter().any(|k| k.value == id.to_string())
    {
        coverers.push(Choice {
            value: id.to_string(),
            label: name.clone(),
        });
    }
    Ok((bosses, coverers))
}

async fn form_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    contact: Option<&ContactRow>,
    form: ContactForm,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    let (bosses, coverers) = choices(state, account.id, contact).await?;
    Ok(FormPage {
        ctx,
        hub: Hub::load(state, me, account, "contacts").await?,
        contact: contact.map(|c| c.id),
        form,
        errors,
        loop_chain: String::new(),
        bosses,
        coverers,
        roles: DecisionRole::ALL,
        influences: Influence::ALL,
        attitudes: Attitude::ALL,
        conflict: None,
    })
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FormPage> {
    let team = db::accounts::team(&state.pool, account.id).await?;
    // The one who adds a contact usually covers them, when on the team.
    let form = ContactForm {
        covered_by: team
            .iter()
            .find(|m| m.user_id == me.0.id)
            .map(|m| m.user_id.to_string())
            .unwrap_or_default(),
        ..ContactForm::default()
    };
    form_page(&state, ctx, &me, account, None, form, FieldErrors::new()).await
}

/// The form parsed into an edit; `None` (and messages beside the fields) when something is
/// refused. The reports-to line is checked by the caller, in its transaction.
fn parse_form(
    form: &ContactForm,
    coverers: &[Choice],
    errors: &mut FieldErrors,
) -> Option<(ContactDetails, Option<String>)> {
    let full_name = errors.check("full_name", PersonName::parse(&form.full_name));
    let title = errors.optional_text("title", text::LABEL, &form.title);
    let department = errors.optional_text("department", text::LABEL, &form.department);
    let email = if form.email.trim().is_empty() {
        Some(None)
    } else {
        errors.check("email", Email::parse(&form.email)).map(Some)
    };
    let phone = errors.check("phone", Phone::parse_optional(&form.phone));
    let reports_to: Option<ContactId> = errors.optional_choice("reports_to", &form.reports_to);
    let decision_role = errors.optional_choice("decision_role", &form.decision_role);
    let influence = errors.optional_choice("influence", &form.influence);
    let attitude = errors.optional_choice("attitude", &form.attitude);
    let covered_by: Option<UserId> = errors.optional_choice("covered_by", &form.covered_by);
    if let Some(u) = covered_by
        && !coverers.iter().any(|c| c.value == u.to_string())
    {
        errors.add("covered_by", "error-invalid-choice");
    }
    let measured_on = errors.optional_text("measured_on", text::SHORT_NOTE, &form.measured_on);
    let motivation = errors.optional_text("motivation", text::SHORT_NOTE, &form.motivation);
    let notes = errors.optional_text("notes", text::NOTE, &form.notes);
    let change_note = errors.optional_text("change_note", text::SHORT_NOTE, &form.change_note);
    if !errors.is_empty() {
        return None;
    }
    Some((
        ContactDetails {
            full_name: full_name?,
            title: title?.unwrap_or_default(),
            department: department?.unwrap_or_default(),
            email: email?,
            phone: phone?.map(|p| p.as_str().to_string()).unwrap_or_default(),
            reports_to,
            decision_role,
            influence,
            attitude,
            covered_by,
            measured_on: measured_on?.unwrap_or_default(),
            motivation: motivation?.unwrap_or_default(),
            notes: notes?.unwrap_or_default(),
        },
        change_note?,
    ))
}

/// Checks the reports-to line against the account's current contacts, read under a lock so
/// that two edits at once cannot close a loop between them. The message goes beside the field;
/// for a loop, `chain` names the people in between.
async fn check_reports_to(
    conn: &mut sqlx::PgConnection,
    account: AccountId,
    contact: ContactId,
    boss: Option<ContactId>,
    errors: &mut FieldErrors,
) -> AppResult<String> {
    let Some(boss) = boss else {
        return Ok(String::new());
    };
    let bosses = db::contacts::lock_current_bosses(conn, account).await?;
    let Some(refusal) = reports_to_refusal(contact, boss, &bosses) else {
        return Ok(String::new());
    };
    let key = match &refusal {
        ReportsToRefusal::Themselves => "error-reports-to-self",
        ReportsToRefusal::NotOnAccount => "error-reports-to-other-account",
        ReportsToRefusal::Loop { .. } => "error-reports-to-loop",
    };
    errors.add("reports_to", key);
    let ReportsToRefusal::Loop { chain } = refusal else {
        return Ok(String::new());
    };
    let names = db::contacts::names(&mut *conn, &chain).await?;
    Ok(chain
        .iter()
        .filter_map(|c| names.get(c).cloned())
        .collect::<Vec<_>>()
        .join(" → "))
}

/// The history entries of a change of attitude or influence (none when neither changed).
fn stance_changes(
    contact: ContactId,
    before: (Option<Attitude>, Option<Influence>),
    after: (Option<Attitude>, Option<Influence>),
    note: &str,
    by: UserId,
) -> (Vec<NewAttitudeChange>, Vec<NewInfluenceChange>) {
    let attitudes = (before.0 != after.0)
        .then(|| NewAttitudeChange {
            id: AttitudeChangeId::new(),
            contact_id: contact,
            value: after.0,
            note: note.to_string(),
            changed_by: Some(by),
            changed_at: None,
        })
        .into_iter()
        .collect();
    let influences = (before.1 != after.1)
        .then(|| NewInfluenceChange {
            id: InfluenceChangeId::new(),
            contact_id: contact,
            value: after.1,
            note: note.to_string(),
            changed_by: Some(by),
            changed_at: None,
        })
        .into_iter()
        .collect();
    (attitudes, influences)
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(form): Form<ContactForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let (_, coverers) = choices(&state, account.id, None).await?;
    let parsed = parse_form(&form, &coverers, &mut errors);
    let id = ContactId::new();
    let mut tx = state.pool.begin().await?;
    let loop_chain = match &parsed {
        Some((edit, _)) => {
            check_reports_to(&mut tx, account.id, id, edit.reports_to, &mut errors).await?
        }
        None => String::new(),
    };
    if let (Some((edit, note)), true) = (parsed, errors.is_empty()) {
        let new = NewContact {
            id,
            account_id: account.id,
            details: edit,
            last_contact_on: None,
            gone_on: None,
            created_at: None,
        };
        db::contacts::insert(&mut tx, &new).await?;
        // The first reading of attitude and influence starts the timeline.
        let note = note.unwrap_or_default();
        let (a, i) = stance_changes(
            id,
            (None, None),
            (new.details.attitude, new.details.influence),
            &note,
            me.0.id,
        );
        db::contacts::insert_attitude_changes(&mut tx, &a).await?;
        db::contacts::insert_influence_changes(&mut tx, &i).await?;
        let name = new.details.full_name.as_str();
        audit(
            &mut tx,
            &me,
            account.id,
            id,
            name,
            vec![("created", None, Some(name.into()))],
        )
        .await?;
        tx.commit().await?;
        flash(&session, "contact-saved").await;
        return Ok(
            Redirect::to(&format!("/accounts/{}/contacts/{id}", account.id)).into_response(),
        );
    }
    drop(tx);
    let mut page = form_page(&state, ctx, &me, account, None, form, errors).await?;
    page.loop_chain = loop_chain;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// Records changed fields of a contact in the account's history (section "contacts", the
/// contact's name as the item); unchanged pairs are skipped.
async fn audit(
    tx: &mut sqlx::PgConnection,
    me: &Me,
    account: AccountId,
    contact: ContactId,
    name: &str,
    fields: Vec<(&str, Option<String>, Option<String>)>,
) -> AppResult<()> {
    db::audit::record_fields(
        tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account,
            section: "contacts",
            entity: "contact",
            entity_id: Some(contact.0),
            item: Some(name.to_string()),
            fields,
        },
    )
    .await?;
    Ok(())
}

/// The path of a contact page.
#[derive(Debug, Deserialize)]
struct ContactPath {
    #[allow(dead_code)]
    id: String,
    contact: ContactId,
}

/// The contact named in the path, when it is the account's (else 404).
async fn contact_of(
    state: &AppState,
    account: &OnAccount,
    path: &ContactPath,
) -> AppResult<ContactRow> {
    db::contacts::get(&state.pool, account.id, path.contact)
        .await?
        .ok_or(AppError::NotFound)
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path(path): Path<ContactPath>,
) -> AppResult<FormPage> {
    let contact = contact_of(&state, &account, &path).await?;
    let form = ContactForm::of(&contact);
    form_page(
        &state,
        ctx,
        &me,
        account,
        Some(&contact),
        form,
        FieldErrors::new(),
    )
    .await
}

/// A stored contact's fields as the form's labels and the reader would see them.
fn shown(
    ctx: &PageCtx,
    c: &ContactDetails,
    boss: &str,
    coverer: &str,
) -> Vec<(&'static str, String)> {
    let name = |v: Option<&dyn i18n::Named>| v.map(|v| ctx.name(&v)).unwrap_or_default();
    vec![
        ("field-full-name", c.full_name.as_str().to_string()),
        ("field-title", c.title.clone()),
        ("field-department", c.department.clone()),
        (
            "field-email",
            c.email.as_ref().map_or("", Email::as_str).to_string(),
        ),
        ("field-phone", c.phone.clone()),
        ("field-reports-to", boss.to_string()),
        (
            "field-decision-role",
            name(c.decision_role.as_ref().map(|v| v as &dyn i18n::Named)),
        ),
        (
            "field-influence",
            name(c.influence.as_ref().map(|v| v as &dyn i18n::Named)),
        ),
        (
            "field-attitude",
            name(c.attitude.as_ref().map(|v| v as &dyn i18n::Named)),
        ),
        ("field-covered-by", coverer.to_string()),
        ("field-measured-on", c.measured_on.clone()),
        ("field-motivation", c.motivation.clone()),
        ("field-notes", c.notes.clone()),
    ]
}

fn edit_of(c: &ContactRow) -> ContactDetails {
    ContactDetails {
        full_name: PersonName::parse(&c.full_name)
            .unwrap_or_else(|_| PersonName::parse("?").expect("a one-letter name")),
        title: c.title.clone(),
        department: c.department.clone(),
        email: Email::parse(&c.email).ok(),
        phone: c.phone.clone(),
        reports_to: c.reports_to,
        decision_role: c.decision_role,
        influence: c.influence,
        attitude: c.attitude,
        covered_by: c.covered_by,
        motivation: c.motivation.clone(),
        measured_on: c.measured_on.clone(),
        notes: c.notes.clone(),
    }
}

/// Both versions side by side: the stored contact and the reader's (valid) input.
fn conflict_rows(
    ctx: &PageCtx,
    stored: &ContactRow,
    yours: &ContactDetails,
    bosses: &[Choice],
    coverers: &[Choice],
) -> ConflictView {
    let label_of = |choices: &[Choice], v: Option<String>| {
        v.and_then(|v| {
            choices
                .iter()
                .find(|c| c.value == v)
                .map(|c| c.label.clone())
        })
        .unwrap_or_default()
    };
    let stored_view = shown(
        ctx,
        &edit_of(stored),
        stored.boss_name.as_deref().unwrap_or(""),
        stored.covered_by_name.as_deref().unwrap_or(""),
    );
    let yours_view = shown(
        ctx,
        yours,
        &label_of(bosses, yours.reports_to.map(|b| b.to_string())),
        &label_of(coverers, yours.covered_by.map(|u| u.to_string())),
    );
    yours_view.into_iter().zip(stored_view).fold(
        ConflictView::new(None, None),
        |view, ((label, yours), (_, stored))| view.row(label, yours, stored),
    )
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path(path): Path<ContactPath>,
    Form(form): Form<ContactForm>,
) -> AppResult<Response> {
    let before = contact_of(&state, &account, &path).await?;
    let id = before.id;
    let mut errors = FieldErrors::new();
    let (bosses, coverers) = choices(&state, account.id, Some(&before)).await?;
    let version = errors.check(
        "form",
        form.version
            .trim()
            .parse::<i32>()
            .map_err(|_| "invalid_choice"),
    );
    let parsed = parse_form(&form, &coverers, &mut errors);
    let mut tx = state.pool.begin().await?;
    let stored_version = db::contacts::lock(&mut tx, account.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let (Some(v), Some((edit, _))) = (version, &parsed)
        && v != stored_version
    {
        // Stale: both versions side by side, the form keeps what was typed.
        drop(tx);
        let stored = contact_of(&state, &account, &path).await?;
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        let mut page = form_page(&state, ctx, &me, account, Some(&stored), form, errors).await?;
        page.conflict = Some(conflict_rows(&page.ctx, &stored, edit, &bosses, &coverers));
        page.form.version = stored.version.to_string();
        return Err(AppError::conflict(page));
    }
    let loop_chain = match &parsed {
        Some((edit, _)) => {
            check_reports_to(&mut tx, account.id, id, edit.reports_to, &mut errors).await?
        }
        None => String::new(),
    };
    if let (Some((edit, note)), true) = (parsed, errors.is_empty()) {
        db::contacts::update(&mut tx, account.id, id, stored_version, &edit).await?;
        let (a, i) = stance_changes(
            id,
            (before.attitude, before.influence),
            (edit.attitude, edit.influence),
            note.as_deref().unwrap_or(""),
            me.0.id,
        );
        db::contacts::insert_attitude_changes(&mut tx, &a).await?;
        db::contacts::insert_influence_changes(&mut tx, &i).await?;
        let label_of = |choices: &[Choice], v: Option<String>| {
            v.and_then(|v| {
                choices
                    .iter()
                    .find(|c| c.value == v)
                    .map(|c| c.label.clone())
            })
        };
        let old = edit_of(&before);
        let changes: [(&str, Option<String>, Option<String>); 13] = [
            (
                "full_name",
                Some(old.full_name.as_str().into()),
                Some(edit.full_name.as_str().into()),
            ),
            ("title", Some(old.title), Some(edit.title.clone())),
            (
                "department",
                Some(old.department),
                Some(edit.department.clone()),
            ),
            (
                "email",
                Some(before.email.clone()),
                Some(edit.email.as_ref().map_or("", Email::as_str).into()),
            ),
            ("phone", Some(old.phone), Some(edit.phone.clone())),
            (
                "reports_to",
                before.boss_name.clone(),
                label_of(&bosses, edit.reports_to.map(|b| b.to_string())),
            ),
            (
                "decision_role",
                old.decision_role.map(|v| v.to_string()),
                edit.decision_role.map(|v| v.to_string()),
            ),
            (
                "influence",
                old.influence.map(|v| v.to_string()),
                edit.influence.map(|v| v.to_string()),
            ),
            (
                "attitude",
                old.attitude.map(|v| v.to_string()),
                edit.attitude.map(|v| v.to_string()),
            ),
            (
                "covered_by",
                before.covered_by_name.clone(),
                label_of(&coverers, edit.covered_by.map(|u| u.to_string())),
            ),
            (
                "measured_on",
                Some(old.measured_on),
                Some(edit.measured_on.clone()),
            ),
            (
                "motivation",
                Some(old.motivation),
                Some(edit.motivation.clone()),
            ),
            ("notes", Some(old.notes), Some(edit.notes.clone())),
        ];
        audit(
            &mut tx,
            &me,
            account.id,
            id,
            edit.full_name.as_str(),
            Vec::from(changes),
        )
        .await?;
        tx.commit().await?;
        flash(&session, "contact-saved").await;
        return Ok(
            Redirect::to(&format!("/accounts/{}/contacts/{id}", account.id)).into_response(),
        );
    }
    drop(tx);
    let mut page = form_page(&state, ctx, &me, account, Some(&before), form, errors).await?;
    page.loop_chain = loop_chain;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// The "left the client" form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct GoneForm {
    #[serde(default)]
    gone_on: String,
    /// "gone" or "back".
    #[serde(default)]
    action: String,
    #[serde(default)]
    version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "contacts/show.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    contact: ContactRow,
    history: Vec<StanceChange>,
    interactions: Vec<db::interactions::InteractionRow>,
    interactions_total: i64,
    can_edit: bool,
    can_log: bool,
    gone_form: GoneForm,
    errors: FieldErrors,
    today: NaiveDate,
}

impl ShowPage {
    fn standing(&self) -> crate::domain::contact::Standing {
        self.contact.standing()
    }
}

async fn show_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: &OnAccount,
    contact: ContactRow,
    gone_form: GoneForm,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let filter = db::interactions::InteractionFilter {
        contact: Some(contact.id),
        ..Default::default()
    };
    let today = Utc::now().date_naive();
    let gone_form = GoneForm {
        version: contact.version.to_string(),
        gone_on: if gone_form.gone_on.is_empty() {
            today.format("%Y-%m-%d").to_string()
        } else {
            gone_form.gone_on
        },
        ..gone_form
    };
    Ok(ShowPage {
        hub: Hub::load(state, me, *account, "contacts").await?,
        history: db::contacts::stance_history(&state.pool, contact.id).await?,
        interactions: db::interactions::list(&state.pool, account.id, &filter, Some(10), 0).await?,
        interactions_total: db::interactions::count(&state.pool, account.id, &filter).await?,
        can_edit: may_edit(me, account),
        can_log: permissions::allows(me.0.role, Action::LogActivity, account.relation),
        ctx,
        contact,
        gone_form,
        errors,
        today,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path(path): Path<ContactPath>,
) -> AppResult<ShowPage> {
    let contact = contact_of(&state, &account, &path).await?;
    show_page(
        &state,
        ctx,
        &me,
        &account,
        contact,
        GoneForm::default(),
        FieldErrors::new(),
    )
    .await
}

async fn gone(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path(path): Path<ContactPath>,
    Form(form): Form<GoneForm>,
) -> AppResult<Response> {
    let contact = contact_of(&state, &account, &path).await?;
    let mut errors = FieldErrors::new();
    let version = errors.check(
        "gone_on",
        form.version
            .trim()
            .parse::<i32>()
            .map_err(|_| "invalid_choice"),
    );
    let today = Utc::now().date_naive();
    let on = match form.action.as_str() {
        "back" => Some(None),
        "gone" => match errors.date("gone_on", &form.gone_on) {
            Some(d) if d > today => {
                errors.add("gone_on", "error-date-in-future");
                None
            }
            Some(d) => Some(Some(d)),
            None => None,
        },
        _ => {
            errors.add("gone_on", "error-invalid-choice");
            None
        }
    };
    if let (Some(on), Some(version), true) = (on, version, errors.is_empty()) {
        let mut tx = state.pool.begin().await?;
        let stored = db::contacts::lock(&mut tx, account.id, contact.id)
            .await?
            .ok_or(AppError::NotFound)?;
        if stored != version {
            drop(tx);
            let mut errors = FieldErrors::new();
            errors.add("gone_on", "error-edit-conflict");
            let fresh = contact_of(&state, &account, &path).await?;
            let page = show_page(&state, ctx, &me, &account, fresh, form, errors).await?;
            return Err(AppError::conflict(page));
        }
        db::contacts::set_gone(&mut tx, account.id, contact.id, stored, on).await?;
        let shown = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        audit(
            &mut tx,
            &me,
            account.id,
            contact.id,
            &contact.full_name,
            vec![("gone_on", shown(contact.gone_on), shown(on))],
        )
        .await?;
        tx.commit().await?;
        flash(
            &session,
            if on.is_some() {
                "contact-gone"
            } else {
                "contact-back"
            },
        )
        .await;
        return Ok(
            Redirect::to(&format!("/accounts/{}/contacts/{}", account.id, contact.id))
                .into_response(),
        );
    }
    let page = show_page(&state, ctx, &me, &account, contact, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A person's card on the map, ready to draw.
pub struct MapCard {
    /// The contact.
    pub id: ContactId,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Name, cut to fit.
    pub name: String,
    /// Whether the name is long enough to be squeezed into the card's width.
    pub name_long: bool,
    /// Title, cut to fit.
    pub title: String,
    /// Whether the title is long enough to be squeezed into the card's width.
    pub title_long: bool,
    /// The whole description for assistive technology and the tooltip.
    pub label: String,
    /// The decision role's short name ('' when not known).
    pub role: String,
    /// The role's CSS class.
    pub role_class: &'static str,
    /// Width of the role's pill.
    pub role_width: i32,
    /// Attitude CSS class (supporter, neutral, opponent, unknown).
    pub attitude: &'static str,
    /// The sign standing for the attitude (so that colour is not the only cue).
    pub attitude_sign: &'static str,
    /// Influence CSS class (high, medium, low, unknown).
    pub influence: &'static str,
    /// The covering colleague's initials ('' when nobody covers them).
    pub initials: String,
    /// Part of a gap (uncovered decider, strong blocker, silent too long).
    pub gap: bool,
    /// Silent for more than 90 days.
    pub stale: bool,
}

/// Characters of a name on a card: past `NAME_CHARS - 3` the text is squeezed to the card's
/// width (`textLength`), past `NAME_CHARS` cut with an ellipsis (the tooltip has it all).
const NAME_CHARS: usize = 21;
/// The same for the title line.
const TITLE_CHARS: usize = 30;

impl MapCard {
    /// Centre of the initials' circle (bottom right).
    pub fn badge_x(&self) -> i32 {
        self.x + CARD_W - 16
    }
}

/// Initials of a colleague's name: the first letters of the first two words.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .take(2)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// An account's chart, ready to draw: the gaps, the cards and lines, the legend
/// (`templates/contacts/_map.html`).
pub struct MapView {
    /// The account (for the links of the cards).
    pub account: AccountId,
    /// Its name (the chart's title, also on the printout).
    pub name: String,
    width: i32,
    height: i32,
    cards: Vec<MapCard>,
    lines: Vec<contact_map::Line>,
    roots: usize,
    gaps: AccountGaps,
    names: HashMap<ContactId, String>,
    gone: i64,
}

impl MapView {
    fn card_w(&self) -> i32 {
        CARD_W
    }

    fn card_h(&self) -> i32 {
        CARD_H
    }

    fn names_of(&self, ids: &[ContactId]) -> String {
        ids.iter()
            .filter_map(|id| self.names.get(id).cloned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The chart alone, as the map page shows it: rendered by the benchmark
/// (benches/contact_map.rs) without a request.
#[derive(Template)]
#[template(path = "contacts/_map.html")]
pub struct MapBody {
    /// Language and the rest of the page context.
    pub ctx: PageCtx,
    /// The chart.
    pub view: MapView,
}

/// The map page: the account's header and tabs, then the chart.
#[derive(Template, WebTemplate)]
#[template(path = "contacts/map.html")]
struct MapPage {
    ctx: PageCtx,
    hub: Hub,
    view: MapView,
    can_edit: bool,
}

async fn map(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<MapPage> {
    let hub = Hub::load(&state, &me, account, "map").await?;
    let all = db::contacts::all_of_account(&state.pool, account.id).await?;
    let view = map_view(
        &ctx,
        account.id,
        hub.header.name.clone(),
        all,
        Utc::now().date_naive(),
    );
    Ok(MapPage {
        can_edit: may_edit(&me, &account),
        ctx,
        hub,
        view,
    })
}

/// The chart of an account's contacts (gone ones are counted, not drawn) on `today`: the
/// layout, the cards and the gaps. Public for the benchmark (benches/contact_map.rs).
pub fn map_view(
    ctx: &PageCtx,
    account: AccountId,
    name: String,
    all: Vec<ContactRow>,
    today: NaiveDate,
) -> MapView {
    let gone = all.iter().filter(|c| c.is_gone()).count() as i64;
    let mut people: Vec<ContactRow> = all.into_iter().filter(|c| !c.is_gone()).collect();
    // Who decides first, then by name: the order of reports under each manager.
    people.sort_by_key(|c| {
        (
            c.decision_role.map_or(usize::MAX, |r| {
                DecisionRole::ALL.iter().position(|x| *x == r).unwrap_or(0)
            }),
            c.full_name.to_lowercase(),
        )
    });
    let nodes: Vec<MapNode> = people
        .iter()
        .map(|c| MapNode {
            id: c.id,
            boss: c.reports_to,
        })
        .collect();
    let layout = contact_map::layout(&nodes);
    let standings: Vec<(ContactId, crate::domain::contact::Standing)> =
        people.iter().map(|c| (c.id, c.standing())).collect();
    let gaps = AccountGaps::of(&standings, today);
    let by_id: HashMap<ContactId, &ContactRow> = people.iter().map(|c| (c.id, c)).collect();
    let cards = layout
        .cards
        .iter()
        .map(|placed| map_card(ctx, by_id[&placed.id], placed, &gaps, today))
        .collect();
    MapView {
        names: people.iter().map(|c| (c.id, c.full_name.clone())).collect(),
        account,
        name,
        width: layout.width,
        height: layout.height,
        cards,
        lines: layout.lines,
        roots: layout.roots,
        gaps,
        gone,
    }
}

fn map_card(
    ctx: &PageCtx,
    c: &ContactRow,
    placed: &contact_map::Card,
    gaps: &AccountGaps,
    today: NaiveDate,
) -> MapCard {
    let (attitude, attitude_sign) = match c.attitude {
        Some(Attitude::Supporter) => ("supporter", "+"),
        Some(Attitude::Neutral) => ("neutral", "="),
        Some(Attitude::Opponent) => ("opponent", "−"),
        None => ("unknown", "?"),
    };
    let influence = c.influence.map_or("unknown", Influence::as_str);
    let role_class = match c.decision_role {
        Some(DecisionRole::DecisionMaker | DecisionRole::EconomicBuyer) => "decides",
        Some(DecisionRole::Champion) => "champion",
        Some(DecisionRole::Blocker) => "blocker",
        Some(_) => "other",
        None => "none",
    };
    let role = c
        .decision_role
        .map(|r| ctx.t(&format!("role-short-{}", r.as_str().replace('_', "-"))))
        .unwrap_or_default();
    let unknown = ctx.t("map-not-known");
    let named = |v: Option<String>| v.unwrap_or_else(|| unknown.clone());
    let label = [
        c.full_name.clone(),
        c.title.clone(),
        named(c.decision_role.map(|r| ctx.name(&r))),
        format!(
            "{}: {}",
            ctx.t("field-attitude"),
            named(c.attitude.map(|a| ctx.name(&a)))
        ),
        format!(
            "{}: {}",
            ctx.t("field-influence"),
            named(c.influence.map(|i| ctx.name(&i)))
        ),
        format!(
            "{}: {}",
            ctx.t("field-covered-by"),
            c.covered_by_name
                .clone()
                .unwrap_or_else(|| ctx.t("map-nobody"))
        ),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    MapCard {
        id: c.id,
        x: placed.x,
        y: placed.y,
        name: contact_map::fit(&c.full_name, NAME_CHARS),
        name_long: c.full_name.chars().count() > NAME_CHARS - 3,
        title: contact_map::fit(&c.title, TITLE_CHARS),
        title_long: c.title.chars().count() > TITLE_CHARS - 4,
        label,
        role_width: 12 + 13 * role.chars().count() as i32 / 2,
        role,
        role_class,
        attitude,
        attitude_sign,
        influence,
        initials: c
            .covered_by_name
            .as_deref()
            .map(initials)
            .unwrap_or_default(),
        gap: gaps.marks(c.id),
        stale: c.standing().is_stale(today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_letters_of_two_words() {
        assert_eq!(initials("Ирина Соколова"), "ИС");
        assert_eq!(initials("anna"), "A");
        assert_eq!(initials("Jean Paul Sartre"), "JP");
    }
}
