//! The account row (name, industry, importance, pins) and its potential forecasts.

use chrono::Datelike;
use rand::Rng;
use rust_decimal::prelude::ToPrimitive;

use super::batch::Batch;
use super::plan::{Forecast, Origin, Plan};
use super::random::{
    ascii_slug, days_before, normal, pick, pick_weighted, round_to, rub, work_time,
};
use super::reference::{
    CULTURES, DIRECTORS, FIRST_KAM, GEO, INDUSTRIES, RU_FORMS, RU_ROOTS, RU_SUFFIXES,
};
use super::{AccountContext, Generator};
use crate::db::accounts::{NewAccount, NewPin};
use crate::db::potentials::NewForecast;
use crate::domain::account::{AccountName, Importance};
use crate::domain::ids::{AccountId, UserId};
use crate::domain::scoring::{DecisionMaking, Pin};

impl Generator {
    pub(super) fn home_region(&mut self, origin: Origin) -> usize {
        match origin {
            Origin::Russia => {
                let weights: Vec<u32> = self.russia.iter().map(|&g| GEO[g].home_weight).collect();
                self.russia[pick_weighted(&mut self.rng, &weights)]
            }
            Origin::Europe(culture) => {
                let country = CULTURES[culture].country;
                let options: Vec<usize> = (0..GEO.len())
                    .filter(|&g| GEO[g].country == country)
                    .collect();
                pick(&mut self.rng, &options)
            }
        }
    }

    /// A plausible, unique display name, the legal name, and the e-mail domain (Latin even for
    /// a Cyrillic name, as real ones are).
    pub(super) fn company_name(&mut self, plan: Plan, home: usize) -> (String, String, String) {
        let rng = &mut self.rng;
        let industry = &INDUSTRIES[plan.industry];
        let (mut display, legal_form, latin, tld, cyrillic) = match plan.origin {
            Origin::Russia => {
                let cyrillic = rng.gen_bool(0.4);
                let (root_lat, root_cyr) = pick(rng, &RU_ROOTS);
                let (part_lat, part_cyr) = pick(rng, industry.ru_parts);
                let (suffix_lat, suffix_cyr) = if rng.gen_bool(0.45) {
                    ("", "")
                } else {
                    pick(rng, &RU_SUFFIXES)
                };
                let latin = format!("{root_lat}{part_lat}{suffix_lat}");
                let display = if cyrillic {
                    format!("{root_cyr}{part_cyr}{suffix_cyr}")
                } else {
                    latin.clone()
                };
                let form_weights: Vec<u32> = RU_FORMS.iter().map(|f| f.2).collect();
                let form = RU_FORMS[pick_weighted(rng, &form_weights)];
                (
                    display,
                    if cyrillic { form.1 } else { form.0 },
                    latin,
                    "ru",
                    cyrillic,
                )
            }
            Origin::Europe(index) => {
                let culture = &CULTURES[index];
                let surname = pick(rng, culture.surnames);
                let word = industry.eu_words[index];
                let display = format!("{surname} {word}");
                (
                    display.clone(),
                    pick(rng, culture.forms),
                    display,
                    culture.tld,
                    false,
                )
            }
        };
        let mut latin = latin;
        let seen = self.names_used.entry(display.clone()).or_insert(0);
        *seen += 1;
        if *seen > 1 {
            // Add the home city, then a number, until the name is unique.
            let city = GEO[home].cities[0];
            let mut candidate = format!("{display} {city}");
            let mut number = *seen;
            while self.names_used.contains_key(&candidate) {
                number += 1;
                candidate = format!("{display} {number}");
            }
            latin = if cyrillic {
                format!("{latin} {number}")
            } else {
                candidate.clone()
            };
            display = candidate;
            self.names_used.insert(display.clone(), 1);
        }
        let legal_name = match plan.origin {
            Origin::Russia if cyrillic => format!("{legal_form} «{display}»"),
            Origin::Russia => format!("{legal_form} \"{display}\""),
            Origin::Europe(_) => format!("{display} {legal_form}"),
        };
        (
            display,
            legal_name,
            format!("{}.{tld}", ascii_slug(&latin, "-")),
        )
    }

    pub(super) fn account_row(
        &mut self,
        ctx: &AccountContext,
        legal_name: String,
        batch: &mut Batch,
    ) {
        let plan = ctx.plan;
        let rng = &mut self.rng;
        let profile = &INDUSTRIES[plan.industry];
        let website = if rng.gen_bool(0.9) {
            format!("https://www.{}", ctx.domain)
        } else {
            String::new()
        };
        let headcount =
            profile.median_headcount * plan.footprint.size_factor() * (0.8 * normal(rng)).exp();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let headcount = rng
            .gen_bool(0.93)
            .then(|| round_to(headcount, 10.0).max(10.0) as u32);
        let importance_rationale = match plan.importance {
            5 => pick(
                rng,
                &[
                    "Federal player entering our core regions; a reference for the whole industry.",
                    "Board-level partnership: joint product development agreed for three years.",
                ],
            ),
            4 => pick(
                rng,
                &[
                    "Opens doors to two neighbouring regions where we are weak.",
                    "Demanding on quality: working with them improves our own processes.",
                ],
            ),
            3 => "Growing fast; worth investing in the relationship now.",
            _ => "",
        };
        let planned_decision_making =
            (plan.decentralized && rng.gen_bool(0.3)).then_some(DecisionMaking::Centralized);
        let reason = match plan.pin {
            Pin::None => None,
            Pin::Key => Some(pick(
                rng,
                &[
                    "Flagship client of the region; the board agreed to grow together.",
                    "Strategic partner for the new product line launch.",
                    "Reference client for the whole industry; keep key regardless of this year's score.",
                ],
            )),
            Pin::NotKey => Some(pick(
                rng,
                &[
                    "Being acquired by a competitor's group; no new investment until the deal closes.",
                    "Buys only through a distributor; the distributor is our key client.",
                    "Payment delays above 90 days; finance has frozen the credit limit.",
                ],
            )),
        };
        let pinned_on = days_before(self.today, rng.gen_range(10..200));
        let pin = reason.map(|reason| NewPin {
            pin: plan.pin,
            reason: reason.to_owned(),
            by: UserId(self.users[DIRECTORS[plan.pinned_by]]),
            at: Some(work_time(rng, pinned_on)),
        });
        // Judgement labels on a few accounts, mostly the important ones.
        let is_image_maker = rng.gen_bool(if plan.importance >= 4 { 0.12 } else { 0.01 });
        let is_expert = rng.gen_bool(if plan.importance >= 3 { 0.07 } else { 0.015 });
        let creator = match plan.owner {
            Some(kam) if rng.gen_bool(0.7) => self.users[FIRST_KAM + kam],
            _ => self.users[pick(rng, &DIRECTORS)],
        };
        let created_at = work_time(rng, plan.created_on);
        batch.accounts.push(NewAccount {
            id: AccountId(plan.id),
            name: AccountName::parse(&ctx.name).expect("demo names are 1 to 200 characters"),
            legal_name,
            industry: Some(profile.industry),
            website,
            headcount,
            tax_id: None,
            external_id: None,
            annual_revenue: None,
            status: plan.status,
            strategic_importance: Importance::new(plan.importance)
                .expect("the plan keeps importance within 0 to 5"),
            importance_rationale: importance_rationale.to_owned(),
            decision_making: if plan.decentralized {
                DecisionMaking::Decentralized
            } else {
                DecisionMaking::Centralized
            },
            planned_decision_making,
            pin,
            is_image_maker,
            is_expert,
            created_by: Some(UserId(creator)),
            created_at: Some(created_at),
        });
    }

    pub(super) fn forecasts(&mut self, ctx: &AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        if plan.forecast == Forecast::Missing {
            return;
        }
        let industry = &INDUSTRIES[plan.industry];
        let units = (plan.potential / industry.basis_unit).round().max(1.0);
        let basis = if plan.forecast == Forecast::Zero {
            "No purchases of our category expected: the client is switching to in-house production."
                .to_owned()
        } else {
            industry.basis.replace("{n}", &format!("{units}"))
        };
        let margin_rate = self.rng.gen_range(0.15..0.30);
        let by = ctx.team.owner.or(ctx.team.previous_owner);
        let updated = days_before(self.today, self.rng.gen_range(5..200));
        let updated_at = work_time(&mut self.rng, updated);
        for (year, revenue) in (0..).zip(plan.forecast_revenues()) {
            let margin = round_to(revenue.to_f64().unwrap_or(0.0) * margin_rate, 1000.0);
            batch.forecasts.push(NewForecast {
                account_id: AccountId(plan.id),
                year: self.today.year() + year,
                revenue,
                margin: rub(margin),
                basis: basis.clone(),
                updated_by: by.map(UserId),
                updated_at: Some(updated_at),
            });
        }
    }
}
