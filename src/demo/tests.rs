//! The generator without a database: determinism, coverage of every case the screens show, and
//! the rules the database and the app hold.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate};

use super::batch::Batch;
use super::plan::estimate;
use super::random::{IdGen, ascii_slug, days_after, days_before, months_before};
use super::*;
use crate::domain::deal::{DealKind, DealStage, OutcomeReason};
use crate::domain::geo::LocationKind;
use crate::domain::ids::AccountId;
use crate::domain::league::{League, league};
use crate::domain::scoring::{DecisionMaking, Location, Pin, Status};
use crate::domain::system_text::{SystemMessage, Text};
use crate::domain::team::TeamRole;
use crate::domain::user::{Language, Role};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn generate(seed: u64, accounts: usize) -> (Generator, Batch) {
    let mut generator = Generator::new(seed, today(), accounts);
    let mut batch = Batch::default();
    for i in 0..accounts {
        generator.account(i, &mut batch);
    }
    (generator, batch)
}

/// The app's own league rule over the generated current locations.
fn leagues(batch: &Batch) -> HashMap<AccountId, League> {
    let mut places: HashMap<AccountId, Vec<Location>> = HashMap::new();
    for l in &batch.locations {
        if l.kind == LocationKind::Current {
            places.entry(l.account_id).or_default().push(Location::new(
                l.country.continent().as_str(),
                l.country.as_str(),
                l.region.as_str(),
            ));
        }
    }
    batch
        .accounts
        .iter()
        .filter_map(|a| {
            let set = places.get(&a.id)?;
            league(set, a.decision_making).map(|l| (a.id, l))
        })
        .collect()
}

/// A cheap fingerprint of every row, to compare two runs.
fn fingerprint(batch: &Batch) -> String {
    format!(
        "{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}{:?}",
        batch.accounts,
        batch.locations,
        batch.forecasts,
        batch.team,
        batch.competitors,
        batch.contacts,
        batch.attitudes,
        batch.interactions,
        batch.deals,
        batch.orders,
        batch.follow_ups,
        batch.dossier,
        batch.stamps
    )
}

#[test]
fn tiny_books_do_not_break_the_planner() {
    for accounts in [0, 1, 2, 5, 19, 20, 21, 50] {
        let (_, batch) = generate(9, accounts);
        assert_eq!(batch.accounts.len(), accounts);
    }
}

#[test]
fn ids_are_v7_sorted_and_repeatable() {
    let mut a = IdGen::new(7, today());
    let mut b = IdGen::new(7, today());
    let first: Vec<Uuid> = (0..1000).map(|_| a.next_id()).collect();
    let second: Vec<Uuid> = (0..1000).map(|_| b.next_id()).collect();
    assert_eq!(first, second);
    assert!(
        first.windows(2).all(|w| w[0] < w[1]),
        "ids must sort in creation order"
    );
    assert!(first.iter().all(|id| id.get_version_num() == 7));
    let mut other = IdGen::new(8, today());
    assert_ne!(first[0], other.next_id());
}

#[test]
fn ascii_slug_folds_diacritics_and_separates_words() {
    assert_eq!(
        ascii_slug("Schäfer Bau GmbH & Co. KG", "-"),
        "schafer-bau-gmbh-co-kg"
    );
    assert_eq!(ascii_slug("Wójcik", ""), "wojcik");
    assert_eq!(ascii_slug("СтройМонолит", ""), "");
}

#[test]
fn company_names_are_unique_even_at_scale() {
    let (_, batch) = generate(3, 5000);
    let names: HashSet<&str> = batch.accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names.len(), 5000);
    assert!(
        names
            .iter()
            .any(|n| n.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
    );
    assert!(
        batch
            .accounts
            .iter()
            .any(|a| a.legal_name.starts_with("ООО «"))
    );
    assert!(
        batch
            .accounts
            .iter()
            .any(|a| a.legal_name.ends_with("GmbH"))
    );
}

#[test]
fn same_seed_gives_the_same_rows_and_another_seed_does_not() {
    let (_, first) = generate(42, 300);
    let (_, second) = generate(42, 300);
    assert_eq!(fingerprint(&first), fingerprint(&second));
    let (_, other) = generate(43, 300);
    let ids = |b: &Batch| b.accounts.iter().map(|a| a.id).collect::<Vec<_>>();
    let names = |b: &Batch| {
        b.accounts
            .iter()
            .map(|a| a.name.as_str().to_owned())
            .collect::<Vec<_>>()
    };
    assert_ne!(ids(&first), ids(&other));
    assert_ne!(names(&first), names(&other));
}

#[test]
fn twelve_users_with_the_promised_roles() {
    let generator = Generator::new(1, today(), 0);
    let users = generator.user_rows("hash");
    assert_eq!(users.len(), 12);
    assert_eq!(generator.user_ids().len(), 12);
    let roles = |role: Role| users.iter().filter(|u| u.role == role).count();
    assert_eq!(
        (
            roles(Role::Admin),
            roles(Role::Director),
            roles(Role::Kam),
            roles(Role::Assistant)
        ),
        (1, 2, 6, 3)
    );
    let emails: HashSet<_> = users.iter().map(|u| u.email).collect();
    assert_eq!(emails.len(), 12);
    assert!(users.iter().filter(|u| u.language == Language::Ru).count() >= 3);
}

#[test]
fn demo_covers_every_league_and_planned_gaps() {
    let (_, batch) = generate(42, DEFAULT_ACCOUNTS);
    let leagues = leagues(&batch);
    let found: HashSet<League> = leagues.values().copied().collect();
    for league in League::ALL {
        assert!(found.contains(league), "missing league {league}");
    }
    assert!(
        leagues.len() < batch.accounts.len(),
        "some accounts must have no locations"
    );
    let planned: Vec<_> = batch
        .locations
        .iter()
        .filter(|l| l.kind == LocationKind::Planned)
        .collect();
    assert!(!planned.is_empty());
    // Some planned client regions are outside our own presence: the footprint flags them.
    let (mut generator, _) = generate(42, 0);
    let ours: HashSet<(&str, String)> = generator
        .presence()
        .iter()
        .map(|p| (p.country.as_str(), p.region.to_lowercase()))
        .collect();
    assert!(!ours.is_empty());
    assert!(
        planned
            .iter()
            .any(|l| !ours.contains(&(l.country.as_str(), l.region.to_lowercase())))
    );
    for l in &planned {
        let on = l.planned_on.unwrap_or_default();
        assert!(on > days_after(today(), 180) && on < days_after(today(), 550));
    }
    assert!(
        batch
            .locations
            .iter()
            .all(|l| (l.kind == LocationKind::Planned) == l.planned_on.is_some())
    );
}

#[test]
fn a_client_spread_over_russia_plays_in_the_second_league_not_the_premier() {
    // Russia is Europe as a whole (domain::geo), whatever the region.
    let (_, batch) = generate(42, DEFAULT_ACCOUNTS);
    let mut countries: HashMap<AccountId, HashSet<&str>> = HashMap::new();
    for l in batch
        .locations
        .iter()
        .filter(|l| l.kind == LocationKind::Current)
    {
        countries
            .entry(l.account_id)
            .or_default()
            .insert(l.country.as_str());
    }
    let leagues = leagues(&batch);
    let russian_only = batch.accounts.iter().filter(|a| {
        a.decision_making == DecisionMaking::Centralized
            && countries
                .get(&a.id)
                .is_some_and(|c| c.len() == 1 && c.contains("RU"))
    });
    let mut seen = 0;
    for a in russian_only {
        assert!(matches!(
            leagues.get(&a.id),
            Some(League::Second | League::Third)
        ));
        seen += 1;
    }
    assert!(seen > 50);
}

#[test]
fn ownership_holds_one_current_owner_and_kam1_has_a_portfolio() {
    let (generator, batch) = generate(42, DEFAULT_ACCOUNTS);
    let mut owners: HashMap<AccountId, usize> = HashMap::new();
    let mut current = HashSet::new();
    for t in &batch.team {
        assert!(t.ended_on.is_none_or(|e| Some(e) >= t.started_on));
        if t.ended_on.is_none() {
            assert!(
                current.insert((t.account_id, t.user_id)),
                "one current stint per person"
            );
            if t.role == TeamRole::Owner {
                *owners.entry(t.account_id).or_default() += 1;
            }
        }
    }
    assert!(owners.values().all(|&n| n == 1));
    let a = &batch.accounts;
    let non_archived = a.iter().filter(|a| a.status != Status::Archived).count();
    let unowned = a
        .iter()
        .filter(|a| a.status != Status::Archived && !owners.contains_key(&a.id))
        .count();
    assert!(
        unowned >= 3 && unowned <= non_archived / 25,
        "about 2% unowned, got {unowned}"
    );
    assert!(
        a.iter()
            .all(|a| a.status != Status::Archived || !owners.contains_key(&a.id))
    );
    let kam1 = crate::domain::ids::UserId(generator.kam(0));
    let kam1_owned = batch
        .team
        .iter()
        .filter(|t| t.user_id == kam1 && t.role == TeamRole::Owner && t.ended_on.is_none())
        .count();
    assert!(kam1_owned >= 8);

    // The app's own scoring over the planned potentials (what the worker will compute).
    let outcome = estimate(&generator.plans, true);
    let key = generator.likely_key();
    let eligible = outcome.results.iter().filter(|r| r.rank.is_some()).count();
    assert!(
        eligible > key.len() + 3,
        "the cap must bite so the demo shows a cut line"
    );
    assert_eq!(key.len(), outcome.key_count);
    assert!(
        key.iter()
            .filter(|&&i| generator.plans[i].owner == Some(0))
            .count()
            >= 8
    );
    assert!(
        key.iter().any(|&i| generator.plans[i].owner.is_none()),
        "an unowned key client for the alarm"
    );
    assert!(batch.team.iter().any(|t| t.ended_on.is_some()), "history");
    assert!(batch.team.iter().any(|t| t.role == TeamRole::Member));
}

#[test]
fn pins_sit_on_gold_accounts_and_carry_reasons() {
    let (generator, batch) = generate(42, DEFAULT_ACCOUNTS);
    let outcome = estimate(&generator.plans, false);
    let key: Vec<usize> = (0..batch.accounts.len())
        .filter(|&k| {
            batch.accounts[k]
                .pin
                .as_ref()
                .is_some_and(|p| p.pin == Pin::Key)
        })
        .collect();
    assert!(key.len() >= 2);
    assert!(key.iter().all(|&k| {
        outcome.results[k].segment == Some(crate::domain::scoring::Segment::Gold)
            && generator.plans[k].owner.is_some()
    }));
    assert!(
        batch
            .accounts
            .iter()
            .any(|a| a.pin.as_ref().is_some_and(|p| p.pin == Pin::NotKey))
    );
    for a in &batch.accounts {
        if let Some(pin) = &a.pin {
            assert_ne!(pin.pin, Pin::None);
            assert!(!pin.reason.trim().is_empty() && pin.at.is_some());
        }
    }
}

#[test]
fn contacts_form_trees_within_their_account() {
    let (_, batch) = generate(42, DEFAULT_ACCOUNTS);
    let position: HashMap<_, usize> = batch
        .contacts
        .iter()
        .enumerate()
        .map(|(k, c)| (c.id, k))
        .collect();
    for (k, c) in batch.contacts.iter().enumerate() {
        if let Some(boss) = c.details.reports_to {
            let b = position[&boss];
            assert!(
                b < k,
                "a boss comes before the report, so there is no cycle"
            );
            assert_eq!(batch.contacts[b].account_id, c.account_id);
        }
    }
    assert!(!batch.attitudes.is_empty());
}

#[test]
fn every_last_contact_date_is_the_day_of_the_contacts_latest_interaction() {
    let (_, batch) = generate(42, DEFAULT_ACCOUNTS);
    let mut latest: HashMap<crate::domain::ids::ContactId, NaiveDate> = HashMap::new();
    for i in &batch.interactions {
        for c in &i.contacts {
            let day = i.occurred_at.date_naive();
            let e = latest.entry(*c).or_insert(day);
            *e = (*e).max(day);
        }
    }
    let mut dated = 0;
    for c in &batch.contacts {
        assert_eq!(
            c.last_contact_on,
            latest.get(&c.id).copied(),
            "{:?}: the last contact comes from the interactions",
            c.details.full_name
        );
        dated += usize::from(c.last_contact_on.is_some());
    }
    // The coverage picture stays: most people were spoken to, and some active clients' people
    // have been silent for more than 90 days.
    assert!(dated * 10 > batch.contacts.len() * 8, "{dated}");
    assert!(
        batch
            .contacts
            .iter()
            .filter(|c| c.gone_on.is_none())
            .any(|c| c
                .last_contact_on
                .is_some_and(|d| d < days_before(today(), 90))),
        "some are silent"
    );
}

#[test]
fn orders_deals_and_follow_ups_respect_the_rules() {
    let (_, batch) = generate(42, DEFAULT_ACCOUNTS);
    let today = today();
    assert!(
        batch
            .orders
            .iter()
            .all(|o| o.ordered_on < today && o.ordered_on >= days_before(today, 731))
    );
    let status: HashMap<AccountId, Status> =
        batch.accounts.iter().map(|a| (a.id, a.status)).collect();
    for o in &batch.orders {
        if status[&o.account_id] == Status::Lost {
            assert!(o.ordered_on <= months_before(today, 7));
        }
        assert!(o.margin <= o.amount);
        assert!(
            matches!(&o.description, Text::System(t) if t.key == SystemMessage::OrderForSite),
            "order lines are system text, read in each reader's language"
        );
    }
    let created: HashMap<AccountId, NaiveDate> = batch
        .accounts
        .iter()
        .map(|a| {
            (
                a.id,
                a.created_at
                    .map(|t: DateTime<_>| t.date_naive())
                    .unwrap_or(today),
            )
        })
        .collect();
    for d in &batch.deals {
        assert!(d.opened_on >= created[&d.account_id]);
        assert_eq!(d.stage.is_open(), d.closed_on.is_none());
        assert_eq!(d.stage.is_open(), d.outcome_reason.is_none());
        if let Some(closed) = d.closed_on {
            assert!(closed >= d.opened_on && closed < today);
        }
        // Lost to a competitor names it; lost for want of a decision, or won, names nobody.
        assert_eq!(
            d.stage == DealStage::Lost && d.outcome_reason != Some(OutcomeReason::NoDecision),
            !d.winning_competitor.is_empty()
        );
        assert_eq!(d.kind == DealKind::Tender, d.lots.is_some());
        assert_eq!(d.kind == DealKind::Tender, d.deadline_on.is_some());
        if d.stage == DealStage::Won {
            assert_eq!(d.our_bid, d.winning_bid);
        }
    }
    for f in &batch.follow_ups {
        let offset = (f.due_on - today).num_days();
        assert!((-20..=30).contains(&offset));
        assert!(matches!(f.title, Text::System(_)));
    }
    assert!(batch.follow_ups.iter().any(|f| f.done_at.is_some()));
    assert!(batch.follow_ups.iter().any(|f| f.done_at.is_none()));
    assert!(
        batch
            .follow_ups
            .iter()
            .any(|f| matches!(&f.title, Text::System(t) if t.key == SystemMessage::FindOwner)),
        "unowned accounts get a follow-up to find an owner"
    );
}

#[test]
fn every_account_has_an_industry_from_the_pick_list() {
    let (_, batch) = generate(42, DEFAULT_ACCOUNTS);
    let industries: HashSet<_> = batch.accounts.iter().filter_map(|a| a.industry).collect();
    assert!(batch.accounts.iter().all(|a| a.industry.is_some()));
    assert!(industries.len() >= 8, "{industries:?}");
}

#[test]
fn the_demo_holds_a_client_typed_twice_in_either_script() {
    let (_, batch) = generate(2026, 300);
    let twins: Vec<&str> = batch
        .accounts
        .iter()
        .map(|a| a.name.as_str())
        .filter(|n| crate::domain::duplicate::likely_duplicates(n, "LiderSemya"))
        .collect();
    assert!(twins.contains(&"ЛидерСемья"), "{twins:?}");
    assert!(twins.contains(&"LiderSemya"), "{twins:?}");
}

#[test]
fn every_likely_key_client_has_a_description_and_needs() {
    let (generator, batch) = generate(2026, 300);
    assert!(!generator.key_clients.is_empty());
    for id in &generator.key_clients {
        let d = batch
            .dossier
            .iter()
            .find(|d| d.account_id.0 == *id)
            .expect("a dossier for a key client");
        assert!(!d.fields.description.is_empty(), "{id}");
        assert!(!d.fields.business_needs.is_empty(), "{id}");
        assert!(!d.fields.counterpart_measures.is_empty(), "{id}");
    }
}
