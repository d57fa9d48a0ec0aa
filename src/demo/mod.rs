//! Demo data: a deterministic, plausible key-account book for KAM Desk.
//!
//! [`seed_demo`] fills an empty database with twelve demo users (`admin@demo.test`,
//! `director@demo.test`, `director2@demo.test`, `kam1..kam6@demo.test`,
//! `assistant1..assistant3@demo.test`, all with the password the caller hashed) and a chosen
//! number of client accounts with everything the screens show: footprints that produce every
//! league, planned expansion, potential forecasts, teams with ownership history, contact maps
//! with attitude history, two years of orders, competitors, deals and tenders, interactions,
//! follow-ups and dossier text.
//!
//! **It writes only through the `db` writers the pages use** (`db::accounts::insert_many`,
//! `db::contacts::insert_many`, ...), in their bulk form, with the same validated domain types
//! (an `AccountName`, a `CountryCode`, an `Industry`, a `Text` ...). So the demo can never hold
//! what the app could not have written, and the writers are exercised at scale.
//!
//! Three properties matter more than realism:
//!
//! * **Determinism.** The same `seed` and `today` give identical rows, ids and timestamps
//!   included, so a screenshot, a bug report or a benchmark can be reproduced. Every random
//!   choice draws from one seeded `StdRng` in a fixed order; ids are UUID v7-shaped values
//!   built from a base time derived from `today` plus a second seeded stream, never from the
//!   clock, and they sort in creation order.
//! * **The app's own rules.** Which accounts are gold, silver or likely key is asked of
//!   `domain::scoring`, over the potentials as they will be stored (see `plan`).
//! * **Speed.** 100,000 accounts with about two million orders must load in minutes, so rows
//!   are collected per table and handed to the writers in batches of about ten thousand, all
//!   inside one transaction: a failed seed leaves nothing behind.
//!
//! The generator is pure and is unit-tested without a database; [`batch::Batch::flush`] only
//! hands its rows to the writers. Scoring results are not written (the app computes them); the
//! load only records that a recomputation is due.
//!
//! The past key-list review (agreed, with decisions) needs the stored key list, so it is
//! recorded after the first recompute by [`seed_review`].
//!
//! Files by what they generate: `plan` (phase one: status, potential, pins, owners), `users`,
//! `accounts` (the account row and its forecasts), `footprint`, `team`, `contacts` (with the
//! attitude history), `orders`, `deals`, `interactions`, `follow_ups`, `dossier` (with the
//! competitors); `reference` holds the data they draw from and `random` the helpers.

mod accounts;
mod batch;
mod contacts;
mod deals;
mod dossier;
mod follow_ups;
mod footprint;
mod interactions;
mod orders;
mod plan;
mod planning;
mod random;
mod reference;
mod review;
mod team;
#[cfg(test)]
mod tests;
mod users;

pub use review::{REVIEW_DAYS_AGO, seed_review};

use std::collections::HashMap;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rand::SeedableRng;
use rand::rngs::StdRng;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db;
use crate::domain::geo::{Continent, CountryCode};
use crate::domain::scoring::{Pin, Status};
use batch::Batch;
use plan::{Origin, Plan};
use random::{IdGen, pick};
use reference::{DIRECTORS, FIRST_ASSISTANT, FIRST_KAM, GEO, Geo, INDUSTRIES};
use team::Team;

/// Number of accounts of the ordinary demo (the benchmark uses 100,000).
pub const DEFAULT_ACCOUNTS: usize = 300;

/// The password every demo user signs in with; the caller hashes it once into
/// [`SeedOptions::password_hash`].
pub const DEMO_PASSWORD: &str = "demo-password";

/// What to generate.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// How many client accounts to create.
    pub accounts: usize,
    /// Seed of the random generator: same seed and `today`, same data.
    pub seed: u64,
    /// Argon2id PHC string of [`DEMO_PASSWORD`], stored for every demo user (hashing twelve
    /// times would only cost time: the demo users share the password anyway).
    pub password_hash: String,
    /// The reference date: orders end before it, follow-ups fall around it, plans after it.
    pub today: NaiveDate,
}

/// How many rows of the main kinds were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedReport {
    /// Demo users (always 12).
    pub users: usize,
    /// Client accounts.
    pub accounts: usize,
    /// Contacts over all accounts.
    pub contacts: usize,
    /// Orders over all accounts.
    pub orders: usize,
    /// Deals and tenders.
    pub deals: usize,
    /// Follow-ups, done or not.
    pub follow_ups: usize,
}

/// True when the database has no users at all: the only state in which demo data may be
/// loaded (the demo's fixed e-mail addresses would collide with real ones otherwise).
pub async fn database_is_empty(pool: &PgPool) -> Result<bool> {
    db::users::none_exist(pool)
        .await
        .context("checking whether the database has users")
}

/// Loads the demo data set into an empty database in one transaction.
///
/// Refuses (and writes nothing) when any user exists. Asks for a scoring recomputation, as
/// every write that affects scoring does.
pub async fn seed_demo(pool: &PgPool, opts: &SeedOptions) -> Result<SeedReport> {
    let started = std::time::Instant::now();
    let mut tx = pool
        .begin()
        .await
        .context("starting the seed transaction")?;

    // Checked inside the transaction and under a lock so that two seeders started at once
    // cannot both see an empty table.
    db::users::lock_against_inserts(&mut tx).await?;
    if !db::users::none_exist(&mut *tx).await? {
        bail!("the database already has users; demo data is only loaded into an empty database");
    }

    let mut generator = Generator::new(opts.seed, opts.today, opts.accounts);
    let users = generator.write_users(&mut tx, &opts.password_hash).await?;
    db::presence::insert_many(&mut tx, &generator.presence())
        .await
        .context("inserting our presence")?;

    let mut batch = Batch::default();
    let mut report = SeedReport {
        users,
        accounts: opts.accounts,
        ..SeedReport::default()
    };
    for index in 0..opts.accounts {
        generator.account(index, &mut batch);
        if batch.full() {
            batch.flush(&mut tx, &mut report).await?;
        }
    }
    batch.flush(&mut tx, &mut report).await?;
    // Completeness is stored per account, from what was just written.
    let ids = db::dossier::all_account_ids(&mut *tx).await?;
    db::dossier::refresh_completeness(&mut tx, &ids)
        .await
        .context("storing dossier completeness")?;

    // A few key clients' plans, budgets, grids and offers (after their accounts).
    generator.write_planning(&mut tx).await?;

    db::scoring::request_recompute(&mut *tx).await?;
    tx.commit().await.context("committing the demo data")?;

    tracing::info!(
        accounts = report.accounts,
        contacts = report.contacts,
        orders = report.orders,
        deals = report.deals,
        follow_ups = report.follow_ups,
        elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        "demo data loaded"
    );
    Ok(report)
}

/// The account's story so far, shared by the later steps of its generation.
struct AccountContext {
    plan: Plan,
    name: String,
    /// E-mail domain of the client's people.
    domain: String,
    cities: Vec<&'static str>,
    home: usize,
    team: Team,
    competitors: Vec<(crate::domain::ids::CompetitorId, &'static str)>,
    contacts: Vec<contacts::ContactDraft>,
    open_deals: Vec<crate::domain::ids::DealId>,
    recent_orders: Vec<(crate::domain::ids::OrderId, NaiveDate)>,
    /// When the account bought last (lost and silent accounts stop early).
    orders_end: Option<NaiveDate>,
    planned: Vec<usize>,
}

/// Produces all demo rows from a seed, without touching a database.
pub(crate) struct Generator {
    rng: StdRng,
    ids: IdGen,
    today: NaiveDate,
    users: [Uuid; 12],
    plans: Vec<Plan>,
    names_used: HashMap<String, u32>,
    russia: Vec<usize>,
    abroad_europe: Vec<usize>,
    other_continents: Vec<usize>,
    /// Accounts with a contact map of about 50 people: each KAM's largest active client.
    large_maps: std::collections::HashSet<Uuid>,
    /// The accounts the key list will likely hold (and the pinned key ones): their dossier
    /// always has a description and needs, so a tour of a key client starts full.
    key_clients: std::collections::HashSet<Uuid>,
    /// The two accounts named as one client in both scripts ("ЛидерСемья" / "LiderSemya"), for
    /// the directors' list of likely duplicates.
    twins: [Option<usize>; 2],
}

/// The country of a region of the reference data.
fn country(geo: &Geo) -> CountryCode {
    CountryCode::of(geo.country)
}

impl Generator {
    /// Plans `accounts` accounts from `seed`; rows come from [`Generator::account`].
    pub(crate) fn new(seed: u64, today: NaiveDate, accounts: usize) -> Self {
        let mut ids = IdGen::new(seed, today);
        let users = std::array::from_fn(|_| ids.next_id());
        let by = |keep: fn(&Geo) -> bool| {
            (0..GEO.len())
                .filter(|&i| keep(&GEO[i]))
                .collect::<Vec<_>>()
        };
        let mut generator = Self {
            rng: StdRng::seed_from_u64(seed),
            ids,
            today,
            users,
            plans: Vec::with_capacity(accounts),
            names_used: HashMap::with_capacity(accounts),
            russia: by(|g| g.country == "RU"),
            abroad_europe: by(|g| country(g).continent() == Continent::Europe && g.country != "RU"),
            other_continents: by(|g| country(g).continent() != Continent::Europe),
            large_maps: Default::default(),
            key_clients: Default::default(),
            twins: [None; 2],
        };
        generator.plan_accounts(accounts);
        generator.large_maps = generator.largest_client_of_each_kam();
        generator.key_clients = generator
            .likely_key()
            .into_iter()
            .map(|i| generator.plans[i].id)
            .chain(
                generator
                    .plans
                    .iter()
                    .filter(|p| p.pin == Pin::Key)
                    .map(|p| p.id),
            )
            .collect();
        generator.twins = generator.twin_indices();
        generator
    }

    /// The first two Russian retailers that are neither key clients nor archived: they become
    /// "ЛидерСемья" and "LiderSemya" (one client typed twice, in either script).
    fn twin_indices(&self) -> [Option<usize>; 2] {
        let retail = INDUSTRIES
            .iter()
            .position(|i| i.ru_parts.iter().any(|p| p.0 == "Semya"));
        let mut found = self.plans.iter().enumerate().filter(|(_, p)| {
            Some(p.industry) == retail
                && matches!(p.origin, Origin::Russia)
                && p.status != Status::Archived
                && !self.key_clients.contains(&p.id)
        });
        match (found.next(), found.next()) {
            (Some((a, _)), Some((b, _))) => [Some(a), Some(b)],
            _ => [None, None],
        }
    }

    /// Each KAM's active client with the largest potential.
    fn largest_client_of_each_kam(&self) -> std::collections::HashSet<Uuid> {
        let mut best: HashMap<usize, &Plan> = HashMap::new();
        for plan in &self.plans {
            if let (Some(kam), Status::Active) = (plan.owner, plan.status) {
                let entry = best.entry(kam).or_insert(plan);
                if plan.potential > entry.potential {
                    *entry = plan;
                }
            }
        }
        best.values().map(|p| p.id).collect()
    }

    fn kam(&self, index: usize) -> Uuid {
        self.users[FIRST_KAM + index]
    }

    /// assistant1 serves kam1 and kam2, assistant2 kam3 and kam4, assistant3 kam5 and kam6.
    fn assistant_of(&self, kam: usize) -> Uuid {
        self.users[FIRST_ASSISTANT + kam / 2]
    }

    fn director(&mut self) -> Uuid {
        let index = pick(&mut self.rng, &DIRECTORS);
        self.users[index]
    }

    /// Generates every row of account `index` into `batch`.
    pub(crate) fn account(&mut self, index: usize, batch: &mut Batch) {
        let plan = self.plans[index];
        let home = self.home_region(plan.origin);
        let (mut name, mut legal_name, mut domain) = self.company_name(plan, home);
        // The duplicate twins take their names after the draw, so the random stream is the same.
        let twin = match self.twins {
            [Some(a), _] if a == index => Some(("ЛидерСемья", "ООО «ЛидерСемья»")),
            [_, Some(b)] if b == index => Some(("LiderSemya", "LLC \"LiderSemya\"")),
            _ => None,
        };
        if let Some((twin_name, twin_legal)) = twin
            && !self.names_used.contains_key(twin_name)
        {
            self.names_used.insert(twin_name.to_string(), 1);
            name = twin_name.to_string();
            legal_name = twin_legal.to_string();
            domain = "lidersemya.ru".to_string();
        }
        let mut ctx = AccountContext {
            plan,
            name,
            domain,
            cities: Vec::new(),
            home,
            team: Team::default(),
            competitors: Vec::new(),
            contacts: Vec::new(),
            open_deals: Vec::new(),
            recent_orders: Vec::new(),
            orders_end: None,
            planned: Vec::new(),
        };
        self.account_row(&ctx, legal_name, batch);
        self.locations(&mut ctx, batch);
        self.team(&mut ctx, batch);
        self.forecasts(&ctx, batch);
        self.competitors(&mut ctx, batch);
        self.contacts(&mut ctx);
        self.orders(&mut ctx, batch);
        self.deals(&mut ctx, batch);
        self.interactions(&mut ctx, batch);
        self.contact_rows(&ctx, batch);
        self.follow_ups(&ctx, batch);
        self.dossier(&ctx, batch);
    }
}
