//! Orders: `/orders` (every order the reader may see: filters, sorts, pages, CSV/XLSX export),
//! `/orders/new` (fast entry: the client picked by typing part of its name; after saving, the
//! form is ready for the next order of the same client and date), `/orders/accounts` (the
//! name suggestions the entry form's script asks for), and the account's section
//! `/accounts/{id}/orders` with one order's page `/accounts/{id}/orders/{order}` (edit, status
//! moves, their history). The import lives in [`super::order_import`].

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::export::{self, Cell};
use super::extract::{Form, Path, Query};
use super::form::{FieldErrors, local_path};
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::orders::{KeyValue, OrderFilter, OrderKey, OrderRow, OrderSort, PageAt};
use crate::domain::ids::{AccountId, OrderId, UserId};
use crate::domain::money::Currency;
use crate::domain::order::{self, OrderDraft, OrderFields, OrderStatus};
use crate::domain::permissions::{self, Action};
use crate::domain::system_text::Text;
use crate::domain::text;
use crate::error::{AppError, AppResult};
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// The order routes.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let log = Gate::Account(Action::LogActivity);
    vec![
        Route::get("/orders", Gate::SignedIn, list),
        Route::get("/orders.csv", Gate::SignedIn, export_file),
        Route::get("/orders.xlsx", Gate::SignedIn, export_file),
        // Anyone may log orders on the accounts they may see: which account is checked when
        // the form names it.
        Route::get("/orders/new", Gate::SignedIn, new_form),
        Route::post("/orders/new", Gate::SignedIn, create),
        Route::get("/orders/accounts", Gate::SignedIn, suggest_accounts),
        Route::get("/accounts/{id}/orders", view, account_orders),
        Route::post("/accounts/{id}/orders", log, create_for_account),
        Route::get("/accounts/{id}/orders/{order}", view, show),
        Route::post("/accounts/{id}/orders/{order}", log, update),
        Route::post("/accounts/{id}/orders/{order}/status", log, move_status),
    ]
}

/// Orders per page.
const PAGE_ROWS: i64 = 50;
/// Clients offered while typing.
const SUGGESTIONS: i64 = 10;
/// Clients offered when a typed name matches several.
const CANDIDATES: i64 = 20;

/// Today, as the order rules see it (the server's calendar in UTC).
fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

// ------------------------------------------------------------------------------ the list

/// The list's query string, as typed.
#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    client: Option<String>,
    account: Option<String>,
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
    logged_by: Option<String>,
    sort: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

/// The list's filters, parsed.
#[derive(Debug, Clone, Default)]
struct Filters {
    client: String,
    account: Option<AccountId>,
    status: Option<OrderStatus>,
    from: String,
    to: String,
    logged_by: Option<UserId>,
    sort: OrderSort,
}

impl Filters {
    /// The query string of these filters (no paging), for links and exports.
    fn query(&self) -> String {
        let account = self.account.map(|a| a.to_string()).unwrap_or_default();
        let status = self.status.map(|s| s.to_string()).unwrap_or_default();
        let logged_by = self.logged_by.map(|u| u.to_string()).unwrap_or_default();
        let sort = if self.sort == OrderSort::default() {
            ""
        } else {
            self.sort.as_str()
        };
        url_query(&[
            ("client", &self.client),
            ("account", &account),
            ("status", &status),
            ("from", &self.from),
            ("to", &self.to),
            ("logged_by", &logged_by),
            ("sort", sort),
        ])
    }
}

/// `k=v&...` of the non-empty values, percent-encoded.
fn url_query(pairs: &[(&str, &str)]) -> String {
    let kept: Vec<(&str, &str)> = pairs
        .iter()
        .copied()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// Parses the filters; refused values get a message beside their field and filter nothing.
fn parse_filters(q: &ListQuery, me: &Me, errors: &mut FieldErrors) -> (Filters, OrderFilter) {
    let client_raw = q.client.as_deref().unwrap_or("");
    let client = errors
        .optional_text("client", text::SEARCH, client_raw)
        .flatten();
    let mut date = |field: &'static str, raw: &Option<String>| -> Option<NaiveDate> {
        let raw = raw.as_deref().unwrap_or("").trim();
        if raw.is_empty() {
            return None;
        }
        let d = order::parse_date(raw);
        if d.is_none() {
            errors.add(field, "error-not-a-date");
        }
        d
    };
    let from = date("from", &q.from);
    let to = date("to", &q.to);
    // Choices from select boxes: an unknown value filters nothing.
    let account = q.account.as_deref().and_then(|s| s.parse().ok());
    let status = q.status.as_deref().and_then(|s| s.parse().ok());
    let logged_by = q.logged_by.as_deref().and_then(|s| s.parse().ok());
    let sort = q
        .sort
        .as_deref()
        .and_then(OrderSort::parse)
        .unwrap_or_default();
    let filters = Filters {
        client: client_raw.to_string(),
        account,
        status,
        from: q.from.clone().unwrap_or_default(),
        to: q.to.clone().unwrap_or_default(),
        logged_by,
        sort,
    };
    let filter = OrderFilter {
        scope: me.scope(),
        account,
        client,
        status,
        from,
        to,
        logged_by,
    };
    (filters, filter)
}

/// A page key in a URL: `value~id` (a date or an amount, then the order's id).
fn encode_key(k: &OrderKey) -> String {
    let v = match k.value {
        KeyValue::Date(d) => d.to_string(),
        KeyValue::Amount(a) => a.to_string(),
    };
    format!("{v}~{}", k.id)
}

fn decode_key(sort: OrderSort, raw: &str) -> Option<OrderKey> {
    let (v, id) = raw.split_once('~')?;
    let id: OrderId = id.parse().ok()?;
    let value = match sort {
        OrderSort::DateDesc | OrderSort::DateAsc => KeyValue::Date(v.parse().ok()?),
        OrderSort::AmountDesc | OrderSort::AmountAsc => KeyValue::Amount(v.parse().ok()?),
    };
    Some(OrderKey { value, id })
}

/// One page of orders with the links around it.
struct OrdersPage {
    rows: Vec<OrderRow>,
    /// `?…` of the previous page, when there is one.
    previous: Option<String>,
    /// `?…` of the next page, when there is one.
    next: Option<String>,
    /// Whether this is not the first page.
    paged: bool,
}

async fn load_page(
    state: &AppState,
    filters: &Filters,
    filter: &OrderFilter,
    q: &ListQuery,
) -> AppResult<OrdersPage> {
    let at = match (&q.after, &q.before) {
        (Some(k), _) => decode_key(filters.sort, k).map(PageAt::After),
        (None, Some(k)) => decode_key(filters.sort, k).map(PageAt::Before),
        (None, None) => None,
    }
    .unwrap_or_default();
    let page = db::orders::page(&state.pool, filter, filters.sort, at, PAGE_ROWS).await?;
    let base = filters.query();
    let link = |dir: &str, row: Option<&OrderRow>| {
        row.map(|r| {
            let key = url_query(&[(dir, &encode_key(&filters.sort.key_of(r)))]);
            if base.is_empty() {
                format!("?{key}")
            } else {
                format!("?{base}&{key}")
            }
        })
    };
    Ok(OrdersPage {
        previous: page
            .has_previous
            .then(|| link("before", page.rows.first()))
            .flatten(),
        next: page
            .has_next
            .then(|| link("after", page.rows.last()))
            .flatten(),
        paged: at != PageAt::First,
        rows: page.rows,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "orders/list.html")]
struct ListPage {
    ctx: PageCtx,
    filters: Filters,
    errors: FieldErrors,
    page: OrdersPage,
    users: Vec<db::users::UserRow>,
    statuses: &'static [OrderStatus],
    sorts: [OrderSort; 4],
    /// The query string of the filters, for the export links.
    query: String,
    /// Whether the reader may import orders.
    may_import: bool,
    /// The filters' client field is shown (the overall list).
    show_client: bool,
    /// Where a status button returns to.
    back: String,
    /// The first page.
    first: String,
}

impl ListPage {
    fn status_selected(&self, s: &OrderStatus) -> bool {
        self.filters.status == Some(*s)
    }
    fn user_selected(&self, u: &UserId) -> bool {
        self.filters.logged_by == Some(*u)
    }
    fn sort_selected(&self, s: &OrderSort) -> bool {
        self.filters.sort == *s
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let (filters, filter) = parse_filters(&q, &me, &mut errors);
    let users = db::users::list(&state.pool).await?;
    let refused = !errors.is_empty();
    let page = if refused {
        OrdersPage {
            rows: vec![],
            previous: None,
            next: None,
            paged: false,
        }
    } else {
        load_page(&state, &filters, &filter, &q).await?
    };
    let query = filters.query();
    let filters_query = query.clone();
    let page = ListPage {
        ctx,
        filters,
        errors,
        page,
        users,
        statuses: OrderStatus::ALL,
        sorts: OrderSort::ALL,
        query,
        may_import: me.may(Action::ImportOrders),
        show_client: true,
        back: format!("/orders?{}", filters_query),
        first: format!("/orders?{}", filters_query),
    };
    let status = if refused {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, page).into_response())
}

// ------------------------------------------------------------------------------ exports

/// The export's columns, in the reader's language.
fn export_headers(ctx: &PageCtx) -> Vec<String> {
    [
        "col-date",
        "col-client",
        "col-client-id",
        "col-description",
        "col-amount",
        "col-margin",
        "col-currency",
        "col-status",
        "col-logged-by",
        "col-order-id",
    ]
    .iter()
    .map(|k| ctx.t(k))
    .collect()
}

fn export_row(ctx: &PageCtx, o: &OrderRow) -> Vec<Cell> {
    vec![
        Cell::text(o.ordered_on.to_string()),
        Cell::text(o.account_name.clone()),
        Cell::text(o.account_id.to_string()),
        Cell::text(ctx.text(&o.description)),
        Cell::decimal(Some(o.amount), 2),
        Cell::decimal(Some(o.margin), 2),
        Cell::text(o.currency.as_str()),
        Cell::text(ctx.name(&o.status)),
        Cell::opt_text(o.logged_by_name.clone()),
        Cell::text(o.id.to_string()),
    ]
}

/// Streams every order the filters admit (no paging: the export holds what the list pages
/// through) into `rows`.
fn spawn_export(
    state: &AppState,
    ctx: PageCtx,
    filters: Filters,
    filter: OrderFilter,
) -> export::RowStream {
    let (sink, rows) = export::row_channel();
    let pool = state.pool.clone();
    tokio::spawn(async move {
        let result = db::orders::each(&pool, &filter, filters.sort, |o| {
            let row = export_row(&ctx, &o);
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

/// `/orders.csv` and `/orders.xlsx`: every order the filters admit.
async fn export_file(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let (filters, filter) = parse_filters(&q, &me, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::BadRequest("filters".into()));
    }
    let headers = export_headers(&ctx);
    let (path, sheet) = (ctx.path.clone(), ctx.t("orders-title"));
    let rows = spawn_export(&state, ctx, filters, filter);
    export::stream_response_for(&path, "orders", &sheet, headers, rows).await
}

// ------------------------------------------------------------------------------ entry

/// A client the entry form may offer.
#[derive(Debug, Clone, Serialize)]
pub struct AccountChoice {
    /// The account.
    pub id: AccountId,
    /// Its name.
    pub name: String,
}

/// The entry form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct EntryForm {
    /// The client's name as typed.
    #[serde(default)]
    account: String,
    /// The client the script picked for that name (cleared when the name is edited).
    #[serde(default)]
    account_id: String,
    /// The client chosen among several that match the typed name (the search step).
    #[serde(default)]
    account_pick: String,
    #[serde(default)]
    ordered_on: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    margin: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    status: String,
}

impl EntryForm {
    fn draft(&self) -> OrderDraft<'_> {
        OrderDraft {
            ordered_on: &self.ordered_on,
            amount: &self.amount,
            margin: &self.margin,
            currency: &self.currency,
            description: &self.description,
            status: &self.status,
        }
    }
}

/// The entry form with what it offers: shared by `/orders/new` and the account's section
/// (`templates/orders/entry.html`).
struct Entry {
    form: EntryForm,
    errors: FieldErrors,
    /// The client is the page's (the account's section): no client field.
    fixed: bool,
    /// Where the form posts.
    action: String,
    /// Clients matching a typed name that matched several (the search step).
    candidates: Vec<AccountChoice>,
    /// The reader's own clients, offered in the name field's list before anything is typed.
    suggestions: Vec<AccountChoice>,
    /// The order just saved, shown above the form.
    saved: Option<OrderRow>,
    statuses: &'static [OrderStatus],
    currencies: &'static [Currency],
}

impl Entry {
    fn fresh(action: String, fixed: bool, date: NaiveDate) -> Entry {
        Entry {
            form: EntryForm {
                ordered_on: date.to_string(),
                currency: Currency::default().to_string(),
                status: OrderStatus::Placed.to_string(),
                ..Default::default()
            },
            errors: FieldErrors::new(),
            fixed,
            action,
            candidates: vec![],
            suggestions: vec![],
            saved: None,
            // Cancelled is a move, not a way to log an order.
            statuses: &OrderStatus::ALL[..4],
            currencies: Currency::ALL,
        }
    }
}

/// The reader's own clients (their teams'), for the name field's list: directors and admins
/// see too many clients to list, and type instead.
async fn own_clients(state: &AppState, me: &Me) -> AppResult<Vec<AccountChoice>> {
    let filter =
        db::account_list::ListFilter::scoped(db::visibility::AccountScope::TeamOf(me.0.id));
    Ok(db::account_list::first_by_name(&state.pool, &filter, 200)
        .await?
        .into_iter()
        .map(|a| AccountChoice {
            id: a.id,
            name: a.name,
        })
        .collect())
}

/// Visible clients whose name contains `query`, by name.
async fn search_clients(
    state: &AppState,
    me: &Me,
    query: &str,
    limit: i64,
) -> AppResult<Vec<AccountChoice>> {
    let filter = db::account_list::ListFilter {
        search: Some(query.to_string()),
        ..db::account_list::ListFilter::scoped(me.scope())
    };
    Ok(db::account_list::first_by_name(&state.pool, &filter, limit)
        .await?
        .into_iter()
        .map(|a| AccountChoice {
            id: a.id,
            name: a.name,
        })
        .collect())
}

/// The named client if the reader may log orders on it (else, as if it did not exist).
async fn loggable_client(
    state: &AppState,
    me: &Me,
    id: AccountId,
) -> AppResult<Option<AccountChoice>> {
    let Some(account) = db::accounts::get(&state.pool, id).await? else {
        return Ok(None);
    };
    let relation = db::accounts::relation(&state.pool, id, me.0.id).await?;
    let may = permissions::allows(me.0.role, Action::ViewAccount, relation)
        && permissions::allows(me.0.role, Action::LogActivity, relation);
    Ok(may.then_some(AccountChoice {
        id,
        name: account.name,
    }))
}

/// Which client the form names: the one chosen in the search step, the one the script picked
/// (while the name still reads as picked), or the only (or the exactly named) one whose name
/// contains what was typed. Several matches offer a choice; none is a message.
async fn resolve_client(
    state: &AppState,
    me: &Me,
    entry: &mut Entry,
) -> AppResult<Option<AccountChoice>> {
    if let Ok(id) = entry.form.account_pick.parse::<AccountId>()
        && let Some(c) = loggable_client(state, me, id).await?
    {
        return Ok(Some(c));
    }
    let typed = entry.form.account.trim().to_string();
    if let Ok(id) = entry.form.account_id.parse::<AccountId>()
        && let Some(c) = loggable_client(state, me, id).await?
        && c.name.trim() == typed
    {
        return Ok(Some(c));
    }
    let Some(query) = entry
        .errors
        .text("account", text::SEARCH, &entry.form.account)
    else {
        return Ok(None);
    };
    let found = search_clients(state, me, &query, CANDIDATES + 1).await?;
    let exact: Vec<&AccountChoice> = found
        .iter()
        .filter(|c| c.name.trim().to_lowercase() == query.to_lowercase())
        .collect();
    match (found.len(), exact.as_slice()) {
        (0, _) => {
            entry.errors.add("account", "error-client-not-found");
            Ok(None)
        }
        (1, _) => Ok(found.into_iter().next()),
        (_, [one]) => Ok(Some((*one).clone())),
        _ => {
            entry.errors.add("account", "error-client-ambiguous");
            entry.candidates = found.into_iter().take(CANDIDATES as usize).collect();
            Ok(None)
        }
    }
}

/// Logs a valid order in one transaction with its audit entry.
async fn log_order(
    state: &AppState,
    me: &Me,
    account: AccountId,
    fields: OrderFields,
) -> AppResult<OrderId> {
    let id = OrderId::new();
    let new = db::orders::NewOrder {
        id,
        account_id: account,
        ordered_on: fields.ordered_on,
        amount: fields.amount,
        margin: fields.margin,
        currency: fields.currency,
        description: Text::Typed(fields.description),
        status: fields.status,
        logged_by: Some(me.0.id),
        created_at: None,
    };
    let mut tx = state.pool.begin().await?;
    db::orders::insert(&mut tx, &new).await?;
    db::audit::record(
        &mut *tx,
        &db::audit::Change {
            user: Some(me.0.id),
            account: Some(account),
            entity: "order",
            entity_id: Some(id.0),
            field: "order_logged",
            old: None,
            new: Some(format!(
                "{} {} {} {}",
                new.ordered_on, new.amount, new.currency, new.status
            )),
        },
    )
    .await?;
    tx.commit().await?;
    // The entry form comes next, not the key list: no need to wait for the recompute.
    state.scoring.nudge();
    Ok(id)
}

/// The entry page's query: the client and date to keep, the order just saved.
#[derive(Debug, Default, Deserialize)]
struct EntryQuery {
    account: Option<String>,
    date: Option<String>,
    saved: Option<String>,
}

/// Fills a fresh entry form from the query of the redirect after a save: the client
/// (`fixed`: the section's), the date, and the order just saved.
async fn prefill(
    state: &AppState,
    me: &Me,
    entry: &mut Entry,
    fixed: Option<AccountId>,
    q: &EntryQuery,
) -> AppResult<()> {
    if let Some(d) = q.date.as_deref().and_then(order::parse_date) {
        entry.form.ordered_on = d.to_string();
    }
    let mut client = fixed;
    if fixed.is_none()
        && let Some(id) = q.account.as_deref().and_then(|s| s.parse().ok())
        && let Some(c) = loggable_client(state, me, id).await?
    {
        entry.form.account = c.name;
        entry.form.account_id = c.id.to_string();
        client = Some(c.id);
    }
    if let (Some(account), Some(id)) = (client, q.saved.as_deref().and_then(|s| s.parse().ok())) {
        entry.saved = db::orders::get(&state.pool, account, id)
            .await?
            .map(|o| o.row);
    }
    Ok(())
}

#[derive(Template, WebTemplate)]
#[template(path = "orders/new.html")]
struct NewPage {
    ctx: PageCtx,
    entry: Entry,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<EntryQuery>,
) -> AppResult<NewPage> {
    let mut entry = Entry::fresh("/orders/new".into(), false, today());
    prefill(&state, &me, &mut entry, None, &q).await?;
    entry.suggestions = own_clients(&state, &me).await?;
    Ok(NewPage { ctx, entry })
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<EntryForm>,
) -> AppResult<Response> {
    let mut entry = Entry::fresh("/orders/new".into(), false, today());
    entry.form = form;
    let client = resolve_client(&state, &me, &mut entry).await?;
    let fields = parse_fields(&mut entry);
    if let (Some(client), Some(fields), true) = (&client, fields, entry.errors.is_empty()) {
        let date = fields.ordered_on;
        let id = log_order(&state, &me, client.id, fields).await?;
        flash(&session, "order-saved").await;
        let query = url_query(&[
            ("account", &client.id.to_string()),
            ("date", &date.to_string()),
            ("saved", &id.to_string()),
        ]);
        return Ok(Redirect::to(&format!("/orders/new?{query}")).into_response());
    }
    if let Some(c) = client {
        // Keep the resolved client: the next try needs no search step.
        entry.form.account = c.name;
        entry.form.account_id = c.id.to_string();
        entry.form.account_pick.clear();
    }
    entry.suggestions = own_clients(&state, &me).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, NewPage { ctx, entry }).into_response())
}

/// Parses the order's own fields into the entry's errors.
fn parse_fields(entry: &mut Entry) -> Option<OrderFields> {
    match order::parse_order(&entry.form.draft(), today()) {
        Ok(f) => Some(f),
        Err(problems) => {
            for (field, problem) in problems {
                entry.errors.add(field.name(), problem.message_key());
            }
            None
        }
    }
}

/// Clients whose name contains `q`, as JSON, for the entry form's list while typing.
#[derive(Debug, Default, Deserialize)]
struct SuggestQuery {
    q: Option<String>,
}

async fn suggest_accounts(
    State(state): State<AppState>,
    me: Me,
    Query(q): Query<SuggestQuery>,
) -> AppResult<Json<Vec<AccountChoice>>> {
    let query = text::SEARCH
        .optional(q.q.as_deref().unwrap_or(""))
        .ok()
        .flatten();
    let Some(query) = query else {
        return Ok(Json(vec![]));
    };
    Ok(Json(
        search_clients(&state, &me, &query, SUGGESTIONS).await?,
    ))
}

// ------------------------------------------------------------------------------ the account's section

/// The account a section is about, as the section's own links and titles use it.
#[derive(Debug, Clone)]
pub struct SectionAccount {
    /// The account.
    pub id: AccountId,
    /// Its name.
    pub name: String,
}

impl SectionAccount {
    /// The hub (header and tabs) of a checked account route for the section `slug`, and the
    /// account it is about.
    pub async fn load(
        state: &AppState,
        me: &Me,
        account: &OnAccount,
        slug: &'static str,
    ) -> AppResult<(Hub, SectionAccount)> {
        let hub = Hub::load(state, me, *account, slug).await?;
        let account = SectionAccount {
            id: hub.id(),
            name: hub.header.name.clone(),
        };
        Ok((hub, account))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "orders/account.html")]
struct AccountPage {
    ctx: PageCtx,
    hub: Hub,
    entry: Option<Entry>,
    filters: Filters,
    errors: FieldErrors,
    page: OrdersPage,
    users: Vec<db::users::UserRow>,
    statuses: &'static [OrderStatus],
    sorts: [OrderSort; 4],
    query: String,
    /// This page's address with its query (where the status buttons come back to).
    back: String,
    /// The first page.
    first: String,
    /// The filters' client field is hidden (the account is the page's).
    show_client: bool,
}

impl AccountPage {
    fn status_selected(&self, s: &OrderStatus) -> bool {
        self.filters.status == Some(*s)
    }
    fn user_selected(&self, u: &UserId) -> bool {
        self.filters.logged_by == Some(*u)
    }
    fn sort_selected(&self, s: &OrderSort) -> bool {
        self.filters.sort == *s
    }
}

/// The account section's query: the list's filters and the entry form's kept date.
#[derive(Debug, Default, Deserialize)]
struct AccountQuery {
    #[serde(flatten)]
    list: ListQuery,
    date: Option<String>,
    saved: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn account_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    on: &OnAccount,
    q: &AccountQuery,
    entry: Option<Entry>,
) -> AppResult<AccountPage> {
    let (hub, _) = SectionAccount::load(state, me, on, "orders").await?;
    let mut errors = FieldErrors::new();
    let (mut filters, mut filter) = parse_filters(&q.list, me, &mut errors);
    filters.account = None;
    filter.account = Some(on.id);
    filters.client.clear();
    filter.client = None;
    let page = if errors.is_empty() {
        load_page(state, &filters, &filter, &q.list).await?
    } else {
        OrdersPage {
            rows: vec![],
            previous: None,
            next: None,
            paged: false,
        }
    };
    let may_log = permissions::allows(me.0.role, Action::LogActivity, on.relation);
    let entry = match entry {
        Some(e) => Some(e),
        None if may_log => {
            let mut e = Entry::fresh(format!("/accounts/{}/orders", on.id), true, today());
            let eq = EntryQuery {
                account: None,
                date: q.date.clone(),
                saved: q.saved.clone(),
            };
            prefill(state, me, &mut e, Some(on.id), &eq).await?;
            Some(e)
        }
        None => None,
    };
    let mut export_filters = filters.clone();
    export_filters.account = Some(on.id);
    let base = filters.query();
    let back = if base.is_empty() {
        format!("/accounts/{}/orders", on.id)
    } else {
        format!("/accounts/{}/orders?{base}", on.id)
    };
    Ok(AccountPage {
        hub,
        ctx,
        entry,
        errors,
        page,
        users: db::users::list(&state.pool).await?,
        statuses: OrderStatus::ALL,
        sorts: OrderSort::ALL,
        query: export_filters.query(),
        first: back.clone(),
        back,
        show_client: false,
        filters,
    })
}

async fn account_orders(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    Query(q): Query<AccountQuery>,
) -> AppResult<Response> {
    let page = account_page(&state, ctx, &me, &on, &q, None).await?;
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, page).into_response())
}

async fn create_for_account(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    session: Session,
    Form(form): Form<EntryForm>,
) -> AppResult<Response> {
    let mut entry = Entry::fresh(format!("/accounts/{}/orders", on.id), true, today());
    entry.form = form;
    if let Some(fields) = parse_fields(&mut entry) {
        let date = fields.ordered_on;
        let id = log_order(&state, &me, on.id, fields).await?;
        flash(&session, "order-saved").await;
        let query = url_query(&[("date", &date.to_string()), ("saved", &id.to_string())]);
        return Ok(Redirect::to(&format!("/accounts/{}/orders?{query}", on.id)).into_response());
    }
    let page = account_page(&state, ctx, &me, &on, &AccountQuery::default(), Some(entry)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ------------------------------------------------------------------------------ one order

/// The edit form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
struct EditForm {
    #[serde(default)]
    ordered_on: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    margin: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    description: String,
    version: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "orders/show.html")]
struct ShowPage {
    ctx: PageCtx,
    hub: Hub,
    account: SectionAccount,
    order: db::orders::OrderDetail,
    history: Vec<db::orders::StatusChangeRow>,
    may_log: bool,
    form: EditForm,
    errors: FieldErrors,
    /// A refused status move (message).
    move_error: Option<&'static str>,
    currencies: &'static [Currency],
    /// Whether the description is system text (then editing it replaces it with typed text).
    system_description: bool,
}

async fn show_page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    on: &OnAccount,
    id: OrderId,
    edited: Option<(EditForm, FieldErrors)>,
    move_error: Option<&'static str>,
) -> AppResult<ShowPage> {
    let (form, errors) = match edited {
        Some((f, e)) => (Some(f), e),
        None => (None, FieldErrors::new()),
    };
    let (hub, account) = SectionAccount::load(state, me, on, "orders").await?;
    let order = db::orders::get(&state.pool, on.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let history = db::orders::status_history(&state.pool, id).await?;
    let system_description = matches!(order.row.description, Text::System(_));
    let form = match form {
        // Input kept; the version is the stored one, so that saving again overwrites knowingly.
        Some(f) => EditForm {
            version: order.row.version,
            ..f
        },
        None => EditForm {
            ordered_on: order.row.ordered_on.to_string(),
            amount: ctx.decimal_input(&order.row.amount),
            margin: ctx.decimal_input(&order.row.margin),
            currency: order.row.currency.to_string(),
            description: ctx.text(&order.row.description),
            version: order.row.version,
        },
    };
    Ok(ShowPage {
        hub,
        may_log: permissions::allows(me.0.role, Action::LogActivity, on.relation),
        ctx,
        account,
        order,
        history,
        form,
        errors,
        move_error,
        currencies: Currency::ALL,
        system_description,
    })
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    Path((_, id)): Path<(String, OrderId)>,
) -> AppResult<ShowPage> {
    show_page(&state, ctx, &me, &on, id, None, None).await
}

async fn update(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    session: Session,
    Path((_, id)): Path<(String, OrderId)>,
    Form(form): Form<EditForm>,
) -> AppResult<Response> {
    let mut tx = state.pool.begin().await?;
    let stored = db::orders::lock(&mut tx, on.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    if stored.version != form.version {
        drop(tx);
        errors.add("form", "error-edit-conflict");
        let page = show_page(&state, ctx, &me, &on, id, Some((form, errors)), None).await?;
        return Err(AppError::conflict(page));
    }
    // The status is not edited here: it moves with its own buttons.
    let draft = OrderDraft {
        ordered_on: &form.ordered_on,
        amount: &form.amount,
        margin: &form.margin,
        currency: &form.currency,
        description: &form.description,
        status: stored.status.as_str(),
    };
    let fields = match order::parse_order(&draft, today()) {
        Ok(f) => f,
        Err(problems) => {
            drop(tx);
            for (field, problem) in problems {
                errors.add(field.name(), problem.message_key());
            }
            let page = show_page(&state, ctx, &me, &on, id, Some((form, errors)), None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let current = db::orders::get(&mut *tx, on.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // System text read back unchanged in the reader's language stays system text.
    let description = if fields.description == ctx.text(&current.row.description) {
        current.row.description.clone()
    } else {
        Text::Typed(fields.description.clone())
    };
    let edit = db::orders::OrderEdit {
        ordered_on: fields.ordered_on,
        amount: fields.amount,
        margin: fields.margin,
        currency: fields.currency,
        description: description.clone(),
    };
    if !db::orders::update(&mut tx, id, stored.version, &edit).await? {
        return Err(AppError::Internal(anyhow::anyhow!(
            "order changed under its lock"
        )));
    }
    let changes: [(&str, String, String); 5] = [
        (
            "order_ordered_on",
            stored.ordered_on.to_string(),
            fields.ordered_on.to_string(),
        ),
        (
            "order_amount",
            stored.amount.to_string(),
            fields.amount.to_string(),
        ),
        (
            "order_margin",
            stored.margin.to_string(),
            fields.margin.to_string(),
        ),
        (
            "order_currency",
            stored.currency.to_string(),
            fields.currency.to_string(),
        ),
        (
            "order_description",
            stored_text(&current.row.description),
            stored_text(&description),
        ),
    ];
    for (field, old, new) in changes {
        if old != new && !(field != "order_description" && same_number(&old, &new)) {
            db::audit::record(
                &mut *tx,
                &db::audit::Change {
                    user: Some(me.0.id),
                    account: Some(on.id),
                    entity: "order",
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
    state.scoring.nudge();
    flash(&session, "order-updated").await;
    Ok(Redirect::to(&format!("/accounts/{}/orders/{id}", on.id)).into_response())
}

/// How a description goes into the audit log: typed text as typed, system text as its key.
fn stored_text(t: &Text) -> String {
    match t.to_stored() {
        (_, Some(key), _) => key.to_string(),
        (s, None, _) => s.to_string(),
    }
}

/// Whether two recorded values are the same number written differently ("100" and "100.00").
fn same_number(a: &str, b: &str) -> bool {
    match (a.parse::<Decimal>(), b.parse::<Decimal>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// A status move as posted.
#[derive(Debug, Clone, Deserialize)]
struct MoveForm {
    to: String,
    version: i32,
    #[serde(default)]
    back: Option<String>,
}

async fn move_status(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    on: OnAccount,
    session: Session,
    Path((_, id)): Path<(String, OrderId)>,
    Form(form): Form<MoveForm>,
) -> AppResult<Response> {
    let mut tx = state.pool.begin().await?;
    let stored = db::orders::lock(&mut tx, on.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = form.to.parse::<OrderStatus>().ok();
    let refusal = if stored.version != form.version {
        Some("error-status-conflict")
    } else {
        match to.map(|to| order::move_status(stored.status, to)) {
            None => Some("error-invalid-choice"),
            Some(Err(r)) => Some(r.message_key()),
            Some(Ok(_)) => None,
        }
    };
    if let Some(key) = refusal {
        drop(tx);
        let status = if key == "error-status-conflict" {
            StatusCode::CONFLICT
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = show_page(&state, ctx, &me, &on, id, None, Some(key)).await?;
        return Ok((status, page).into_response());
    }
    let to = to.expect("checked above");
    if !db::orders::move_status(
        &mut tx,
        on.id,
        id,
        stored.version,
        stored.status,
        to,
        me.0.id,
    )
    .await?
    {
        return Err(AppError::Internal(anyhow::anyhow!(
            "order changed under its lock"
        )));
    }
    db::audit::record(
        &mut *tx,
        &db::audit::Change {
            user: Some(me.0.id),
            account: Some(on.id),
            entity: "order",
            entity_id: Some(id.0),
            field: "order_status",
            old: Some(stored.status.to_string()),
            new: Some(to.to_string()),
        },
    )
    .await?;
    tx.commit().await?;
    state.scoring.nudge();
    flash(&session, "order-status-moved").await;
    let back = match form.back.as_deref() {
        Some(b) => local_path(Some(b)),
        None => format!("/accounts/{}/orders/{id}", on.id),
    };
    Ok(Redirect::to(&back).into_response())
}
