//! The parts of the dossier that are a set of fields of the account: general, strategic
//! importance, needs, qualification, client types, and the single fields beside the lists of the
//! footprint (how decisions are made), the development plans and the competitors. Each part is
//! a [`Part`]: its fields, each typed by a [`Kind`] whose parser is the domain's
//! (`domain::text` for every free text, `Money`, `Importance`, `Industry` ...), shown on its
//! tab and edited on its own form `/accounts/{id}/<tab>/edit` (or `.../plans`) with the part's
//! version: one handler pair serves every part, so each is validated, version-checked and
//! audited the same way.

use crate::db;
use crate::domain::account::Importance;
use crate::domain::dossier::Section;
use crate::domain::industry::Industry;
use crate::domain::money::Money;
use crate::domain::permissions::Action;
use crate::domain::scoring::DecisionMaking;
use crate::domain::text::{self, Lines, TextRule};
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::conflict::ConflictView;
use crate::web::ctx::{Me, PageCtx, flash};
use crate::web::extract::Form;
use crate::web::form::FieldErrors;
use crate::web::hub::Hub;
use crate::web::routes::{Gate, OnAccount, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use tower_sessions::Session;

/// How a field is typed, parsed and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text through a `domain::text` rule (a multi-line rule gets a text area).
    Text(TextRule),
    /// A pick from `domain::industry`, or none.
    Industry,
    /// A whole number of people, or unknown.
    Headcount,
    /// An amount of money, or unknown.
    Money,
    /// Strategic importance, 0 to 5.
    Importance,
    /// Yes, no, or not judged yet.
    YesNo,
    /// A check box.
    Flag,
    /// A date that has passed (today at the latest), or none.
    PastDate,
    /// Centralised or decentralised purchasing.
    DecisionMaking,
    /// A planned change of how decisions are made, or none.
    PlannedDecisionMaking,
}

/// One field of a part: its name (the column, and `field-<name>` in the catalogs and the
/// history) and its kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Column name.
    pub name: &'static str,
    /// Type.
    pub kind: Kind,
}

impl Field {
    /// Whether the field is written as a long text (shown as prose under a heading).
    pub fn is_long_text(&self) -> bool {
        matches!(self.kind, Kind::Text(r) if r.lines == Lines::Multi)
    }

    /// The `maxlength` of a text field.
    pub fn max_chars(&self) -> usize {
        match self.kind {
            Kind::Text(r) => r.max_chars,
            _ => 0,
        }
    }

    /// The message key of the field's name.
    pub fn label(&self) -> String {
        format!("field-{}", self.name.replace('_', "-"))
    }
}

const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind }
}

/// The largest headcount accepted (the largest employers have a few million people).
const MAX_HEADCOUNT: i64 = 10_000_000;

/// A separately edited part of the dossier made of fields.
#[derive(Debug)]
pub struct Part {
    /// Its version and history filter.
    pub section: Section,
    /// The tab it is shown on.
    pub tab: &'static str,
    /// The path pattern of its form.
    pub path: &'static str,
    /// Its fields, in the form's order.
    pub fields: &'static [Field],
}

impl Part {
    /// Whether some field is shown in the facts list rather than as prose.
    pub fn has_short_fields(&self) -> bool {
        self.fields.iter().any(|f| !f.is_long_text())
    }

    /// The part's heading on its tab: the section's name, or, for a part that is one long
    /// text beside another card of the same section (the competitive picture under the list of
    /// competitors), that text's label, so the tab does not name its section twice.
    pub fn heading_key(&self) -> String {
        match self.fields {
            [only] if only.is_long_text() => only.label(),
            _ => format!("section-{}", self.section.as_str()),
        }
    }

    /// Whether the fields' labels are shown above them (not for a part that is one long text:
    /// its label is the heading).
    pub fn labels_fields(&self) -> bool {
        !matches!(self.fields, [only] if only.is_long_text())
    }

    /// The form's path for account `hub`.
    pub fn href(&self, hub: &Hub) -> String {
        self.path.replace("{id}", &hub.id().to_string())
    }
}

/// 1. General information.
pub static GENERAL: Part = Part {
    section: Section::General,
    tab: "general",
    path: "/accounts/{id}/general/edit",
    fields: &[
        field("description", Kind::Text(text::LONG_TEXT)),
        field("industry", Kind::Industry),
        field("headcount", Kind::Headcount),
        field("annual_revenue", Kind::Money),
        field("history", Kind::Text(text::LONG_TEXT)),
        field("org_structure", Kind::Text(text::LONG_TEXT)),
        field("staff_structure", Kind::Text(text::LONG_TEXT)),
        field("customers", Kind::Text(text::LONG_TEXT)),
        field("suppliers", Kind::Text(text::LONG_TEXT)),
        field("partners", Kind::Text(text::LONG_TEXT)),
    ],
};

/// 2a. How the client decides today (beside its current places).
pub static DECISIONS: Part = Part {
    section: Section::Footprint,
    tab: "footprint",
    path: "/accounts/{id}/footprint/edit",
    fields: &[
        field("decision_making", Kind::DecisionMaking),
        field("decision_note", Kind::Text(text::LONG_TEXT)),
    ],
};

/// 2b. Development plans (beside the planned places).
pub static PLANS: Part = Part {
    section: Section::Development,
    tab: "footprint",
    path: "/accounts/{id}/footprint/plans",
    fields: &[
        field("planned_decision_making", Kind::PlannedDecisionMaking),
        field("strategy", Kind::Text(text::LONG_TEXT)),
        field("investments", Kind::Text(text::LONG_TEXT)),
    ],
};

/// 4. Strategic importance.
pub static IMPORTANCE: Part = Part {
    section: Section::Importance,
    tab: "importance",
    path: "/accounts/{id}/importance/edit",
    fields: &[
        field("strategic_importance", Kind::Importance),
        field("importance_rationale", Kind::Text(text::NOTE)),
    ],
};

/// 5. Needs.
pub static NEEDS: Part = Part {
    section: Section::Needs,
    tab: "needs",
    path: "/accounts/{id}/needs/edit",
    fields: &[
        field("business_needs", Kind::Text(text::LONG_TEXT)),
        field("counterpart_measures", Kind::Text(text::LONG_TEXT)),
    ],
};

/// 6. The competitive picture as a whole (beside the list of competitors).
pub static COMPETITION: Part = Part {
    section: Section::Competitors,
    tab: "competitors",
    path: "/accounts/{id}/competitors/edit",
    fields: &[field("competition_note", Kind::Text(text::LONG_TEXT))],
};

/// 7. Qualification by the three "P".
pub static QUALIFICATION: Part = Part {
    section: Section::Qualification,
    tab: "qualification",
    path: "/accounts/{id}/qualification/edit",
    fields: &[
        field("need", Kind::YesNo),
        field("ability_to_pay", Kind::YesNo),
        field("authority", Kind::YesNo),
        field("qualified_on", Kind::PastDate),
        field("qualification_note", Kind::Text(text::LONG_TEXT)),
    ],
};

/// 8. The client types set by hand.
pub static TYPES: Part = Part {
    section: Section::Types,
    tab: "types",
    path: "/accounts/{id}/types/edit",
    fields: &[
        field("is_image_maker", Kind::Flag),
        field("is_expert", Kind::Flag),
    ],
};

/// Every part made of fields.
pub static PARTS: &[&Part] = &[
    &GENERAL,
    &DECISIONS,
    &PLANS,
    &IMPORTANCE,
    &NEEDS,
    &COMPETITION,
    &QUALIFICATION,
    &TYPES,
];

/// The routes of the parts' forms.
pub fn routes() -> Vec<Route> {
    let edit = Gate::Account(Action::EditAccount);
    PARTS
        .iter()
        .flat_map(|part: &&'static Part| {
            let part: &'static Part = part;
            [
                Route::get(
                    part.path,
                    edit,
                    move |state: State<AppState>, ctx: PageCtx, me: Me, account: OnAccount| {
                        edit_page(state, ctx, me, account, part)
                    },
                ),
                Route::post(
                    part.path,
                    edit,
                    move |state: State<AppState>,
                          ctx: PageCtx,
                          me: Me,
                          session: Session,
                          account: OnAccount,
                          form: Form<HashMap<String, String>>| {
                        save(state, ctx, me, session, account, form, part)
                    },
                ),
            ]
        })
        .collect()
}

/// A field's value, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text (empty: not written).
    Text(String),
    /// An industry.
    Industry(Option<Industry>),
    /// A count.
    Count(Option<i32>),
    /// An amount.
    Money(Option<Decimal>),
    /// 0..5.
    Importance(i16),
    /// Yes / no / not judged.
    YesNo(Option<bool>),
    /// A check box.
    Flag(bool),
    /// A date.
    Date(Option<NaiveDate>),
    /// How decisions are made.
    DecisionMaking(DecisionMaking),
    /// A planned change of it.
    PlannedDecisionMaking(Option<DecisionMaking>),
}

impl Value {
    /// As the audit log records it (None: empty).
    pub fn recorded(&self) -> Option<String> {
        match self {
            Value::Text(s) => (!s.is_empty()).then(|| s.clone()),
            Value::Industry(i) => i.map(|i| i.to_string()),
            Value::Count(n) => n.map(|n| n.to_string()),
            Value::Money(m) => m.map(|m| m.to_string()),
            Value::Importance(n) => Some(n.to_string()),
            Value::YesNo(b) => b.map(|b| b.to_string()),
            Value::Flag(b) => Some(b.to_string()),
            Value::Date(d) => d.map(|d| d.to_string()),
            Value::DecisionMaking(d) => Some(d.to_string()),
            Value::PlannedDecisionMaking(d) => d.map(|d| d.to_string()),
        }
    }

    /// As a form field holds it.
    pub fn input(&self, ctx: &PageCtx) -> String {
        match self {
            Value::Money(Some(m)) => ctx.decimal_input(m),
            Value::YesNo(Some(true)) | Value::Flag(true) => "yes".into(),
            Value::YesNo(Some(false)) => "no".into(),
            Value::Flag(false) => String::new(),
            other => other.recorded().unwrap_or_default(),
        }
    }

    /// As the reader reads it (empty when not known).
    pub fn shown(&self, ctx: &PageCtx) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Industry(i) => i.map(|_| ctx.industry(i)).unwrap_or_default(),
            Value::Count(n) => n.map(|n| ctx.count(&i64::from(n))).unwrap_or_default(),
            Value::Money(m) => m.map(|m| ctx.num(&m, 2)).unwrap_or_default(),
            Value::Importance(n) => n.to_string(),
            Value::YesNo(b) => b
                .map(|b| ctx.tv("bool", &b.to_string()))
                .unwrap_or_default(),
            Value::Flag(b) => ctx.tv("bool", &b.to_string()),
            Value::Date(d) => d.map(|d| ctx.date(&d)).unwrap_or_default(),
            Value::DecisionMaking(d) => ctx.name(d),
            Value::PlannedDecisionMaking(d) => d.map(|d| ctx.name(&d)).unwrap_or_default(),
        }
    }
}

/// Parses what was typed into a field of kind `kind` (`today` bounds a past date).
pub fn parse(kind: Kind, raw: &str, today: NaiveDate) -> Result<Value, String> {
    use crate::web::form::FieldProblem;
    let raw_trim = raw.trim();
    Ok(match kind {
        Kind::Text(rule) => Value::Text(
            rule.optional(raw)
                // The trait's key, which carries the limit for the message.
                .map_err(|e| FieldProblem::message_key(&e))?
                .unwrap_or_default(),
        ),
        Kind::Industry => {
            Value::Industry(Industry::parse_choice(raw).map_err(|e| e.message_key())?)
        }
        Kind::Headcount => Value::Count(match raw_trim {
            "" => None,
            s => {
                let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                let n: i64 = digits
                    .parse()
                    .map_err(|_| "not_a_whole_number".message_key())?;
                if !(0..=MAX_HEADCOUNT).contains(&n) {
                    return Err("out_of_range".message_key());
                }
                Some(n as i32)
            }
        }),
        Kind::Money => Value::Money(
            Money::optional(raw)
                .map_err(|e| e.message_key())?
                .map(Money::get),
        ),
        Kind::Importance => Value::Importance(i16::from(
            Importance::parse(raw).map_err(|e| e.message_key())?.get(),
        )),
        Kind::YesNo => Value::YesNo(match raw_trim {
            "" => None,
            "yes" => Some(true),
            "no" => Some(false),
            _ => return Err("invalid_choice".message_key()),
        }),
        Kind::Flag => Value::Flag(!raw_trim.is_empty()),
        Kind::PastDate => {
            let d = crate::web::deals::parse_date(raw).map_err(|e| e.message_key())?;
            if d.is_some_and(|d| d > today) {
                return Err("date_in_future".message_key());
            }
            Value::Date(d)
        }
        Kind::DecisionMaking => Value::DecisionMaking(
            raw_trim
                .parse()
                .map_err(|_| "invalid_choice".message_key())?,
        ),
        Kind::PlannedDecisionMaking => Value::PlannedDecisionMaking(match raw_trim {
            "" => None,
            s => Some(s.parse().map_err(|_| "invalid_choice".message_key())?),
        }),
    })
}

/// What the parts are read from and written to: the account's row and its dossier row.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The account.
    pub account: db::accounts::AccountRow,
    /// Its dossier fields.
    pub dossier: db::dossier::DossierFields,
}

impl Stored {
    /// The stored value of field `name`.
    pub fn get(&self, name: &str) -> Value {
        let (a, d) = (&self.account, &self.dossier);
        let text = |s: &String| Value::Text(s.clone());
        match name {
            "description" => text(&d.description),
            "history" => text(&d.history),
            "org_structure" => text(&d.org_structure),
            "staff_structure" => text(&d.staff_structure),
            "customers" => text(&d.customers),
            "suppliers" => text(&d.suppliers),
            "partners" => text(&d.partners),
            "decision_note" => text(&d.decision_note),
            "strategy" => text(&d.strategy),
            "investments" => text(&d.investments),
            "business_needs" => text(&d.business_needs),
            "counterpart_measures" => text(&d.counterpart_measures),
            "competition_note" => text(&d.competition_note),
            "qualification_note" => text(&d.qualification_note),
            "need" => Value::YesNo(d.need),
            "ability_to_pay" => Value::YesNo(d.ability_to_pay),
            "authority" => Value::YesNo(d.authority),
            "qualified_on" => Value::Date(d.qualified_on),
            "industry" => Value::Industry(a.industry),
            "headcount" => Value::Count(a.headcount),
            "annual_revenue" => Value::Money(a.annual_revenue),
            "strategic_importance" => Value::Importance(a.strategic_importance),
            "importance_rationale" => text(&a.importance_rationale),
            "decision_making" => Value::DecisionMaking(a.decision_making),
            "planned_decision_making" => Value::PlannedDecisionMaking(a.planned_decision_making),
            "is_image_maker" => Value::Flag(a.is_image_maker),
            "is_expert" => Value::Flag(a.is_expert),
            other => unreachable!("no dossier field {other}"),
        }
    }

    /// Sets field `name` to `value` (of its kind).
    fn set(&mut self, name: &str, value: Value) {
        let (a, d) = (&mut self.account, &mut self.dossier);
        match (name, value) {
            ("description", Value::Text(s)) => d.description = s,
            ("history", Value::Text(s)) => d.history = s,
            ("org_structure", Value::Text(s)) => d.org_structure = s,
            ("staff_structure", Value::Text(s)) => d.staff_structure = s,
            ("customers", Value::Text(s)) => d.customers = s,
            ("suppliers", Value::Text(s)) => d.suppliers = s,
            ("partners", Value::Text(s)) => d.partners = s,
            ("decision_note", Value::Text(s)) => d.decision_note = s,
            ("strategy", Value::Text(s)) => d.strategy = s,
            ("investments", Value::Text(s)) => d.investments = s,
            ("business_needs", Value::Text(s)) => d.business_needs = s,
            ("counterpart_measures", Value::Text(s)) => d.counterpart_measures = s,
            ("competition_note", Value::Text(s)) => d.competition_note = s,
            ("qualification_note", Value::Text(s)) => d.qualification_note = s,
            ("need", Value::YesNo(b)) => d.need = b,
            ("ability_to_pay", Value::YesNo(b)) => d.ability_to_pay = b,
            ("authority", Value::YesNo(b)) => d.authority = b,
            ("qualified_on", Value::Date(x)) => d.qualified_on = x,
            ("industry", Value::Industry(i)) => a.industry = i,
            ("headcount", Value::Count(n)) => a.headcount = n,
            ("annual_revenue", Value::Money(m)) => a.annual_revenue = m,
            ("strategic_importance", Value::Importance(n)) => a.strategic_importance = n,
            ("importance_rationale", Value::Text(s)) => a.importance_rationale = s,
            ("decision_making", Value::DecisionMaking(x)) => a.decision_making = x,
            ("planned_decision_making", Value::PlannedDecisionMaking(x)) => {
                a.planned_decision_making = x
            }
            ("is_image_maker", Value::Flag(b)) => a.is_image_maker = b,
            ("is_expert", Value::Flag(b)) => a.is_expert = b,
            (other, v) => unreachable!("no dossier field {other} of {v:?}"),
        }
    }

    /// The account's hand-edited columns, for `db::accounts::save_profile`.
    fn profile(&self) -> db::accounts::Profile {
        let a = &self.account;
        db::accounts::Profile {
            industry: a.industry,
            headcount: a.headcount,
            annual_revenue: a.annual_revenue,
            strategic_importance: a.strategic_importance,
            importance_rationale: a.importance_rationale.clone(),
            decision_making: a.decision_making,
            planned_decision_making: a.planned_decision_making,
            is_image_maker: a.is_image_maker,
            is_expert: a.is_expert,
        }
    }
}

/// Reads what the parts show, outside a save.
pub async fn load(state: &AppState, account: OnAccount) -> AppResult<Stored> {
    Ok(Stored {
        account: db::accounts::get(&state.pool, account.id)
            .await?
            .ok_or(AppError::NotFound)?,
        dossier: db::dossier::get(&state.pool, account.id).await?,
    })
}

/// A part's form page.
#[derive(Template, WebTemplate)]
#[template(path = "dossier/edit.html")]
pub struct EditPage {
    ctx: PageCtx,
    hub: Hub,
    part: &'static Part,
    /// What the form holds, by field.
    values: HashMap<&'static str, String>,
    version: i32,
    errors: FieldErrors,
    conflict: Option<ConflictView>,
}

impl EditPage {
    fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    /// Whether field `name` holds `option` (a selected choice).
    fn is(&self, name: &str, option: &str) -> bool {
        self.value(name) == option
    }

    /// The industries to pick from: code and name in the reader's language.
    fn industries(&self) -> Vec<(&'static str, String)> {
        Industry::ALL
            .iter()
            .map(|i| (i.as_str(), self.ctx.industry(&Some(*i))))
            .collect()
    }

    /// The heading of the form: the part's section name.
    fn title(&self) -> String {
        self.ctx.name(&self.part.section)
    }
}

async fn edit_page(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    part: &'static Part,
) -> AppResult<EditPage> {
    let hub = Hub::load(&state, &me, account, part.tab).await?;
    let stored = load(&state, account).await?;
    let stamp = db::dossier::stamp(&state.pool, account.id, part.section).await?;
    let mut values: HashMap<&'static str, String> = part
        .fields
        .iter()
        .map(|f| (f.name, stored.get(f.name).input(&ctx)))
        .collect();
    // A judgement is dated: the form proposes today.
    if let Some(v) = values.get_mut("qualified_on").filter(|v| v.is_empty()) {
        *v = today().to_string();
    }
    Ok(EditPage {
        ctx,
        hub,
        part,
        values,
        version: stamp.version,
        errors: FieldErrors::new(),
        conflict: None,
    })
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

async fn save(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    account: OnAccount,
    Form(raw): Form<HashMap<String, String>>,
    part: &'static Part,
) -> AppResult<Response> {
    let id = account.id;
    let raw_of = |name: &str| raw.get(name).map_or("", String::as_str);
    let version: i32 = raw_of("version")
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("the form has no version".into()))?;
    let mut errors = FieldErrors::new();
    let mut parsed = Vec::new();
    for f in part.fields {
        match parse(f.kind, raw_of(f.name), today()) {
            Ok(v) => parsed.push((f.name, v)),
            Err(key) => errors.add(f.name, key),
        }
    }
    // The form as typed, for showing it again.
    let typed: HashMap<&'static str, String> = part
        .fields
        .iter()
        .map(|f| (f.name, raw_of(f.name).to_string()))
        .collect();
    if !errors.is_empty() {
        let hub = Hub::load(&state, &me, account, part.tab).await?;
        let page = EditPage {
            ctx,
            hub,
            part,
            values: typed,
            version,
            errors,
            conflict: None,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let mut tx = state.pool.begin().await?;
    if !db::dossier::claim(&mut tx, id, part.section, version, me.0.id).await? {
        drop(tx);
        let stamp = db::dossier::stamp(&state.pool, id, part.section).await?;
        let stored = load(&state, account).await?;
        let conflict = part.fields.iter().fold(
            ConflictView::new(stamp.updated_by_name, stamp.updated_at),
            |c, f| {
                let yours = parse(f.kind, raw_of(f.name), today())
                    .map(|v| v.shown(&ctx))
                    .unwrap_or_else(|_| raw_of(f.name).to_string());
                c.row(f.label(), yours, stored.get(f.name).shown(&ctx))
            },
        );
        let hub = Hub::load(&state, &me, account, part.tab).await?;
        let page = EditPage {
            ctx,
            hub,
            part,
            values: typed,
            version: stamp.version,
            errors,
            conflict: Some(conflict),
        };
        return Err(AppError::conflict(page));
    }
    // Under the claim, the rows are locked in one order (account, then dossier) so that saves
    // of different parts, which write the same rows, never lose each other's fields.
    db::accounts::lock(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let dossier = db::dossier::lock(&mut tx, id).await?;
    let account_row = db::accounts::get(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = Stored {
        account: account_row,
        dossier,
    };
    let mut after = before.clone();
    for (name, value) in parsed {
        after.set(name, value);
    }
    if part.section == Section::Qualification {
        // Who judged the three "P" is whoever saved them; the date defaults to today.
        after.dossier.qualified_by = Some(me.0.id);
        if after.dossier.qualified_on.is_none()
            && [
                after.dossier.need,
                after.dossier.ability_to_pay,
                after.dossier.authority,
            ]
            .iter()
            .any(Option::is_some)
        {
            after.dossier.qualified_on = Some(today());
        }
    }
    let fields = part
        .fields
        .iter()
        .map(|f| {
            (
                f.name,
                before.get(f.name).recorded(),
                after.get(f.name).recorded(),
            )
        })
        .collect();
    let changed = db::audit::record_fields(
        &mut tx,
        &db::audit::FieldChanges {
            user: Some(me.0.id),
            account: id,
            section: part.section.as_str(),
            entity: "account",
            entity_id: Some(id.0),
            item: None,
            fields,
        },
    )
    .await?;
    if changed > 0 {
        if after.profile() != before.profile() {
            db::accounts::save_profile(&mut tx, id, &after.profile()).await?;
        }
        if after.dossier != before.dossier {
            db::dossier::save(&mut tx, id, &after.dossier).await?;
        }
        db::dossier::refresh_completeness(&mut tx, &[id]).await?;
    }
    // Importance and how decisions are made are scoring inputs: the key list catches up.
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "dossier-saved").await;
    Ok(Redirect::to(&crate::web::hub::href(id, part.tab)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed "today" for the tests.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn every_field_of_every_part_is_read_and_written() {
        // `get` and `set` know every field a part names (they panic on an unknown one).
        let names: Vec<&str> = PARTS
            .iter()
            .flat_map(|p| p.fields.iter().map(|f| f.name))
            .collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "a field belongs to one part");
    }

    #[test]
    fn a_headcount_is_a_whole_number_within_range() {
        let t = today();
        assert_eq!(
            parse(Kind::Headcount, " 12 500 ", t),
            Ok(Value::Count(Some(12_500)))
        );
        assert_eq!(parse(Kind::Headcount, "", t), Ok(Value::Count(None)));
        assert_eq!(
            parse(Kind::Headcount, "12.5", t),
            Err("error-not-a-whole-number".into())
        );
        assert_eq!(
            parse(Kind::Headcount, "-3", t),
            Err("error-out-of-range".into())
        );
        assert_eq!(
            parse(Kind::Headcount, "99999999999", t),
            Err("error-out-of-range".into())
        );
    }

    #[test]
    fn money_keeps_at_most_two_decimals() {
        let t = today();
        assert_eq!(
            parse(Kind::Money, "1 250 000,50", t),
            Ok(Value::Money(Some(Decimal::new(125_000_050, 2))))
        );
        assert_eq!(
            parse(Kind::Money, "1,005", t),
            Err("error-too-precise-2".into())
        );
    }

    #[test]
    fn a_judgement_cannot_be_dated_in_the_future() {
        let t = today();
        assert_eq!(
            parse(Kind::PastDate, &t.to_string(), t),
            Ok(Value::Date(Some(t)))
        );
        assert_eq!(
            parse(Kind::PastDate, &t.succ_opt().unwrap().to_string(), t),
            Err("error-date-in-future".into())
        );
        assert_eq!(
            parse(Kind::PastDate, "23.11.2026", t),
            Err("error-invalid-date".into())
        );
    }

    #[test]
    fn importance_is_required_and_from_zero_to_five() {
        let t = today();
        assert_eq!(parse(Kind::Importance, "5", t), Ok(Value::Importance(5)));
        assert_eq!(
            parse(Kind::Importance, "6", t),
            Err("error-importance-range".into())
        );
        assert_eq!(parse(Kind::Importance, "", t), Err("error-required".into()));
    }

    #[test]
    fn a_text_goes_through_the_one_text_parser() {
        let t = today();
        let long = "x".repeat(2001);
        assert_eq!(
            parse(Kind::Text(text::NOTE), &long, t),
            Err("error-too-long#2000".into())
        );
        assert_eq!(
            parse(Kind::Text(text::NOTE), "  kept \r\n as typed ", t),
            Ok(Value::Text("kept \n as typed".into()))
        );
    }

    #[test]
    fn three_p_are_yes_no_or_not_judged() {
        let t = today();
        assert_eq!(parse(Kind::YesNo, "yes", t), Ok(Value::YesNo(Some(true))));
        assert_eq!(parse(Kind::YesNo, "", t), Ok(Value::YesNo(None)));
        assert_eq!(
            parse(Kind::YesNo, "maybe", t),
            Err("error-invalid-choice".into())
        );
    }
}
