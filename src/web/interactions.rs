//! `/accounts/{id}/interactions`: the account's calls, meetings, e-mails and visits (filtered,
//! paged, exported as `.csv` and `.xlsx`), and `/accounts/{id}/interactions/new` to log one
//! with its participants on both sides and a next step that may become a follow-up. Logging
//! moves the participants' last-contact date.

use super::AppState;
use super::contacts::Choice;
use super::ctx::{Me, PageCtx, flash};
use super::deals::parse_choice;
use super::export::{Cell, Table};
use super::extract::{Form, Query};
use super::form::FieldErrors;
use super::hub::Hub;
use super::paging::Pager;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::follow_ups::NewFollowUp;
use crate::db::interactions::{InteractionFilter, InteractionRow, NewInteraction};
use crate::domain::ids::{ContactId, FollowUpId, InteractionId, UserId};
use crate::domain::interaction::InteractionKind;
use crate::domain::permissions::{self, Action};
use crate::domain::system_text::Text;
use crate::domain::text;
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use tower_sessions::Session;

/// The interaction routes: everyone who sees the account reads them; the team (assistants
/// included), directors and administrators log them.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let log = Gate::Account(Action::LogActivity);
    vec![
        Route::get("/accounts/{id}/interactions", view, list),
        Route::get("/accounts/{id}/interactions.csv", view, export),
        Route::get("/accounts/{id}/interactions.xlsx", view, export),
        Route::get("/accounts/{id}/interactions/new", log, new_form),
        Route::post("/accounts/{id}/interactions/new", log, create),
    ]
}

/// Rows per page.
const PAGE_SIZE: i64 = 50;

/// The list's query string as typed.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    q: Option<String>,
    kind: Option<String>,
    contact: Option<String>,
    dir: Option<String>,
    page: Option<String>,
}

/// The filter of a query string and the parameters that keep it in links.
fn filter_of(
    q: &ListQuery,
    errors: &mut FieldErrors,
) -> (InteractionFilter, Vec<(&'static str, String)>) {
    let raw = q.q.as_deref().unwrap_or("");
    let query = errors.optional_text("q", text::SEARCH, raw).flatten();
    let kind = parse_choice::<InteractionKind>(&q.kind);
    let contact = parse_choice::<ContactId>(&q.contact);
    let oldest_first = q.dir.as_deref() == Some("asc");
    let params = vec![
        ("q", raw.trim().to_string()),
        ("kind", kind.map_or("", InteractionKind::as_str).into()),
        (
            "contact",
            contact.map(|c| c.to_string()).unwrap_or_default(),
        ),
        ("dir", if oldest_first { "asc" } else { "" }.into()),
    ];
    let filter = InteractionFilter {
        kind,
        contact,
        query,
        oldest_first,
    };
    (filter, params)
}

#[derive(Template, WebTemplate)]
#[template(path = "interactions/list.html")]
struct ListPage {
    ctx: PageCtx,
    hub: Hub,
    rows: Vec<InteractionRow>,
    filter: InteractionFilter,
    q: String,
    pager: Pager,
    contacts: Vec<Choice>,
    kinds: &'static [InteractionKind],
    can_log: bool,
    errors: FieldErrors,
}

impl ListPage {
    fn kind_selected(&self, k: &InteractionKind) -> bool {
        self.filter.kind == Some(*k)
    }

    fn contact_selected(&self, c: &Choice) -> bool {
        self.filter.contact.map(|id| id.to_string()).as_deref() == Some(c.value.as_str())
    }

    fn date_order_href(&self) -> String {
        self.pager
            .href_with(&[("dir", if self.filter.oldest_first { "" } else { "asc" })])
    }
}

/// Every contact of the account as a choice (gone ones marked), by name.
async fn contact_choices(
    state: &AppState,
    ctx: &PageCtx,
    account: &OnAccount,
) -> AppResult<Vec<Choice>> {
    Ok(db::contacts::all_of_account(&state.pool, account.id)
        .await?
        .into_iter()
        .map(|c| Choice {
            value: c.id.to_string(),
            label: if c.is_gone() {
                format!("{} ({})", c.full_name, ctx.t("contact-gone-badge"))
            } else {
                c.full_name
            },
        })
        .collect())
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
    let (pager, rows) = Pager::load(
        format!("/accounts/{}/interactions", account.id),
        params,
        q.page.as_deref(),
        PAGE_SIZE,
        !errors.is_empty(),
        db::interactions::count(&state.pool, account.id, &filter),
        async |limit, offset| {
            db::interactions::list(&state.pool, account.id, &filter, Some(limit), offset).await
        },
    )
    .await?;
    let status = errors.status();
    let page = ListPage {
        hub: Hub::load(&state, &me, account, "interactions").await?,
        contacts: contact_choices(&state, &ctx, &account).await?,
        rows,
        filter,
        q: q.q.unwrap_or_default(),
        pager,
        kinds: InteractionKind::ALL,
        can_log: permissions::allows(me.0.role, Action::LogActivity, account.relation),
        errors,
        ctx,
    };
    Ok((status, page).into_response())
}

const EXPORT_HEADERS: [&str; 8] = [
    "col-when",
    "field-kind",
    "field-their-side",
    "field-our-side",
    "field-summary",
    "field-next-step",
    "field-follow-up-due",
    "col-logged-by",
];

fn export_table(lang: Language, rows: &[InteractionRow]) -> Table {
    let mut table = Table::new(EXPORT_HEADERS.iter().map(|k| i18n::t(lang, k)));
    for r in rows {
        table.row(vec![
            Cell::text(r.occurred_at.format("%Y-%m-%d %H:%M").to_string()),
            Cell::text(i18n::name(lang, &r.kind)),
            Cell::text(r.contact_names.join("; ")),
            Cell::text(r.user_names.join("; ")),
            Cell::text(&r.summary),
            Cell::text(&r.next_step),
            Cell::opt_text(r.follow_up_due.map(|d| d.format("%Y-%m-%d").to_string())),
            Cell::opt_text(r.logged_by_name.clone()),
        ]);
    }
    table
}

async fn export_rows(
    state: &AppState,
    account: &OnAccount,
    q: &ListQuery,
) -> AppResult<Vec<InteractionRow>> {
    let mut errors = FieldErrors::new();
    let (filter, _) = filter_of(q, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::BadRequest("search term refused".into()));
    }
    Ok(db::interactions::list(&state.pool, account.id, &filter, None, 0).await?)
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
        "interactions",
        &ctx.t("interactions-sheet-name"),
    )
}

/// The log form as typed. Participants come as one `contact`/`user` pair per ticked box.
#[derive(Debug, Clone, Default)]
struct LogForm {
    date: String,
    time: String,
    kind: String,
    contacts: Vec<String>,
    users: Vec<String>,
    summary: String,
    next_step: String,
    follow_up: bool,
    due_on: String,
    assignee: String,
}

impl LogForm {
    /// Reads the submitted pairs (a plain struct cannot hold repeated keys).
    fn of(pairs: Vec<(String, String)>) -> LogForm {
        let mut f = LogForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "date" => f.date = v,
                "time" => f.time = v,
                "kind" => f.kind = v,
                "contact" => f.contacts.push(v),
                "user" => f.users.push(v),
                "summary" => f.summary = v,
                "next_step" => f.next_step = v,
                "follow_up" => f.follow_up = v == "1",
                "due_on" => f.due_on = v,
                "assignee" => f.assignee = v,
                _ => {}
            }
        }
        f
    }

    fn has_contact(&self, c: &Choice) -> bool {
        self.contacts.contains(&c.value)
    }

    fn has_user(&self, c: &Choice) -> bool {
        self.users.contains(&c.value)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "interactions/new.html")]
struct NewPage {
    ctx: PageCtx,
    hub: Hub,
    form: LogForm,
    errors: FieldErrors,
    kinds: &'static [InteractionKind],
    /// Current contacts of the account.
    contacts: Vec<Choice>,
    /// Our side: the account's current team, and the one logging.
    users: Vec<Choice>,
}

/// Current contacts and our people who can take part.
async fn participants(
    state: &AppState,
    me: &Me,
    account: &OnAccount,
) -> AppResult<(Vec<Choice>, Vec<Choice>)> {
    let contacts = db::contacts::all_of_account(&state.pool, account.id)
        .await?
        .into_iter()
        .filter(|c| !c.is_gone())
        .map(|c| Choice {
            value: c.id.to_string(),
            label: if c.title.is_empty() {
                c.full_name
            } else {
                format!("{} — {}", c.full_name, c.title)
            },
        })
        .collect();
    let mut users: Vec<Choice> = db::accounts::team(&state.pool, account.id)
        .await?
        .into_iter()
        .map(|m| Choice {
            value: m.user_id.to_string(),
            label: m.name,
        })
        .collect();
    if !users.iter().any(|u| u.value == me.0.id.to_string()) {
        users.push(Choice {
            value: me.0.id.to_string(),
            label: me.0.name.clone(),
        });
    }
    Ok((contacts, users))
}

async fn new_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: &OnAccount,
    form: LogForm,
    errors: FieldErrors,
) -> AppResult<NewPage> {
    let (contacts, users) = participants(state, me, account).await?;
    Ok(NewPage {
        ctx,
        hub: Hub::load(state, me, *account, "interactions").await?,
        form,
        errors,
        kinds: InteractionKind::ALL,
        contacts,
        users,
    })
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<Vec<(String, String)>>,
) -> AppResult<NewPage> {
    let today = Utc::now().date_naive();
    let mut form = LogForm {
        date: today.format("%Y-%m-%d").to_string(),
        kind: InteractionKind::Call.to_string(),
        users: vec![me.0.id.to_string()],
        due_on: (today + chrono::Days::new(7))
            .format("%Y-%m-%d")
            .to_string(),
        assignee: me.0.id.to_string(),
        ..LogForm::default()
    };
    // From a contact's page: that contact is ticked.
    form.contacts = LogForm::of(q).contacts;
    new_page(&state, ctx, &me, &account, form, FieldErrors::new()).await
}

/// The chosen ids of a list of boxes; a value that is not one of the choices is refused.
fn chosen<T: std::str::FromStr>(
    errors: &mut FieldErrors,
    field: &'static str,
    values: &[String],
    choices: &[Choice],
) -> Vec<T> {
    let mut ids = vec![];
    for v in values {
        match v.parse::<T>() {
            Ok(id) if choices.iter().any(|c| &c.value == v) => ids.push(id),
            _ => errors.add(field, "error-invalid-choice"),
        }
    }
    ids
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = LogForm::of(pairs);
    let (contact_choices, user_choices) = participants(&state, &me, &account).await?;
    let mut errors = FieldErrors::new();
    let today = Utc::now().date_naive();
    let date = errors.date("date", &form.date);
    if date.is_some_and(|d| d > today) {
        errors.add("date", "error-date-in-future");
    }
    let time = if form.time.trim().is_empty() {
        Some(NaiveTime::from_hms_opt(12, 0, 0).expect("noon"))
    } else {
        errors.check(
            "time",
            NaiveTime::parse_from_str(form.time.trim(), "%H:%M").map_err(|_| "invalid_time"),
        )
    };
    let kind = errors.check(
        "kind",
        form.kind
            .parse::<InteractionKind>()
            .map_err(|_| "invalid_choice"),
    );
    let contacts: Vec<ContactId> =
        chosen(&mut errors, "contacts", &form.contacts, &contact_choices);
    let users: Vec<UserId> = chosen(&mut errors, "users", &form.users, &user_choices);
    if users.is_empty() && errors.get("users").is_none() {
        errors.add("users", "error-our-side-required");
    }
    let summary = errors.text("summary", text::NOTE, &form.summary);
    let next_step = errors.optional_text("next_step", text::TITLE, &form.next_step);
    let mut follow_up: Option<(NaiveDate, UserId)> = None;
    if form.follow_up {
        if next_step.as_ref().is_some_and(Option::is_none) {
            errors.add("next_step", "error-next-step-for-follow-up");
        }
        let due = errors.date("due_on", &form.due_on);
        if due.is_some_and(|d| d < today) {
            errors.add("due_on", "error-date-in-past");
        }
        let assignee = chosen::<UserId>(
            &mut errors,
            "assignee",
            std::slice::from_ref(&form.assignee),
            &user_choices,
        );
        if let (Some(due), Some(assignee)) = (due, assignee.first()) {
            follow_up = Some((due, *assignee));
        }
    }
    if let (Some(date), Some(time), Some(kind), Some(summary), Some(next_step), true) =
        (date, time, kind, summary, next_step, errors.is_empty())
    {
        let next_step = next_step.unwrap_or_default();
        let mut tx = state.pool.begin().await?;
        let follow_up_id = match follow_up {
            Some((due_on, assignee)) => {
                let f = NewFollowUp {
                    id: FollowUpId::new(),
                    account_id: account.id,
                    title: Text::Typed(next_step.clone()),
                    notes: String::new(),
                    due_on,
                    assignee_id: assignee,
                    done_at: None,
                    done_by: None,
                    contact_id: contacts.first().copied(),
                    deal_id: None,
                    order_id: None,
                    created_by: Some(me.0.id),
                    created_at: None,
                };
                db::follow_ups::insert(&mut tx, &f).await?;
                Some(f.id)
            }
            None => None,
        };
        let interaction = NewInteraction {
            id: InteractionId::new(),
            account_id: account.id,
            contacts,
            users,
            kind,
            occurred_at: date.and_time(time).and_utc(),
            summary,
            next_step,
            follow_up_id,
            logged_by: Some(me.0.id),
            created_at: None,
        };
        db::interactions::insert(&mut tx, &interaction).await?;
        db::audit::record_fields(
            &mut tx,
            &db::audit::FieldChanges {
                user: Some(me.0.id),
                account: account.id,
                section: "contacts",
                entity: "interaction",
                entity_id: Some(interaction.id.0),
                item: None,
                fields: vec![("interaction", None, Some(kind.to_string()))],
            },
        )
        .await?;
        tx.commit().await?;
        flash(&session, "interaction-logged").await;
        return Ok(Redirect::to(&format!("/accounts/{}/interactions", account.id)).into_response());
    }
    let page = new_page(&state, ctx, &me, &account, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
