//! `/reviews`: the key-list review ("согласование списка ключевых клиентов"), directors and
//! admins. Opening a review freezes the key list with owners as its snapshot
//! ([`db::reviews::open`]); `/reviews/{review}` pages, filters and searches the snapshot, shows
//! what changed since the previous agreed review (entered, left, owner changes), and takes
//! per row a decision (keep, drop, reassign, watch) and a note, the participants, and the
//! agreement with its date. An agreed review is read-only; every review stays readable and
//! exports to CSV and XLSX for the meeting's minutes.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::export::{self, Cell};
use super::extract::{Form, Path, Query};
use super::form::FieldErrors;
use super::paging::Pager;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::reviews::{Counts, Line, Participant, Previous, Review, RowFilter};
use crate::domain::ids::{AccountId, ReviewId, UserId};
use crate::domain::permissions::Action;
use crate::domain::review::{self, Change, Decision, ReviewStatus};
use crate::domain::text;
use crate::domain::user::{Language, Role};
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use futures_util::TryStreamExt;
use serde::Deserialize;
use tower_sessions::Session;

/// The review routes: directors and admins.
pub fn routes() -> Vec<Route> {
    let gate = Gate::Role(Action::ManageKeyList);
    vec![
        Route::get("/reviews", gate, list),
        Route::post("/reviews", gate, open),
        Route::get("/reviews/{review}", gate, show),
        Route::get("/reviews/{review}/export.csv", gate, export_csv),
        Route::get("/reviews/{review}/export.xlsx", gate, export_xlsx),
        Route::post("/reviews/{review}/rows/{account}", gate, decide),
        Route::post("/reviews/{review}/participants", gate, participants),
        Route::post("/reviews/{review}/agree", gate, agree),
    ]
}

/// Rows per page of a review.
pub const PAGE_SIZE: i64 = 100;

/// Today (the server's date, as the database's `current_date`).
fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn parse_date(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<NaiveDate> {
    errors.check(
        field,
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| "invalid_date"),
    )
}

/// The open-a-review form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    held_on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reviews/list.html")]
struct ReviewsPage {
    ctx: PageCtx,
    reviews: Vec<db::reviews::ReviewRow>,
    form: OpenForm,
    errors: FieldErrors,
}

async fn load_list(
    state: &AppState,
    ctx: PageCtx,
    form: Option<(OpenForm, FieldErrors)>,
) -> AppResult<ReviewsPage> {
    let reviews = db::reviews::list(&state.pool).await?;
    let (form, errors) = form.unwrap_or_else(|| {
        (
            OpenForm {
                title: String::new(),
                held_on: today().to_string(),
            },
            FieldErrors::new(),
        )
    });
    Ok(ReviewsPage {
        ctx,
        reviews,
        form,
        errors,
    })
}

async fn list(State(state): State<AppState>, ctx: PageCtx) -> AppResult<ReviewsPage> {
    load_list(&state, ctx, None).await
}

async fn open(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<OpenForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let title = errors.text("title", text::TITLE, &form.title);
    let held_on = parse_date(&mut errors, "held_on", &form.held_on);
    if let (Some(title), Some(held_on)) = (title, held_on) {
        let id = ReviewId::new();
        let mut tx = state.pool.begin().await?;
        let frozen = db::reviews::open(
            &mut tx,
            &db::reviews::NewReview {
                id,
                title: title.clone(),
                held_on,
                by: Some(me.0.id),
            },
        )
        .await?;
        db::audit::record(
            &mut *tx,
            &db::audit::Change {
                user: Some(me.0.id),
                account: None,
                entity: "key_list_review",
                entity_id: Some(id.0),
                field: "opened",
                old: None,
                new: Some(format!("{title} ({frozen})")),
            },
        )
        .await?;
        tx.commit().await?;
        flash(&session, "review-opened").await;
        return Ok(Redirect::to(&format!("/reviews/{id}")).into_response());
    }
    let page = load_list(&state, ctx, Some((form, errors))).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

/// A review's filter as it travels in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReviewQuery {
    /// A decision, or "none" (not decided yet).
    #[serde(default)]
    pub decision: String,
    /// A change since the previous review.
    #[serde(default)]
    pub change: String,
    /// Owner's id when frozen.
    #[serde(default)]
    pub owner: String,
    /// Name search.
    #[serde(default)]
    pub q: String,
    /// Page number.
    #[serde(default)]
    pub page: Option<String>,
}

impl ReviewQuery {
    /// Parses the filter; a refused value is a message beside its field.
    pub fn parse(&self, errors: &mut FieldErrors) -> RowFilter {
        let decision = match self.decision.trim() {
            "none" => Some(None),
            raw => errors
                .optional_choice::<Decision>("decision", raw)
                .map(Some),
        };
        RowFilter {
            decision,
            change: errors.optional_choice("change", &self.change),
            owner: errors.optional_choice("owner", &self.owner),
            query: errors.optional_text("q", text::SEARCH, &self.q).flatten(),
        }
    }

    /// The filter as query parameters.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        vec![
            ("q", self.q.clone()),
            ("decision", self.decision.clone()),
            ("change", self.change.clone()),
            ("owner", self.owner.clone()),
        ]
    }

    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        self.params().iter().any(|(_, v)| !v.trim().is_empty())
    }
}

/// A row's decision form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RowForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    version: String,
    /// The page's query string, to come back to the same page of the same filter.
    #[serde(default)]
    back: String,
}

/// The agreement form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AgreeForm {
    #[serde(default)]
    agreed_on: String,
    #[serde(default)]
    version: String,
}

/// The participants' form as typed.
#[derive(Debug, Clone, Default)]
pub struct ParticipantsForm {
    users: Vec<String>,
    guests: String,
    version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reviews/show.html")]
struct ReviewPage {
    ctx: PageCtx,
    review: Review,
    previous: Option<Previous>,
    counts: Counts,
    lines: Vec<Line>,
    pager: Pager,
    query: ReviewQuery,
    errors: FieldErrors,
    owners: Vec<Participant>,
    participants: Vec<Participant>,
    /// The people a director can name as participants (active directors, admins and KAMs).
    people: Vec<db::teams::Person>,
    participants_form: ParticipantsForm,
    participants_errors: FieldErrors,
    agree_form: AgreeForm,
    agree_errors: FieldErrors,
    /// The row whose save was refused, with what was typed.
    edit: Option<(AccountId, RowForm, FieldErrors)>,
}

impl ReviewPage {
    fn draft(&self) -> bool {
        self.review.status == ReviewStatus::Draft
    }

    fn decisions(&self) -> &'static [Decision] {
        Decision::ALL
    }

    fn changes(&self) -> &'static [Change] {
        Change::ALL
    }

    fn back(&self) -> String {
        let mut params = self.query.params();
        if self.pager.page > 1 {
            params.push(("page", self.pager.page.to_string()));
        }
        serde_urlencoded::to_string(
            params
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .collect::<Vec<_>>(),
        )
        .unwrap_or_default()
    }

    fn export_url(&self, ext: &str) -> String {
        format!("/reviews/{}/export.{ext}", self.review.id)
    }

    fn filter_url(&self, param: &str, value: &str) -> String {
        let q = serde_urlencoded::to_string([(param, value)]).unwrap_or_default();
        format!("/reviews/{}?{q}", self.review.id)
    }

    /// The form of a row: what was typed when its save was refused, else its values.
    fn row_form(&self, l: &Line) -> (RowForm, FieldErrors) {
        match &self.edit {
            Some((id, form, errors)) if *id == l.account_id => (form.clone(), errors.clone()),
            _ => (
                RowForm {
                    decision: l.decision.map(|d| d.to_string()).unwrap_or_default(),
                    comment: l.comment.clone(),
                    version: l.version.to_string(),
                    back: self.back(),
                },
                FieldErrors::new(),
            ),
        }
    }

    /// The refused row's message when that row shows no form (not on the page shown, or the
    /// review is agreed).
    fn edit_elsewhere(&self) -> Option<&str> {
        let (id, _, errors) = self.edit.as_ref()?;
        // An agreed review shows no row forms: the message goes on top.
        if self.draft() && self.lines.iter().any(|l| l.account_id == *id) {
            return None;
        }
        errors
            .get("form")
            .or_else(|| errors.get("decision"))
            .or_else(|| errors.get("comment"))
    }

    fn takes_part(&self, id: &UserId) -> bool {
        let typed = &self.participants_form.users;
        typed.iter().any(|u| *u == id.to_string())
    }
}

/// What the page shows beyond its data: the forms as typed, and their errors.
#[derive(Default)]
struct Forms {
    participants: Option<(ParticipantsForm, FieldErrors)>,
    agree: Option<(AgreeForm, FieldErrors)>,
    edit: Option<(AccountId, RowForm, FieldErrors)>,
}

async fn load(
    state: &AppState,
    ctx: PageCtx,
    id: ReviewId,
    query: ReviewQuery,
    forms: Forms,
) -> AppResult<(StatusCode, ReviewPage)> {
    let pool = &state.pool;
    let review = db::reviews::get(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let previous = db::reviews::previous(pool, &review).await?;
    let prev_id = previous.as_ref().map(|p| p.id);
    let mut errors = FieldErrors::new();
    let filter = query.parse(&mut errors);
    let path = format!("/reviews/{id}");
    let (lines, pager) = if errors.is_empty() {
        let total = db::reviews::count_lines(pool, id, prev_id, &filter).await?;
        let pager = Pager::new(
            path,
            query.params(),
            query.page.as_deref(),
            PAGE_SIZE,
            total,
        );
        let lines =
            db::reviews::lines(pool, id, prev_id, &filter, (pager.per_page, pager.offset()))
                .await?;
        (lines, pager)
    } else {
        (vec![], Pager::new(path, query.params(), None, PAGE_SIZE, 0))
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let participants = db::reviews::participants(pool, id).await?;
    let (participants_form, participants_errors) = forms.participants.unwrap_or_else(|| {
        (
            ParticipantsForm {
                users: participants.iter().map(|p| p.id.to_string()).collect(),
                guests: review.guests.clone(),
                version: review.version.to_string(),
            },
            FieldErrors::new(),
        )
    });
    let (agree_form, agree_errors) = forms.agree.unwrap_or_else(|| {
        (
            AgreeForm {
                agreed_on: review.held_on.to_string(),
                version: review.version.to_string(),
            },
            FieldErrors::new(),
        )
    });
    let people = db::teams::people(pool)
        .await?
        .into_iter()
        .filter(|p| p.active && p.role != Role::Assistant)
        .collect();
    let page = ReviewPage {
        ctx,
        counts: db::reviews::counts(pool, id, prev_id).await?,
        owners: db::reviews::owners(pool, id).await?,
        review,
        previous,
        lines,
        pager,
        query,
        errors,
        participants,
        people,
        participants_form,
        participants_errors,
        agree_form,
        agree_errors,
        edit: forms.edit,
    };
    Ok((status, page))
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<ReviewId>,
    Query(query): Query<ReviewQuery>,
) -> AppResult<Response> {
    Ok(load(&state, ctx, id, query, Forms::default())
        .await?
        .into_response())
}

/// The page again with a refused form: 422, or 409 when someone else changed it first.
async fn refuse(
    state: &AppState,
    ctx: PageCtx,
    id: ReviewId,
    query: ReviewQuery,
    forms: Forms,
    conflict: bool,
) -> AppResult<Response> {
    let (_, page) = load(state, ctx, id, query, forms).await?;
    if conflict {
        Err(AppError::conflict(page))
    } else {
        Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
    }
}

/// The stored version a form names, or a bad request (the form always carries one).
fn version(raw: &str) -> AppResult<i32> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::BadRequest("version".into()))
}

async fn audit(
    conn: &mut sqlx::PgConnection,
    me: &Me,
    (account, entity_id): (Option<AccountId>, uuid::Uuid),
    field: &'static str,
    (old, new): (Option<String>, Option<String>),
) -> AppResult<()> {
    db::audit::record(
        conn,
        &db::audit::Change {
            user: Some(me.0.id),
            account,
            entity: if account.is_some() {
                "key_list_review_row"
            } else {
                "key_list_review"
            },
            entity_id: Some(entity_id),
            field,
            old,
            new,
        },
    )
    .await?;
    Ok(())
}

async fn decide(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path((id, account)): Path<(ReviewId, AccountId)>,
    Form(form): Form<RowForm>,
) -> AppResult<Response> {
    let seen = version(&form.version)?;
    let query: ReviewQuery = serde_urlencoded::from_str(&form.back).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let decision: Option<Option<Decision>> = match form.decision.trim() {
        "" => Some(None),
        raw => errors
            .check(
                "decision",
                raw.parse::<Decision>().map_err(|_| "invalid_choice"),
            )
            .map(Some),
    };
    let comment = errors.optional_text("comment", text::NOTE, &form.comment);
    let mut conflict = false;
    if let (Some(decision), Some(comment)) = (decision, comment) {
        let comment = comment.unwrap_or_default();
        let mut tx = state.pool.begin().await?;
        let review = db::reviews::lock(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let stored = db::reviews::lock_line(&mut tx, id, account)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Some(key) = review::change_refusal(review.status) {
            errors.add("form", key);
            conflict = true;
        } else if stored.version != seen {
            errors.add("form", "error-review-row-changed");
            conflict = true;
        } else {
            if stored.decision != decision {
                audit(
                    &mut tx,
                    &me,
                    (Some(account), id.0),
                    "decision",
                    (
                        stored.decision.map(|d| d.to_string()),
                        decision.map(|d| d.to_string()),
                    ),
                )
                .await?;
            }
            if stored.comment != comment {
                audit(
                    &mut tx,
                    &me,
                    (Some(account), id.0),
                    "comment",
                    (Some(stored.comment), Some(comment.clone())),
                )
                .await?;
            }
            db::reviews::decide(&mut tx, id, account, decision, &comment).await?;
            tx.commit().await?;
            flash(&session, "review-row-saved").await;
            let back = if form.back.is_empty() {
                String::new()
            } else {
                format!(
                    "?{}",
                    serde_urlencoded::to_string(
                        query
                            .params()
                            .into_iter()
                            .chain(query.page.clone().map(|p| ("page", p)))
                            .filter(|(_, v)| !v.is_empty())
                            .collect::<Vec<_>>()
                    )
                    .unwrap_or_default()
                )
            };
            return Ok(Redirect::to(&format!("/reviews/{id}{back}#r-{account}")).into_response());
        }
    }
    let forms = Forms {
        edit: Some((account, form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, id, query, forms, conflict).await
}

async fn participants(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(id): Path<ReviewId>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let form = ParticipantsForm {
        users: fields
            .iter()
            .filter(|(n, _)| n == "user")
            .map(|(_, v)| v.trim().to_string())
            .collect(),
        guests: field("guests"),
        version: field("version"),
    };
    let seen = version(&form.version)?;
    let mut errors = FieldErrors::new();
    let mut users = vec![];
    for raw in &form.users {
        match raw.parse::<UserId>() {
            Ok(u) => users.push(u),
            Err(_) => errors.add("users", "error-invalid-choice"),
        }
    }
    let guests = errors.optional_text("guests", review::GUESTS, &form.guests);
    let mut conflict = false;
    if let (Some(guests), true) = (guests, errors.is_empty()) {
        let guests = guests.unwrap_or_default();
        let mut tx = state.pool.begin().await?;
        let review = db::reviews::lock(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        for u in &users {
            if !db::teams::person(&mut *tx, *u)
                .await?
                .is_some_and(|p| p.active)
            {
                errors.add("users", "error-invalid-choice");
            }
        }
        if let Some(key) = review::change_refusal(review.status) {
            errors.add("participants", key);
            conflict = true;
        } else if review.version != seen {
            errors.add("participants", "error-review-changed");
            conflict = true;
        } else if errors.is_empty() {
            let before = db::reviews::participants(&mut *tx, id).await?;
            db::reviews::set_participants(&mut tx, id, &users, &guests).await?;
            let after = db::reviews::participants(&mut *tx, id).await?;
            let names = |ps: &[Participant]| {
                ps.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            if names(&before) != names(&after) {
                audit(
                    &mut tx,
                    &me,
                    (None, id.0),
                    "participants",
                    (Some(names(&before)), Some(names(&after))),
                )
                .await?;
            }
            if review.guests != guests {
                audit(
                    &mut tx,
                    &me,
                    (None, id.0),
                    "guests",
                    (Some(review.guests), Some(guests)),
                )
                .await?;
            }
            tx.commit().await?;
            flash(&session, "review-participants-saved").await;
            return Ok(Redirect::to(&format!("/reviews/{id}#participants")).into_response());
        }
    }
    let forms = Forms {
        participants: Some((form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, id, ReviewQuery::default(), forms, conflict).await
}

async fn agree(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Path(id): Path<ReviewId>,
    Form(form): Form<AgreeForm>,
) -> AppResult<Response> {
    let seen = version(&form.version)?;
    let mut errors = FieldErrors::new();
    let agreed_on = parse_date(&mut errors, "agreed_on", &form.agreed_on);
    let mut conflict = false;
    if let Some(agreed_on) = agreed_on {
        let mut tx = state.pool.begin().await?;
        let review = db::reviews::lock(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if let Some(key) = review::change_refusal(review.status) {
            errors.add("agreed_on", key);
            conflict = true;
        } else if review.version != seen {
            errors.add("agreed_on", "error-review-changed");
            conflict = true;
        } else if let Some(key) = review::agreement_refusal(review.held_on, agreed_on, today()) {
            errors.add("agreed_on", key);
        } else {
            db::reviews::agree(&mut tx, id, agreed_on, me.0.id).await?;
            audit(
                &mut tx,
                &me,
                (None, id.0),
                "agreed_on",
                (None, Some(agreed_on.to_string())),
            )
            .await?;
            tx.commit().await?;
            flash(&session, "review-agreed").await;
            return Ok(Redirect::to(&format!("/reviews/{id}")).into_response());
        }
    }
    let forms = Forms {
        agree: Some((form, errors)),
        ..Forms::default()
    };
    refuse(&state, ctx, id, ReviewQuery::default(), forms, conflict).await
}

const HEADERS: [&str; 11] = [
    "col-rank",
    "col-client",
    "col-owner",
    "col-score",
    "col-segment",
    "col-league",
    "col-projected-league",
    "col-reason",
    "col-review-change",
    "col-decision",
    "col-note",
];

/// A cell with a stored value's name in `lang` (empty when there is none).
fn named(lang: Language, value: Option<impl i18n::Named>) -> Cell {
    Cell::opt_text(value.map(|v| i18n::name(lang, &v)))
}

/// One exported row: what the page shows, with the change against the previous review
/// spelled out (the previous owner of a client whose owner changed).
fn export_row(lang: Language, l: &Line) -> Vec<Cell> {
    let change = l.change.map(|c| match (c, &l.previous_owner_name) {
        (Change::OwnerChanged, Some(before)) => format!("{} ({before})", i18n::name(lang, &c)),
        (Change::OwnerChanged, None) => {
            format!("{} ({})", i18n::name(lang, &c), i18n::t(lang, "no-owner"))
        }
        _ => i18n::name(lang, &c),
    });
    vec![
        Cell::int(l.rank.map(i64::from)),
        Cell::text(&l.account_name),
        Cell::opt_text(l.owner_name.clone()),
        Cell::decimal(l.score, 2),
        named(lang, l.segment),
        named(lang, l.league),
        named(lang, l.projected_league),
        Cell::text(i18n::name(lang, &l.reason)),
        Cell::opt_text(change),
        named(lang, l.decision),
        Cell::text(&l.comment),
    ]
}

async fn export_rows(
    state: &AppState,
    id: ReviewId,
    lang: Language,
) -> AppResult<(
    Review,
    impl futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send + 'static,
)> {
    let review = db::reviews::get(&state.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let previous = db::reviews::previous(&state.pool, &review).await?;
    let rows = db::reviews::stream_lines(state.pool.clone(), id, previous.map(|p| p.id))
        .map_ok(move |l| export_row(lang, &l))
        .map_err(anyhow::Error::from);
    Ok((review, rows))
}

fn headers(lang: Language) -> Vec<String> {
    HEADERS.iter().map(|k| i18n::t(lang, k)).collect()
}

async fn export_csv(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<ReviewId>,
) -> AppResult<Response> {
    let (review, rows) = export_rows(&state, id, ctx.lang).await?;
    Ok(export::csv_stream(
        &format!("key-list-review-{}", review.held_on),
        headers(ctx.lang),
        rows,
    ))
}

async fn export_xlsx(
    State(state): State<AppState>,
    ctx: PageCtx,
    Path(id): Path<ReviewId>,
) -> AppResult<Response> {
    let (review, rows) = export_rows(&state, id, ctx.lang).await?;
    export::xlsx_from_stream(
        &format!("key-list-review-{}", review.held_on),
        &ctx.t("review-sheet-name"),
        headers(ctx.lang),
        rows,
    )
    .await
}
