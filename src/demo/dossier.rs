//! The dossier sections and the competitors who court the client. Their text stands for what
//! the account's people typed, so it is stored as typed (in English).

use chrono::Datelike;
use rand::Rng;
use rand::seq::SliceRandom;

use super::batch::Batch;
use super::plan::Footprint;
use super::random::{days_after, days_before, pick, pick_weighted, work_time};
use super::reference::{COMPETITORS, GEO, INDUSTRIES, OUR_POSITIONS};
use super::{AccountContext, Generator, country};
use crate::db::competitors::NewCompetitor;
use crate::db::dossier::NewSection;
use crate::domain::dossier::DossierSection;
use crate::domain::ids::{AccountId, CompetitorId, UserId};
use crate::domain::scoring::Status;
use crate::domain::user::Language;

impl Generator {
    pub(super) fn competitors(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
        let count = match ctx.plan.status {
            Status::Archived => 0,
            _ => pick_weighted(&mut self.rng, &[25, 35, 25, 15]),
        };
        let mut names: Vec<usize> = (0..COMPETITORS.len()).collect();
        names.shuffle(&mut self.rng);
        for &k in names.iter().take(count) {
            let id = CompetitorId(self.ids.next_id());
            let (name, offering) = COMPETITORS[k];
            let our_position = pick(&mut self.rng, &OUR_POSITIONS);
            let created = days_after(ctx.plan.created_on, self.rng.gen_range(0..200))
                .min(days_before(self.today, 1));
            let created_at = work_time(&mut self.rng, created);
            batch.competitors.push(NewCompetitor {
                id,
                account_id: AccountId(ctx.plan.id),
                name: name.to_owned(),
                offering: offering.to_owned(),
                our_position: our_position.to_owned(),
                created_at: Some(created_at),
            });
            ctx.competitors.push((id, name));
        }
    }

    pub(super) fn dossier(&mut self, ctx: &AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let chance = match plan.status {
            Status::Active if plan.importance >= 3 => 0.85,
            Status::Active => 0.5,
            Status::Prospect => 0.45,
            Status::Lost => 0.3,
            Status::Archived => 0.1,
        };
        if !self.rng.gen_bool(chance) {
            return;
        }
        let industry = &INDUSTRIES[plan.industry];
        let home = &GEO[ctx.home];
        let by = ctx.team.owner.or(ctx.team.previous_owner);
        let mut sections: Vec<(DossierSection, String)> = Vec::new();

        let purchasing = if plan.decentralized {
            "Each outlet still buys on its own; prices and assortment differ between outlets."
        } else {
            "Purchasing is centralised at the head office."
        };
        let headquarters = ctx.cities.first().copied().unwrap_or(home.cities[0]);
        let mut sites: Vec<&str> = Vec::new();
        for city in &ctx.cities {
            if !sites.contains(city) {
                sites.push(city);
            }
        }
        let footprint = match sites.len() {
            _ if plan.footprint == Footprint::NoLocations => "Sites not recorded yet.".to_owned(),
            0 | 1 => "A single site.".to_owned(),
            2..=5 => format!("Sites in {}.", sites.join(", ")),
            n => format!("Sites in {} and {} more.", sites[..5].join(", "), n - 5),
        };
        sections.push((
            DossierSection::General,
            format!(
                "{} is a {} headquartered in {headquarters}, {}. {footprint} {purchasing}\n\nHistory: started in {headquarters} and grew through acquisitions in the last decade.",
                ctx.name, industry.describe, country(home).name(Language::En),
            ),
        ));
        if self.rng.gen_bool(0.6) {
            sections.push((
                DossierSection::Relationship,
                format!(
                    "Client since {}. We supply {} and {}. {}",
                    plan.created_on.year(),
                    pick(&mut self.rng, industry.products).1.to_lowercase(),
                    pick(&mut self.rng, industry.products).1.to_lowercase(),
                    pick(&mut self.rng, &[
                        "Won the last framework tender on service, lost the one before on price.",
                        "Relationship was cold after a quality claim two years ago; recovered since.",
                        "We are the second supplier; the incumbent holds about two thirds of the volume.",
                    ])
                ),
            ));
        }
        if self.rng.gen_bool(0.6) && !ctx.contacts.is_empty() {
            let top = &ctx.contacts[0];
            sections.push((
                DossierSection::DecisionMaking,
                format!(
                    "Final say: {} ({}). Technical sign-off by engineering or quality, then purchasing negotiates. Budget is set in {}.",
                    top.full_name,
                    top.title,
                    pick(&mut self.rng, &["October", "November", "December", "March"])
                ),
            ));
        }
        if self.rng.gen_bool(0.5) && !ctx.competitors.is_empty() {
            let names: Vec<&str> = ctx.competitors.iter().map(|(_, name)| *name).collect();
            sections.push((
                DossierSection::Competition,
                format!(
                    "Courted by {}. {}",
                    names.join(", "),
                    pick(&mut self.rng, &OUR_POSITIONS)
                ),
            ));
        }
        if !ctx.planned.is_empty() || self.rng.gen_bool(0.4) {
            let text = if let Some(&g) = ctx.planned.first() {
                let presence = if GEO[g].present {
                    "we already work there"
                } else {
                    "we have no presence there yet: plan ours now"
                };
                format!(
                    "Expansion planned to {} ({}) within 18 months; {}.",
                    GEO[g].region,
                    country(&GEO[g]).name(Language::En),
                    presence
                )
            } else {
                pick(
                    &mut self.rng,
                    &[
                        "Modernisation programme over three years; new lines from next spring.",
                        "Strategy: focus on the core regions, no expansion before next year.",
                        "Considering central purchasing for the whole group.",
                    ],
                )
                .to_owned()
            };
            sections.push((DossierSection::Development, text));
        }
        if self.rng.gen_bool(0.5) {
            sections.push((
                DossierSection::Needs,
                pick(&mut self.rng, &[
                    "Business: fewer stock-outs in the peak season, one supplier for all regions. Personal: the purchasing head's bonus depends on savings against budget.",
                    "Business: cut working capital; they want consignment stock. Personal: the COO wants visible wins before the board review.",
                    "Business: win share from a rival chain with exclusive products. Personal: the category manager is measured on gross margin.",
                ])
                .to_owned(),
            ));
        }
        if plan.status == Status::Prospect && self.rng.gen_bool(0.8) {
            sections.push((
                DossierSection::Qualification,
                pick(&mut self.rng, &[
                    "Need: confirmed, current supplier fails on lead times. Ability to pay: good, audited accounts. Authority: we talk to the decision maker directly.",
                    "Need: likely, volumes grow with the new sites. Ability to pay: to be checked. Authority: only the buyer so far; no access to the director.",
                ])
                .to_owned(),
            ));
        }
        for (section, body) in sections {
            let updated = days_before(self.today, self.rng.gen_range(3..300)).max(plan.created_on);
            batch.dossier.push(NewSection {
                account_id: AccountId(plan.id),
                section,
                body,
                updated_by: by.map(UserId),
                updated_at: Some(work_time(&mut self.rng, updated)),
            });
        }
    }
}
