//! The league a client plays in, from its geographic footprint, and the projected league after
//! its planned expansion.
//!
//! Interpretations of the contract made here:
//! - "Case-insensitively after trimming" is Unicode `str::trim` then `str::to_lowercase`, so
//!   "  МОСКВА " and "москва" are one name. Full case folding (ß = ss) is not attempted: the
//!   contract and the users' languages (English, Russian) do not need it.
//! - A footprint is a set of normalised triples: repeats count once everywhere, including the
//!   "two or more locations" of the decentralized rule.
//! - Names are compared as given otherwise: an empty name (which the forms and the batch command
//!   refuse) is just another name here, so the function stays total.
//! - The projected league takes the union of current and planned locations, and the planned
//!   decision-making when one is recorded, else the current one.

use std::collections::HashSet;
use std::hash::Hash;

use crate::domain::scoring::{DecisionMaking, Location, named_enum};

named_enum! {
    /// How far a client's own business reaches (в какой лиге играет клиент).
    pub enum League as "league" {
        /// Two or more continents (Высшая лига).
        Premier => "premier",
        /// Several countries of one continent (Первая лига).
        First => "first",
        /// Several regions of one country (Вторая лига).
        Second => "second",
        /// One region or city (Третья лига).
        Third => "third",
        /// A network whose outlets still decide on their own (Отборочная лига).
        Qualifying => "qualifying",
    }
}

/// The league of a footprint; `None` when there are no locations.
pub fn league(locations: &[Location], decision_making: DecisionMaking) -> Option<League> {
    league_of_set(&footprint(locations), decision_making)
}

/// The league after the planned expansion: the same rule over current plus planned locations,
/// with the planned decision-making if one is recorded.
pub fn projected_league(
    current: &[Location],
    planned: &[Location],
    decision_making: DecisionMaking,
    planned_decision_making: Option<DecisionMaking>,
) -> Option<League> {
    let mut all = footprint(current);
    all.extend(footprint(planned));
    league_of_set(&all, planned_decision_making.unwrap_or(decision_making))
}

/// A name as the league rule compares it: trimmed and lowercased.
pub fn normalize_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A location as a normalised (continent, country, region) triple.
type Key = (String, String, String);

fn footprint(locations: &[Location]) -> HashSet<Key> {
    locations
        .iter()
        .map(|l| {
            (
                normalize_name(&l.continent),
                normalize_name(&l.country),
                normalize_name(&l.region),
            )
        })
        .collect()
}

fn league_of_set(places: &HashSet<Key>, decision_making: DecisionMaking) -> Option<League> {
    if places.is_empty() {
        None
    } else if decision_making == DecisionMaking::Decentralized && places.len() >= 2 {
        Some(League::Qualifying)
    } else if distinct(places, |k| &k.0) >= 2 {
        Some(League::Premier)
    } else if distinct(places, |k| &k.1) >= 2 {
        Some(League::First)
    } else if distinct(places, |k| (&k.1, &k.2)) >= 2 {
        Some(League::Second)
    } else {
        Some(League::Third)
    }
}

/// How many different values `part` takes over the footprint.
fn distinct<'a, T: Eq + Hash>(places: &'a HashSet<Key>, part: impl Fn(&'a Key) -> T) -> usize {
    places.iter().map(part).collect::<HashSet<T>>().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    use DecisionMaking::{Centralized, Decentralized};

    fn loc(text: &str) -> Location {
        let parts: Vec<&str> = text.split('/').collect();
        Location::new(parts[0], parts[1], parts[2])
    }

    fn locs(texts: &[&str]) -> Vec<Location> {
        texts.iter().map(|t| loc(t)).collect()
    }

    #[test]
    fn no_locations_means_no_league() {
        assert_eq!(league(&[], Centralized), None);
        assert_eq!(league(&[], Decentralized), None);
    }

    #[test]
    fn one_region_is_the_third_league() {
        assert_eq!(
            league(&locs(&["Asia/Russia/Krasnoyarsk"]), Centralized),
            Some(League::Third)
        );
    }

    #[test]
    fn several_regions_of_one_country_are_the_second_league() {
        let l = locs(&["Asia/Russia/Krasnoyarsk", "Asia/Russia/Irkutsk"]);
        assert_eq!(league(&l, Centralized), Some(League::Second));
    }

    #[test]
    fn several_countries_of_one_continent_are_the_first_league() {
        let l = locs(&["Europe/France/Paris", "Europe/Sweden/Stockholm"]);
        assert_eq!(league(&l, Centralized), Some(League::First));
    }

    #[test]
    fn two_continents_are_the_premier_league() {
        let l = locs(&["Europe/Russia/Moscow", "Asia/Russia/Krasnoyarsk"]);
        assert_eq!(league(&l, Centralized), Some(League::Premier));
    }

    #[test]
    fn the_same_region_name_in_two_countries_is_two_countries() {
        // (country, region) pairs, not region names alone, make the second league.
        let l = locs(&["Europe/Russia/Central", "Europe/Russia/North"]);
        assert_eq!(league(&l, Centralized), Some(League::Second));
        let l = locs(&["Europe/Russia/Central", "Europe/Belarus/Central"]);
        assert_eq!(league(&l, Centralized), Some(League::First));
    }

    #[test]
    fn names_compare_trimmed_and_case_insensitively() {
        let l = locs(&["Europe/Russia/Moscow", "  EUROPE / russia /  moscow  "]);
        assert_eq!(league(&l, Centralized), Some(League::Third));
        let l = locs(&["Europe/Russia/Moscow", "europe/RUSSIA/Tver"]);
        assert_eq!(league(&l, Centralized), Some(League::Second));
    }

    #[test]
    fn cyrillic_names_compare_case_insensitively_too() {
        let l = locs(&["Азия/Россия/Красноярск", " АЗИЯ /РОССИЯ/ КРАСНОЯРСК"]);
        assert_eq!(league(&l, Centralized), Some(League::Third));
        let l = locs(&["Азия/Россия/Красноярск", "азия/россия/Иркутск"]);
        assert_eq!(league(&l, Centralized), Some(League::Second));
    }

    #[test]
    fn repeated_locations_count_once() {
        let l = locs(&[
            "Europe/Russia/Moscow",
            "Europe/Russia/Moscow",
            "Europe/Russia/Moscow",
        ]);
        assert_eq!(league(&l, Centralized), Some(League::Third));
    }

    #[test]
    fn a_decentralized_network_of_two_or_more_places_is_qualifying() {
        let two = locs(&["Europe/Russia/Moscow", "Europe/Russia/Tver"]);
        assert_eq!(league(&two, Decentralized), Some(League::Qualifying));
        // Even across continents: the outlets still decide on their own.
        let wide = locs(&["Europe/Russia/Moscow", "Asia/China/Beijing"]);
        assert_eq!(league(&wide, Decentralized), Some(League::Qualifying));
    }

    #[test]
    fn a_decentralized_client_with_one_place_is_not_qualifying() {
        let one = locs(&["Europe/Russia/Moscow"]);
        assert_eq!(league(&one, Decentralized), Some(League::Third));
        // A repeat of the same place, in another case, is still one place.
        let repeated = locs(&["Europe/Russia/Moscow", "europe/russia/MOSCOW "]);
        assert_eq!(league(&repeated, Decentralized), Some(League::Third));
    }

    #[test]
    fn the_projected_league_adds_planned_locations() {
        let current = locs(&["Asia/Russia/Krasnoyarsk"]);
        let planned = locs(&["Asia/Russia/Irkutsk"]);
        assert_eq!(
            projected_league(&current, &planned, Centralized, None),
            Some(League::Second)
        );
        let planned = locs(&["Asia/Kazakhstan/Almaty"]);
        assert_eq!(
            projected_league(&current, &planned, Centralized, None),
            Some(League::First)
        );
    }

    #[test]
    fn the_projected_league_uses_the_planned_decision_making_when_recorded() {
        let current = locs(&["Europe/Russia/Moscow", "Europe/Russia/Tver"]);
        // Today a decentralized network; a head office is planned.
        assert_eq!(league(&current, Decentralized), Some(League::Qualifying));
        assert_eq!(
            projected_league(&current, &[], Decentralized, Some(Centralized)),
            Some(League::Second)
        );
        assert_eq!(
            projected_league(&current, &[], Decentralized, None),
            Some(League::Qualifying)
        );
        // A centralized single-outlet client planning a second place, decentralized.
        let one = locs(&["Europe/Russia/Moscow"]);
        let planned = locs(&["Europe/Russia/Tver"]);
        assert_eq!(
            projected_league(&one, &planned, Centralized, Some(Decentralized)),
            Some(League::Qualifying)
        );
    }

    #[test]
    fn a_planned_location_already_held_changes_nothing() {
        let current = locs(&["Europe/Russia/Moscow"]);
        let planned = locs(&[" europe/russia/moscow"]);
        assert_eq!(
            projected_league(&current, &planned, Decentralized, None),
            Some(League::Third)
        );
        assert_eq!(projected_league(&[], &[], Centralized, None), None);
        assert_eq!(
            projected_league(&[], &planned, Centralized, None),
            Some(League::Third)
        );
    }

    #[test]
    fn league_names_round_trip() {
        for &l in League::ALL {
            assert_eq!(League::from_str(l.as_str()).unwrap(), l);
        }
        assert_eq!(League::Qualifying.to_string(), "qualifying");
        assert!(League::from_str("none").is_err());
    }

    /// Premier reaches furthest; qualifying is set apart (it is about decision-making, not
    /// reach), so the monotonicity property below only looks at centralized clients.
    fn reach(l: Option<League>) -> u8 {
        match l {
            None => 0,
            Some(League::Third) => 1,
            Some(League::Second) => 2,
            Some(League::First) => 3,
            Some(League::Premier) => 4,
            Some(League::Qualifying) => 5,
        }
    }

    fn arb_name(pool: &'static [&'static str]) -> impl Strategy<Value = String> {
        (
            prop::sample::select(pool),
            any::<bool>(),
            prop::sample::select(&["", " ", "  "][..]),
        )
            .prop_map(|(name, upper, pad)| {
                let name = if upper {
                    name.to_uppercase()
                } else {
                    name.to_owned()
                };
                format!("{pad}{name}{pad}")
            })
    }

    fn arb_locations() -> impl Strategy<Value = Vec<Location>> {
        prop::collection::vec(
            (
                arb_name(&["europe", "asia", "азия"]),
                arb_name(&["russia", "россия", "france"]),
                arb_name(&["moscow", "москва", "paris", "tver"]),
            )
                .prop_map(|(a, b, c)| Location::new(a, b, c)),
            0..6,
        )
    }

    fn arb_dm() -> impl Strategy<Value = DecisionMaking> {
        prop::sample::select(DecisionMaking::ALL)
    }

    proptest! {
        #[test]
        fn the_league_ignores_order_repeats_case_and_padding(
            (l, shuffled) in arb_locations().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
            dm in arb_dm(),
        ) {
            let mut doubled = shuffled.clone();
            doubled.extend(shuffled.iter().map(|x| Location::new(
                x.continent.to_uppercase(),
                format!(" {}", x.country),
                x.region.to_lowercase(),
            )));
            prop_assert_eq!(league(&l, dm), league(&shuffled, dm));
            prop_assert_eq!(league(&l, dm), league(&doubled, dm));
        }

        #[test]
        fn planned_expansion_never_shrinks_a_centralized_clients_reach(
            current in arb_locations(), planned in arb_locations()
        ) {
            let now = league(&current, Centralized);
            let then = projected_league(&current, &planned, Centralized, None);
            prop_assert!(reach(then) >= reach(now));
        }

        #[test]
        fn projecting_nothing_gives_the_current_league(current in arb_locations(), dm in arb_dm()) {
            prop_assert_eq!(projected_league(&current, &[], dm, None), league(&current, dm));
            prop_assert_eq!(projected_league(&[], &current, dm, Some(dm)), league(&current, dm));
        }
    }
}
