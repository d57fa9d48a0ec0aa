//! Follow-ups: "my follow-ups" (`/follow-ups`: overdue, today, this week, later; KAMs see their
//! teams' by default; filters, pages, CSV/XLSX export), ticking one off or reopening it
//! (`/follow-ups/{follow_up}/done`, `/undone`), and the account's section
//! `/accounts/{id}/follow-ups` with one follow-up's page `/accounts/{id}/follow-ups/{follow_up}`.
//!
//! A follow-up assigned to you is yours, whichever account it is on: you see it (without the
//! account's name when the account is outside your teams) and may tick it off; its account's
//! pages stay closed to you.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::export::{self, Cell};
use super::extract::{Form, Path, Query};
use super::form::{FieldErrors, local_path};
use super::hub::Hub;
use super::orders::SectionAccount;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::follow_ups::{
    FollowUpFilter, FollowUpKey, FollowUpPageAt, FollowUpRow, LinkChoices, Whose,
};
use crate::domain::follow_up::{self, Bucket};
use crate::domain::ids::{AccountId, ContactId, DealId, FollowUpId, OrderId, UserId};
use crate::domain::permissions::{self, Action};
use crate::domain::system_text::Text;
use crate::domain::user::Role;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tower_sessions::Session;

/// The follow-up routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let log = Gate::Account(Action::LogActivity);
    vec![
        Route::get("/follow-ups", Gate::SignedIn, list),
        Route::get("/follow-ups.csv", Gate::SignedIn, export_file),
        Route::get("/follow-ups.xlsx", Gate::SignedIn, export_file),
        // Signed in, then the handler asks `follow_up::may_complete`: the assignee may tick off
        // a follow-up on an account outside their teams, which no account gate would let
        // through. Anyone else who may not see the account gets 404.
        Route::post("/follow-ups/{follow_up}/done", Gate::SignedIn, done),
        Route::post("/follow-ups/{follow_up}/undone", Gate::SignedIn, undone),
        Route::get("/accounts/{id}/follow-ups", view, account_follow_ups),
        Route::post("/accounts/{id}/follow-ups", log, create),
        Route::get("/accounts/{id}/follow-ups/{follow_up}", view, show),
        Route::post("/accounts/{id}/follow-ups/{follow_up}", log, update),
    ]
}

/// Follow-ups per page.
const PAGE_ROWS: i64 = 50;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

// ------------------------------------------------------------------------------ lists

/// A list's query string, as typed.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    whose: Option<String>,
    state: Option<String>,
    bucket: Option<String>,
    assignee: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

/// The list's choices, parsed.
#[derive(Debug, Clone)]
struct Filters {
    whose: Whose,
    done: bool,
    bucket: Option<Bucket>,
    assignee: Option<UserId>,
}

impl Filters {
    fn parse(q: &ListQuery, me: &Me) -> Filters {
        let whose = match q.whose.as_deref() {
            Some("mine") => Whose::Mine,
            Some("team") => Whose::Visible,
            // KAMs look after their teams' follow-ups (issue 10); everyone else starts with
            // their own.
            _ if me.0.role == Role::Kam => Whose::Visible,
            _ => Whose::Mine,
        };
        Filters {
            whose,
            done: q.state.as_deref() == Some("done"),
            bucket: q.bucket.as_deref().and_then(|b| b.parse().ok()),
            assignee: q.assignee.as_deref().and_then(|u| u.parse().ok()),
        }
    }

    fn filter(&self, me: &Me, today: NaiveDate) -> FollowUpFilter {
        let (due_from, due_to) = match self.bucket {
            Some(b) if !self.done => b.range(today),
            _ => (None, None),
        };
        FollowUpFilter {
            done: self.done,
            assignee: self.assignee,
            due_from,
            due_to,
            ..FollowUpFilter::open(me.scope(), me.0.id, self.whose)
        }
    }

    fn whose_str(&self) -> &'static str {
        match self.whose {
            Whose::Mine => "mine",
            Whose::Visible => "team",
        }
    }

    /// The query string of these choices (no paging).
    fn query(&self) -> String {
        let assignee = self.assignee.map(|u| u.to_string()).unwrap_or_default();
        let pairs: Vec<(&str, &str)> = [
            ("whose", self.whose_str()),
            ("state", if self.done { "done" } else { "" }),
            ("bucket", self.bucket.map_or("", |b| b.as_str())),
            ("assignee", assignee.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

fn encode_key(k: &FollowUpKey) -> String {
    format!("{}~{}", k.due_on, k.id)
}

fn decode_key(raw: &str) -> Option<FollowUpKey> {
    let (d, id) = raw.split_once('~')?;
    Some(FollowUpKey {
        due_on: d.parse().ok()?,
        id: id.parse().ok()?,
    })
}

/// A page of follow-ups with the links around it.
struct FollowUpsPage {
    rows: Vec<FollowUpRow>,
    previous: Option<String>,
    next: Option<String>,
    first: Option<String>,
}

async fn load_page(
    state: &AppState,
    filter: &FollowUpFilter,
    base: &str,
    after: &Option<String>,
    before: &Option<String>,
) -> AppResult<FollowUpsPage> {
    let at = match (after, before) {
        (Some(k), _) => decode_key(k).map(FollowUpPageAt::After),
        (None, Some(k)) => decode_key(k).map(FollowUpPageAt::Before),
        _ => None,
    }
    .unwrap_or_default();
    let page = db::follow_ups::page(&state.pool, filter, at, PAGE_ROWS).await?;
    let link = |dir: &str, row: Option<&FollowUpRow>| {
        row.map(|r| {
            let key = serde_urlencoded::to_string([(dir, encode_key(&FollowUpKey::of(r)))])
                .unwrap_or_default();
            if base.is_empty() {
                format!("?{key}")
            } else {
                format!("?{base}&{key}")
            }
        })
    };
    Ok(FollowUpsPage {
        previous: page
            .has_previous
            .then(|| link("before", page.rows.first()))
            .flatten(),
        next: page
            .has_next
            .then(|| link("after", page.rows.last()))
            .flatten(),
        first: (at != FollowUpPageAt::First).then(|| format!("?{base}")),
        rows: page.rows,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_ups/list.html")]
struct ListPage {
    ctx: PageCtx,
    filters: Filters,
    page: FollowUpsPage,
    users: Vec<db::users::UserRow>,
    buckets: &'static [Bucket],
    query: String,
    /// Where the done/undone buttons come back to.
    back: String,
    me: UserId,
    today: NaiveDate,
}

impl ListPage {
    fn bucket_of(&self, f: &FollowUpRow) -> Bucket {
        follow_up::bucket(f.due_on, self.today)
    }
    /// Whether row `i` starts a new bucket (a heading above it).
    fn starts_bucket(&self, i: &usize) -> bool {
        !self.filters.done
            && (*i == 0
                || self.bucket_of(&self.page.rows[*i - 1]) != self.bucket_of(&self.page.rows[*i]))
    }
    fn may_tick(&self, f: &FollowUpRow) -> bool {
        may_tick(f, self.me)
    }
    fn bucket_selected(&self, b: &Bucket) -> bool {
        self.filters.bucket == Some(*b)
    }
    fn user_selected(&self, u: &UserId) -> bool {
        self.filters.assignee == Some(*u)
    }
}

/// Whether the reader may tick a listed follow-up off: rows come only from what the reader may
/// see, so a row whose account is shown is on an account they may log on, and a row whose
/// account is hidden is theirs (see [`follow_up::may_complete`]).
fn may_tick(f: &FollowUpRow, me: UserId) -> bool {
    f.account_id.is_some() || f.assignee_id == me
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<ListPage> {
    let filters = Filters::parse(&q, &me);
    let today = today();
    let query = filters.query();
    let page = load_page(
        &state,
        &filters.filter(&me, today),
        &query,
        &q.after,
        &q.before,
    )
    .await?;
    Ok(ListPage {
        ctx,
        back: format!("/follow-ups?{query}"),
        filters,
        page,
        users: db::users::list(&state.pool).await?,
        buckets: Bucket::ALL,
        query,
        me: me.0.id,
        today,
    })
}

fn export_headers(ctx: &PageCtx) -> Vec<String> {
    [
        "col-due",
        "col-task",
        "col-client",
        "col-assignee",
        "col-state",
        "col-done-at",
        "col-done-by",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect()
}

fn spawn_export(state: &AppState, ctx: PageCtx, filter: FollowUpFilter) -> export::RowStream {
    let (sink, rows) = export::row_channel();
    let pool = state.pool.clone();
    tokio::spawn(async move {
        let hidden = ctx.t("follow-up-account-hidden");
        let result = db::follow_ups::each(&pool, &filter, |f| {
            let row = vec![
                Cell::text(f.due_on.to_string()),
                Cell::text(ctx.text(&f.title)),
                Cell::text(f.account_name.clone().unwrap_or_else(|| hidden.clone())),
                Cell::text(f.assignee_name.clone()),
                Cell::text(ctx.t(if f.done {
                    "follow-up-state-done"
                } else {
                    "follow-up-state-open"
                })),
                Cell::opt_text(f.done_at.map(|at| at.format("%Y-%m-%d %H:%M").to_string())),
                Cell::opt_text(f.done_by_name.clone()),
            ];
            let sink = sink.clone();
            async move { sink.send(row).await }
        })
        .await;
        if let Err(e) = result {
            sink.fail(e.into()).await;
        }
    });
    rows
}

/// `/follow-ups.csv` and `/follow-ups.xlsx`: every follow-up the choices admit.
async fn export_file(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let filter = Filters::parse(&q, &me).filter(&me, today());
    let headers = export_headers(&ctx);
    let (path, sheet) = (ctx.path.clone(), ctx.t("follow-ups-title"));
    let rows = spawn_export(&state, ctx, filter);
    export::stream_response_for(&path, "follow-ups", &sheet, headers, rows).await
}

// ------------------------------------------------------------------------------ done / undone

/// The done/undone button's form.
#[derive(Debug, Deserialize)]
struct TickForm {
    version: i32,
    #[serde(default)]
    back: Option<String>,
}

async fn done(
    State(state): State<AppState>,
    me: Me,
    session: Session,
    Path(id): Path<FollowUpId>,
    body: Bytes,
) -> AppResult<Response> {
    tick(state, me, session, id, body, true).await
}

async fn undone(
    State(state): State<AppState>,
    me: Me,
    session: Session,
    Path(id): Path<FollowUpId>,
    body: Bytes,
) -> AppResult<Response> {
    tick(state, me, session, id, body, false).await
}

/// Ticks a follow-up off or reopens it. Who may is decided before the form is read, so a
/// reader who may not see it gets 404 whatever they sent.
async fn tick(
    state: AppState,
    me: Me,
    session: Session,
    id: FollowUpId,
    body: Bytes,
    done: bool,
) -> AppResult<Response> {
    let own = db::follow_ups::ownership(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let relation = db::accounts::relation(&state.pool, own.account_id, me.0.id).await?;
    if !follow_up::may_complete(me.0.role, relation, own.assignee_id == me.0.id) {
        return Err(AppError::NotFound);
    }
    let form: TickForm =
        serde_urlencoded::from_bytes(&body).map_err(|e| AppError::BadRequest(e.to_string()))?;
    let back = local_path(Some(form.back.as_deref().unwrap_or("/follow-ups")));
    let mut tx = state.pool.begin().await?;
    let stored = db::follow_ups::lock(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.done == done {
        // Already so (a second click, another tab): nothing to do.
        return Ok(Redirect::to(&back).into_response());
    }
    if stored.version != form.version
        || !db::follow_ups::set_done(&mut tx, id, stored.version, done.then_some(me.0.id)).await?
    {
        drop(tx);
        flash(&session, "follow-up-changed").await;
        return Ok(Redirect::to(&back).into_response());
    }
    db::audit::record(
        &mut *tx,
        &db::audit::Change {
            user: Some(me.0.id),
            account: Some(own.account_id),
            entity: "follow_up",
            entity_id: Some(id.0),
            field: "follow_up_done",
            old: Some((!done).to_string()),
            new: Some(done.to_string()),
        },
    )
    .await?;
    tx.commit().await?;
    flash(
        &session,
        if done {
            "follow-up-done-flash"
        } else {
            "follow-up-undone-flash"
        },
    )
    .await;
    Ok(Redirect::to(&back).into_response())
}

// ------------------------------------------------------------------------------ the account's section

/// The follow-up form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct FollowUpForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    deal: String,
    #[serde(default)]
    order: String,
    #[serde(default)]
    version: i32,
}

/// The form and what it offers (`templates/follow_ups/form.html`).
struct Editor {
    form: FollowUpForm,
    errors: FieldErrors,
    action: String,
    team: Vec<db::accounts::TeamMember>,
    links: LinkChoices,
    /// The title is system text (editing it replaces it with typed text).
    system_title: bool,
}

impl Editor {
    async fn load(
        state: &AppState,
        account: AccountId,
        action: String,
        form: FollowUpForm,
        errors: FieldErrors,
    ) -> AppResult<Editor> {
        let current_order = form.order.parse::<OrderId>().ok();
        Ok(Editor {
            team: db::accounts::team(&state.pool, account).await?,
            links: db::follow_ups::link_choices(&state.pool, account, current_order).await?,
            form,
            errors,
            action,
            system_title: false,
        })
    }

    /// Parses the form against the account: the assignee from its current team, links to its
    /// own contacts, deals and orders.
    fn parse(
        &mut self,
        current_title: Option<(&Text, String)>,
    ) -> Option<db::follow_ups::FollowUpEdit> {
        let fields = match follow_up::parse_follow_up(
            &self.form.title,
            &self.form.due_on,
            &self.form.notes,
            today(),
        ) {
            Ok(f) => Some(f),
            Err(problems) => {
                for (field, problem) in problems {
                    self.errors.add(field.name(), problem.message_key());
                }
                None
            }
        };
        let assignee = self
            .form
            .assignee
            .parse::<UserId>()
            .ok()
            .filter(|u| self.team.iter().any(|m| m.user_id == *u));
        if assignee.is_none() {
            self.errors.add("assignee", "error-assignee-not-on-team");
        }
        let link =
            |raw: &str, choices: &[db::follow_ups::LinkChoice], errors: &mut FieldErrors, field| {
                if raw.trim().is_empty() {
                    return Some(None);
                }
                match raw.parse::<uuid::Uuid>() {
                    Ok(id) if choices.iter().any(|c| c.id == id) => Some(Some(id)),
                    _ => {
                        errors.add(field, "error-invalid-choice");
                        None
                    }
                }
            };
        let contact = link(
            &self.form.contact,
            &self.links.contacts,
            &mut self.errors,
            "contact",
        );
        let deal = link(&self.form.deal, &self.links.deals, &mut self.errors, "deal");
        let order = link(
            &self.form.order,
            &self.links.orders,
            &mut self.errors,
            "order",
        );
        let (fields, assignee, contact, deal, order) =
            (fields?, assignee?, contact?, deal?, order?);
        // A system title read back unchanged in the reader's language stays system text.
        let title = match current_title {
            Some((t, shown)) if shown == fields.title => t.clone(),
            _ => Text::Typed(fields.title),
        };
        Some(db::follow_ups::FollowUpEdit {
            title,
            notes: fields.notes,
            due_on: fields.due_on,
            assignee_id: assignee,
            contact_id: contact.map(ContactId),
            deal_id: deal.map(DealId),
            order_id: order.map(OrderId),
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_ups/section.html")]
struct AccountPage {
    ctx: PageCtx,
    hub: Hub,
    account: SectionAccount,
    editor: Option<Editor>,
    done: bool,
    page: FollowUpsPage,
    back: String,
    me: UserId,
    today: NaiveDate,
}

impl AccountPage {
    fn may_tick(&self, f: &FollowUpRow) -> bool {
        may_tick(f, self.me)
    }
}

/// The account section's query.
#[derive(Debug, Default, Deserialize)]
struct AccountQuery {
    state: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

/// A fresh form: due today, assigned to the reader when on the team, else to the owner.
async fn fresh_editor(state: &AppState, me: &Me, account: AccountId) -> AppResult<Editor> {
    let mut editor = Editor::load(
        state,
        account,
        format!("/accounts/{account}/follow-ups"),
        FollowUpForm {
            due_on: today().to_string(),
            ..Default::default()
        },
        FieldErrors::new(),
    )
    .await?;
    let assignee = editor
        .team
        .iter()
        .find(|m| m.user_id == me.0.id)
        .or(editor.team.first())
        .map(|m| m.user_id.to_string())
        .unwrap_or_default();
    editor.form.assignee = assignee;
    Ok(editor)
}

async fn account_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    on: &OnAccount,
    q: &AccountQuery,
    editor: Option<Editor>,
) -> AppResult<AccountPage> {
    let (hub, account) = SectionAccount::load(state, me, on, "follow-ups").await?;
    let done = q.state.as_deref() == Some("done");
    let filter = FollowUpFilter {
        done,
        account: Some(on.id),
        ..FollowUpFilter::open(me.scope(), me.0.id, Whose::Visible)
    };
    let base = if done { "state=done" } else { "" };
    let page = load_page(state, &filter, base, &q.after, &q.before).await?;
    let editor = match editor {
        Some(e) => Some(e),
        None if permissions::allows(me.0.role, Action::LogActivity, on.relation) => {
            Some(fresh_editor(state, me, on.id).await?)
        }
        None => None,
    };
    Ok(AccountPage {
        hub,
        ctx,
        back: format!("/accounts/{}/follow-ups?{base}", on.id),
        account,
        editor,
        done,
        page,
        me: me.0.id,
        today: today(),
    })
}

async fn account_follow_ups(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    Query(q): Query<AccountQuery>,
) -> AppResult<AccountPage> {
    account_page(&state, ctx, &me, &on, &q, None).await
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    session: Session,
    Form(form): Form<FollowUpForm>,
) -> AppResult<Response> {
    let action = format!("/accounts/{}/follow-ups", on.id);
    let mut editor = Editor::load(&state, on.id, action, form, FieldErrors::new()).await?;
    if let (Some(edit), true) = (editor.parse(None), editor.errors.is_empty()) {
        let id = FollowUpId::new();
        let new = db::follow_ups::NewFollowUp {
            id,
            account_id: on.id,
            title: edit.title.clone(),
            notes: edit.notes,
            due_on: edit.due_on,
            assignee_id: edit.assignee_id,
            done_at: None,
            done_by: None,
            contact_id: edit.contact_id,
            deal_id: edit.deal_id,
            order_id: edit.order_id,
            created_by: Some(me.0.id),
            created_at: None,
        };
        let mut tx = state.pool.begin().await?;
        db::follow_ups::insert(&mut tx, &new).await?;
        db::audit::record(
            &mut *tx,
            &db::audit::Change {
                user: Some(me.0.id),
                account: Some(on.id),
                entity: "follow_up",
                entity_id: Some(id.0),
                field: "follow_up_created",
                old: None,
                new: Some(format!("{} {}", new.due_on, ctx.text(&new.title))),
            },
        )
        .await?;
        tx.commit().await?;
        flash(&session, "follow-up-created").await;
        return Ok(Redirect::to(&format!("/accounts/{}/follow-ups", on.id)).into_response());
    }
    let page = account_page(
        &state,
        ctx,
        &me,
        &on,
        &AccountQuery::default(),
        Some(editor),
    )
    .await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ------------------------------------------------------------------------------ one follow-up

#[derive(Template, WebTemplate)]
#[template(path = "follow_ups/show.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    follow_up: db::follow_ups::FollowUpDetail,
    title: Text,
    assignee_name: String,
    editor: Option<Editor>,
    back: String,
}

async fn show_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    on: &OnAccount,
    id: FollowUpId,
    form: Option<FollowUpForm>,
    errors: FieldErrors,
) -> AppResult<ShowPage> {
    let (hub, _) = SectionAccount::load(state, me, on, "follow-ups").await?;
    let f = db::follow_ups::get(&state.pool, on.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = f.title_text().map_err(|e| AppError::Internal(e.into()))?;
    let may_log = permissions::allows(me.0.role, Action::LogActivity, on.relation);
    let editor = if may_log {
        let form = match form {
            Some(form) => FollowUpForm {
                version: f.version,
                ..form
            },
            None => FollowUpForm {
                title: ctx.text(&title),
                due_on: f.due_on.to_string(),
                assignee: f.assignee_id.to_string(),
                notes: f.notes.clone(),
                contact: f.contact_id.map(|c| c.to_string()).unwrap_or_default(),
                deal: f.deal_id.map(|d| d.to_string()).unwrap_or_default(),
                order: f.order_id.map(|o| o.to_string()).unwrap_or_default(),
                version: f.version,
            },
        };
        let mut e = Editor::load(
            state,
            on.id,
            format!("/accounts/{}/follow-ups/{id}", on.id),
            form,
            errors,
        )
        .await?;
        e.system_title = matches!(title, Text::System(_));
        Some(e)
    } else {
        None
    };
    let assignee_name = db::users::find(&state.pool, f.assignee_id)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    Ok(ShowPage {
        hub,
        ctx,
        back: format!("/accounts/{}/follow-ups/{id}", on.id),
        follow_up: f,
        title,
        assignee_name,
        editor,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    Path((_, id)): Path<(String, FollowUpId)>,
) -> AppResult<ShowPage> {
    show_page(&state, ctx, &me, &on, id, None, FieldErrors::new()).await
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    session: Session,
    Path((_, id)): Path<(String, FollowUpId)>,
    Form(form): Form<FollowUpForm>,
) -> AppResult<Response> {
    let current = db::follow_ups::get(&state.pool, on.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current_title = current
        .title_text()
        .map_err(|e| AppError::Internal(e.into()))?;
    let action = format!("/accounts/{}/follow-ups/{id}", on.id);
    let mut editor = Editor::load(&state, on.id, action, form.clone(), FieldErrors::new()).await?;
    let shown = ctx.text(&current_title);
    let edit = editor.parse(Some((&current_title, shown)));
    let Some(edit) = edit.filter(|_| editor.errors.is_empty()) else {
        let page = show_page(&state, ctx, &me, &on, id, Some(form), editor.errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.pool.begin().await?;
    let stored = db::follow_ups::lock(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.version != form.version
        || !db::follow_ups::update(&mut tx, id, form.version, &edit).await?
    {
        drop(tx);
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        let page = show_page(&state, ctx, &me, &on, id, Some(form), errors).await?;
        return Err(AppError::conflict(page));
    }
    let stored_title = |t: &Text| match t.to_stored() {
        (_, Some(key), _) => key.to_string(),
        (s, None, _) => s.to_string(),
    };
    let changes = [
        (
            "follow_up_title",
            stored_title(&current_title),
            stored_title(&edit.title),
        ),
        (
            "follow_up_due_on",
            stored.due_on.to_string(),
            edit.due_on.to_string(),
        ),
        (
            "follow_up_assignee",
            stored.assignee_id.to_string(),
            edit.assignee_id.to_string(),
        ),
        ("follow_up_notes", current.notes.clone(), edit.notes.clone()),
    ];
    for (field, old, new) in changes {
        if old != new {
            db::audit::record(
                &mut *tx,
                &db::audit::Change {
                    user: Some(me.0.id),
                    account: Some(on.id),
                    entity: "follow_up",
                    entity_id: Some(id.0),
                    field,
                    old: Some(old),
                    new: Some(new),
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    flash(&session, "follow-up-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/follow-ups", on.id)).into_response())
}
