//! The dossier sections and the competitors who court the client. Their text stands for what
//! the account's people typed, so it is stored as typed (in English).

use chrono::Datelike;
use rand::Rng;
use rand::seq::SliceRandom;

use super::batch::Batch;
use super::plan::Footprint;
use super::random::{days_after, days_before, pick, pick_weighted, work_time};
use super::reference::{COMPETITOR_STRENGTHS, COMPETITORS, GEO, INDUSTRIES, OUR_POSITIONS};
use super::{AccountContext, Generator, country};
use crate::db::competitors::NewCompetitor;
use crate::db::dossier::{DossierFields, NewDossier, NewStamp};
use crate::db::presence::NewPresence;
use crate::domain::dossier::Section;
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
                strengths: COMPETITOR_STRENGTHS[k % COMPETITOR_STRENGTHS.len()].to_owned(),
                our_position: our_position.to_owned(),
                created_at: Some(created_at),
            });
            ctx.competitors.push((id, name));
        }
    }

    /// The dossier's fields, as the account's people would have typed them: in Russian for a
    /// client whose name is in Cyrillic, in English otherwise.
    pub(super) fn dossier(&mut self, ctx: &AccountContext, batch: &mut Batch) {
        let plan = ctx.plan;
        let chance = match plan.status {
            Status::Active if plan.importance >= 3 => 0.85,
            Status::Active => 0.5,
            Status::Prospect => 0.45,
            Status::Lost => 0.3,
            Status::Archived => 0.1,
        };
        // A key client's overview is never empty: it always has a description and its needs
        // (the draws are made all the same, so the other accounts' rows do not change).
        let key = self.key_clients.contains(&plan.id);
        if !self.rng.gen_bool(chance) && !key {
            return;
        }
        let ru = ctx
            .name
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let tr = |en: &str, ru_text: &str| {
            if ru {
                ru_text.to_owned()
            } else {
                en.to_owned()
            }
        };
        let industry = &INDUSTRIES[plan.industry];
        let home = &GEO[ctx.home];
        let by = ctx.team.owner.or(ctx.team.previous_owner).map(UserId);
        let headquarters = ctx.cities.first().copied().unwrap_or(home.cities[0]);
        let mut sites: Vec<&str> = Vec::new();
        for city in &ctx.cities {
            if !sites.contains(city) {
                sites.push(city);
            }
        }
        let mut f = DossierFields::default();
        let mut written: Vec<Section> = Vec::new();

        let footprint = match sites.len() {
            _ if plan.footprint == Footprint::NoLocations => {
                tr("Sites not recorded yet.", "Площадки ещё не внесены.")
            }
            0 | 1 => tr("A single site.", "Одна площадка."),
            2..=5 if ru => format!("Площадки: {}.", sites.join(", ")),
            2..=5 => format!("Sites in {}.", sites.join(", ")),
            n if ru => format!("Площадки: {} и ещё {}.", sites[..5].join(", "), n - 5),
            n => format!("Sites in {} and {} more.", sites[..5].join(", "), n - 5),
        };
        f.description = if ru {
            format!(
                "{}: {} со штаб-квартирой в городе {headquarters} ({}). {footprint}",
                ctx.name,
                industry.describe_ru,
                country(home).name(Language::Ru),
            )
        } else {
            format!(
                "{} is a {} headquartered in {headquarters}, {}. {footprint}",
                ctx.name,
                industry.describe,
                country(home).name(Language::En),
            )
        };
        if self.rng.gen_bool(0.7) {
            f.history = if ru {
                format!(
                    "Основана в {} году в городе {headquarters}; за последние десять лет выросла за счёт поглощений. Наш клиент с {} года.",
                    plan.created_on.year() - self.rng.gen_range(8..30),
                    plan.created_on.year()
                )
            } else {
                format!(
                    "Founded in {} in {headquarters}; grew through acquisitions in the last decade. Our client since {}.",
                    plan.created_on.year() - self.rng.gen_range(8..30),
                    plan.created_on.year()
                )
            };
        }
        if self.rng.gen_bool(0.5) {
            f.org_structure = pick(
                &mut self.rng,
                &[
                    ("Head office with regional divisions; purchasing reports to the commercial director.",
                     "Головной офис и региональные дивизионы; закупки подчиняются коммерческому директору."),
                    ("Holding with three operating companies; a shared services centre handles procurement.",
                     "Холдинг из трёх операционных компаний; закупки ведёт общий центр обслуживания."),
                    ("Owner-managed; the general director signs every contract above 5 mln RUB.",
                     "Управляет собственник; договоры свыше 5 млн руб. подписывает генеральный директор."),
                ],
            )
            .pick(ru);
            f.staff_structure = pick(
                &mut self.rng,
                &[
                    ("Mostly production and field staff; a lean head office of about 60.",
                     "В основном производственный и линейный персонал; головной офис около 60 человек."),
                    ("Sales and store staff make up most of the headcount; high turnover in the regions.",
                     "Основная часть штата — продавцы и персонал магазинов; в регионах высокая текучесть."),
                    ("Engineers and technicians are a third of the staff; an in-house quality lab.",
                     "Треть штата — инженеры и техники; собственная лаборатория качества."),
                ],
            )
            .pick(ru);
        }
        if self.rng.gen_bool(0.55) {
            f.customers = tr(
                "Regional retailers and construction companies; the public sector is about a fifth of sales.",
                "Региональные сети и строительные компании; госсектор — около пятой части продаж.",
            );
            f.suppliers = tr(
                "Two or three suppliers per category; prefers local warehouses.",
                "Два-три поставщика на категорию; предпочитает местные склады.",
            );
            f.partners = tr(
                "Logistics partner for the regions; a bank finances its expansion.",
                "Логистический партнёр в регионах; расширение финансирует банк.",
            );
        }
        written.push(Section::General);

        if self.rng.gen_bool(0.6) {
            f.decision_note = if let (false, Some(top)) = (ru, ctx.contacts.first()) {
                format!(
                    "Final say: {} ({}). Technical sign-off by engineering or quality, then purchasing negotiates. Budget is set in {}.",
                    top.full_name,
                    top.title,
                    pick(&mut self.rng, &["October", "November", "December", "March"])
                )
            } else if plan.decentralized {
                tr(
                    "Each outlet still buys on its own; prices and assortment differ between outlets.",
                    "Каждая точка пока закупает сама; цены и ассортимент между точками различаются.",
                )
            } else {
                tr(
                    "Purchasing is centralised at the head office; the budget is set in the autumn.",
                    "Закупки централизованы в головном офисе; бюджет утверждают осенью.",
                )
            };
            written.push(Section::Footprint);
        }

        if !ctx.planned.is_empty() || self.rng.gen_bool(0.4) {
            f.strategy = if let Some(&g) = ctx.planned.first() {
                if ru {
                    format!(
                        "Выход в регион {} ({}) в ближайшие 18 месяцев.",
                        GEO[g].region,
                        country(&GEO[g]).name(Language::Ru)
                    )
                } else {
                    format!(
                        "Expansion to {} ({}) within 18 months.",
                        GEO[g].region,
                        country(&GEO[g]).name(Language::En)
                    )
                }
            } else {
                pick(
                    &mut self.rng,
                    &[
                        ("Strategy: focus on the core regions, no expansion before next year.",
                         "Стратегия: фокус на основных регионах, без расширения до следующего года."),
                        ("Considering central purchasing for the whole group.",
                         "Рассматривают централизацию закупок по всей группе."),
                    ],
                )
                .pick(ru)
            };
            if self.rng.gen_bool(0.6) {
                f.investments = pick(
                    &mut self.rng,
                    &[
                        ("Modernisation programme over three years; new lines from next spring.",
                         "Программа модернизации на три года; новые линии с весны."),
                        ("About 1.5 bn RUB in new sites over two years.",
                         "Около 1,5 млрд руб. в новые площадки за два года."),
                        ("IT: a new ERP in the coming year, with EDI for suppliers.",
                         "ИТ: новая ERP в следующем году, с электронным обменом для поставщиков."),
                    ],
                )
                .pick(ru);
            }
            written.push(Section::Development);
        }

        if self.rng.gen_bool(0.55) || key {
            let (business, measured) = pick(
                &mut self.rng,
                &[
                    (
                        (
                            "Fewer stock-outs in the peak season, one supplier for all regions.",
                            "Меньше дефицита в сезон, один поставщик на все регионы.",
                        ),
                        (
                            "The purchasing head's bonus depends on savings against budget.",
                            "Премия руководителя закупок зависит от экономии к бюджету.",
                        ),
                    ),
                    (
                        (
                            "Cut working capital; they want consignment stock.",
                            "Сократить оборотный капитал; хотят консигнационный склад.",
                        ),
                        (
                            "The COO wants visible wins before the board review.",
                            "Операционному директору нужны заметные результаты к совету директоров.",
                        ),
                    ),
                    (
                        (
                            "Win share from a rival chain with exclusive products.",
                            "Отобрать долю у конкурирующей сети за счёт эксклюзивного ассортимента.",
                        ),
                        (
                            "The category manager is measured on gross margin.",
                            "Категорийного менеджера оценивают по валовой марже.",
                        ),
                    ),
                ],
            );
            f.business_needs = business.pick(ru);
            if self.rng.gen_bool(0.8) || key {
                f.counterpart_measures = measured.pick(ru);
            }
            written.push(Section::Needs);
        }

        if !ctx.competitors.is_empty() && self.rng.gen_bool(0.5) {
            let names: Vec<&str> = ctx.competitors.iter().map(|(_, name)| *name).collect();
            f.competition_note = if ru {
                format!("Клиента обхаживают: {}.", names.join(", "))
            } else {
                format!("Courted by {}.", names.join(", "))
            };
            written.push(Section::Competitors);
        }

        if plan.status == Status::Prospect && self.rng.gen_bool(0.8) {
            let judged = days_before(self.today, self.rng.gen_range(3..120)).max(plan.created_on);
            // Most prospects are promising; some fail a "P" and show as not ready.
            let verdicts = pick(
                &mut self.rng,
                &[
                    (Some(true), Some(true), Some(true)),
                    (Some(true), Some(true), Some(true)),
                    (Some(true), None, Some(false)),
                    (Some(true), Some(false), Some(true)),
                    (Some(true), Some(true), None),
                ],
            );
            (f.need, f.ability_to_pay, f.authority) = verdicts;
            f.qualification_note = pick(
                &mut self.rng,
                &[
                    (
                        "The current supplier fails on lead times; audited accounts look healthy.",
                        "Текущий поставщик срывает сроки; аудированная отчётность в порядке.",
                    ),
                    (
                        "Volumes grow with the new sites; we talk only to the buyer so far.",
                        "Объёмы растут с новыми площадками; пока общаемся только с закупщиком.",
                    ),
                ],
            )
            .pick(ru);
            f.qualified_on = Some(judged);
            f.qualified_by = by;
            written.push(Section::Qualification);
        }

        for section in written {
            let updated = days_before(self.today, self.rng.gen_range(3..300)).max(plan.created_on);
            batch.stamps.push(NewStamp {
                account_id: AccountId(plan.id),
                section,
                updated_by: by,
                updated_at: Some(work_time(&mut self.rng, updated)),
            });
        }
        batch.dossier.push(NewDossier {
            account_id: AccountId(plan.id),
            fields: f,
        });
    }

    /// Our own company's presence: the demo regions where we work.
    pub(super) fn presence(&mut self) -> Vec<NewPresence> {
        GEO.iter()
            .filter(|g| g.present)
            .map(|g| NewPresence {
                id: self.ids.next_id(),
                country: country(g),
                region: g.region.to_owned(),
                created_by: None,
            })
            .collect()
    }
}

/// A text in English and in Russian.
trait Bilingual {
    fn pick(self, ru: bool) -> String;
}

impl Bilingual for (&str, &str) {
    fn pick(self, ru: bool) -> String {
        if ru { self.1 } else { self.0 }.to_owned()
    }
}
