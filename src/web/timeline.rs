//! The account timeline: `/accounts/{id}/timeline` (one stream of orders, deals and tenders,
//! interactions, follow-ups, dossier changes, team changes and pins, newest first, filtered by
//! kind, paged) and its exports. Everyone who sees the account reads it.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::export::{Cell, Table};
use super::extract::Query;
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::timeline::{Entry, Window};
use crate::domain::deal::{DealStage, OutcomeReason};
use crate::domain::interaction::InteractionKind;
use crate::domain::order::OrderStatus;
use crate::domain::permissions::{self, Action};
use crate::domain::team::{HandoverReason, TeamRole};
use crate::domain::timeline::{Direction, Event, Kind};
use crate::domain::user::Language;
use crate::error::AppResult;
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

/// The timeline routes of an account.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    vec![
        Route::get("/accounts/{id}/timeline", view, show),
        Route::get("/accounts/{id}/timeline.csv", view, export),
        Route::get("/accounts/{id}/timeline.xlsx", view, export),
    ]
}

/// Entries per page.
const PER_PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
struct TimelineQuery {
    kind: Option<String>,
    dir: Option<String>,
    page: Option<String>,
}

impl TimelineQuery {
    fn kind(&self) -> Option<Kind> {
        super::deals::parse_choice(&self.kind)
    }

    fn direction(&self) -> Direction {
        Direction::parse(self.dir.as_deref())
    }

    /// The page asked for, from 1 (anything unreadable is the first).
    fn page(&self) -> i64 {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, 100_000)
    }
}

/// One entry as the page and the exports show it, in the reader's language.
pub struct Line {
    /// The kind (the filter).
    pub kind: Kind,
    /// The day (and time, when known) as the reader reads dates.
    pub when: String,
    /// What happened ("Order placed", "Deal won").
    pub event: String,
    /// About what: the order's description, the deal's title, the changed field.
    pub what: String,
    /// The particulars: status, stage move, reason, old → new value.
    pub detail: String,
    /// Who.
    pub who: String,
    /// The amount, formatted (empty when none).
    pub amount: String,
    /// Where the record is shown, when the reader may open it.
    pub href: Option<String>,
    /// A follow-up past its date and not done.
    pub overdue: bool,
}

/// A stored code named in the reader's language through its enum, or as stored when the enum
/// does not know it (never a blank).
fn named<T: std::str::FromStr + i18n::Named>(lang: Language, code: Option<&str>) -> String {
    match code {
        Some(c) => c
            .parse::<T>()
            .map(|v| i18n::name(lang, &v))
            .unwrap_or_else(|_| c.to_string()),
        None => String::new(),
    }
}

/// A recorded value as the reader reads it (the history tab's rendering, and a deal's stage).
fn value(ctx: &PageCtx, field: &str, v: &str) -> String {
    match field {
        "deal_stage" => named::<DealStage>(ctx.lang, Some(v)),
        _ => super::account::shown_value(ctx, field, v),
    }
}

/// "old → new" of a change (a side that is empty shows as a dash).
fn change(ctx: &PageCtx, field: &str, old: &Option<String>, new: &Option<String>) -> String {
    let side = |v: &Option<String>| match v.as_deref() {
        Some(v) if !v.is_empty() => value(ctx, field, v),
        _ => "—".to_string(),
    };
    format!("{} → {}", side(old), side(new))
}

/// A recorded field's name: `field-<field>` from the catalogs, the stored name where the
/// catalogs have none (a field another area records and names elsewhere).
fn field_name(lang: Language, field: &str) -> String {
    i18n::try_t(lang, &format!("field-{}", field.replace('_', "-")))
        .unwrap_or_else(|| field.to_string())
}

/// The reader's view of one entry.
pub fn line(
    ctx: &PageCtx,
    account: &str,
    can_edit: bool,
    today: chrono::NaiveDate,
    e: &Entry,
) -> Line {
    let lang = ctx.lang;
    let t = |key: &str| i18n::t(lang, key);
    let title = e
        .title
        .as_ref()
        .map(|t| i18n::text(lang, t))
        .unwrap_or_default();
    let money = match (e.amount, e.currency.as_deref()) {
        (Some(a), Some(c)) => i18n::money(lang, a, c),
        _ => String::new(),
    };
    let join = |parts: Vec<String>| {
        parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let deal_href = e
        .ref_id
        .filter(|_| can_edit)
        .map(|id| format!("/accounts/{account}/deals/{id}"));
    let (event, what, detail, href) = match e.event {
        Event::OrderPlaced => (
            t("timeline-event-order-placed"),
            title,
            named::<OrderStatus>(lang, e.code.as_deref()),
            None,
        ),
        Event::OrderStatus => (
            t("timeline-event-order-status"),
            title,
            format!(
                "{} → {}",
                named::<OrderStatus>(lang, e.old_value.as_deref()),
                named::<OrderStatus>(lang, e.new_value.as_deref())
            ),
            None,
        ),
        Event::DealOpened => (
            i18n::t_args(
                lang,
                "timeline-event-deal-opened",
                &[("kind", e.code.clone().unwrap_or_default().into())],
            ),
            title,
            format!(
                "{}: {}",
                t("timeline-stage-now"),
                named::<DealStage>(lang, e.detail.as_deref())
            ),
            deal_href,
        ),
        Event::DealStage => (
            t("timeline-event-deal-stage"),
            title,
            change(ctx, "deal_stage", &e.old_value, &e.new_value),
            deal_href,
        ),
        Event::DealClosed => (
            i18n::t_args(
                lang,
                "timeline-event-deal-closed",
                &[
                    ("kind", e.code.clone().unwrap_or_default().into()),
                    ("stage", e.detail.clone().unwrap_or_default().into()),
                ],
            ),
            title,
            join(vec![
                named::<OutcomeReason>(lang, e.old_value.as_deref()),
                e.note.clone().unwrap_or_default(),
                e.new_value
                    .as_deref()
                    .map(|w| i18n::t_args(lang, "timeline-winner", &[("name", w.into())]))
                    .unwrap_or_default(),
            ]),
            deal_href,
        ),
        Event::Interaction => (
            named::<InteractionKind>(lang, e.code.as_deref()),
            title,
            e.note
                .as_deref()
                .map(|c| {
                    // Every participant of the client's side, named; the count picks the
                    // wording ("с контактом" / "с контактами").
                    let people = e
                        .detail
                        .as_deref()
                        .and_then(|n| n.parse::<i32>().ok())
                        .unwrap_or(1)
                        .max(1);
                    i18n::t_args(
                        lang,
                        "timeline-with",
                        &[("name", c.into()), ("count", people.into())],
                    )
                })
                .unwrap_or_default(),
            None,
        ),
        Event::FollowUpDue => (
            t("timeline-event-follow-up-due"),
            title,
            e.note.clone().unwrap_or_default(),
            None,
        ),
        Event::FollowUpDone => (
            t("timeline-event-follow-up-done"),
            title,
            e.note.clone().unwrap_or_default(),
            None,
        ),
        Event::DossierChange | Event::TeamChange => (
            t(if e.event == Event::TeamChange {
                "timeline-event-team-change"
            } else {
                "timeline-event-dossier-change"
            }),
            match &e.title {
                // The item of a list the change is about ("2027", a competitor's name).
                Some(item) => format!(
                    "{} ({})",
                    field_name(lang, e.code.as_deref().unwrap_or_default()),
                    i18n::text(lang, item)
                ),
                None => field_name(lang, e.code.as_deref().unwrap_or_default()),
            },
            change(
                ctx,
                e.code.as_deref().unwrap_or_default(),
                &e.old_value,
                &e.new_value,
            ),
            None,
        ),
        Event::TeamJoined | Event::TeamLeft => (
            t(if e.event == Event::TeamJoined {
                "timeline-event-team-joined"
            } else {
                "timeline-event-team-left"
            }),
            e.who.clone().unwrap_or_default(),
            join(vec![
                named::<TeamRole>(lang, e.code.as_deref()),
                named::<HandoverReason>(lang, e.detail.as_deref()),
                // A handover's note (typed, or the system's).
                title.clone(),
            ]),
            None,
        ),
        Event::Pinned => (
            t("timeline-event-pinned"),
            change(ctx, "pin", &e.old_value, &e.new_value),
            e.note.clone().unwrap_or_default(),
            None,
        ),
    };
    Line {
        kind: e.event.kind(),
        when: if e.timed {
            i18n::datetime(lang, e.at)
        } else {
            i18n::date(lang, e.day)
        },
        event,
        what,
        detail,
        who: e.who.clone().unwrap_or_default(),
        amount: money,
        href,
        overdue: e.event == Event::FollowUpDue && e.day < today,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "timeline/show.html")]
struct TimelinePage {
    ctx: PageCtx,
    hub: Hub,
    lines: Vec<Line>,
    kind: Option<Kind>,
    direction: Direction,
    page: i64,
    has_next: bool,
}

impl TimelinePage {
    /// This timeline with the given filter, direction and page (1: left out).
    fn href(&self, kind: Option<Kind>, direction: Direction, page: i64) -> String {
        let mut params: Vec<(&str, String)> = vec![];
        if let Some(k) = kind {
            params.push(("kind", k.to_string()));
        }
        if direction != Direction::NewestFirst {
            params.push(("dir", direction.as_param().to_string()));
        }
        if page > 1 {
            params.push(("page", page.to_string()));
        }
        let q = serde_urlencoded::to_string(&params).unwrap_or_default();
        let path = self.hub.href("timeline");
        if q.is_empty() {
            path
        } else {
            format!("{path}?{q}")
        }
    }

    /// The page of another filter (back to page 1, the direction kept).
    fn kind_href(&self, kind: Option<Kind>) -> String {
        self.href(kind, self.direction, 1)
    }

    /// The page of kind `name` (a [`Kind`]'s stored name).
    fn kind_href_of(&self, name: &str) -> String {
        self.kind_href(name.parse().ok())
    }

    /// Whether the filter is kind `name`.
    fn is_kind(&self, name: &str) -> bool {
        self.kind.is_some_and(|k| k.as_str() == name)
    }

    /// Another page of this filter.
    fn page_href(&self, page: i64) -> String {
        self.href(self.kind, self.direction, page)
    }

    /// The other direction (back to page 1).
    fn flip_href(&self) -> String {
        let other = match self.direction {
            Direction::NewestFirst => Direction::OldestFirst,
            Direction::OldestFirst => Direction::NewestFirst,
        };
        self.href(self.kind, other, 1)
    }

    /// The filter and direction as a query string, for the exports.
    fn export_query(&self) -> String {
        let full = self.href(self.kind, self.direction, 1);
        full.split_once('?')
            .map(|(_, q)| format!("?{q}"))
            .unwrap_or_default()
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Query(q): Query<TimelineQuery>,
) -> AppResult<TimelinePage> {
    let hub = Hub::load(&state, &me, account, "timeline").await?;
    let page = q.page();
    let window = Window {
        kind: q.kind(),
        direction: q.direction(),
        offset: (page - 1) * PER_PAGE,
        limit: Some(PER_PAGE),
    };
    let mut entries = db::timeline::read(&state.pool, account.id, &window).await?;
    let has_next = entries.len() as i64 > PER_PAGE;
    entries.truncate(PER_PAGE as usize);
    let can_edit = permissions::allows(me.0.role, Action::EditAccount, account.relation);
    let id = account.id.to_string();
    let lines = entries
        .iter()
        .map(|e| line(&ctx, &id, can_edit, today(), e))
        .collect();
    Ok(TimelinePage {
        ctx,
        hub,
        lines,
        kind: window.kind,
        direction: window.direction,
        page,
        has_next,
    })
}

/// The whole filtered timeline as an export table.
async fn export_table(
    state: &AppState,
    ctx: &PageCtx,
    account: OnAccount,
    q: &TimelineQuery,
) -> AppResult<Table> {
    let window = Window {
        kind: q.kind(),
        direction: q.direction(),
        offset: 0,
        limit: None,
    };
    let entries = db::timeline::read(&state.pool, account.id, &window).await?;
    let lang = ctx.lang;
    let headers = [
        "timeline-col-day",
        "timeline-col-time",
        "timeline-col-kind",
        "timeline-col-event",
        "timeline-col-what",
        "timeline-col-detail",
        "col-who",
        "timeline-col-amount",
        "timeline-col-currency",
    ];
    let mut table = Table::new(headers.iter().map(|k| i18n::t(lang, k)));
    let id = account.id.to_string();
    for e in &entries {
        let l = line(ctx, &id, false, today(), e);
        table.row(vec![
            Cell::text(e.day.to_string()),
            Cell::opt_text(e.timed.then(|| e.at.format("%H:%M").to_string())),
            Cell::text(i18n::name(lang, &l.kind)),
            Cell::text(l.event),
            Cell::text(l.what),
            Cell::text(l.detail),
            Cell::text(l.who),
            Cell::decimal(e.amount, 2),
            Cell::opt_text(e.currency.clone()),
        ]);
    }
    Ok(table)
}

/// `.csv` or `.xlsx` of the filtered timeline, by the path's extension.
async fn export(
    State(state): State<AppState>,
    ctx: PageCtx,
    account: OnAccount,
    Query(q): Query<TimelineQuery>,
) -> AppResult<Response> {
    export_table(&state, &ctx, account, &q).await?.response_for(
        &ctx.path,
        "timeline",
        &ctx.t("timeline-sheet-name"),
    )
}
