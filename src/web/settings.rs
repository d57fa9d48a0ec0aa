//! `/settings/scoring`: the scoring settings (directors and admins) with range checks, a preview
//! of how many clients would change status before saving, and the history of changes.

use super::AppState;
use super::ctx::{Me, PageCtx, flash};
use super::extract::Form;
use super::form::FieldErrors;
use super::routes::{Gate, Route};
use crate::db;
use crate::db::scoring::StoredSettings;
use crate::domain::permissions::Action;
use crate::domain::scoring::Settings;
use crate::domain::text;
use crate::domain::user::Language;
use crate::error::{AppError, AppResult};
use crate::i18n;
use crate::scoring_worker;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;
use tower_sessions::Session;

/// The settings routes (directors and admins).
pub fn routes() -> Vec<Route> {
    let gate = Gate::Role(Action::ManageKeyList);
    vec![
        Route::get("/settings/scoring", gate, show),
        Route::post("/settings/scoring", gate, submit),
    ]
}

/// The twelve settings in the form's order, with their stored values as numbers.
fn values(s: &StoredSettings) -> [(&'static str, Decimal); 12] {
    let st = &s.settings;
    [
        ("cap_pct", Decimal::from(st.cap_pct)),
        ("weight_potential", st.weight_potential),
        ("gold_min", st.gold_min),
        ("silver_min", st.silver_min),
        ("horizon_years", Decimal::from(s.horizon_years)),
        ("abc_a_pct", st.abc_a_pct),
        ("abc_b_pct", st.abc_b_pct),
        ("xyz_x_cv", st.xyz_x_cv),
        ("xyz_y_cv", st.xyz_y_cv),
        ("at_risk_days", Decimal::from(st.at_risk_days)),
        ("lost_days", Decimal::from(st.lost_days)),
        ("breadwinner_pct", st.breadwinner_pct),
    ]
}

/// One setting a version changed.
pub struct SettingChange {
    /// The setting's field name.
    pub name: &'static str,
    /// Its value before, formatted for the reader (None for the first version).
    pub old: Option<String>,
    /// Its value in this version.
    pub new: String,
}

/// One version of the settings in the history.
pub struct HistoryRow {
    /// When it was saved.
    pub at: DateTime<Utc>,
    /// Who saved it; None for the values KAM Desk was installed with.
    pub who: Option<String>,
    /// The director's note.
    pub note: String,
    /// What it changed against the version before (every value for the first one).
    pub changes: Vec<SettingChange>,
}

/// The history, newest first, each version with what it changed against the one before.
fn history_rows(lang: Language, versions: Vec<StoredSettings>) -> Vec<HistoryRow> {
    let shown = |v: Decimal| i18n::number(lang, v, v.normalize().scale());
    let previous: Vec<Option<[(&'static str, Decimal); 12]>> = versions
        .iter()
        .skip(1)
        .map(|p| Some(values(p)))
        .chain([None])
        .collect();
    versions
        .into_iter()
        .zip(previous)
        .map(|(v, before)| {
            let changes = values(&v)
                .into_iter()
                .enumerate()
                .filter_map(|(i, (name, new))| match &before {
                    Some(b) if b[i].1 == new => None,
                    Some(b) => Some(SettingChange {
                        name,
                        old: Some(shown(b[i].1)),
                        new: shown(new),
                    }),
                    None => Some(SettingChange {
                        name,
                        old: None,
                        new: shown(new),
                    }),
                })
                .collect();
            HistoryRow {
                at: v.created_at,
                who: v.created_by_name,
                note: v.note,
                changes,
            }
        })
        .collect()
}

/// The form as typed (every field text, so that bad input is shown back as entered).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    cap_pct: String,
    #[serde(default)]
    weight_potential: String,
    #[serde(default)]
    gold_min: String,
    #[serde(default)]
    silver_min: String,
    #[serde(default)]
    abc_a_pct: String,
    #[serde(default)]
    abc_b_pct: String,
    #[serde(default)]
    xyz_x_cv: String,
    #[serde(default)]
    xyz_y_cv: String,
    #[serde(default)]
    at_risk_days: String,
    #[serde(default)]
    lost_days: String,
    #[serde(default)]
    breadwinner_pct: String,
    #[serde(default)]
    horizon_years: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    action: String,
    /// The settings version the form was loaded from: saving over a newer one is a conflict.
    #[serde(default)]
    base_id: i64,
}

/// One input of the form, for the template loop.
pub struct FieldView {
    /// Field name.
    pub name: &'static str,
    /// Current text.
    pub value: String,
    /// Message key of the allowed range.
    pub hint: String,
    /// Input step.
    pub step: &'static str,
}

impl SettingsForm {
    /// The form filled with stored settings, decimals written as the reader types them.
    fn from_stored(s: &StoredSettings, lang: Language) -> Self {
        let st = &s.settings;
        let dec = |v: Decimal| i18n::decimal_input(lang, v);
        SettingsForm {
            cap_pct: st.cap_pct.to_string(),
            weight_potential: dec(st.weight_potential),
            gold_min: dec(st.gold_min),
            silver_min: dec(st.silver_min),
            abc_a_pct: dec(st.abc_a_pct),
            abc_b_pct: dec(st.abc_b_pct),
            xyz_x_cv: dec(st.xyz_x_cv),
            xyz_y_cv: dec(st.xyz_y_cv),
            at_risk_days: st.at_risk_days.to_string(),
            lost_days: st.lost_days.to_string(),
            breadwinner_pct: dec(st.breadwinner_pct),
            horizon_years: s.horizon_years.to_string(),
            note: String::new(),
            action: String::new(),
            base_id: s.id,
        }
    }

    fn fields(&self) -> Vec<FieldView> {
        let f = |name: &'static str, value: &str, step: &'static str| FieldView {
            name,
            value: value.to_string(),
            hint: format!("settings-hint-{}", name.replace('_', "-")),
            step,
        };
        vec![
            f("cap_pct", &self.cap_pct, "1"),
            f("weight_potential", &self.weight_potential, "0.01"),
            f("gold_min", &self.gold_min, "0.01"),
            f("silver_min", &self.silver_min, "0.01"),
            f("horizon_years", &self.horizon_years, "1"),
            f("abc_a_pct", &self.abc_a_pct, "0.01"),
            f("abc_b_pct", &self.abc_b_pct, "0.01"),
            f("xyz_x_cv", &self.xyz_x_cv, "0.01"),
            f("xyz_y_cv", &self.xyz_y_cv, "0.01"),
            f("at_risk_days", &self.at_risk_days, "1"),
            f("lost_days", &self.lost_days, "1"),
            f("breadwinner_pct", &self.breadwinner_pct, "0.01"),
        ]
    }

    /// Parses every field; errors are message keys beside the fields. The note comes back
    /// parsed by its text rule.
    fn parse(&self) -> Result<(Settings, i32, String), FieldErrors> {
        let mut errors = FieldErrors::new();
        let note = errors.optional_text("note", text::SHORT_NOTE, &self.note);
        let mut dec = |name: &'static str, raw: &str| -> Option<Decimal> {
            // Accept a decimal comma too: Russian users type "0,7".
            let r = Decimal::from_str(raw.trim().replace(',', ".").as_str())
                .map_err(|_| "not_a_number");
            errors.check(name, r)
        };
        let weight_potential = dec("weight_potential", &self.weight_potential);
        let gold_min = dec("gold_min", &self.gold_min);
        let silver_min = dec("silver_min", &self.silver_min);
        let abc_a_pct = dec("abc_a_pct", &self.abc_a_pct);
        let abc_b_pct = dec("abc_b_pct", &self.abc_b_pct);
        let xyz_x_cv = dec("xyz_x_cv", &self.xyz_x_cv);
        let xyz_y_cv = dec("xyz_y_cv", &self.xyz_y_cv);
        let breadwinner_pct = dec("breadwinner_pct", &self.breadwinner_pct);
        // A whole number too large to be one of ours is out of range, not "not a number".
        let whole = |raw: &str| {
            let t = raw.trim();
            t.parse::<u32>().map_err(|_| {
                if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                    "out_of_range"
                } else {
                    "not_a_whole_number"
                }
            })
        };
        let cap_pct = errors.check("cap_pct", whole(&self.cap_pct));
        let at_risk_days = errors.check("at_risk_days", whole(&self.at_risk_days));
        let lost_days = errors.check("lost_days", whole(&self.lost_days));
        let horizon = errors.check("horizon_years", whole(&self.horizon_years));
        if horizon.is_some_and(|h| !(1..=10).contains(&h)) {
            errors.add("horizon_years", "error-out-of-range");
        }
        if at_risk_days == Some(0) {
            errors.add("at_risk_days", "error-out-of-range");
        }
        // Check the range of every field that parsed, even when another did not, so that all
        // problems show at once; a cross-field rule is skipped when its partner did not parse.
        let d = Settings::default();
        let settings = Settings {
            cap_pct: cap_pct.unwrap_or(d.cap_pct),
            weight_potential: weight_potential.unwrap_or(d.weight_potential),
            gold_min: gold_min.unwrap_or(d.gold_min),
            silver_min: silver_min.unwrap_or(d.silver_min),
            abc_a_pct: abc_a_pct.unwrap_or(d.abc_a_pct),
            abc_b_pct: abc_b_pct.unwrap_or(d.abc_b_pct),
            xyz_x_cv: xyz_x_cv.unwrap_or(d.xyz_x_cv),
            xyz_y_cv: xyz_y_cv.unwrap_or(d.xyz_y_cv),
            at_risk_days: at_risk_days.unwrap_or(d.at_risk_days),
            lost_days: lost_days.unwrap_or(d.lost_days),
            breadwinner_pct: breadwinner_pct.unwrap_or(d.breadwinner_pct),
        };
        let unparsed = errors.clone();
        if let Err(problems) = settings.validate() {
            for p in problems {
                let partner = match p.code {
                    "gold_not_above_silver" => Some("silver_min"),
                    "a_not_below_b" => Some("abc_b_pct"),
                    "x_not_below_y" => Some("xyz_y_cv"),
                    "at_risk_not_below_lost" => Some("lost_days"),
                    _ => None,
                };
                if unparsed.get(p.field).is_none()
                    && partner.is_none_or(|f| unparsed.get(f).is_none())
                {
                    errors.add(p.field, format!("error-{}", p.code.replace('_', "-")));
                }
            }
        }
        let (Some(horizon), Some(note)) = (horizon, note) else {
            return Err(errors);
        };
        let (
            weight_potential,
            gold_min,
            silver_min,
            abc_a_pct,
            abc_b_pct,
            xyz_x_cv,
            xyz_y_cv,
            breadwinner_pct,
        ) = (
            settings.weight_potential,
            settings.gold_min,
            settings.silver_min,
            settings.abc_a_pct,
            settings.abc_b_pct,
            settings.xyz_x_cv,
            settings.xyz_y_cv,
            settings.breadwinner_pct,
        );
        // The database stores these with limited precision: refuse what it would round.
        for (name, v, dp) in [
            ("weight_potential", weight_potential, 3),
            ("gold_min", gold_min, 2),
            ("silver_min", silver_min, 2),
            ("abc_a_pct", abc_a_pct, 2),
            ("abc_b_pct", abc_b_pct, 2),
            ("xyz_x_cv", xyz_x_cv, 3),
            ("xyz_y_cv", xyz_y_cv, 3),
            ("breadwinner_pct", breadwinner_pct, 2),
        ] {
            if v.normalize().scale() > dp {
                errors.add(name, format!("error-too-precise-{dp}"));
            }
        }
        if xyz_y_cv >= Decimal::from(1000) {
            errors.add("xyz_y_cv", "error-out-of-range");
        }
        if errors.is_empty() {
            Ok((settings, horizon as i32, note.unwrap_or_default()))
        } else {
            Err(errors)
        }
    }
}

/// How a proposed change would move clients.
pub struct Preview {
    /// Key clients now.
    pub key_now: i32,
    /// Key clients after.
    pub key_after: i32,
    /// Clients that would become key.
    pub gaining: usize,
    /// Clients that would stop being key.
    pub losing: usize,
    /// Clients whose segment would change.
    pub segment_changes: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "settings/scoring.html")]
struct SettingsPage {
    ctx: PageCtx,
    form: SettingsForm,
    errors: FieldErrors,
    preview: Option<Preview>,
    history: Vec<HistoryRow>,
}

/// The history as the page shows it.
async fn history(state: &AppState, lang: Language) -> AppResult<Vec<HistoryRow>> {
    let versions = db::scoring::settings_history(&state.pool).await?;
    Ok(history_rows(lang, versions))
}

async fn show(State(state): State<AppState>, ctx: PageCtx) -> AppResult<SettingsPage> {
    let current = db::scoring::current_settings(&state.pool).await?;
    Ok(SettingsPage {
        form: SettingsForm::from_stored(&current, ctx.lang),
        errors: FieldErrors::new(),
        preview: None,
        history: history(&state, ctx.lang).await?,
        ctx,
    })
}

async fn preview(state: &AppState, settings: &Settings, horizon: i32) -> AppResult<Preview> {
    let today = chrono::Utc::now().date_naive();
    let (snapshot, now) = tokio::try_join!(
        scoring_worker::load_snapshot(&state.pool, horizon, today),
        db::scoring::key_and_segment_by_account(&state.pool)
    )?;
    let after = scoring_worker::compute(snapshot, settings, today);
    let (mut gaining, mut losing, mut segment_changes) = (0, 0, 0);
    for r in &after.results {
        let (was_key, was_segment) = now.get(&r.account_id.0).cloned().unwrap_or((false, None));
        gaining += usize::from(r.is_key && !was_key);
        losing += usize::from(!r.is_key && was_key);
        segment_changes += usize::from(r.segment != was_segment);
    }
    let summary = db::scoring::summary(&state.pool).await?;
    Ok(Preview {
        key_now: summary.key_count,
        key_after: after.figures.key_count,
        gaining,
        losing,
        segment_changes,
    })
}

async fn submit(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    session: Session,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    let history = history(&state, ctx.lang).await?;
    let (settings, horizon, note) = match form.parse() {
        Ok(v) => v,
        Err(errors) => {
            let page = SettingsPage {
                ctx,
                form,
                errors,
                preview: None,
                history,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if form.action != "save" {
        let preview = Some(preview(&state, &settings, horizon).await?);
        return Ok(SettingsPage {
            ctx,
            form,
            errors: FieldErrors::new(),
            preview,
            history,
        }
        .into_response());
    }
    let mut tx = state.pool.begin().await?;
    // Serialise saves so that the version check and the insert see the same state.
    db::scoring::lock_settings(&mut tx).await?;
    let current = db::scoring::current_settings(&mut *tx).await?;
    if current.id != form.base_id {
        // Stale: the history shows the newer version, the form keeps what was typed.
        drop(tx);
        let mut errors = FieldErrors::new();
        errors.add("form", "error-settings-conflict");
        let history = self::history(&state, ctx.lang).await?;
        return Err(AppError::conflict(SettingsPage {
            ctx,
            form,
            errors,
            preview: None,
            history,
        }));
    }
    db::scoring::insert_settings(&mut *tx, &settings, horizon, &note, me.0.id).await?;
    state.scoring.commit_and_catch_up(tx).await?;
    flash(&session, "settings-saved").await;
    Ok(Redirect::to("/settings/scoring").into_response())
}
