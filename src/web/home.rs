//! `/`: a role-appropriate start page: the user's accounts, their overdue follow-ups and today's,
//! and for those
//! who manage the key list, the alarms that need them.

use super::AppState;
use super::ctx::{Me, PageCtx};
use super::routes::{Gate, Route};
use crate::db;
use crate::db::follow_ups::{FollowUpFilter, Whose};
use crate::db::visibility::AccountScope;
use crate::domain::follow_up::Bucket;
use crate::domain::permissions::Action;
use crate::error::AppResult;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The home route.
pub fn routes() -> Vec<Route> {
    vec![Route::get("/", Gate::SignedIn, show)]
}

/// Follow-ups shown per group; the rest are a link away.
const SHOWN: i64 = 10;

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
struct HomePage {
    ctx: PageCtx,
    accounts: db::account_list::Listing,
    /// My open follow-ups due before today (the first of them) and how many there are.
    overdue: Vec<db::follow_ups::FollowUpRow>,
    overdue_count: i64,
    /// My open follow-ups due today.
    due_today: Vec<db::follow_ups::FollowUpRow>,
    today_count: i64,
    summary: Option<db::scoring::KeyListSummary>,
}

async fn show(State(state): State<AppState>, ctx: PageCtx, me: Me) -> AppResult<HomePage> {
    // "My accounts" are the ones whose team I am on, whatever else my role may see.
    let mine = db::account_list::ListFilter::scoped(AccountScope::TeamOf(me.0.id));
    let accounts = db::account_list::page(
        &state.pool,
        &mine,
        db::account_list::Sort::default(),
        &db::account_list::Page::First,
    )
    .await?;
    let today = chrono::Utc::now().date_naive();
    let mine = |bucket: Bucket| {
        let (due_from, due_to) = bucket.range(today);
        FollowUpFilter {
            due_from,
            due_to,
            ..FollowUpFilter::open(me.scope(), me.0.id, Whose::Mine)
        }
    };
    let (overdue_filter, today_filter) = (mine(Bucket::Overdue), mine(Bucket::Today));
    let overdue = db::follow_ups::page(&state.pool, &overdue_filter, Default::default(), SHOWN)
        .await?
        .rows;
    let due_today = db::follow_ups::page(&state.pool, &today_filter, Default::default(), SHOWN)
        .await?
        .rows;
    let overdue_count = db::follow_ups::count(&state.pool, &overdue_filter).await?;
    let today_count = db::follow_ups::count(&state.pool, &today_filter).await?;
    let summary = if me.may(Action::ManageKeyList) {
        Some(db::scoring::summary(&state.pool).await?)
    } else {
        None
    };
    Ok(HomePage {
        ctx,
        accounts,
        overdue,
        overdue_count,
        due_today,
        today_count,
        summary,
    })
}
