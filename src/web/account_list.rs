//! `/accounts`: the accounts list (search, filters, sorting by each column, keyset pages), and
//! its exports `/accounts.csv` and `/accounts.xlsx` of exactly the filtered rows, in the list's
//! order, streamed. The filter lives in the URL (a GET form that works without JavaScript), so a
//! list can be bookmarked and shared; each reader sees only their scope (db::visibility).

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{self, Cell};
use super::extract::Query;
use super::form::FieldErrors;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::account_list::{
    Cursor, Direction, ListFilter, ListRow, Listing, OwnerFilter, Page, Sort, SortColumn, Total,
};
use crate::domain::analysis::{Abc, Churn};
use crate::domain::ids::UserId;
use crate::domain::league::League;
use crate::domain::permissions::Action;
use crate::domain::scoring::{Segment, Status};
use crate::domain::text;
use crate::domain::user::{Language, Role};
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

/// The list's routes: every signed-in user, narrowed to their scope.
pub fn routes() -> Vec<Route> {
    vec![
        Route::get("/accounts", Gate::SignedIn, list),
        Route::get("/accounts.csv", Gate::SignedIn, export_csv),
        Route::get("/accounts.xlsx", Gate::SignedIn, export_xlsx),
    ]
}

/// The query string as sent. Unknown values of a choice filter nothing (a shared link from an
/// older version still opens); a refused search term is shown beside the box.
#[derive(Debug, Clone, Default, Deserialize)]
struct ListQuery {
    q: Option<String>,
    status: Option<String>,
    key: Option<String>,
    segment: Option<String>,
    league: Option<String>,
    owner: Option<String>,
    abc: Option<String>,
    churn: Option<String>,
    sort: Option<String>,
    dir: Option<String>,
    after: Option<String>,
    before: Option<String>,
}

/// The query parsed: the filter and sort it asks for, and what to write back into links.
struct Parsed {
    filter: ListFilter,
    sort: Sort,
    page: Page,
    /// `(name, value)` of every filter that is set, as given: the base of every link.
    params: Vec<(&'static str, String)>,
    search: String,
    errors: FieldErrors,
}

fn choice<T: std::str::FromStr>(raw: &Option<String>) -> Option<T> {
    raw.as_deref().and_then(|s| s.parse().ok())
}

fn parse(q: &ListQuery, me: &Me) -> Parsed {
    let mut errors = FieldErrors::new();
    let raw_search = q.q.as_deref().unwrap_or("");
    let search = errors
        .optional_text("q", text::SEARCH, raw_search)
        .flatten();
    let mut filter = ListFilter::scoped(me.scope());
    filter.search = search.clone();
    filter.status = choice::<Status>(&q.status);
    filter.key = match q.key.as_deref() {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    filter.segment = choice::<Segment>(&q.segment);
    filter.league = choice::<League>(&q.league);
    filter.abc = choice::<Abc>(&q.abc);
    filter.churn = choice::<Churn>(&q.churn);
    filter.owner = match q.owner.as_deref() {
        Some("none") => Some(OwnerFilter::Nobody),
        Some(id) => id.parse::<UserId>().ok().map(OwnerFilter::User),
        None => None,
    };
    let column = q
        .sort
        .as_deref()
        .and_then(SortColumn::parse)
        .unwrap_or(SortColumn::Name);
    let direction = q
        .dir
        .as_deref()
        .and_then(Direction::parse)
        .unwrap_or(column.default_direction());
    let sort = Sort { column, direction };
    let page = match (&q.after, &q.before) {
        (Some(c), _) => Cursor::decode(c, column).map_or(Page::First, Page::After),
        (None, Some(c)) => Cursor::decode(c, column).map_or(Page::First, Page::Before),
        _ => Page::First,
    };
    let mut params = vec![];
    if let Some(s) = &search {
        params.push(("q", s.clone()));
    }
    for (name, value, set) in [
        ("status", &q.status, filter.status.is_some()),
        ("key", &q.key, filter.key.is_some()),
        ("segment", &q.segment, filter.segment.is_some()),
        ("league", &q.league, filter.league.is_some()),
        ("owner", &q.owner, filter.owner.is_some()),
        ("abc", &q.abc, filter.abc.is_some()),
        ("churn", &q.churn, filter.churn.is_some()),
    ] {
        if let (Some(v), true) = (value, set) {
            params.push((name, v.clone()));
        }
    }
    Parsed {
        filter,
        sort,
        page,
        params,
        search: if errors.is_empty() {
            search.unwrap_or_default()
        } else {
            raw_search.to_string()
        },
        errors,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/list.html")]
struct ListPage {
    ctx: PageCtx,
    listing: Listing,
    total: Total,
    sort: Sort,
    params: Vec<(&'static str, String)>,
    search: String,
    /// The filter as chosen (for the selected options).
    owners: Vec<db::users::UserRow>,
    today: NaiveDate,
    errors: FieldErrors,
}

impl ListPage {
    /// This list's URL with `extra` parameters: the filters, then the sort, then `extra`.
    fn href(&self, path: &str, sort: Option<Sort>, extra: &[(&'static str, String)]) -> String {
        let mut all = self.params.clone();
        if let Some(sort) = sort
            && sort != Sort::default()
        {
            all.push(("sort", sort.column.as_str().to_string()));
            all.push(("dir", sort.direction.as_str().to_string()));
        }
        all.extend(extra.iter().cloned());
        let qs = serde_urlencoded::to_string(&all).unwrap_or_default();
        if qs.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{qs}")
        }
    }

    /// The link of a column header: this column, the other way round if it is the sort now.
    fn sort_href(&self, column: &SortColumn) -> String {
        let direction = if self.sort.column == *column {
            self.sort.direction.reversed()
        } else {
            column.default_direction()
        };
        self.href(
            "/accounts",
            Some(Sort {
                column: *column,
                direction,
            }),
            &[],
        )
    }

    /// `aria-sort` of a column header.
    fn aria_sort(&self, column: &SortColumn) -> &'static str {
        match (self.sort.column == *column, self.sort.direction) {
            (false, _) => "none",
            (true, Direction::Asc) => "ascending",
            (true, Direction::Desc) => "descending",
        }
    }

    fn previous_href(&self) -> Option<String> {
        let c = self.listing.previous.as_ref()?;
        Some(self.href("/accounts", Some(self.sort), &[("before", c.encode())]))
    }

    fn next_href(&self) -> Option<String> {
        let c = self.listing.next.as_ref()?;
        Some(self.href("/accounts", Some(self.sort), &[("after", c.encode())]))
    }

    fn first_href(&self) -> String {
        self.href("/accounts", Some(self.sort), &[])
    }

    fn export_href(&self, extension: &str) -> String {
        self.href(&format!("/accounts.{extension}"), Some(self.sort), &[])
    }

    /// Whether any filter narrows the list.
    fn filtered(&self) -> bool {
        !self.params.is_empty()
    }

    /// Whether a choice filter has the value `value`.
    fn chosen(&self, name: &str, value: &str) -> bool {
        self.params.iter().any(|(n, v)| *n == name && v == value)
    }

    /// "12 days" since the last order, or None without orders.
    fn days_since(&self, row: &ListRow) -> Option<i64> {
        row.last_order.map(|d| (self.today - d).num_days().max(0))
    }

    fn total_text(&self) -> String {
        match self.total {
            Total::Exact(n) => self.ctx.t1("accounts-count", "count", n),
            Total::About(n) => self
                .ctx
                .t1("accounts-count-about", "count", round_estimate(n)),
        }
    }
}

/// An estimate to two significant digits (54,321 → 54,000): it is only an estimate.
fn round_estimate(n: i64) -> i64 {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let parsed = parse(&q, &me);
    let owners = db::users::list_active_with_roles(&state.pool, &[Role::Kam]).await?;
    let today = chrono::Utc::now().date_naive();
    if !parsed.errors.is_empty() {
        // Nothing is searched for a refused term; the box keeps what was typed.
        let page = ListPage {
            ctx,
            listing: Listing {
                rows: vec![],
                previous: None,
                next: None,
            },
            total: Total::Exact(0),
            sort: parsed.sort,
            params: parsed.params,
            search: parsed.search,

            owners,
            today,
            errors: parsed.errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let (listing, total) = tokio::try_join!(
        db::account_list::page(&state.pool, &parsed.filter, parsed.sort, &parsed.page),
        db::account_list::total(&state.pool, &parsed.filter),
    )?;
    Ok(ListPage {
        ctx,
        listing,
        total,
        sort: parsed.sort,
        params: parsed.params,
        search: parsed.search,
        owners,
        today,
        errors: parsed.errors,
    }
    .into_response())
}

/// The export's columns (message keys of the headers).
const EXPORT_COLUMNS: [&str; 12] = [
    "col-client",
    "col-status",
    "col-tax-id",
    "col-owner",
    "col-key",
    "col-segment",
    "col-league",
    "col-score",
    "col-abc",
    "col-completeness",
    "col-last-order",
    "col-days-since-order",
];

/// One exported row: numbers as numbers, values named in the reader's language, names as typed
/// (the export writer neutralises them).
fn export_row(lang: Language, today: NaiveDate, r: &ListRow) -> Vec<Cell> {
    vec![
        Cell::text(&r.name),
        Cell::named(lang, Some(r.status)),
        Cell::opt_text(r.tax_id.clone()),
        Cell::opt_text(r.owner_name.clone()),
        Cell::text(i18n::t(
            lang,
            if r.is_key {
                "accounts-key-yes"
            } else {
                "accounts-key-no"
            },
        )),
        Cell::named(lang, r.segment),
        Cell::named(lang, r.league),
        Cell::decimal(r.score, 2),
        Cell::opt_text(r.abc.map(|a| a.to_string())),
        Cell::Int(i64::from(r.completeness)),
        Cell::opt_text(r.last_order.map(|d| d.format("%Y-%m-%d").to_string())),
        Cell::int(r.last_order.map(|d| (today - d).num_days().max(0))),
    ]
}

/// The filtered rows as export cells, streamed from the database. A refused search term
/// exports nothing (as the page lists nothing).
fn export_rows(
    state: &AppState,
    me: &Me,
    lang: Language,
    q: &ListQuery,
) -> AppResult<impl futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send + 'static> {
    use futures_util::TryStreamExt;
    let parsed = parse(q, me);
    if !parsed.errors.is_empty() {
        return Err(AppError::BadRequest("q".into()));
    }
    let today = chrono::Utc::now().date_naive();
    Ok(
        db::account_list::stream(state.pool.clone(), parsed.filter, parsed.sort)
            .map_ok(move |row| export_row(lang, today, &row))
            .map_err(anyhow::Error::from),
    )
}

fn export_headers(lang: Language) -> Vec<String> {
    EXPORT_COLUMNS
        .iter()
        .map(|key| i18n::t(lang, key))
        .collect()
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, ctx.lang, &q)?;
    Ok(export::csv_stream(
        "clients",
        export_headers(ctx.lang),
        rows,
    ))
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let rows = export_rows(&state, &me, ctx.lang, &q)?;
    export::xlsx_from_stream(
        "clients",
        &ctx.t("accounts-sheet-name"),
        export_headers(ctx.lang),
        rows,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::round_estimate;

    #[test]
    fn an_estimate_is_shown_to_two_significant_digits() {
        assert_eq!(round_estimate(54_321), 54_000);
        assert_eq!(round_estimate(1_001), 1_000);
        assert_eq!(round_estimate(99_999), 100_000);
        assert_eq!(round_estimate(87), 87);
    }
}
