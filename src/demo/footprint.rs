//! The client's footprint: where it is today (which decides its league) and where it plans to
//! expand.

use chrono::NaiveDate;
use rand::Rng;
use rand::seq::SliceRandom;

use super::batch::Batch;
use super::plan::Footprint;
use super::random::{days_after, days_before, pick, work_time};
use super::reference::GEO;
use super::{AccountContext, Generator, country};
use crate::db::locations::NewLocation;
use crate::domain::geo::LocationKind;
use crate::domain::ids::{AccountId, LocationId};
use crate::domain::scoring::Status;

impl Generator {
    fn push_location(
        &mut self,
        ctx: &AccountContext,
        geo_index: usize,
        city: &'static str,
        planned: Option<NaiveDate>,
        note: &'static str,
        batch: &mut Batch,
    ) {
        let geo = &GEO[geo_index];
        let created = days_after(ctx.plan.created_on, self.rng.gen_range(0..60))
            .min(days_before(self.today, 1));
        let created_at = work_time(&mut self.rng, created);
        batch.locations.push(NewLocation {
            id: LocationId(self.ids.next_id()),
            account_id: AccountId(ctx.plan.id),
            country: country(geo),
            region: geo.region.to_owned(),
            city: city.to_owned(),
            kind: if planned.is_some() {
                LocationKind::Planned
            } else {
                LocationKind::Current
            },
            planned_on: planned,
            note: note.to_owned(),
            created_at: Some(created_at),
        });
    }

    /// Regions of the same country as `home`, other than the ones given.
    fn same_country(&self, home: usize, exclude: &[usize]) -> Vec<usize> {
        (0..GEO.len())
            .filter(|&g| GEO[g].country == GEO[home].country && !exclude.contains(&g))
            .collect()
    }

    /// Picks up to `count` regions from `pool` whose country is not among `exclude_countries`,
    /// one per country.
    fn other_countries(
        &mut self,
        pool: &[usize],
        exclude_countries: &[&str],
        count: usize,
    ) -> Vec<usize> {
        let mut options: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&g| !exclude_countries.contains(&GEO[g].country))
            .collect();
        options.shuffle(&mut self.rng);
        let mut chosen: Vec<usize> = Vec::new();
        for g in options {
            if chosen.len() == count {
                break;
            }
            if !chosen.iter().any(|&c| GEO[c].country == GEO[g].country) {
                chosen.push(g);
            }
        }
        chosen
    }

    pub(super) fn locations(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
        let home = ctx.home;
        let home_city = pick(&mut self.rng, GEO[home].cities);
        ctx.cities.push(home_city);
        let mut regions = vec![home];
        let footprint = ctx.plan.footprint;
        match footprint {
            Footprint::NoLocations => return,
            Footprint::Third | Footprint::Second | Footprint::First | Footprint::Premier => {
                let note = if ctx.plan.industry == 2 {
                    "Head office and plant"
                } else {
                    "Head office"
                };
                self.push_location(ctx, home, home_city, None, note, batch);
                if GEO[home].cities.len() > 1 && self.rng.gen_bool(0.3) {
                    let city =
                        GEO[home].cities[1..][self.rng.gen_range(0..GEO[home].cities.len() - 1)];
                    if city != home_city {
                        ctx.cities.push(city);
                        self.push_location(ctx, home, city, None, "Distribution centre", batch);
                    }
                }
            }
            Footprint::Qualifying => {}
        }
        let note_for = |industry: usize| match industry {
            1 | 4 | 9 => "Stores",
            5 => "Venues",
            2 | 7 | 8 => "Plant",
            _ => "Branch",
        };
        match footprint {
            Footprint::NoLocations | Footprint::Third => {}
            Footprint::Second => {
                let mut others = self.same_country(home, &regions);
                others.shuffle(&mut self.rng);
                let count = self.rng.gen_range(1..=5).min(others.len());
                for &g in &others[..count] {
                    let city = pick(&mut self.rng, GEO[g].cities);
                    ctx.cities.push(city);
                    self.push_location(ctx, g, city, None, note_for(ctx.plan.industry), batch);
                    regions.push(g);
                }
            }
            Footprint::First | Footprint::Premier => {
                if self.rng.gen_bool(0.5) {
                    let others = self.same_country(home, &regions);
                    if !others.is_empty() {
                        let g = pick(&mut self.rng, &others);
                        let city = pick(&mut self.rng, GEO[g].cities);
                        ctx.cities.push(city);
                        self.push_location(ctx, g, city, None, note_for(ctx.plan.industry), batch);
                        regions.push(g);
                    }
                }
                let mut pool = self.abroad_europe.clone();
                pool.extend(self.russia.iter().copied());
                let count = self.rng.gen_range(1..=3);
                for g in self.other_countries(&pool, &[GEO[home].country], count) {
                    let city = pick(&mut self.rng, GEO[g].cities);
                    ctx.cities.push(city);
                    self.push_location(ctx, g, city, None, "Subsidiary", batch);
                    regions.push(g);
                }
                if footprint == Footprint::Premier {
                    let pool = self.other_continents.clone();
                    let count = self.rng.gen_range(1..=3);
                    for g in self.other_countries(&pool, &[], count) {
                        let city = pick(&mut self.rng, GEO[g].cities);
                        ctx.cities.push(city);
                        self.push_location(ctx, g, city, None, "Subsidiary", batch);
                        regions.push(g);
                    }
                }
            }
            Footprint::Qualifying => {
                // Outlets in at least two regions: locations are compared as a set of regions,
                // so two outlets in one region would not make a network.
                let mut others = self.same_country(home, &regions);
                others.shuffle(&mut self.rng);
                let extra = self.rng.gen_range(1..=3).min(others.len());
                regions.extend_from_slice(&others[..extra]);
                let outlets = self.rng.gen_range(2..=8).max(regions.len());
                for k in 0..outlets {
                    let g = regions[k % regions.len()];
                    let city = if k == 0 {
                        home_city
                    } else {
                        pick(&mut self.rng, GEO[g].cities)
                    };
                    ctx.cities.push(city);
                    self.push_location(ctx, g, city, None, "Outlet (buys on its own)", batch);
                }
            }
        }

        // Development plans: about one account in ten expands within the next 6-18 months,
        // often where we have no presence of our own.
        let chance = match ctx.plan.status {
            Status::Active | Status::Prospect => 0.12,
            Status::Lost => 0.03,
            Status::Archived => 0.0,
        };
        if !self.rng.gen_bool(chance) {
            return;
        }
        let expansion: Vec<usize> = match footprint {
            Footprint::NoLocations => Vec::new(),
            Footprint::Third | Footprint::Second | Footprint::Qualifying => {
                let mut others = self.same_country(home, &regions);
                others.shuffle(&mut self.rng);
                let count = self.rng.gen_range(1..=2).min(others.len());
                others[..count].to_vec()
            }
            Footprint::First | Footprint::Premier => {
                let present: Vec<&str> = regions.iter().map(|&g| GEO[g].country).collect();
                let pool = if self.rng.gen_bool(0.5) {
                    self.other_continents.clone()
                } else {
                    self.abroad_europe.clone()
                };
                self.other_countries(&pool, &present, 1)
            }
        };
        for g in expansion {
            let planned_on = days_after(self.today, self.rng.gen_range(183..=548));
            let city = pick(&mut self.rng, GEO[g].cities);
            let note = pick(
                &mut self.rng,
                &[
                    "Store openings planned",
                    "New plant under construction",
                    "Regional distribution centre planned",
                    "Entering the market with a partner",
                ],
            );
            self.push_location(ctx, g, city, Some(planned_on), note, batch);
            ctx.planned.push(g);
        }
    }
}
