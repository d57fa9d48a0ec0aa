//! Special offers to a key client (issue 12): `/accounts/{id}/special-offers` lists the client's
//! offers with their two or three variants (value to the client, discount share, cost to us,
//! margin effect, the client's feedback, the chosen one; discount-only variants and offers
//! flagged); `/accounts/{id}/special-offers/new` and `/accounts/{id}/special-offers/{offer}`
//! create and edit one, version-checked (a stale save shows both versions side by side, the
//! input kept). The team's KAMs, directors and admins edit; assistants read.
//! (`/accounts/{id}/offers` is another thing: a KAM's offer to own an unowned key client,
//! `web::teams`; hence the longer slug.)

use super::AppState;
use super::conflict::ConflictView;
use super::ctx::{Me, PageCtx, flash};
use super::extract::{Form, Path};
use super::form::FieldErrors;
use super::hub::Hub;
use super::routes::{Gate, OnAccount, Route};
use crate::db;
use crate::db::offers::{Offer, OfferDraft, Variant};
use crate::domain::ids::SpecialOfferId;
use crate::domain::money::{Money, MoneyError};
use crate::domain::offer::{self, MAX_VARIANTS};
use crate::domain::permissions::{self, Action};
use crate::domain::text;
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rust_decimal::Decimal;
use std::collections::HashMap;
use tower_sessions::Session;

/// The special-offer routes of an account.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    let edit = Gate::Account(Action::EditAccount);
    vec![
        Route::get("/accounts/{id}/special-offers", view, list),
        Route::get("/accounts/{id}/special-offers/new", edit, new_form),
        Route::post("/accounts/{id}/special-offers/new", edit, create),
        Route::get(
            "/accounts/{id}/special-offers/{special_offer}",
            edit,
            edit_form,
        ),
        Route::post("/accounts/{id}/special-offers/{special_offer}", edit, save),
    ]
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[derive(Template, WebTemplate)]
#[template(path = "offers/list.html")]
struct ListPage {
    ctx: PageCtx,
    hub: Hub,
    offers: Vec<Offer>,
    can_edit: bool,
}

impl ListPage {
    fn is_chosen(&self, o: &Offer, i: &usize) -> bool {
        o.chosen == Some(*i)
    }

    fn discount_only(&self, o: &Offer) -> bool {
        offer::offer_is_discount_only(&o.variants.iter().map(Variant::figures).collect::<Vec<_>>())
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<ListPage> {
    let mut conn = state.pool.acquire().await?;
    let offers = db::offers::for_account(&mut conn, account.id).await?;
    drop(conn);
    Ok(ListPage {
        hub: Hub::load(&state, &me, account, "special-offers").await?,
        can_edit: permissions::allows(me.0.role, Action::EditAccount, account.relation),
        ctx,
        offers,
    })
}

// ------------------------------------------------------------------ the form

/// Field names per variant column.
const DESCRIPTION: [&str; MAX_VARIANTS] = ["description_0", "description_1", "description_2"];
const VALUE_NOTE: [&str; MAX_VARIANTS] = ["value_note_0", "value_note_1", "value_note_2"];
const DISCOUNT: [&str; MAX_VARIANTS] = ["discount_0", "discount_1", "discount_2"];
const EXTRA: [&str; MAX_VARIANTS] = ["extra_value_0", "extra_value_1", "extra_value_2"];
const COST: [&str; MAX_VARIANTS] = ["cost_0", "cost_1", "cost_2"];
const MARGIN: [&str; MAX_VARIANTS] = ["margin_effect_0", "margin_effect_1", "margin_effect_2"];
const FEEDBACK: [&str; MAX_VARIANTS] = ["feedback_0", "feedback_1", "feedback_2"];

/// `(names, label key, multi-line)` of a variant's inputs, in the form's order.
const VARIANT_FIELDS: [(&[&str; MAX_VARIANTS], &str, bool); 7] = [
    (&DESCRIPTION, "special-offer-field-description", true),
    (&VALUE_NOTE, "special-offer-field-value-note", false),
    (&DISCOUNT, "special-offer-field-discount", false),
    (&EXTRA, "special-offer-field-extra-value", false),
    (&COST, "special-offer-field-cost", false),
    (&MARGIN, "special-offer-field-margin-effect", false),
    (&FEEDBACK, "special-offer-field-feedback", true),
];

/// The offer form as typed (field name → value), so that every input comes back as it was.
#[derive(Debug, Clone, Default)]
pub struct OfferForm(HashMap<String, String>);

/// One input of the form, for the template.
pub struct Input {
    /// Name and id.
    pub name: &'static str,
    /// Label's message key.
    pub label: &'static str,
    /// As typed.
    pub value: String,
    /// A textarea.
    pub multiline: bool,
}

impl OfferForm {
    fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    fn set(&mut self, name: &str, value: String) {
        self.0.insert(name.to_string(), value);
    }

    /// Every input of variant `i`.
    pub fn variant(&self, i: &usize) -> Vec<Input> {
        VARIANT_FIELDS
            .iter()
            .map(|(names, label, multiline)| Input {
                name: names[*i],
                label,
                value: self.get(names[*i]).to_string(),
                multiline: *multiline,
            })
            .collect()
    }

    fn from_offer(o: &Offer, lang: Language) -> OfferForm {
        let mut f = OfferForm::default();
        f.set("title", o.title.clone());
        f.set("offered_on", o.offered_on.to_string());
        f.set(
            "chosen",
            o.chosen.map(|c| c.to_string()).unwrap_or_default(),
        );
        f.set("version", o.version.to_string());
        let dec = |v: Decimal| i18n::decimal_input(lang, v);
        for (i, v) in o.variants.iter().enumerate() {
            f.set(DESCRIPTION[i], v.description.clone());
            f.set(VALUE_NOTE[i], v.value_note.clone());
            f.set(DISCOUNT[i], dec(v.discount));
            f.set(EXTRA[i], dec(v.extra_value));
            f.set(COST[i], dec(v.cost));
            f.set(MARGIN[i], dec(v.margin_effect));
            f.set(FEEDBACK[i], v.feedback.clone());
        }
        f
    }

    /// A signed amount (a margin may shrink): a leading minus, then money as typed.
    fn signed(raw: &str) -> Result<Decimal, MoneyError> {
        let t = raw.trim();
        match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
            Some(rest) => Money::parse(rest).map(|m| -m.get()),
            None if t.is_empty() => Ok(Decimal::ZERO),
            None => Money::parse(t).map(Money::get),
        }
    }

    fn parse(&self, errors: &mut FieldErrors) -> Option<OfferDraft> {
        let title = errors.text("title", text::TITLE, self.get("title"));
        let offered_on = errors.date("offered_on", self.get("offered_on"));
        let mut variants = Vec::new();
        let mut columns = Vec::new();
        let mut ok = true;
        for i in 0..MAX_VARIANTS {
            let used = VARIANT_FIELDS
                .iter()
                .any(|(names, _, _)| !self.get(names[i]).trim().is_empty());
            if !used {
                continue;
            }
            let money = |errors: &mut FieldErrors, name: &'static str| {
                errors.check(
                    name,
                    Money::optional(self.get(name))
                        .map(|m| m.map_or(Decimal::ZERO, Money::get))
                        .map_err(MoneyError::code),
                )
            };
            let description = errors.text(DESCRIPTION[i], text::NOTE, self.get(DESCRIPTION[i]));
            let value_note =
                errors.optional_text(VALUE_NOTE[i], text::SHORT_NOTE, self.get(VALUE_NOTE[i]));
            let discount = money(errors, DISCOUNT[i]);
            let extra_value = money(errors, EXTRA[i]);
            let cost = money(errors, COST[i]);
            let margin_effect = errors.check(
                MARGIN[i],
                OfferForm::signed(self.get(MARGIN[i])).map_err(MoneyError::code),
            );
            let feedback = errors.optional_text(FEEDBACK[i], text::NOTE, self.get(FEEDBACK[i]));
            match (
                description,
                value_note,
                discount,
                extra_value,
                cost,
                margin_effect,
                feedback,
            ) {
                (Some(d), Some(n), Some(di), Some(e), Some(c), Some(m), Some(f)) => {
                    variants.push(Variant {
                        offer_id: None,
                        description: d,
                        value_note: n.unwrap_or_default(),
                        discount: di,
                        extra_value: e,
                        cost: c,
                        margin_effect: m,
                        feedback: f.unwrap_or_default(),
                    });
                    columns.push(i);
                }
                _ => ok = false,
            }
        }
        // The choice names a column of the form; it becomes the index among the variants kept.
        let chosen = match self.get("chosen").trim() {
            "" => Some(None),
            raw => match raw
                .parse::<usize>()
                .ok()
                .map(|c| columns.iter().position(|x| *x == c))
            {
                Some(Some(i)) => Some(Some(i)),
                _ => {
                    errors.add("chosen", "error-invalid-choice");
                    None
                }
            },
        };
        if ok && let Some(chosen) = chosen {
            let feedback: Vec<bool> = variants.iter().map(|v| !v.feedback.is_empty()).collect();
            for r in offer::refusals(&feedback, chosen) {
                errors.add(r.field(), r.message_key());
            }
        }
        if !ok || !errors.is_empty() {
            return None;
        }
        Some(OfferDraft {
            title: title?,
            offered_on: offered_on?,
            chosen: chosen?,
            variants,
        })
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "offers/form.html")]
struct FormPage {
    ctx: PageCtx,
    hub: Hub,
    /// None for a new offer.
    offer: Option<SpecialOfferId>,
    form: OfferForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl FormPage {
    fn action(&self) -> String {
        match self.offer {
            Some(o) => format!("/accounts/{}/special-offers/{o}", self.hub.id()),
            None => format!("/accounts/{}/special-offers/new", self.hub.id()),
        }
    }

    fn columns(&self) -> Vec<usize> {
        (0..MAX_VARIANTS).collect()
    }

    fn chosen_is(&self, i: &usize) -> bool {
        self.form.get("chosen") == i.to_string()
    }

    fn field(&self, name: &str) -> &str {
        self.form.get(name)
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    state: &AppState,
    ctx: PageCtx,
    me: &Me,
    account: OnAccount,
    offer: Option<SpecialOfferId>,
    form: OfferForm,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
) -> AppResult<FormPage> {
    Ok(FormPage {
        hub: Hub::load(state, me, account, "special-offers").await?,
        ctx,
        offer,
        form,
        errors,
        conflict,
    })
}

async fn new_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FormPage> {
    let mut form = OfferForm::default();
    form.set("offered_on", today().to_string());
    page(
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

fn audit_fields(d: &OfferDraft) -> Vec<(&'static str, Option<String>)> {
    let mut out = vec![
        ("special_offer_title", Some(d.title.clone())),
        ("special_offer_offered_on", Some(d.offered_on.to_string())),
        (
            "special_offer_chosen",
            d.chosen.map(|c| (c + 1).to_string()),
        ),
    ];
    for (i, v) in d.variants.iter().enumerate() {
        out.push((
            [
                "special_offer_variant_1",
                "special_offer_variant_2",
                "special_offer_variant_3",
            ][i],
            Some(format!(
                "{} | {} + {} | {} | {} | {}",
                v.description, v.discount, v.extra_value, v.cost, v.margin_effect, v.feedback
            )),
        ));
    }
    for i in d.variants.len()..MAX_VARIANTS {
        out.push((
            [
                "special_offer_variant_1",
                "special_offer_variant_2",
                "special_offer_variant_3",
            ][i],
            None,
        ));
    }
    out
}

async fn record(
    conn: &mut sqlx::PgConnection,
    me: &Me,
    account: OnAccount,
    id: SpecialOfferId,
    before: Option<&OfferDraft>,
    after: &OfferDraft,
) -> AppResult<()> {
    let new = audit_fields(after);
    let fields = match before {
        None => std::iter::once(("special_offer_created", None, Some(after.title.clone())))
            .chain(new.into_iter().map(|(f, v)| (f, None, v)))
            .collect(),
        Some(b) => audit_fields(b)
            .into_iter()
            .zip(new)
            .map(|((f, old), (_, new))| (f, old, new))
            .collect(),
    };
    db::audit::record_fields(
        conn,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: account.id,
            section: "offers",
            entity: "special_offer",
            entity_id: Some(id.0),
            item: Some(after.title.clone()),
            fields,
        },
    )
    .await?;
    Ok(())
}

async fn create(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(raw): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let form = OfferForm(raw);
    let mut errors = FieldErrors::new();
    let Some(draft) = form.parse(&mut errors) else {
        let p = page(&state, ctx, &me, account, None, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    };
    let id = SpecialOfferId::new();
    let mut tx = state.pool.begin().await?;
    db::offers::insert(&mut tx, id, account.id, &draft).await?;
    record(&mut tx, &me, account, id, None, &draft).await?;
    tx.commit().await?;
    flash(&session, "special-offer-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/special-offers", account.id)).into_response())
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    Path((_, id)): Path<(String, SpecialOfferId)>,
) -> AppResult<FormPage> {
    let mut conn = state.pool.acquire().await?;
    let offer = db::offers::get(&mut conn, account.id, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let form = OfferForm::from_offer(&offer, ctx.lang);
    page(
        &state,
        ctx,
        &me,
        account,
        Some(id),
        form,
        FieldErrors::new(),
        None,
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Path((_, id)): Path<(String, SpecialOfferId)>,
    Form(raw): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let form = OfferForm(raw);
    let Ok(version) = form.get("version").trim().parse::<i32>() else {
        return Err(AppError::BadRequest("version".into()));
    };
    let mut tx = state.pool.begin().await?;
    let stored = db::offers::get(&mut tx, account.id, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.version != version {
        drop(tx);
        let theirs = OfferForm::from_offer(&stored, ctx.lang);
        let mut rows = vec![
            (
                "special-offer-field-title",
                form.get("title").to_string(),
                theirs.get("title").to_string(),
            ),
            (
                "special-offer-field-offered-on",
                form.get("offered_on").to_string(),
                theirs.get("offered_on").to_string(),
            ),
            (
                "special-offer-field-chosen",
                form.get("chosen").to_string(),
                theirs.get("chosen").to_string(),
            ),
        ];
        for i in 0..MAX_VARIANTS {
            for (names, label, _) in VARIANT_FIELDS {
                rows.push((
                    label,
                    form.get(names[i]).to_string(),
                    theirs.get(names[i]).to_string(),
                ));
            }
        }
        let conflict = rows
            .into_iter()
            .fold(ConflictView::new(None, None), |v, (l, y, t)| v.row(l, y, t));
        let mut errors = FieldErrors::new();
        errors.add("form", "error-edit-conflict");
        let mut form = form;
        form.set("version", stored.version.to_string());
        let p = page(
            &state,
            ctx,
            &me,
            account,
            Some(id),
            form,
            errors,
            Some(conflict),
        )
        .await?;
        return Err(AppError::conflict(p));
    }
    let mut errors = FieldErrors::new();
    let Some(draft) = form.parse(&mut errors) else {
        drop(tx);
        let p = page(&state, ctx, &me, account, Some(id), form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, p).into_response());
    };
    if !db::offers::update(&mut tx, id, version, &draft).await? {
        return Err(AppError::Internal(anyhow::anyhow!(
            "offer {id} changed under its lock"
        )));
    }
    let before = OfferDraft {
        title: stored.title.clone(),
        offered_on: stored.offered_on,
        chosen: stored.chosen,
        variants: stored.variants.clone(),
    };
    record(&mut tx, &me, account, id, Some(&before), &draft).await?;
    tx.commit().await?;
    flash(&session, "special-offer-saved").await;
    Ok(Redirect::to(&format!("/accounts/{}/special-offers", account.id)).into_response())
}
