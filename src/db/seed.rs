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
//! Two properties matter more than realism:
//!
//! * **Determinism.** The same `seed` and `today` give identical rows, ids and timestamps
//!   included, so a screenshot, a bug report or a benchmark can be reproduced. Every random
//!   choice draws from one seeded [`StdRng`] in a fixed order; ids are UUID v7-shaped values
//!   built from a base time derived from `today` plus a second seeded stream, never from the
//!   clock, and they sort in creation order.
//! * **Speed.** 100,000 accounts with about two million orders must load in minutes, so rows
//!   are generated into column vectors and written with `INSERT ... SELECT FROM UNNEST(...)` in
//!   chunks of about ten thousand rows, all inside one transaction: a failed seed leaves
//!   nothing behind.
//!
//! The generator (`Generator`) is pure and is unit-tested without a database; the writer
//! (`Rows::flush`) only moves its column vectors into PostgreSQL. Scoring results are not
//! written (the app computes them); the seed only records that a recomputation is due.

use std::collections::HashMap;
use std::f64::consts::TAU;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Number of accounts of the ordinary demo (the benchmark uses 100,000).
pub const DEFAULT_ACCOUNTS: usize = 300;

/// The password every demo user signs in with; the caller hashes it once into
/// [`SeedOptions::password_hash`].
pub const DEMO_PASSWORD: &str = "demo-password";

/// Rows per table and per `INSERT`: large enough that statement overhead vanishes, small
/// enough that one statement's arrays stay a few megabytes.
const CHUNK_ROWS: usize = 10_000;

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
    let has_users: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users)")
        .fetch_one(pool)
        .await
        .context("checking whether the database has users")?;
    Ok(!has_users)
}

/// Loads the demo data set into an empty database in one transaction.
///
/// Refuses (and writes nothing) when any user exists. Asks for a scoring recomputation by
/// bumping `scoring_state.requested_seq`, as every write that affects scoring does.
pub async fn seed_demo(pool: &PgPool, opts: &SeedOptions) -> Result<SeedReport> {
    let started = std::time::Instant::now();
    let mut tx = pool
        .begin()
        .await
        .context("starting the seed transaction")?;

    // Checked inside the transaction and under a lock so that two seeders started at once
    // cannot both see an empty table.
    sqlx::query("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let has_users: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users)")
        .fetch_one(&mut *tx)
        .await?;
    if has_users {
        bail!("the database already has users; demo data is only loaded into an empty database");
    }

    let mut generator = Generator::new(opts.seed, opts.today, opts.accounts);
    let users = generator.users(&opts.password_hash);
    users
        .insert(&mut tx)
        .await
        .context("inserting demo users")?;

    let mut rows = Rows::default();
    let mut report = SeedReport {
        users: users.id.len(),
        accounts: opts.accounts,
        ..SeedReport::default()
    };
    for index in 0..opts.accounts {
        generator.account(index, &mut rows);
        if rows.full() {
            rows.flush(&mut tx, &mut report).await?;
        }
    }
    rows.flush(&mut tx, &mut report).await?;

    sqlx::query("UPDATE scoring_state SET requested_seq = requested_seq + 1")
        .execute(&mut *tx)
        .await?;
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

// ---------------------------------------------------------------------------------------------
// Ids and small random helpers
// ---------------------------------------------------------------------------------------------

/// Deterministic UUID v7-shaped ids.
///
/// The timestamp starts at midnight (UTC) of the day before `today` and advances one
/// millisecond per id, so ids sort in creation order without relying on the v7 counter bits
/// (five million ids span under two hours). The random bits come from their own stream so
/// that adding a table does not shift every other random choice.
struct IdGen {
    rng: StdRng,
    base_ms: u64,
    issued: u64,
}

impl IdGen {
    /// Mixed into the seed so the id stream differs from the data stream of the same seed.
    const STREAM: u64 = 0x6b61_6d2d_6964_7321;

    fn new(seed: u64, today: NaiveDate) -> Self {
        let base = days_before(today, 1).and_time(NaiveTime::MIN).and_utc();
        Self {
            rng: StdRng::seed_from_u64(seed ^ Self::STREAM),
            base_ms: u64::try_from(base.timestamp_millis()).unwrap_or(0),
            issued: 0,
        }
    }

    fn next_id(&mut self) -> Uuid {
        let mut random = [0u8; 10];
        self.rng.fill(&mut random);
        let millis = self.base_ms + self.issued;
        self.issued += 1;
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }
}

fn days_before(date: NaiveDate, days: i64) -> NaiveDate {
    date - TimeDelta::days(days)
}

fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date + TimeDelta::days(days)
}

fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(date)
}

/// A moment on `date`, `seconds` after midnight UTC.
fn at(date: NaiveDate, seconds: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc() + TimeDelta::seconds(i64::from(seconds))
}

/// Working hours in Moscow (09:00-18:00 MSK is 06:00-15:00 UTC).
fn work_time(rng: &mut StdRng, date: NaiveDate) -> DateTime<Utc> {
    at(date, rng.gen_range(6 * 3600..15 * 3600))
}

/// Standard normal by Box-Muller: the allowed dependencies have no `rand_distr`.
fn normal(rng: &mut StdRng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    (-2.0 * u1.ln()).sqrt() * (TAU * u2).cos()
}

/// Index drawn with the given relative weights.
fn pick_weighted(rng: &mut StdRng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut ticket = rng.gen_range(0..total.max(1));
    for (index, weight) in weights.iter().enumerate() {
        if ticket < *weight {
            return index;
        }
        ticket -= weight;
    }
    weights.len().saturating_sub(1)
}

fn pick<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.gen_range(0..items.len())]
}

/// Roubles to a NUMERIC(18,2) value, through whole kopecks so no float reaches the database.
#[allow(clippy::cast_possible_truncation)]
fn rub(amount: f64) -> Decimal {
    Decimal::new((amount * 100.0).round() as i64, 2)
}

/// Rounds to a multiple of `step`, the way people write amounts and forecasts.
fn round_to(amount: f64, step: f64) -> f64 {
    ((amount / step).round() * step).max(0.0)
}

/// Lowercase ASCII for e-mail addresses and domains: diacritics folded, the rest dropped.
fn ascii_slug(text: &str, separator: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_separator = false;
    for ch in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match ch {
            'a'..='z' | '0'..='9' => {
                if pending_separator && !out.is_empty() {
                    out.push_str(separator);
                }
                pending_separator = false;
                out.push(ch);
                continue;
            }
            'ä' | 'à' | 'á' | 'â' | 'ą' => "a",
            'ö' | 'ó' | 'ô' => "o",
            'ü' | 'ù' | 'ú' => "u",
            'é' | 'è' | 'ê' | 'ë' | 'ę' => "e",
            'í' | 'ì' => "i",
            'ç' | 'ć' => "c",
            'ł' => "l",
            'ń' | 'ñ' => "n",
            'ś' => "s",
            'ź' | 'ż' => "z",
            'ß' => "ss",
            _ => {
                pending_separator = true;
                continue;
            }
        };
        if pending_separator && !out.is_empty() {
            out.push_str(separator);
        }
        pending_separator = false;
        out.push_str(folded);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Reference data
// ---------------------------------------------------------------------------------------------

/// One demo user: fixed so that the sign-in page can list them.
struct DemoUser {
    email: &'static str,
    name: &'static str,
    role: &'static str,
    language: &'static str,
}

/// Index layout relied on below: 0 admin, 1-2 directors, 3-8 kam1..kam6, 9-11 assistants.
#[rustfmt::skip]
const DEMO_USERS: [DemoUser; 12] = [
    DemoUser { email: "admin@demo.test", name: "Alexandra Smirnova", role: "admin", language: "en" },
    DemoUser { email: "director@demo.test", name: "Dmitry Volkov", role: "director", language: "en" },
    DemoUser { email: "director2@demo.test", name: "Елена Морозова", role: "director", language: "ru" },
    DemoUser { email: "kam1@demo.test", name: "Anna Kuznetsova", role: "kam", language: "en" },
    DemoUser { email: "kam2@demo.test", name: "Сергей Лебедев", role: "kam", language: "ru" },
    DemoUser { email: "kam3@demo.test", name: "Maxim Orlov", role: "kam", language: "en" },
    DemoUser { email: "kam4@demo.test", name: "Olga Petrova", role: "kam", language: "en" },
    DemoUser { email: "kam5@demo.test", name: "Pavel Novikov", role: "kam", language: "en" },
    DemoUser { email: "kam6@demo.test", name: "Natalia Fedorova", role: "kam", language: "en" },
    DemoUser { email: "assistant1@demo.test", name: "Yulia Belova", role: "assistant", language: "en" },
    DemoUser { email: "assistant2@demo.test", name: "Ирина Соколова", role: "assistant", language: "ru" },
    DemoUser { email: "assistant3@demo.test", name: "Artem Zaitsev", role: "assistant", language: "en" },
];
const DIRECTORS: [usize; 2] = [1, 2];
const FIRST_KAM: usize = 3;
const KAMS: usize = 6;
const FIRST_ASSISTANT: usize = 9;

/// Strategic importance 0..5 before the bump for big clients: most accounts matter little.
const IMPORTANCE_WEIGHTS: [u32; 6] = [17, 22, 22, 17, 13, 9];

/// The largest potential is at most this many times the median one (see `plan_accounts`).
const POTENTIAL_CAP_MEDIANS: f64 = 20.0;

/// Uneven KAM load on purpose: kam4 is overloaded and kam6 light, so the workload chart has
/// something to say.
const KAM_WEIGHTS: [u32; KAMS] = [12, 10, 6, 15, 9, 5];

/// What a client industry looks like: names, size, rhythm of purchases.
struct Industry {
    label: &'static str,
    describe: &'static str,
    weight: u32,
    /// Second halves of Russian company names (Latin, Cyrillic).
    ru_parts: &'static [(&'static str, &'static str)],
    /// The industry word in German, French, Italian and Polish company names.
    eu_words: [&'static str; 4],
    median_potential: f64,
    median_headcount: f64,
    /// Share of networks whose outlets still buy on their own.
    decentralized_share: f64,
    /// Relative order volume per calendar month (January first).
    season: [f64; 12],
    products: &'static [&'static str],
    /// How the potential was estimated; `{n}` becomes potential / `basis_unit`.
    basis: &'static str,
    basis_unit: f64,
}

const FLAT: [f64; 12] = [1.0; 12];

#[rustfmt::skip]
const INDUSTRIES: [Industry; 10] = [
    Industry {
        label: "Construction",
        describe: "residential and commercial developer",
        weight: 16,
        ru_parts: &[("Monolit", "Монолит"), ("StroyInvest", "СтройИнвест"), ("Development", "Девелопмент"), ("Dom", "Дом"), ("Proekt", "Проект"), ("Beton", "Бетон"), ("Kapital", "Капитал"), ("Kvartal", "Квартал")],
        eu_words: ["Bau", "Construction", "Costruzioni", "Budownictwo"],
        median_potential: 40e6,
        median_headcount: 600.0,
        decentralized_share: 0.05,
        season: [0.4, 0.5, 0.8, 1.1, 1.3, 1.4, 1.4, 1.4, 1.3, 1.1, 0.8, 0.5],
        products: &["Dry building mixes", "Insulation boards", "Fasteners", "Formwork hire", "Waterproofing"],
        basis: "Planned completions of {n} thousand m² a year at about 2,500 RUB of our category per m²",
        basis_unit: 2_500_000.0,
    },
    Industry {
        label: "Retail chain",
        describe: "retail chain",
        weight: 14,
        ru_parts: &[("Market", "Маркет"), ("Torg", "Торг"), ("Univermag", "Универмаг"), ("Mart", "Март"), ("Lavka", "Лавка"), ("Optima", "Оптима"), ("Semya", "Семья")],
        eu_words: ["Handel", "Commerce", "Commercio", "Handel"],
        median_potential: 60e6,
        median_headcount: 2500.0,
        decentralized_share: 0.3,
        season: [0.7, 0.7, 1.1, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.4, 1.6],
        products: &["Core range", "Seasonal range", "Private label", "Promo batch", "Shop fittings"],
        basis: "{n} stores at about 1.2 mln RUB per store a year",
        basis_unit: 1_200_000.0,
    },
    Industry {
        label: "Manufacturing",
        describe: "manufacturing plant",
        weight: 14,
        ru_parts: &[("Metall", "Металл"), ("Agregat", "Агрегат"), ("Profil", "Профиль"), ("Kabel", "Кабель"), ("Polimer", "Полимер"), ("Tekh", "Тех"), ("Zavod", "Завод")],
        eu_words: ["Werke", "Industries", "Industrie", "Zakłady"],
        median_potential: 35e6,
        median_headcount: 1200.0,
        decentralized_share: 0.05,
        season: FLAT,
        products: &["Spare parts", "Consumables", "Lubricants", "Tooling", "Maintenance kits"],
        basis: "Consumables and spare parts for {n} production lines at about 6 mln RUB per line",
        basis_unit: 6_000_000.0,
    },
    Industry {
        label: "Distribution",
        describe: "wholesale distributor",
        weight: 14,
        ru_parts: &[("Snab", "Снаб"), ("Trade", "Трейд"), ("Distribution", "Дистрибьюшн"), ("Komplekt", "Комплект"), ("Opt", "Опт"), ("Sklad", "Склад")],
        eu_words: ["Vertrieb", "Distribution", "Distribuzione", "Dystrybucja"],
        median_potential: 30e6,
        median_headcount: 300.0,
        decentralized_share: 0.1,
        season: FLAT,
        products: &["Core range", "New listings", "Promo batch", "Bulk pallet lot"],
        basis: "Category turnover of {n} mln RUB a year with a 35% target share for us",
        basis_unit: 350_000.0,
    },
    Industry {
        label: "Pharmaceuticals",
        describe: "pharmaceutical producer with its own pharmacy network",
        weight: 8,
        ru_parts: &[("Farm", "Фарм"), ("Med", "Мед"), ("Apteka", "Аптека"), ("Bio", "Био"), ("Vita", "Вита"), ("Zdrav", "Здрав")],
        eu_words: ["Pharma", "Pharma", "Farmaceutici", "Farmacja"],
        median_potential: 25e6,
        median_headcount: 900.0,
        decentralized_share: 0.3,
        season: [1.2, 1.2, 1.1, 1.0, 0.9, 0.8, 0.8, 0.8, 1.0, 1.1, 1.1, 1.0],
        products: &["Packaging materials", "Lab consumables", "Cleanroom supplies", "Cold-chain containers"],
        basis: "{n} pharmacies at about 0.9 mln RUB per pharmacy a year",
        basis_unit: 900_000.0,
    },
    Industry {
        label: "HoReCa",
        describe: "restaurant and hotel group",
        weight: 8,
        ru_parts: &[("Hospitality", "Хоспитэлити"), ("Restoran", "Ресторан"), ("Food", "Фуд"), ("Kafe", "Кафе"), ("Otel", "Отель")],
        eu_words: ["Gastronomie", "Hôtellerie", "Ristorazione", "Gastronomia"],
        median_potential: 8e6,
        median_headcount: 400.0,
        decentralized_share: 0.35,
        season: [0.8, 0.7, 0.8, 0.9, 1.1, 1.4, 1.5, 1.4, 1.0, 0.8, 0.8, 1.2],
        products: &["Tableware", "Cleaning supplies", "Kitchen consumables", "Textiles"],
        basis: "{n} venues at about 0.6 mln RUB per venue a year",
        basis_unit: 600_000.0,
    },
    Industry {
        label: "Logistics",
        describe: "logistics operator",
        weight: 7,
        ru_parts: &[("Logistik", "Логистик"), ("Trans", "Транс"), ("Express", "Экспресс"), ("Terminal", "Терминал")],
        eu_words: ["Logistik", "Logistique", "Logistica", "Logistyka"],
        median_potential: 12e6,
        median_headcount: 500.0,
        decentralized_share: 0.05,
        season: [0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.1, 1.1, 1.1, 1.0],
        products: &["Stretch film and pallets", "Racking spare parts", "Packaging", "Forklift parts"],
        basis: "{n} warehouses at about 4 mln RUB of packaging and equipment a year",
        basis_unit: 4_000_000.0,
    },
    Industry {
        label: "Food production",
        describe: "food producer",
        weight: 9,
        ru_parts: &[("Produkt", "Продукт"), ("Moloko", "Молоко"), ("Khleb", "Хлеб"), ("Agro", "Агро"), ("Konserv", "Консерв")],
        eu_words: ["Lebensmittel", "Alimentaire", "Alimentari", "Żywność"],
        median_potential: 20e6,
        median_headcount: 700.0,
        decentralized_share: 0.05,
        season: [0.8, 0.8, 0.9, 1.0, 1.0, 1.1, 1.1, 1.2, 1.3, 1.2, 0.9, 0.8],
        products: &["Packaging film", "Ingredients", "Sanitation chemicals", "Labels"],
        basis: "Output of {n} thousand tonnes a year at about 1,800 RUB of our category per tonne",
        basis_unit: 1_800_000.0,
    },
    Industry {
        label: "Energy",
        describe: "energy and utilities company",
        weight: 5,
        ru_parts: &[("Energo", "Энерго"), ("Teplo", "Тепло"), ("Set", "Сеть"), ("Svet", "Свет")],
        eu_words: ["Energie", "Énergie", "Energia", "Energetyka"],
        median_potential: 30e6,
        median_headcount: 1500.0,
        decentralized_share: 0.05,
        season: [1.3, 1.2, 1.1, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3],
        products: &["Cable products", "Valves", "Spare parts", "Insulation"],
        basis: "Repair and modernisation programme: {n} sites at about 7 mln RUB each",
        basis_unit: 7_000_000.0,
    },
    Industry {
        label: "Automotive retail",
        describe: "car dealer group",
        weight: 5,
        ru_parts: &[("Avto", "Авто"), ("Motors", "Моторс"), ("Kar", "Кар"), ("Drive", "Драйв")],
        eu_words: ["Automobile", "Automobiles", "Auto", "Motoryzacja"],
        median_potential: 10e6,
        median_headcount: 350.0,
        decentralized_share: 0.25,
        season: [0.7, 0.8, 1.1, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 1.1, 1.0, 1.0],
        products: &["Spare parts", "Oils and fluids", "Tyres", "Workshop equipment"],
        basis: "{n} dealerships at about 2.5 mln RUB a year",
        basis_unit: 2_500_000.0,
    },
];

/// First halves of Russian company names (Latin, Cyrillic).
#[rustfmt::skip]
const RU_ROOTS: [(&str, &str); 32] = [
    ("Stroy", "Строй"),
    ("Techno", "Техно"),
    ("Euro", "Евро"),
    ("Sib", "Сиб"),
    ("Ural", "Урал"),
    ("Volga", "Волга"),
    ("Neva", "Нева"),
    ("Trans", "Транс"),
    ("Prom", "Пром"),
    ("Mega", "Мега"),
    ("Alfa", "Альфа"),
    ("Grand", "Гранд"),
    ("Nova", "Нова"),
    ("Rus", "Рус"),
    ("Eko", "Эко"),
    ("Vektor", "Вектор"),
    ("Meridian", "Меридиан"),
    ("Sever", "Север"),
    ("Yug", "Юг"),
    ("Baltika", "Балтика"),
    ("Zenit", "Зенит"),
    ("Kristall", "Кристалл"),
    ("Orion", "Орион"),
    ("Taiga", "Тайга"),
    ("Amur", "Амур"),
    ("Don", "Дон"),
    ("Kama", "Кама"),
    ("Altai", "Алтай"),
    ("Polyus", "Полюс"),
    ("Start", "Старт"),
    ("Vostok", "Восток"),
    ("Lider", "Лидер"),
];

#[rustfmt::skip]
const RU_SUFFIXES: [(&str, &str); 10] = [
    (" Group", " Групп"),
    (" Holding", " Холдинг"),
    (" Plus", " Плюс"),
    ("-Center", "-Центр"),
    (" Trade", " Трейд"),
    ("-M", "-М"),
    (" Region", " Регион"),
    (" Invest", " Инвест"),
    (" Service", " Сервис"),
    (" Pro", " Про"),
];

/// Russian legal forms (Latin, Cyrillic) with their weights.
const RU_FORMS: [(&str, &str, u32); 3] =
    [("LLC", "ООО", 60), ("JSC", "АО", 30), ("PJSC", "ПАО", 10)];

#[rustfmt::skip]
const RU_MALE: [(&str, &str); 16] = [
    ("Aleksandr", "Александр"),
    ("Dmitry", "Дмитрий"),
    ("Sergey", "Сергей"),
    ("Andrey", "Андрей"),
    ("Alexey", "Алексей"),
    ("Mikhail", "Михаил"),
    ("Ivan", "Иван"),
    ("Nikolay", "Николай"),
    ("Vladimir", "Владимир"),
    ("Pavel", "Павел"),
    ("Oleg", "Олег"),
    ("Igor", "Игорь"),
    ("Konstantin", "Константин"),
    ("Roman", "Роман"),
    ("Yevgeny", "Евгений"),
    ("Viktor", "Виктор"),
];

#[rustfmt::skip]
const RU_FEMALE: [(&str, &str); 14] = [
    ("Elena", "Елена"),
    ("Olga", "Ольга"),
    ("Natalia", "Наталья"),
    ("Tatiana", "Татьяна"),
    ("Irina", "Ирина"),
    ("Anna", "Анна"),
    ("Maria", "Мария"),
    ("Svetlana", "Светлана"),
    ("Yulia", "Юлия"),
    ("Ekaterina", "Екатерина"),
    ("Marina", "Марина"),
    ("Anastasia", "Анастасия"),
    ("Victoria", "Виктория"),
    ("Galina", "Галина"),
];

/// Male forms; every one takes the feminine ending "-a" in both scripts.
#[rustfmt::skip]
const RU_SURNAMES: [(&str, &str); 38] = [
    ("Ivanov", "Иванов"),
    ("Smirnov", "Смирнов"),
    ("Kuznetsov", "Кузнецов"),
    ("Popov", "Попов"),
    ("Vasiliev", "Васильев"),
    ("Petrov", "Петров"),
    ("Sokolov", "Соколов"),
    ("Mikhailov", "Михайлов"),
    ("Novikov", "Новиков"),
    ("Fedorov", "Фёдоров"),
    ("Morozov", "Морозов"),
    ("Volkov", "Волков"),
    ("Alekseev", "Алексеев"),
    ("Lebedev", "Лебедев"),
    ("Semenov", "Семёнов"),
    ("Egorov", "Егоров"),
    ("Pavlov", "Павлов"),
    ("Kozlov", "Козлов"),
    ("Stepanov", "Степанов"),
    ("Nikolaev", "Николаев"),
    ("Orlov", "Орлов"),
    ("Andreev", "Андреев"),
    ("Makarov", "Макаров"),
    ("Zaitsev", "Зайцев"),
    ("Belov", "Белов"),
    ("Gusev", "Гусев"),
    ("Titov", "Титов"),
    ("Kiselev", "Киселёв"),
    ("Frolov", "Фролов"),
    ("Borisov", "Борисов"),
    ("Romanov", "Романов"),
    ("Vinogradov", "Виноградов"),
    ("Karpov", "Карпов"),
    ("Tikhonov", "Тихонов"),
    ("Zakharov", "Захаров"),
    ("Gromov", "Громов"),
    ("Ilyin", "Ильин"),
    ("Kalinin", "Калинин"),
];

/// A European naming culture: German, French, Italian, Polish.
struct Culture {
    country: &'static str,
    tld: &'static str,
    phone: &'static str,
    surnames: &'static [&'static str],
    first_names: &'static [&'static str],
    forms: &'static [&'static str],
}

#[rustfmt::skip]
const CULTURES: [Culture; 4] = [
    Culture {
        country: "Germany",
        tld: "de",
        phone: "+49",
        surnames: &["Baumann", "Keller", "Richter", "Hoffmann", "Schäfer", "Vogel", "Brandt", "Krüger", "Lang", "Winkler"],
        first_names: &["Thomas", "Stefan", "Andrea", "Julia", "Markus", "Katrin", "Jan", "Sabine"],
        forms: &["GmbH", "AG", "GmbH & Co. KG"],
    },
    Culture {
        country: "France",
        tld: "fr",
        phone: "+33",
        surnames: &["Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Mercier", "Lambert"],
        first_names: &["Pierre", "Claire", "Julien", "Sophie", "Nicolas", "Camille", "Antoine", "Élodie"],
        forms: &["SAS", "SA"],
    },
    Culture {
        country: "Italy",
        tld: "it",
        phone: "+39",
        surnames: &["Conti", "Marino", "Greco", "Bruno", "Gallo", "Costa", "Fontana", "Rinaldi"],
        first_names: &["Marco", "Giulia", "Luca", "Francesca", "Matteo", "Chiara", "Paolo", "Elena"],
        forms: &["S.p.A.", "S.r.l."],
    },
    Culture {
        country: "Poland",
        tld: "pl",
        phone: "+48",
        surnames: &["Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając", "Król", "Wieczorek"],
        first_names: &["Piotr", "Anna", "Tomasz", "Katarzyna", "Marek", "Magdalena", "Paweł", "Agnieszka"],
        forms: &["Sp. z o.o.", "S.A."],
    },
];

/// A region of a client's footprint. `present` says whether our own company works there,
/// which is what makes a planned client region an alarm or not.
struct Geo {
    continent: &'static str,
    country: &'static str,
    region: &'static str,
    cities: &'static [&'static str],
    present: bool,
    /// How likely a Russian client is headquartered here.
    home_weight: u32,
}

const fn geo(
    continent: &'static str,
    country: &'static str,
    region: &'static str,
    cities: &'static [&'static str],
    present: bool,
    home_weight: u32,
) -> Geo {
    Geo {
        continent,
        country,
        region,
        cities,
        present,
        home_weight,
    }
}

/// Russia counts as Europe throughout (the UN geoscheme does the same): otherwise a client in
/// Moscow and Novosibirsk would land in the premier league instead of the second.
#[rustfmt::skip]
const GEO: [Geo; 56] = [
    geo("Europe", "Russia", "Moscow", &["Moscow", "Zelenograd"], true, 20),
    geo("Europe", "Russia", "Moscow Oblast", &["Khimki", "Podolsk", "Mytishchi", "Balashikha"], true, 8),
    geo("Europe", "Russia", "Saint Petersburg", &["Saint Petersburg"], true, 10),
    geo("Europe", "Russia", "Leningrad Oblast", &["Gatchina", "Vsevolozhsk"], true, 2),
    geo("Europe", "Russia", "Tatarstan", &["Kazan", "Naberezhnye Chelny"], true, 4),
    geo("Europe", "Russia", "Sverdlovsk Oblast", &["Yekaterinburg", "Nizhny Tagil"], true, 4),
    geo("Europe", "Russia", "Novosibirsk Oblast", &["Novosibirsk", "Berdsk"], true, 4),
    geo("Europe", "Russia", "Krasnoyarsk Krai", &["Krasnoyarsk", "Norilsk"], true, 3),
    geo("Europe", "Russia", "Irkutsk Oblast", &["Irkutsk", "Bratsk"], false, 2),
    geo("Europe", "Russia", "Samara Oblast", &["Samara", "Tolyatti"], true, 3),
    geo("Europe", "Russia", "Nizhny Novgorod Oblast", &["Nizhny Novgorod", "Dzerzhinsk"], true, 3),
    geo("Europe", "Russia", "Rostov Oblast", &["Rostov-on-Don", "Taganrog"], true, 3),
    geo("Europe", "Russia", "Krasnodar Krai", &["Krasnodar", "Sochi", "Novorossiysk"], true, 4),
    geo("Europe", "Russia", "Bashkortostan", &["Ufa", "Sterlitamak"], false, 2),
    geo("Europe", "Russia", "Perm Krai", &["Perm", "Berezniki"], false, 2),
    geo("Europe", "Russia", "Voronezh Oblast", &["Voronezh"], true, 2),
    geo("Europe", "Russia", "Chelyabinsk Oblast", &["Chelyabinsk", "Magnitogorsk"], false, 2),
    geo("Europe", "Russia", "Omsk Oblast", &["Omsk"], false, 1),
    geo("Europe", "Russia", "Tyumen Oblast", &["Tyumen", "Tobolsk"], false, 2),
    geo("Europe", "Russia", "Primorsky Krai", &["Vladivostok", "Nakhodka"], false, 1),
    geo("Europe", "Russia", "Khabarovsk Krai", &["Khabarovsk"], false, 1),
    geo("Europe", "Russia", "Kaliningrad Oblast", &["Kaliningrad"], false, 1),
    geo("Europe", "Russia", "Yaroslavl Oblast", &["Yaroslavl", "Rybinsk"], true, 1),
    geo("Europe", "Russia", "Tula Oblast", &["Tula", "Novomoskovsk"], true, 1),
    geo("Europe", "Russia", "Volgograd Oblast", &["Volgograd", "Volzhsky"], false, 1),
    geo("Europe", "Belarus", "Minsk Region", &["Minsk", "Borisov"], true, 0),
    geo("Europe", "Germany", "Bavaria", &["Munich", "Nuremberg"], false, 0),
    geo("Europe", "Germany", "North Rhine-Westphalia", &["Düsseldorf", "Cologne"], false, 0),
    geo("Europe", "Germany", "Berlin", &["Berlin"], false, 0),
    geo("Europe", "France", "Île-de-France", &["Paris"], false, 0),
    geo("Europe", "France", "Auvergne-Rhône-Alpes", &["Lyon", "Grenoble"], false, 0),
    geo("Europe", "Italy", "Lombardy", &["Milan", "Bergamo"], false, 0),
    geo("Europe", "Italy", "Lazio", &["Rome"], false, 0),
    geo("Europe", "Poland", "Masovia", &["Warsaw"], false, 0),
    geo("Europe", "Poland", "Lesser Poland", &["Kraków"], false, 0),
    geo("Europe", "Spain", "Catalonia", &["Barcelona"], false, 0),
    geo("Europe", "Spain", "Madrid", &["Madrid"], false, 0),
    geo("Europe", "Netherlands", "North Holland", &["Amsterdam"], false, 0),
    geo("Europe", "Austria", "Vienna", &["Vienna"], false, 0),
    geo("Europe", "Czechia", "Prague", &["Prague"], false, 0),
    geo("Europe", "Finland", "Uusimaa", &["Helsinki"], false, 0),
    geo("Europe", "Serbia", "Belgrade", &["Belgrade"], true, 0),
    geo("Europe", "Hungary", "Budapest", &["Budapest"], false, 0),
    geo("Asia", "Kazakhstan", "Almaty Region", &["Almaty"], true, 0),
    geo("Asia", "Kazakhstan", "Astana", &["Astana"], true, 0),
    geo("Asia", "Uzbekistan", "Tashkent", &["Tashkent"], false, 0),
    geo("Asia", "China", "Shanghai", &["Shanghai"], false, 0),
    geo("Asia", "China", "Guangdong", &["Shenzhen", "Guangzhou"], false, 0),
    geo("Asia", "United Arab Emirates", "Dubai", &["Dubai"], false, 0),
    geo("Asia", "India", "Maharashtra", &["Mumbai", "Pune"], false, 0),
    geo("Asia", "Vietnam", "Ho Chi Minh City", &["Ho Chi Minh City"], false, 0),
    geo("Africa", "Egypt", "Cairo", &["Cairo"], false, 0),
    geo("Africa", "South Africa", "Gauteng", &["Johannesburg"], false, 0),
    geo("North America", "United States", "Texas", &["Houston"], false, 0),
    geo("North America", "Canada", "Ontario", &["Toronto"], false, 0),
    geo("South America", "Brazil", "São Paulo", &["São Paulo"], false, 0),
];

#[rustfmt::skip]
const COMPETITORS: [(&str, &str); 16] = [
    ("PromSnab Supply", "Lowest list price in the region; weak on delivery times"),
    ("EuroDistrib", "Broad range including private label; 60-day payment terms"),
    ("Nordic Supply AB", "Premium quality and technical audits on site"),
    ("TechnoKomplekt", "Own fleet, next-day delivery in the region"),
    ("Baltic Trade House", "Aggressive rebates for volume commitments"),
    ("Alfa Supply", "Bundles installation and service with supplies"),
    ("Vector Industrial", "Consignment stock on the client's premises"),
    ("Sibirsky Standart", "Local warehouses across Siberia"),
    ("Interpack Group", "Integrated packaging and labelling"),
    ("Ural Komplekt", "Low prices on basic items; limited range"),
    ("MegaOpt", "Cash-and-carry prices for networks"),
    ("Kontinent Logistics", "Full logistics outsourcing with supplies"),
    ("Delta Chemicals", "Strong lab support and certification"),
    ("Global Source Ltd", "Direct imports from Asia at low prices"),
    ("Partner-Servis", "Personal relationship with the owner"),
    ("Severnaya Zvezda", "Long-standing incumbent, 90-day payment terms"),
];

const OUR_POSITIONS: [&str; 6] = [
    "We win on service and on-time delivery; we lose on price by 5-8%.",
    "Comparable prices; our technical support is the deciding factor.",
    "They are the incumbent; we are the second source for now.",
    "We are cheaper on the core range but weaker on lead times in the regions.",
    "Strong with the technical team, weak with purchasing.",
    "Head-to-head in every tender; the client plays us against each other.",
];

/// (title, department, default decision role) by level of the org chart.
type Position = (&'static str, &'static str, &'static str);

#[rustfmt::skip]
const TOP_POSITIONS: [Position; 3] = [
    ("General Director", "Management", "decision_maker"),
    ("CEO", "Management", "decision_maker"),
    ("Owner and Chairman", "Management", "decision_maker"),
];

#[rustfmt::skip]
const MIDDLE_POSITIONS: [Position; 9] = [
    ("Commercial Director", "Commercial", "decision_maker"),
    ("Procurement Director", "Procurement", "economic_buyer"),
    ("Finance Director", "Finance", "economic_buyer"),
    ("Technical Director", "Engineering", "technical_buyer"),
    ("Operations Director", "Operations", "influencer"),
    ("Head of Logistics", "Logistics", "user"),
    ("Category Manager", "Commercial", "influencer"),
    ("Chief Engineer", "Engineering", "technical_buyer"),
    ("Quality Director", "Quality", "technical_buyer"),
];

#[rustfmt::skip]
const JUNIOR_POSITIONS: [Position; 8] = [
    ("Senior Buyer", "Procurement", "user"),
    ("Buyer", "Procurement", "gatekeeper"),
    ("Warehouse Manager", "Logistics", "user"),
    ("Quality Engineer", "Quality", "technical_buyer"),
    ("Office Manager", "Management", "gatekeeper"),
    ("Project Manager", "Projects", "influencer"),
    ("Store Operations Manager", "Operations", "user"),
    ("Accountant", "Finance", "user"),
];

/// What a person at the client is measured on and what moves them, by department.
fn motivation_for(department: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match department {
        "Management" => (
            &[
                "Wants growth without new capital expenditure",
                "Building the company for sale in three to five years",
                "Personal reputation in the industry association",
            ],
            &["EBITDA", "Revenue growth", "Market share in the region"],
        ),
        "Commercial" => (
            &[
                "Bonus tied to gross margin of the category",
                "Wants exclusive products to stand out from rival chains",
                "Career: aims to become commercial director of the holding",
            ],
            &[
                "Category gross margin",
                "Sales per square metre",
                "Share of private label",
            ],
        ),
        "Procurement" => (
            &[
                "Annual bonus tied to 5% savings on purchases",
                "Wants fewer suppliers and fewer invoices",
                "Avoids any risk of a supply disruption on his watch",
            ],
            &[
                "Savings against budget",
                "Number of suppliers",
                "Payment terms in days",
            ],
        ),
        "Finance" => (
            &[
                "Pushes for longer payment terms",
                "Wants predictable annual contracts",
                "Watches working capital every month",
            ],
            &[
                "Working capital",
                "Cash conversion cycle",
                "Budget discipline",
            ],
        ),
        "Engineering" | "Quality" => (
            &[
                "Wants zero line stops caused by supplies",
                "Values certificates and test reports",
                "Likes to try new technical solutions first",
            ],
            &["Equipment uptime", "Defect rate", "Audit results"],
        ),
        "Logistics" | "Operations" => (
            &[
                "Wants deliveries in time windows, not 'during the day'",
                "Short of warehouse space; prefers smaller, frequent drops",
                "Bonus depends on stock availability in outlets",
            ],
            &[
                "On-time deliveries",
                "Stock availability",
                "Warehouse cost per pallet",
            ],
        ),
        _ => (
            &[
                "Wants clear paperwork and quick answers",
                "Prefers suppliers who remember the details",
            ],
            &["Project deadlines", "Service level"],
        ),
    }
}

#[rustfmt::skip]
const ATTITUDE_NOTES: [(&str, &str); 8] = [
    ("supporter", "Warmed up after the plant visit and the joint workshop."),
    ("supporter", "Our rescue delivery during the peak season won them over."),
    ("neutral", "First meeting; no stance yet."),
    ("neutral", "Cooled down after our price increase in spring."),
    ("opponent", "Upset by two late shipments in a row."),
    ("opponent", "A competitor is lobbying hard; prefers their offer."),
    ("supporter", "Champions our pilot internally."),
    ("neutral", "New in the role; still learning the supplier base."),
];

const MEMBER_FUNCTIONS: [&str; 5] = [
    "logistics",
    "finance",
    "legal",
    "trade marketing",
    "regional coverage",
];

// ---------------------------------------------------------------------------------------------
// The account plan (phase one)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Prospect,
    Active,
    Lost,
    Archived,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Prospect => "prospect",
            Status::Active => "active",
            Status::Lost => "lost",
            Status::Archived => "archived",
        }
    }

    /// The client base of the scoring rules.
    fn in_base(self) -> bool {
        matches!(self, Status::Prospect | Status::Active)
    }
}

/// The league the locations will produce; `NoLocations` leaves the footprint empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Footprint {
    NoLocations,
    Third,
    Second,
    First,
    Premier,
    Qualifying,
}

impl Footprint {
    /// Bigger footprints buy more: premier clients have several times the potential of a
    /// single-city one.
    fn potential_factor(self) -> f64 {
        match self {
            Footprint::NoLocations => 0.6,
            Footprint::Third => 0.7,
            Footprint::Qualifying => 1.0,
            Footprint::Second => 1.4,
            Footprint::First => 2.0,
            Footprint::Premier => 2.8,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Forecast {
    Missing,
    Zero,
    Estimated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pin {
    None,
    /// Pinned key by the director at this index of `DIRECTORS`.
    Key(usize),
    NotKey(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Russia,
    /// Index into `CULTURES`.
    Europe(usize),
}

/// The decisions about an account that other accounts depend on (the maximum potential, the
/// key pins, who owns what), made for all accounts before any row is generated.
#[derive(Debug, Clone, Copy)]
struct Plan {
    id: Uuid,
    status: Status,
    industry: usize,
    origin: Origin,
    footprint: Footprint,
    decentralized: bool,
    /// Annual potential in roubles this year (also the basis of actual sales).
    potential: f64,
    /// Yearly growth factor of the forecast.
    growth: f64,
    forecast: Forecast,
    importance: i16,
    /// Index of the owning KAM (0..6); `None` for archived and deliberately unowned accounts.
    owner: Option<usize>,
    pin: Pin,
    created_on: NaiveDate,
}

impl Plan {
    /// Average forecast revenue over the default three-year horizon, as the scoring reads it.
    fn scoring_potential(&self) -> f64 {
        match self.forecast {
            Forecast::Estimated => {
                self.potential * (1.0 + self.growth + self.growth * self.growth) / 3.0
            }
            Forecast::Missing | Forecast::Zero => 0.0,
        }
    }
}

/// The scoring module's default formula (weight 0.7 on potential), used only to decide which
/// accounts are "clearly gold" for pins and which likely key ones to leave unowned.
fn estimated_scores(plans: &[Plan]) -> Vec<f64> {
    let max = plans
        .iter()
        .filter(|plan| plan.status.in_base())
        .map(Plan::scoring_potential)
        .fold(0.0_f64, f64::max);
    plans
        .iter()
        .map(|plan| {
            if !plan.status.in_base() {
                return -1.0;
            }
            let p = if max > 0.0 {
                100.0 * plan.scoring_potential() / max
            } else {
                0.0
            };
            0.7 * p + 0.3 * 20.0 * f64::from(plan.importance)
        })
        .collect()
}

/// Base accounts, best estimated score first (ties by position, so the order is stable).
fn ranked_base(plans: &[Plan], scores: &[f64]) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..plans.len())
        .filter(|&i| plans[i].status.in_base())
        .collect();
    ranked.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    ranked
}

/// The accounts the default scoring will most likely make key: gold or silver, not pinned
/// away, best first, up to the 20% cap.
fn likely_key(plans: &[Plan]) -> Vec<usize> {
    let scores = estimated_scores(plans);
    let ranked = ranked_base(plans, &scores);
    let cap = ranked.len() / 5;
    ranked
        .iter()
        .copied()
        .filter(|&i| scores[i] >= 30.0 && !matches!(plans[i].pin, Pin::NotKey(_)))
        .take(cap)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Row buffers
// ---------------------------------------------------------------------------------------------

/// Column vectors of the users table.
#[derive(Debug, Default, PartialEq)]
struct UserRows {
    id: Vec<Uuid>,
    email: Vec<&'static str>,
    name: Vec<&'static str>,
    role: Vec<&'static str>,
    language: Vec<&'static str>,
    password_hash: Vec<String>,
    created_at: Vec<DateTime<Utc>>,
}

impl UserRows {
    async fn insert(&self, conn: &mut PgConnection) -> Result<()> {
        sqlx::query(
            "INSERT INTO users (id, email, name, role, language, password_hash, created_at, updated_at)
             SELECT *, u.created_at FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[],
                 $5::text[], $6::text[], $7::timestamptz[])
                 AS u(id, email, name, role, language, password_hash, created_at)",
        )
        .bind(&self.id)
        .bind(&self.email)
        .bind(&self.name)
        .bind(&self.role)
        .bind(&self.language)
        .bind(&self.password_hash)
        .bind(&self.created_at)
        .execute(conn)
        .await?;
        Ok(())
    }
}

#[derive(Debug, Default, PartialEq)]
struct AccountRows {
    id: Vec<Uuid>,
    name: Vec<String>,
    legal_name: Vec<String>,
    industry: Vec<&'static str>,
    website: Vec<String>,
    headcount: Vec<Option<i32>>,
    status: Vec<&'static str>,
    importance: Vec<i16>,
    importance_rationale: Vec<&'static str>,
    decision_making: Vec<&'static str>,
    planned_decision_making: Vec<Option<&'static str>>,
    pin: Vec<&'static str>,
    pin_reason: Vec<Option<&'static str>>,
    pinned_by: Vec<Option<Uuid>>,
    pinned_at: Vec<Option<DateTime<Utc>>>,
    is_image_maker: Vec<bool>,
    is_expert: Vec<bool>,
    created_by: Vec<Option<Uuid>>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct LocationRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    continent: Vec<&'static str>,
    country: Vec<&'static str>,
    region: Vec<&'static str>,
    city: Vec<&'static str>,
    kind: Vec<&'static str>,
    planned_on: Vec<Option<NaiveDate>>,
    we_are_present: Vec<bool>,
    note: Vec<&'static str>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct ForecastRows {
    account_id: Vec<Uuid>,
    year: Vec<i32>,
    revenue: Vec<Decimal>,
    margin: Vec<Decimal>,
    basis: Vec<String>,
    updated_by: Vec<Option<Uuid>>,
    updated_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct TeamRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    user_id: Vec<Uuid>,
    team_role: Vec<&'static str>,
    function: Vec<&'static str>,
    started_on: Vec<NaiveDate>,
    ended_on: Vec<Option<NaiveDate>>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct CompetitorRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    name: Vec<&'static str>,
    offering: Vec<&'static str>,
    our_position: Vec<&'static str>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct ContactRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    full_name: Vec<String>,
    title: Vec<&'static str>,
    department: Vec<&'static str>,
    email: Vec<String>,
    phone: Vec<String>,
    reports_to: Vec<Option<Uuid>>,
    decision_role: Vec<&'static str>,
    influence: Vec<&'static str>,
    attitude: Vec<Option<&'static str>>,
    covered_by: Vec<Option<Uuid>>,
    motivation: Vec<&'static str>,
    measured_on: Vec<&'static str>,
    last_contact_on: Vec<Option<NaiveDate>>,
    active: Vec<bool>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct AttitudeRows {
    id: Vec<Uuid>,
    contact_id: Vec<Uuid>,
    attitude: Vec<&'static str>,
    note: Vec<&'static str>,
    changed_by: Vec<Option<Uuid>>,
    changed_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct InteractionRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    contact_id: Vec<Option<Uuid>>,
    user_id: Vec<Option<Uuid>>,
    kind: Vec<&'static str>,
    occurred_at: Vec<DateTime<Utc>>,
    summary: Vec<&'static str>,
}

#[derive(Debug, Default, PartialEq)]
struct DealRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    kind: Vec<&'static str>,
    title: Vec<String>,
    stage: Vec<&'static str>,
    outcome: Vec<&'static str>,
    amount: Vec<Option<Decimal>>,
    opened_on: Vec<NaiveDate>,
    due_on: Vec<Option<NaiveDate>>,
    closed_on: Vec<Option<NaiveDate>>,
    outcome_reason: Vec<&'static str>,
    winning_competitor_id: Vec<Option<Uuid>>,
    winning_competitor: Vec<&'static str>,
    price_gap_pct: Vec<Option<Decimal>>,
    owner_id: Vec<Option<Uuid>>,
    created_at: Vec<DateTime<Utc>>,
    updated_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct OrderRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    ordered_on: Vec<NaiveDate>,
    amount: Vec<Decimal>,
    margin: Vec<Decimal>,
    description: Vec<String>,
    status: Vec<&'static str>,
    logged_by: Vec<Option<Uuid>>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct FollowUpRows {
    id: Vec<Uuid>,
    account_id: Vec<Uuid>,
    title: Vec<String>,
    notes: Vec<&'static str>,
    due_on: Vec<NaiveDate>,
    assignee_id: Vec<Uuid>,
    done: Vec<bool>,
    done_at: Vec<Option<DateTime<Utc>>>,
    contact_id: Vec<Option<Uuid>>,
    deal_id: Vec<Option<Uuid>>,
    order_id: Vec<Option<Uuid>>,
    created_by: Vec<Option<Uuid>>,
    created_at: Vec<DateTime<Utc>>,
}

#[derive(Debug, Default, PartialEq)]
struct DossierRows {
    account_id: Vec<Uuid>,
    section: Vec<&'static str>,
    body: Vec<String>,
    updated_by: Vec<Option<Uuid>>,
    updated_at: Vec<DateTime<Utc>>,
}

/// Pending rows of every table, written in foreign-key order by [`Rows::flush`].
#[derive(Debug, Default, PartialEq)]
struct Rows {
    accounts: AccountRows,
    locations: LocationRows,
    forecasts: ForecastRows,
    team: TeamRows,
    competitors: CompetitorRows,
    contacts: ContactRows,
    attitudes: AttitudeRows,
    interactions: InteractionRows,
    deals: DealRows,
    orders: OrderRows,
    follow_ups: FollowUpRows,
    dossier: DossierRows,
}

impl Rows {
    /// Flushing is decided between accounts, so an account's rows (and a contact's boss)
    /// always travel in the same or an earlier batch than the rows that point at them.
    fn full(&self) -> bool {
        [
            self.accounts.id.len(),
            self.locations.id.len(),
            self.forecasts.account_id.len(),
            self.team.id.len(),
            self.competitors.id.len(),
            self.contacts.id.len(),
            self.attitudes.id.len(),
            self.interactions.id.len(),
            self.deals.id.len(),
            self.orders.id.len(),
            self.follow_ups.id.len(),
            self.dossier.account_id.len(),
        ]
        .into_iter()
        .any(|len| len >= CHUNK_ROWS)
    }

    /// Writes and empties every buffer, parents before children.
    async fn flush(&mut self, conn: &mut PgConnection, report: &mut SeedReport) -> Result<()> {
        report.contacts += self.contacts.id.len();
        report.orders += self.orders.id.len();
        report.deals += self.deals.id.len();
        report.follow_ups += self.follow_ups.id.len();

        let a = std::mem::take(&mut self.accounts);
        if !a.id.is_empty() {
            sqlx::query(
                "INSERT INTO accounts (id, name, legal_name, industry, website, headcount, status,
                     strategic_importance, importance_rationale, decision_making,
                     planned_decision_making, pin, pin_reason, pinned_by, pinned_at,
                     is_image_maker, is_expert, created_by, created_at, updated_at)
                 SELECT *, u.created_at FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[],
                     $5::text[], $6::int4[], $7::text[], $8::int2[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::text[], $14::uuid[], $15::timestamptz[],
                     $16::bool[], $17::bool[], $18::uuid[], $19::timestamptz[])
                     AS u(id, name, legal_name, industry, website, headcount, status, importance,
                          rationale, decision_making, planned, pin, pin_reason, pinned_by,
                          pinned_at, image_maker, expert, created_by, created_at)",
            )
            .bind(a.id)
            .bind(a.name)
            .bind(a.legal_name)
            .bind(a.industry)
            .bind(a.website)
            .bind(a.headcount)
            .bind(a.status)
            .bind(a.importance)
            .bind(a.importance_rationale)
            .bind(a.decision_making)
            .bind(a.planned_decision_making)
            .bind(a.pin)
            .bind(a.pin_reason)
            .bind(a.pinned_by)
            .bind(a.pinned_at)
            .bind(a.is_image_maker)
            .bind(a.is_expert)
            .bind(a.created_by)
            .bind(a.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting accounts")?;
        }

        let l = std::mem::take(&mut self.locations);
        if !l.id.is_empty() {
            sqlx::query(
                "INSERT INTO account_locations (id, account_id, continent, country, region, city,
                     kind, planned_on, we_are_present, note, created_at)
                 SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                     $6::text[], $7::text[], $8::date[], $9::bool[], $10::text[], $11::timestamptz[])",
            )
            .bind(l.id)
            .bind(l.account_id)
            .bind(l.continent)
            .bind(l.country)
            .bind(l.region)
            .bind(l.city)
            .bind(l.kind)
            .bind(l.planned_on)
            .bind(l.we_are_present)
            .bind(l.note)
            .bind(l.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting account locations")?;
        }

        let f = std::mem::take(&mut self.forecasts);
        if !f.account_id.is_empty() {
            sqlx::query(
                "INSERT INTO potential_forecasts (account_id, year, revenue, margin, basis,
                     updated_by, updated_at)
                 SELECT * FROM UNNEST($1::uuid[], $2::int4[], $3::numeric[], $4::numeric[],
                     $5::text[], $6::uuid[], $7::timestamptz[])",
            )
            .bind(f.account_id)
            .bind(f.year)
            .bind(f.revenue)
            .bind(f.margin)
            .bind(f.basis)
            .bind(f.updated_by)
            .bind(f.updated_at)
            .execute(&mut *conn)
            .await
            .context("inserting potential forecasts")?;
        }

        let t = std::mem::take(&mut self.team);
        if !t.id.is_empty() {
            sqlx::query(
                "INSERT INTO account_team (id, account_id, user_id, team_role, function,
                     started_on, ended_on, created_at)
                 SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[],
                     $6::date[], $7::date[], $8::timestamptz[])",
            )
            .bind(t.id)
            .bind(t.account_id)
            .bind(t.user_id)
            .bind(t.team_role)
            .bind(t.function)
            .bind(t.started_on)
            .bind(t.ended_on)
            .bind(t.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting account teams")?;
        }

        let c = std::mem::take(&mut self.competitors);
        if !c.id.is_empty() {
            sqlx::query(
                "INSERT INTO competitors (id, account_id, name, offering, our_position, created_at,
                     updated_at)
                 SELECT *, u.created_at FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[],
                     $5::text[], $6::timestamptz[])
                     AS u(id, account_id, name, offering, our_position, created_at)",
            )
            .bind(c.id)
            .bind(c.account_id)
            .bind(c.name)
            .bind(c.offering)
            .bind(c.our_position)
            .bind(c.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting competitors")?;
        }

        let c = std::mem::take(&mut self.contacts);
        if !c.id.is_empty() {
            sqlx::query(
                "INSERT INTO contacts (id, account_id, full_name, title, department, email, phone,
                     reports_to, decision_role, influence, attitude, covered_by, motivation,
                     measured_on, last_contact_on, active, created_at, updated_at)
                 SELECT *, u.created_at FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[],
                     $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::text[],
                     $11::text[], $12::uuid[], $13::text[], $14::text[], $15::date[], $16::bool[],
                     $17::timestamptz[])
                     AS u(id, account_id, full_name, title, department, email, phone, reports_to,
                          decision_role, influence, attitude, covered_by, motivation,
                          measured_on, last_contact_on, active, created_at)",
            )
            .bind(c.id)
            .bind(c.account_id)
            .bind(c.full_name)
            .bind(c.title)
            .bind(c.department)
            .bind(c.email)
            .bind(c.phone)
            .bind(c.reports_to)
            .bind(c.decision_role)
            .bind(c.influence)
            .bind(c.attitude)
            .bind(c.covered_by)
            .bind(c.motivation)
            .bind(c.measured_on)
            .bind(c.last_contact_on)
            .bind(c.active)
            .bind(c.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting contacts")?;
        }

        let h = std::mem::take(&mut self.attitudes);
        if !h.id.is_empty() {
            sqlx::query(
                "INSERT INTO contact_attitude_history (id, contact_id, attitude, note, changed_by,
                     changed_at)
                 SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::uuid[],
                     $6::timestamptz[])",
            )
            .bind(h.id)
            .bind(h.contact_id)
            .bind(h.attitude)
            .bind(h.note)
            .bind(h.changed_by)
            .bind(h.changed_at)
            .execute(&mut *conn)
            .await
            .context("inserting contact attitude history")?;
        }

        let i = std::mem::take(&mut self.interactions);
        if !i.id.is_empty() {
            sqlx::query(
                "INSERT INTO interactions (id, account_id, contact_id, user_id, kind, occurred_at,
                     summary, created_at)
                 SELECT *, u.occurred_at FROM UNNEST($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[],
                     $5::text[], $6::timestamptz[], $7::text[])
                     AS u(id, account_id, contact_id, user_id, kind, occurred_at, summary)",
            )
            .bind(i.id)
            .bind(i.account_id)
            .bind(i.contact_id)
            .bind(i.user_id)
            .bind(i.kind)
            .bind(i.occurred_at)
            .bind(i.summary)
            .execute(&mut *conn)
            .await
            .context("inserting interactions")?;
        }

        let d = std::mem::take(&mut self.deals);
        if !d.id.is_empty() {
            sqlx::query(
                "INSERT INTO deals (id, account_id, kind, title, stage, outcome, amount, opened_on,
                     due_on, closed_on, outcome_reason, winning_competitor_id, winning_competitor,
                     price_gap_pct, owner_id, created_at, updated_at)
                 SELECT * FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                     $6::text[], $7::numeric[], $8::date[], $9::date[], $10::date[], $11::text[],
                     $12::uuid[], $13::text[], $14::numeric[], $15::uuid[], $16::timestamptz[],
                     $17::timestamptz[])",
            )
            .bind(d.id)
            .bind(d.account_id)
            .bind(d.kind)
            .bind(d.title)
            .bind(d.stage)
            .bind(d.outcome)
            .bind(d.amount)
            .bind(d.opened_on)
            .bind(d.due_on)
            .bind(d.closed_on)
            .bind(d.outcome_reason)
            .bind(d.winning_competitor_id)
            .bind(d.winning_competitor)
            .bind(d.price_gap_pct)
            .bind(d.owner_id)
            .bind(d.created_at)
            .bind(d.updated_at)
            .execute(&mut *conn)
            .await
            .context("inserting deals")?;
        }

        let o = std::mem::take(&mut self.orders);
        if !o.id.is_empty() {
            sqlx::query(
                "INSERT INTO orders (id, account_id, ordered_on, amount, margin, description,
                     status, logged_by, created_at, updated_at)
                 SELECT *, u.created_at FROM UNNEST($1::uuid[], $2::uuid[], $3::date[],
                     $4::numeric[], $5::numeric[], $6::text[], $7::text[], $8::uuid[],
                     $9::timestamptz[])
                     AS u(id, account_id, ordered_on, amount, margin, description, status,
                          logged_by, created_at)",
            )
            .bind(o.id)
            .bind(o.account_id)
            .bind(o.ordered_on)
            .bind(o.amount)
            .bind(o.margin)
            .bind(o.description)
            .bind(o.status)
            .bind(o.logged_by)
            .bind(o.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting orders")?;
        }

        let f = std::mem::take(&mut self.follow_ups);
        if !f.id.is_empty() {
            sqlx::query(
                "INSERT INTO follow_ups (id, account_id, title, notes, due_on, assignee_id, done,
                     done_at, contact_id, deal_id, order_id, created_by, created_at, updated_at)
                 SELECT *, u.created_at FROM UNNEST($1::uuid[], $2::uuid[], $3::text[], $4::text[],
                     $5::date[], $6::uuid[], $7::bool[], $8::timestamptz[], $9::uuid[], $10::uuid[],
                     $11::uuid[], $12::uuid[], $13::timestamptz[])
                     AS u(id, account_id, title, notes, due_on, assignee_id, done, done_at,
                          contact_id, deal_id, order_id, created_by, created_at)",
            )
            .bind(f.id)
            .bind(f.account_id)
            .bind(f.title)
            .bind(f.notes)
            .bind(f.due_on)
            .bind(f.assignee_id)
            .bind(f.done)
            .bind(f.done_at)
            .bind(f.contact_id)
            .bind(f.deal_id)
            .bind(f.order_id)
            .bind(f.created_by)
            .bind(f.created_at)
            .execute(&mut *conn)
            .await
            .context("inserting follow-ups")?;
        }

        let s = std::mem::take(&mut self.dossier);
        if !s.account_id.is_empty() {
            sqlx::query(
                "INSERT INTO dossier_sections (account_id, section, body, updated_by, updated_at)
                 SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::uuid[],
                     $5::timestamptz[])",
            )
            .bind(s.account_id)
            .bind(s.section)
            .bind(s.body)
            .bind(s.updated_by)
            .bind(s.updated_at)
            .execute(&mut *conn)
            .await
            .context("inserting dossier sections")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// The generator (phase two: rows per account)
// ---------------------------------------------------------------------------------------------

/// Who works on an account now and who did before a handover.
#[derive(Debug, Default)]
struct Team {
    owner: Option<Uuid>,
    assistant: Option<Uuid>,
    members: Vec<Uuid>,
    /// Until this date the previous owner's people logged orders and ran deals.
    handover: Option<NaiveDate>,
    previous_owner: Option<Uuid>,
    previous_assistant: Option<Uuid>,
}

impl Team {
    /// Everyone currently on the team, owner first.
    fn current(&self) -> Vec<Uuid> {
        self.owner
            .iter()
            .chain(self.assistant.iter())
            .chain(self.members.iter())
            .copied()
            .collect()
    }

    fn owner_on(&self, date: NaiveDate) -> Option<Uuid> {
        match self.handover {
            Some(handover) if date < handover => self.previous_owner,
            _ => self.owner,
        }
    }

    /// Who typed in an order of that date: mostly the assistant, sometimes the KAM.
    fn logger_on(&self, rng: &mut StdRng, date: NaiveDate) -> Option<Uuid> {
        let (owner, assistant) = match self.handover {
            Some(handover) if date < handover => (self.previous_owner, self.previous_assistant),
            _ if self.owner.is_some() => (self.owner, self.assistant),
            _ => (self.previous_owner, self.previous_assistant),
        };
        if rng.gen_bool(0.8) {
            assistant.or(owner)
        } else {
            owner.or(assistant)
        }
    }
}

/// How an account buys over the year; decides its XYZ class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rhythm {
    /// One order a month of nearly the same size (X).
    Steady,
    /// Two or three orders a month adding up to a fairly stable volume (Y).
    Regular,
    /// One order a month following the industry's season (Y or Z).
    Seasonal,
    /// A handful of orders a year at random (Z).
    Sporadic,
    /// A prospect's first small orders.
    Trial,
}

/// A contact before it becomes a row: interactions still move its last-contact date.
struct ContactDraft {
    id: Uuid,
    first_name: String,
    full_name: String,
    /// Latin local part of the e-mail address.
    email_name: String,
    level: u8,
    title: &'static str,
    department: &'static str,
    decision_role: &'static str,
    attitude: Option<&'static str>,
    last_contact_on: Option<NaiveDate>,
    /// A coverage gap on purpose: no interaction may refresh this contact.
    stale: bool,
    created_on: NaiveDate,
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
    competitors: Vec<(Uuid, &'static str)>,
    contacts: Vec<ContactDraft>,
    open_deals: Vec<(Uuid, NaiveDate)>,
    recent_orders: Vec<(Uuid, NaiveDate)>,
    /// When the account bought last (lost and silent accounts stop early).
    orders_end: Option<NaiveDate>,
    planned: Vec<usize>,
}

/// Produces all demo rows from a seed, without touching a database.
struct Generator {
    rng: StdRng,
    ids: IdGen,
    today: NaiveDate,
    users: [Uuid; 12],
    plans: Vec<Plan>,
    names_used: HashMap<String, u32>,
    russia: Vec<usize>,
    abroad_europe: Vec<usize>,
    other_continents: Vec<usize>,
}

impl Generator {
    /// Plans `accounts` accounts from `seed`; rows come from [`Generator::account`].
    fn new(seed: u64, today: NaiveDate, accounts: usize) -> Self {
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
            russia: by(|g| g.country == "Russia"),
            abroad_europe: by(|g| g.continent == "Europe" && g.country != "Russia"),
            other_continents: by(|g| g.continent != "Europe"),
        };
        generator.plan_accounts(accounts);
        generator
    }

    fn users(&self, password_hash: &str) -> UserRows {
        let created = at(days_before(self.today, 400), 7 * 3600);
        let mut rows = UserRows::default();
        for (user, id) in DEMO_USERS.iter().zip(self.users) {
            rows.id.push(id);
            rows.email.push(user.email);
            rows.name.push(user.name);
            rows.role.push(user.role);
            rows.language.push(user.language);
            rows.password_hash.push(password_hash.to_owned());
            rows.created_at.push(created);
        }
        rows
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

    // ---- phase one --------------------------------------------------------------------------

    fn plan_accounts(&mut self, n: usize) {
        let rng = &mut self.rng;
        let industry_weights: Vec<u32> = INDUSTRIES.iter().map(|i| i.weight).collect();
        for _ in 0..n {
            let id = self.ids.next_id();
            let status = [
                Status::Active,
                Status::Prospect,
                Status::Lost,
                Status::Archived,
            ][pick_weighted(rng, &[70, 15, 10, 5])];
            let industry = pick_weighted(rng, &industry_weights);
            let origin = if rng.gen_bool(0.85) {
                Origin::Russia
            } else {
                Origin::Europe(rng.gen_range(0..CULTURES.len()))
            };
            let decentralized = rng.gen_bool(INDUSTRIES[industry].decentralized_share);
            let footprint = if decentralized {
                Footprint::Qualifying
            } else {
                [
                    Footprint::NoLocations,
                    Footprint::Third,
                    Footprint::Second,
                    Footprint::First,
                    Footprint::Premier,
                ][pick_weighted(rng, &[8, 42, 27, 15, 8])]
            };
            self.plans.push(Plan {
                id,
                status,
                industry,
                origin,
                footprint,
                decentralized,
                potential: 0.0,
                growth: 1.0,
                forecast: Forecast::Missing,
                importance: 0,
                owner: None,
                pin: Pin::None,
                created_on: self.today,
            });
        }
        self.ensure_every_league();

        let today = self.today;
        let rng = &mut self.rng;
        for plan in &mut self.plans {
            // Log-normal with a clamped tail: a few clients are worth tens of times the median,
            // but no single outlier flattens everybody else's relative potential to zero.
            let z = normal(rng).clamp(-2.5, 3.0);
            let mut potential = INDUSTRIES[plan.industry].median_potential
                * plan.footprint.potential_factor()
                * (1.1 * z).exp();
            if plan.status == Status::Prospect && rng.gen_bool(0.2) {
                // Someone else's breadwinner: big budget, nothing bought from us yet.
                potential *= 3.0;
            }
            plan.potential = round_to(potential, 1000.0).max(50_000.0);
            plan.growth = rng.gen_range(0.95..1.25);
            plan.forecast = match plan.status {
                Status::Active | Status::Prospect => {
                    [Forecast::Estimated, Forecast::Missing, Forecast::Zero]
                        [pick_weighted(rng, &[91, 6, 3])]
                }
                Status::Lost if rng.gen_bool(0.3) => Forecast::Estimated,
                Status::Lost | Status::Archived => Forecast::Missing,
            };
            // Skewed low; raised below for the biggest clients.
            plan.importance = i16::try_from(pick_weighted(rng, &IMPORTANCE_WEIGHTS)).unwrap_or(0);
            let age_days = match plan.status {
                Status::Active if rng.gen_bool(0.12) => rng.gen_range(90..600),
                Status::Active => rng.gen_range(760..2900),
                Status::Lost => rng.gen_range(1100..3300),
                Status::Prospect => rng.gen_range(10..300),
                Status::Archived => rng.gen_range(1100..3600),
            };
            plan.created_on = days_before(today, age_days);
        }

        // No client is worth more than POTENTIAL_CAP_MEDIANS times the median: the scoring
        // divides by the largest potential, and an unbounded tail (it grows with the number of
        // accounts) would push every other client's relative potential towards zero.
        let mut sorted: Vec<f64> = self.plans.iter().map(|p| p.potential).collect();
        sorted.sort_by(f64::total_cmp);
        if let Some(&median) = sorted.get(sorted.len() / 2) {
            let cap = round_to(median * POTENTIAL_CAP_MEDIANS, 1000.0);
            let top_fifth = sorted[sorted.len() * 4 / 5];
            let top_fifteenth = sorted[sorted.len() * 14 / 15];
            for plan in &mut self.plans {
                plan.potential = plan.potential.min(cap);
                // Big clients tend to matter more strategically.
                let bump = i16::from(plan.potential >= top_fifth)
                    + i16::from(plan.potential >= top_fifteenth);
                plan.importance = (plan.importance + bump).min(5);
            }
        }

        // The biggest active clients are the ones the director cares about.
        let mut by_potential: Vec<usize> = (0..n)
            .filter(|&i| self.plans[i].status == Status::Active)
            .collect();
        by_potential.sort_by(|&a, &b| {
            self.plans[b]
                .potential
                .total_cmp(&self.plans[a].potential)
                .then(a.cmp(&b))
        });
        for &i in by_potential.iter().take(3) {
            self.plans[i].importance = self.plans[i].importance.max(4);
            self.plans[i].forecast = Forecast::Estimated;
        }

        self.top_up_eligible();
        self.choose_pins();
        self.choose_owners();
    }

    /// Makes the 20% cap bite: a demo where every gold and silver client is key never shows
    /// the cut line or a "below the cut" client. Raises the importance of the bronze
    /// accounts closest to silver until gold plus silver exceed the cap by about an eighth.
    fn top_up_eligible(&mut self) {
        let scores = estimated_scores(&self.plans);
        let ranked = ranked_base(&self.plans, &scores);
        let cap = ranked.len() / 5;
        let target = cap + (cap / 8).max(3);
        let mut eligible = ranked.iter().filter(|&&i| scores[i] >= 30.0).count();
        let max_potential = self
            .plans
            .iter()
            .filter(|p| p.status.in_base())
            .map(Plan::scoring_potential)
            .fold(0.0, f64::max);
        for &i in ranked.iter().filter(|&&i| scores[i] < 30.0) {
            if eligible >= target || max_potential <= 0.0 {
                break;
            }
            let p = 100.0 * self.plans[i].scoring_potential() / max_potential;
            // Smallest importance that lifts the score to 30.5 (a margin over rounding).
            let needed = ((30.5 - 0.7 * p) / 6.0).ceil().max(0.0);
            if needed <= 5.0 {
                #[allow(clippy::cast_possible_truncation)]
                let needed = needed as i16;
                self.plans[i].importance = self.plans[i].importance.max(needed);
                eligible += 1;
            }
        }
    }

    /// Every league must show up among active accounts, whatever the dice said.
    fn ensure_every_league(&mut self) {
        let wanted = [
            Footprint::NoLocations,
            Footprint::Third,
            Footprint::Second,
            Footprint::First,
            Footprint::Premier,
            Footprint::Qualifying,
        ];
        for footprint in wanted {
            let present = self
                .plans
                .iter()
                .any(|p| p.status == Status::Active && p.footprint == footprint);
            if present {
                continue;
            }
            // Convert an active account of the most common kind; with too few accounts the
            // demo simply lacks a league.
            let count = |f: Footprint, plans: &[Plan]| {
                plans
                    .iter()
                    .filter(|p| p.status == Status::Active && p.footprint == f)
                    .count()
            };
            let donor_kind = wanted
                .iter()
                .copied()
                .filter(|&f| count(f, &self.plans) >= 2)
                .max_by_key(|&f| count(f, &self.plans));
            let Some(donor_kind) = donor_kind else {
                continue;
            };
            if let Some(plan) = self
                .plans
                .iter_mut()
                .find(|p| p.status == Status::Active && p.footprint == donor_kind)
            {
                plan.footprint = footprint;
                plan.decentralized = footprint == Footprint::Qualifying;
            }
        }
    }

    /// A couple of director pins: key ones on clearly gold accounts, not-key ones on accounts
    /// the score would otherwise propose.
    fn choose_pins(&mut self) {
        let scores = estimated_scores(&self.plans);
        let ranked = ranked_base(&self.plans, &scores);
        if ranked.len() < 20 {
            return;
        }
        let key_pins = (ranked.len() / 150).max(2);
        let chosen: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| self.plans[i].status == Status::Active && scores[i] >= 65.0)
            .take(key_pins)
            .collect();
        for i in chosen {
            let director = self.rng.gen_range(0..DIRECTORS.len());
            self.plans[i].pin = Pin::Key(director);
        }
        let mut candidates: Vec<usize> = ranked
            .iter()
            .copied()
            .filter(|&i| self.plans[i].pin == Pin::None && (30.0..60.0).contains(&scores[i]))
            .collect();
        candidates.shuffle(&mut self.rng);
        for &i in candidates.iter().take((ranked.len() / 250).max(1)) {
            let director = self.rng.gen_range(0..DIRECTORS.len());
            self.plans[i].pin = Pin::NotKey(director);
        }
    }

    /// One owning KAM per non-archived account, except about 2% left unowned on purpose, half
    /// of them among the likely key clients so that the "unowned key client" alarm fires.
    fn choose_owners(&mut self) {
        let n = self.plans.len();
        for i in 0..n {
            if self.plans[i].status != Status::Archived {
                self.plans[i].owner = Some(pick_weighted(&mut self.rng, &KAM_WEIGHTS));
            }
        }

        let likely_key = likely_key(&self.plans);

        let non_archived = self
            .plans
            .iter()
            .filter(|p| p.status != Status::Archived)
            .count();
        let unowned = (non_archived + 25) / 50;
        let mut in_key = vec![false; n];
        for &i in &likely_key {
            in_key[i] = true;
        }
        let mut from_key: Vec<usize> = likely_key
            .iter()
            .copied()
            .filter(|&i| self.plans[i].pin == Pin::None)
            .collect();
        from_key.shuffle(&mut self.rng);
        from_key.truncate(unowned.div_ceil(2));
        let mut others: Vec<usize> = (0..n)
            .filter(|&i| {
                self.plans[i].owner.is_some() && self.plans[i].pin == Pin::None && !in_key[i]
            })
            .collect();
        others.shuffle(&mut self.rng);
        others.truncate(unowned - from_key.len());
        for i in from_key.into_iter().chain(others) {
            self.plans[i].owner = None;
        }

        // kam1 is the demo's guided-tour KAM: give them a full key portfolio (at least eight
        // likely key accounts) by taking over from the busiest colleague.
        loop {
            let mut load = [0usize; KAMS];
            for &i in &likely_key {
                if let Some(kam) = self.plans[i].owner {
                    load[kam] += 1;
                }
            }
            if load[0] >= 8 {
                break;
            }
            let busiest = (1..KAMS)
                .max_by_key(|&k| (load[k], std::cmp::Reverse(k)))
                .unwrap_or(1);
            let Some(&i) = likely_key
                .iter()
                .find(|&&i| self.plans[i].owner == Some(busiest))
            else {
                break;
            };
            self.plans[i].owner = Some(0);
        }
    }

    // ---- phase two --------------------------------------------------------------------------

    /// Generates every row of account `index` into `rows`.
    fn account(&mut self, index: usize, rows: &mut Rows) {
        let plan = self.plans[index];
        let home = self.home_region(plan.origin);
        let (name, legal_name, domain) = self.company_name(plan, home);
        let website = if self.rng.gen_bool(0.9) {
            format!("https://www.{domain}")
        } else {
            String::new()
        };
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
        self.account_row(&ctx, legal_name, website, rows);
        self.locations(&mut ctx, rows);
        self.team(&mut ctx, rows);
        self.forecasts(&ctx, rows);
        self.competitors(&mut ctx, rows);
        self.contacts(&mut ctx);
        self.orders(&mut ctx, rows);
        self.deals(&mut ctx, rows);
        self.interactions(&mut ctx, rows);
        self.contact_rows(&ctx, rows);
        self.follow_ups(&ctx, rows);
        self.dossier(&ctx, rows);
    }

    fn home_region(&mut self, origin: Origin) -> usize {
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
    fn company_name(&mut self, plan: Plan, home: usize) -> (String, String, String) {
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

    fn account_row(
        &mut self,
        ctx: &AccountContext,
        legal_name: String,
        website: String,
        rows: &mut Rows,
    ) {
        let plan = ctx.plan;
        let rng = &mut self.rng;
        let a = &mut rows.accounts;
        let industry = &INDUSTRIES[plan.industry];
        a.id.push(plan.id);
        a.name.push(ctx.name.clone());
        a.legal_name.push(legal_name);
        a.industry.push(industry.label);
        a.website.push(website);
        let headcount = industry.median_headcount
            * plan.footprint.potential_factor()
            * (0.8 * normal(rng)).exp();
        #[allow(clippy::cast_possible_truncation)]
        a.headcount.push(
            rng.gen_bool(0.93)
                .then(|| round_to(headcount, 10.0).max(10.0) as i32),
        );
        a.status.push(plan.status.as_str());
        a.importance.push(plan.importance);
        a.importance_rationale.push(match plan.importance {
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
        });
        a.decision_making.push(if plan.decentralized {
            "decentralized"
        } else {
            "centralized"
        });
        a.planned_decision_making
            .push((plan.decentralized && rng.gen_bool(0.3)).then_some("centralized"));
        let (pin, reason, director) = match plan.pin {
            Pin::None => ("none", None, None),
            Pin::Key(d) => (
                "key",
                Some(pick(
                    rng,
                    &[
                        "Flagship client of the region; the board agreed to grow together.",
                        "Strategic partner for the new product line launch.",
                        "Reference client for the whole industry; keep key regardless of this year's score.",
                    ],
                )),
                Some(d),
            ),
            Pin::NotKey(d) => (
                "not_key",
                Some(pick(
                    rng,
                    &[
                        "Being acquired by a competitor's group; no new investment until the deal closes.",
                        "Buys only through a distributor; the distributor is our key client.",
                        "Payment delays above 90 days; finance has frozen the credit limit.",
                    ],
                )),
                Some(d),
            ),
        };
        a.pin.push(pin);
        a.pin_reason.push(reason);
        a.pinned_by.push(director.map(|d| self.users[DIRECTORS[d]]));
        let pinned_on = days_before(self.today, rng.gen_range(10..200));
        a.pinned_at
            .push(director.map(|_| work_time(rng, pinned_on)));
        // Judgement labels on a few accounts, mostly the important ones.
        a.is_image_maker
            .push(rng.gen_bool(if plan.importance >= 4 { 0.12 } else { 0.01 }));
        a.is_expert
            .push(rng.gen_bool(if plan.importance >= 3 { 0.07 } else { 0.015 }));
        let creator = match plan.owner {
            Some(kam) if rng.gen_bool(0.7) => self.users[FIRST_KAM + kam],
            _ => self.users[pick(rng, &DIRECTORS)],
        };
        a.created_by.push(Some(creator));
        a.created_at.push(work_time(rng, plan.created_on));
    }

    fn push_location(
        &mut self,
        ctx: &AccountContext,
        geo_index: usize,
        city: &'static str,
        planned: Option<NaiveDate>,
        note: &'static str,
        rows: &mut Rows,
    ) {
        let geo = &GEO[geo_index];
        let l = &mut rows.locations;
        l.id.push(self.ids.next_id());
        l.account_id.push(ctx.plan.id);
        l.continent.push(geo.continent);
        l.country.push(geo.country);
        l.region.push(geo.region);
        l.city.push(city);
        l.kind.push(if planned.is_some() {
            "planned"
        } else {
            "current"
        });
        l.planned_on.push(planned);
        l.we_are_present.push(geo.present);
        l.note.push(note);
        let created = days_after(ctx.plan.created_on, self.rng.gen_range(0..60))
            .min(days_before(self.today, 1));
        l.created_at.push(work_time(&mut self.rng, created));
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

    fn locations(&mut self, ctx: &mut AccountContext, rows: &mut Rows) {
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
                self.push_location(ctx, home, home_city, None, note, rows);
                if GEO[home].cities.len() > 1 && self.rng.gen_bool(0.3) {
                    let city =
                        GEO[home].cities[1..][self.rng.gen_range(0..GEO[home].cities.len() - 1)];
                    if city != home_city {
                        ctx.cities.push(city);
                        self.push_location(ctx, home, city, None, "Distribution centre", rows);
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
                    self.push_location(ctx, g, city, None, note_for(ctx.plan.industry), rows);
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
                        self.push_location(ctx, g, city, None, note_for(ctx.plan.industry), rows);
                        regions.push(g);
                    }
                }
                let mut pool = self.abroad_europe.clone();
                pool.extend(self.russia.iter().copied());
                let count = self.rng.gen_range(1..=3);
                for g in self.other_countries(&pool, &[GEO[home].country], count) {
                    let city = pick(&mut self.rng, GEO[g].cities);
                    ctx.cities.push(city);
                    self.push_location(ctx, g, city, None, "Subsidiary", rows);
                    regions.push(g);
                }
                if footprint == Footprint::Premier {
                    let pool = self.other_continents.clone();
                    let count = self.rng.gen_range(1..=3);
                    for g in self.other_countries(&pool, &[], count) {
                        let city = pick(&mut self.rng, GEO[g].cities);
                        ctx.cities.push(city);
                        self.push_location(ctx, g, city, None, "Subsidiary", rows);
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
                    self.push_location(ctx, g, city, None, "Outlet (buys on its own)", rows);
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
            self.push_location(ctx, g, city, Some(planned_on), note, rows);
            ctx.planned.push(g);
        }
    }

    fn push_team(
        &mut self,
        account: Uuid,
        user: Uuid,
        role: &'static str,
        function: &'static str,
        (started, ended): (NaiveDate, Option<NaiveDate>),
        rows: &mut Rows,
    ) {
        let t = &mut rows.team;
        t.id.push(self.ids.next_id());
        t.account_id.push(account);
        t.user_id.push(user);
        t.team_role.push(role);
        t.function.push(function);
        t.started_on.push(started);
        t.ended_on.push(ended);
        t.created_at.push(work_time(&mut self.rng, started));
    }

    fn team(&mut self, ctx: &mut AccountContext, rows: &mut Rows) {
        let plan = ctx.plan;
        let yesterday = days_before(self.today, 1);
        let start = days_after(plan.created_on, self.rng.gen_range(0..30)).min(yesterday);
        let account = plan.id;
        let mut team = Team::default();

        match plan.owner {
            Some(kam) => {
                // About one account in seven changed hands during the last year and a half.
                let age = (self.today - plan.created_on).num_days();
                let handed_over = age > 200 && self.rng.gen_bool(0.15);
                let mut owner_start = start;
                if handed_over {
                    let previous = (kam + self.rng.gen_range(1..KAMS)) % KAMS;
                    let handover = days_before(self.today, self.rng.gen_range(90..age.min(540)));
                    let handover = handover.max(days_after(start, 1));
                    self.push_team(
                        account,
                        self.kam(previous),
                        "owner",
                        "",
                        (start, Some(handover)),
                        rows,
                    );
                    let previous_assistant = self.assistant_of(previous);
                    if previous_assistant != self.assistant_of(kam) {
                        self.push_team(
                            account,
                            previous_assistant,
                            "assistant",
                            "",
                            (start, Some(handover)),
                            rows,
                        );
                    }
                    team.handover = Some(handover);
                    team.previous_owner = Some(self.kam(previous));
                    team.previous_assistant = Some(previous_assistant);
                    owner_start = handover;
                }
                self.push_team(
                    account,
                    self.kam(kam),
                    "owner",
                    "",
                    (owner_start, None),
                    rows,
                );
                let assistant = self.assistant_of(kam);
                let assistant_start = if team.previous_assistant == Some(assistant) {
                    start
                } else {
                    owner_start
                };
                self.push_team(
                    account,
                    assistant,
                    "assistant",
                    "",
                    (assistant_start, None),
                    rows,
                );
                team.owner = Some(self.kam(kam));
                team.assistant = Some(assistant);
            }
            None if plan.status == Status::Archived || self.rng.gen_bool(0.5) => {
                // Archived accounts keep their history; half of the unowned ones lost their
                // KAM recently and nobody took over.
                let previous = self.rng.gen_range(0..KAMS);
                let ended = if plan.status == Status::Archived {
                    days_before(self.today, self.rng.gen_range(200..1000))
                } else {
                    days_before(self.today, self.rng.gen_range(20..180))
                };
                let ended = ended.max(start);
                self.push_team(
                    account,
                    self.kam(previous),
                    "owner",
                    "",
                    (start, Some(ended)),
                    rows,
                );
                self.push_team(
                    account,
                    self.assistant_of(previous),
                    "assistant",
                    "",
                    (start, Some(ended)),
                    rows,
                );
                team.handover = Some(ended);
                team.previous_owner = Some(self.kam(previous));
                team.previous_assistant = Some(self.assistant_of(previous));
            }
            None => {}
        }

        // Cross-functional members: colleagues from other teams or the directors lending a hand.
        if plan.status != Status::Archived && plan.owner.is_some() && self.rng.gen_bool(0.15) {
            let count = self.rng.gen_range(1..=2);
            for _ in 0..count {
                let taken = team.current();
                let pool: Vec<Uuid> = self.users[1..]
                    .iter()
                    .copied()
                    .filter(|u| !taken.contains(u))
                    .collect();
                let user = pick(&mut self.rng, &pool);
                let function = pick(&mut self.rng, &MEMBER_FUNCTIONS);
                let member_start = days_after(start, self.rng.gen_range(0..200)).min(yesterday);
                if self.rng.gen_bool(0.2) {
                    let ended =
                        days_after(member_start, self.rng.gen_range(30..300)).min(yesterday);
                    self.push_team(
                        account,
                        user,
                        "member",
                        function,
                        (member_start, Some(ended)),
                        rows,
                    );
                } else {
                    self.push_team(
                        account,
                        user,
                        "member",
                        function,
                        (member_start, None),
                        rows,
                    );
                    team.members.push(user);
                }
            }
        }
        ctx.team = team;
    }

    fn forecasts(&mut self, ctx: &AccountContext, rows: &mut Rows) {
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
        let f = &mut rows.forecasts;
        let mut revenue = plan.potential;
        for year in 0..3 {
            let value = if plan.forecast == Forecast::Zero {
                0.0
            } else {
                round_to(revenue, 1000.0)
            };
            f.account_id.push(plan.id);
            f.year.push(self.today.year() + year);
            f.revenue.push(rub(value));
            f.margin.push(rub(round_to(value * margin_rate, 1000.0)));
            f.basis.push(basis.clone());
            f.updated_by.push(by);
            f.updated_at.push(updated_at);
            revenue *= plan.growth;
        }
    }

    fn competitors(&mut self, ctx: &mut AccountContext, rows: &mut Rows) {
        let count = match ctx.plan.status {
            Status::Archived => 0,
            _ => pick_weighted(&mut self.rng, &[25, 35, 25, 15]),
        };
        let mut names: Vec<usize> = (0..COMPETITORS.len()).collect();
        names.shuffle(&mut self.rng);
        for &k in names.iter().take(count) {
            let id = self.ids.next_id();
            let (name, offering) = COMPETITORS[k];
            let c = &mut rows.competitors;
            c.id.push(id);
            c.account_id.push(ctx.plan.id);
            c.name.push(name);
            c.offering.push(offering);
            c.our_position.push(pick(&mut self.rng, &OUR_POSITIONS));
            let created = days_after(ctx.plan.created_on, self.rng.gen_range(0..200))
                .min(days_before(self.today, 1));
            c.created_at.push(work_time(&mut self.rng, created));
            ctx.competitors.push((id, name));
        }
    }

    /// A person's (first name, full name) in the account's script.
    fn person(&mut self, plan: Plan, cyrillic: bool) -> (String, String, String) {
        let rng = &mut self.rng;
        match plan.origin {
            Origin::Russia => {
                let female = rng.gen_bool(0.45);
                let (first_lat, first_cyr) = if female {
                    pick(rng, &RU_FEMALE)
                } else {
                    pick(rng, &RU_MALE)
                };
                let (last_lat, last_cyr) = pick(rng, &RU_SURNAMES);
                let ending = if female { "a" } else { "" };
                let cyr_ending = if female { "а" } else { "" };
                let email = format!(
                    "{}.{}{}",
                    ascii_slug(first_lat, ""),
                    ascii_slug(last_lat, ""),
                    ending
                );
                if cyrillic {
                    (
                        first_cyr.to_owned(),
                        format!("{first_cyr} {last_cyr}{cyr_ending}"),
                        email,
                    )
                } else {
                    (
                        first_lat.to_owned(),
                        format!("{first_lat} {last_lat}{ending}"),
                        email,
                    )
                }
            }
            Origin::Europe(culture) => {
                let culture = &CULTURES[culture];
                let first = pick(rng, culture.first_names);
                let last = pick(rng, culture.surnames);
                (
                    first.to_owned(),
                    format!("{first} {last}"),
                    format!("{}.{}", ascii_slug(first, ""), ascii_slug(last, "")),
                )
            }
        }
    }

    fn contacts(&mut self, ctx: &mut AccountContext) {
        let plan = ctx.plan;
        let count = match plan.status {
            Status::Active => self.rng.gen_range(2..=8),
            Status::Prospect => self.rng.gen_range(1..=4),
            Status::Lost => self.rng.gen_range(1..=3),
            Status::Archived => self.rng.gen_range(0..=2),
        };
        let cyrillic = ctx
            .name
            .chars()
            .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        let mut middle: Vec<Position> = MIDDLE_POSITIONS.to_vec();
        middle.shuffle(&mut self.rng);
        let mut junior: Vec<Position> = JUNIOR_POSITIONS.to_vec();
        junior.shuffle(&mut self.rng);
        for k in 0..count {
            // The first contact is the top of the chart; then about half are middle managers
            // and the rest report to them.
            let level: u8 = if k == 0 {
                0
            } else if k <= count / 2 {
                1
            } else {
                2
            };
            let (title, department, role) = match level {
                0 => pick(&mut self.rng, &TOP_POSITIONS),
                1 => middle.pop().unwrap_or(MIDDLE_POSITIONS[0]),
                _ => junior.pop().unwrap_or(JUNIOR_POSITIONS[0]),
            };
            let attitude = [Some("supporter"), Some("neutral"), Some("opponent"), None]
                [pick_weighted(&mut self.rng, &[35, 40, 15, 10])];
            let role = match attitude {
                Some("supporter") if level > 0 && self.rng.gen_bool(0.2) => "champion",
                Some("opponent") if level > 0 && self.rng.gen_bool(0.4) => "blocker",
                _ => role,
            };
            let stale = plan.status == Status::Active && self.rng.gen_bool(0.12);
            let last_contact_on = match plan.status {
                _ if self.rng.gen_bool(0.05) => None,
                Status::Active if stale => {
                    Some(days_before(self.today, self.rng.gen_range(120..400)))
                }
                Status::Active => Some(days_before(self.today, self.rng.gen_range(1..90))),
                Status::Prospect => Some(days_before(self.today, self.rng.gen_range(1..60))),
                Status::Lost => Some(days_before(self.today, self.rng.gen_range(200..500))),
                Status::Archived => None,
            };
            let (first_name, full_name, email_name) = self.person(plan, cyrillic);
            let created_on = days_after(plan.created_on, self.rng.gen_range(0..120))
                .min(days_before(self.today, 1));
            let last_contact_on = last_contact_on.map(|d| d.max(created_on));
            ctx.contacts.push(ContactDraft {
                id: self.ids.next_id(),
                first_name,
                full_name,
                email_name,
                level,
                title,
                department,
                decision_role: role,
                attitude,
                last_contact_on,
                stale,
                created_on,
            });
        }
    }

    /// Turns contact drafts into rows once interactions have settled their last-contact dates.
    fn contact_rows(&mut self, ctx: &AccountContext, rows: &mut Rows) {
        let plan = ctx.plan;
        let phone_code = match plan.origin {
            Origin::Russia => "+7",
            Origin::Europe(c) => CULTURES[c].phone,
        };
        let team = ctx.team.current();
        for (k, draft) in ctx.contacts.iter().enumerate() {
            let rng = &mut self.rng;
            // Bosses come before their reports, so the chain can never loop.
            let reports_to = match draft.level {
                0 => None,
                1 => Some(ctx.contacts[0].id),
                _ => {
                    let bosses: Vec<Uuid> = ctx.contacts[..k]
                        .iter()
                        .filter(|c| c.level == 1)
                        .map(|c| c.id)
                        .collect();
                    if bosses.is_empty() {
                        Some(ctx.contacts[0].id)
                    } else {
                        Some(pick(rng, &bosses))
                    }
                }
            };
            let influence = match draft.level {
                0 => "high",
                1 => ["high", "medium", "low"][pick_weighted(rng, &[40, 50, 10])],
                _ => ["medium", "low"][pick_weighted(rng, &[30, 70])],
            };
            // Coverage gaps on purpose: some decision makers nobody on our team talks to.
            let covered_by = if team.is_empty()
                || (draft.decision_role == "decision_maker" && rng.gen_bool(0.15))
            {
                None
            } else if draft.level == 2 && ctx.team.assistant.is_some() && rng.gen_bool(0.5) {
                ctx.team.assistant
            } else if rng.gen_bool(0.85) {
                ctx.team.owner.or(Some(team[0]))
            } else {
                Some(pick(rng, &team))
            };
            let (motivations, measures) = motivation_for(draft.department);
            let c = &mut rows.contacts;
            c.id.push(draft.id);
            c.account_id.push(plan.id);
            c.full_name.push(draft.full_name.clone());
            c.title.push(draft.title);
            c.department.push(draft.department);
            c.email.push(if rng.gen_bool(0.85) {
                format!("{}@{}", draft.email_name, ctx.domain)
            } else {
                String::new()
            });
            c.phone.push(format!(
                "{phone_code} {} {:03}-{:02}-{:02}",
                rng.gen_range(900..1000),
                rng.gen_range(0..1000),
                rng.gen_range(0..100),
                rng.gen_range(0..100)
            ));
            c.reports_to.push(reports_to);
            c.decision_role.push(draft.decision_role);
            c.influence.push(influence);
            c.attitude.push(draft.attitude);
            c.covered_by.push(covered_by);
            c.motivation.push(pick(rng, motivations));
            c.measured_on.push(pick(rng, measures));
            c.last_contact_on.push(draft.last_contact_on);
            c.active
                .push(plan.status != Status::Archived && rng.gen_bool(0.96));
            c.created_at.push(work_time(rng, draft.created_on));

            // How the attitude got where it is: one to three earlier readings for some.
            if let Some(current) = draft.attitude
                && rng.gen_bool(0.25)
            {
                let changes = rng.gen_range(1..=3);
                let span = (days_before(self.today, 1) - draft.created_on)
                    .num_days()
                    .max(1);
                let mut offsets: Vec<i64> = (0..changes).map(|_| rng.gen_range(0..span)).collect();
                offsets.sort_unstable();
                for (step, offset) in offsets.iter().enumerate() {
                    let attitude = if step + 1 == changes {
                        current
                    } else {
                        pick(rng, &["supporter", "neutral", "opponent"])
                    };
                    let notes: Vec<&str> = ATTITUDE_NOTES
                        .iter()
                        .filter(|(a, _)| *a == attitude)
                        .map(|(_, n)| *n)
                        .collect();
                    let note = pick(rng, &notes);
                    let changed_by = if team.is_empty() {
                        None
                    } else {
                        Some(pick(rng, &team))
                    };
                    let when = work_time(rng, days_after(draft.created_on, *offset));
                    let h = &mut rows.attitudes;
                    h.id.push(self.ids.next_id());
                    h.contact_id.push(draft.id);
                    h.attitude.push(attitude);
                    h.note.push(note);
                    h.changed_by.push(changed_by);
                    h.changed_at.push(when);
                }
            }
        }
    }

    /// Two years of orders with a rhythm per account; lost accounts stop 7-14 months ago and
    /// some active ones go quiet for 70-150 days so churn warnings have something to show.
    fn orders(&mut self, ctx: &mut AccountContext, rows: &mut Rows) {
        let plan = ctx.plan;
        let today = self.today;
        let yesterday = days_before(today, 1);
        let window_start = days_before(today, 730).max(days_after(plan.created_on, 14));
        let (from, to, trial) = match plan.status {
            Status::Active if self.rng.gen_bool(0.08) => (
                window_start,
                days_before(today, self.rng.gen_range(70..=150)),
                false,
            ),
            Status::Active => (window_start, yesterday, false),
            Status::Lost => {
                let stopped = months_before(today, self.rng.gen_range(7..=14));
                (
                    window_start,
                    days_before(stopped, self.rng.gen_range(0..28)),
                    false,
                )
            }
            Status::Prospect if self.rng.gen_bool(0.1) => (
                days_before(today, 180).max(plan.created_on),
                yesterday,
                true,
            ),
            Status::Prospect | Status::Archived => return,
        };
        if from >= to {
            return;
        }
        let industry = &INDUSTRIES[plan.industry];
        // Share of the client's potential we actually get today.
        let annual =
            plan.potential * self.rng.gen_range(0.1..0.8) * (0.5 * normal(&mut self.rng)).exp();
        let rhythm = if trial {
            Rhythm::Trial
        } else {
            [
                Rhythm::Steady,
                Rhythm::Regular,
                Rhythm::Seasonal,
                Rhythm::Sporadic,
            ][pick_weighted(&mut self.rng, &[30, 20, 25, 25])]
        };
        let sporadic_rate: f64 = self.rng.gen_range(4.0..10.0);
        let margin_base = self.rng.gen_range(0.12..0.28);
        let cities = ctx.cities.clone();
        let mut month = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
        let mut last = None;
        let mut amounts: Vec<f64> = Vec::with_capacity(4);
        while month <= to {
            let days_in_month = month
                .checked_add_months(Months::new(1))
                .map_or(28, |next| (next - month).num_days());
            // The month's volume first, then its split into orders: that is what makes a
            // steady buyer steady in the XYZ sense.
            let monthly = annual / 12.0;
            amounts.clear();
            match rhythm {
                Rhythm::Steady => {
                    let volume = monthly * (0.06 * normal(&mut self.rng)).exp();
                    if self.rng.gen_bool(0.05) {
                        amounts.extend([volume * 0.6, volume * 0.4]);
                    } else {
                        amounts.push(volume);
                    }
                }
                Rhythm::Regular => {
                    let volume = monthly * (0.12 * normal(&mut self.rng)).exp();
                    let parts = self.rng.gen_range(2..=3);
                    let weights: Vec<f64> =
                        (0..parts).map(|_| self.rng.gen_range(0.5..1.5)).collect();
                    let total: f64 = weights.iter().sum();
                    amounts.extend(weights.iter().map(|w| volume * w / total));
                }
                Rhythm::Seasonal => {
                    let season = industry.season[month.month0() as usize];
                    amounts.push(monthly * season * (0.15 * normal(&mut self.rng)).exp());
                }
                Rhythm::Sporadic => {
                    for _ in 0..2 {
                        if self.rng.gen_bool((sporadic_rate / 24.0).min(1.0)) {
                            amounts
                                .push(annual / sporadic_rate * (0.6 * normal(&mut self.rng)).exp());
                        }
                    }
                }
                Rhythm::Trial => {
                    if self.rng.gen_bool(0.3) {
                        amounts.push(monthly * 0.3 * (0.3 * normal(&mut self.rng)).exp());
                    }
                }
            }
            for &volume in &amounts {
                let date = days_after(month, self.rng.gen_range(0..days_in_month));
                if date < from || date > to {
                    continue;
                }
                let mut amount = volume;
                if plan.status == Status::Lost && (to - date).num_days() < 120 {
                    // The decline before they left.
                    amount *= 0.5;
                }
                let amount = round_to(amount, 10.0).max(1000.0);
                let margin = round_to(
                    amount * (margin_base + 0.02 * normal(&mut self.rng)).clamp(0.10, 0.30),
                    0.01,
                );
                let age = (today - date).num_days();
                let status = match age {
                    ..=2 => ["placed", "confirmed"][pick_weighted(&mut self.rng, &[60, 40])],
                    3..=7 => ["confirmed", "shipped"][pick_weighted(&mut self.rng, &[50, 50])],
                    8..=20 => ["shipped", "delivered"][pick_weighted(&mut self.rng, &[40, 60])],
                    _ if self.rng.gen_bool(0.015) => "cancelled",
                    _ => "delivered",
                };
                let product = pick(&mut self.rng, industry.products);
                let city = pick(&mut self.rng, &cities);
                let id = self.ids.next_id();
                let logger = ctx.team.logger_on(&mut self.rng, date);
                let o = &mut rows.orders;
                o.id.push(id);
                o.account_id.push(plan.id);
                o.ordered_on.push(date);
                o.amount.push(rub(amount));
                o.margin.push(rub(margin));
                o.description.push(format!("{product}, {city}"));
                o.status.push(status);
                o.logged_by.push(logger);
                o.created_at.push(work_time(&mut self.rng, date));
                if age <= 30 {
                    ctx.recent_orders.push((id, date));
                }
                last = Some(last.map_or(date, |l: NaiveDate| l.max(date)));
            }
            month = month
                .checked_add_months(Months::new(1))
                .unwrap_or(days_after(to, 1));
        }
        ctx.orders_end = last;
    }

    fn deals(&mut self, ctx: &mut AccountContext, rows: &mut Rows) {
        let plan = ctx.plan;
        let today = self.today;
        let yesterday = days_before(today, 1);
        let (closed, open) = match plan.status {
            Status::Active => (
                self.rng.gen_range(0..=3),
                pick_weighted(&mut self.rng, &[45, 40, 15]),
            ),
            Status::Prospect => (
                pick_weighted(&mut self.rng, &[70, 30]),
                usize::from(self.rng.gen_bool(0.8)),
            ),
            Status::Lost => (self.rng.gen_range(1..=2), 0),
            Status::Archived => (usize::from(self.rng.gen_bool(0.3)), 0),
        };
        let industry = &INDUSTRIES[plan.industry];
        let year = today.year();
        let region = GEO[ctx.home].region;
        // Lost accounts close their last deal (lost) around the time they stopped buying.
        let lost_at = ctx.orders_end.map(|end| days_after(end, 20).min(yesterday));
        for k in 0..closed + open {
            let is_open = k >= closed;
            let tender = self.rng.gen_bool(0.25);
            let product = pick(&mut self.rng, industry.products);
            let title = if tender {
                match self.rng.gen_range(0..3) {
                    0 => format!(
                        "Tender: annual supply of {} {}",
                        product.to_lowercase(),
                        year + i32::from(is_open)
                    ),
                    1 => format!(
                        "Tender for the {} site: {}",
                        pick(&mut self.rng, &ctx.cities),
                        product.to_lowercase()
                    ),
                    _ => format!("Framework tender {region}: {}", product.to_lowercase()),
                }
            } else {
                match self.rng.gen_range(0..5) {
                    0 => format!("Framework agreement {}", year + i32::from(is_open)),
                    1 => format!("Pilot: {}", product.to_lowercase()),
                    2 => format!("Expansion to new sites: {}", product.to_lowercase()),
                    3 => format!("Annual volume agreement: {}", product.to_lowercase()),
                    _ => format!("Price list renewal: {}", product.to_lowercase()),
                }
            };
            let amount = round_to(plan.potential * self.rng.gen_range(0.05..0.6), 1000.0);
            let (opened, due, closed_on, stage, outcome) = if is_open {
                let opened = days_before(today, self.rng.gen_range(5..180)).max(plan.created_on);
                let due = days_after(opened, self.rng.gen_range(30..180));
                let stage = ["lead", "qualified", "proposal", "negotiation"]
                    [pick_weighted(&mut self.rng, &[25, 30, 30, 15])];
                (opened, Some(due), None, stage, "open")
            } else {
                let latest = match plan.status {
                    Status::Lost | Status::Archived => lost_at.unwrap_or(days_before(today, 250)),
                    _ => yesterday,
                };
                // A very young account has had little time for a whole deal.
                let room = (yesterday - plan.created_on).num_days().max(0);
                let duration = self.rng.gen_range(20..150).min(room);
                let closed_on = if plan.status == Status::Lost && k == 0 {
                    latest
                } else {
                    days_before(latest, self.rng.gen_range(0..500))
                }
                .max(days_after(plan.created_on, duration));
                let closed_on = closed_on.min(yesterday);
                let opened = days_before(closed_on, duration);
                let outcome = match plan.status {
                    Status::Lost if k == 0 => "lost",
                    Status::Lost | Status::Archived => {
                        ["lost", "cancelled"][pick_weighted(&mut self.rng, &[80, 20])]
                    }
                    _ => ["won", "lost", "cancelled"][pick_weighted(&mut self.rng, &[55, 35, 10])],
                };
                let due = tender.then(|| days_after(opened, duration.min(60)));
                (opened, due, Some(closed_on), "closed", outcome)
            };
            let reason = match outcome {
                "won" => pick(
                    &mut self.rng,
                    &[
                        "Best total cost of ownership over three years",
                        "Delivery reliability proven in the pilot",
                        "Technical support and training on site",
                        "Only bidder able to supply all regions",
                    ],
                ),
                "lost" => pick(
                    &mut self.rng,
                    &[
                        "Price above the winner",
                        "Competitor offered 90-day payment terms",
                        "Failed the technical qualification",
                        "New purchasing director brought his own supplier",
                        "Longer lead times than the winner",
                    ],
                ),
                "cancelled" => pick(
                    &mut self.rng,
                    &[
                        "Client postponed the project",
                        "Budget frozen",
                        "Tender annulled by the client",
                    ],
                ),
                _ => "",
            };
            let (winner_id, winner, gap) = if outcome == "lost" {
                let (id, name) = if !ctx.competitors.is_empty() && self.rng.gen_bool(0.8) {
                    let (id, name) = pick(&mut self.rng, &ctx.competitors);
                    (Some(id), name)
                } else {
                    (None, pick(&mut self.rng, &COMPETITORS).0)
                };
                let gap = (6.0 + 5.0 * normal(&mut self.rng)).clamp(-5.0, 25.0);
                (id, name, Some(rub(gap)))
            } else {
                (None, "", None)
            };
            let id = self.ids.next_id();
            let created_at = work_time(&mut self.rng, opened);
            let updated_at = closed_on.map_or(created_at, |c| work_time(&mut self.rng, c));
            let owner = ctx.team.owner_on(closed_on.unwrap_or(yesterday));
            let d = &mut rows.deals;
            d.id.push(id);
            d.account_id.push(plan.id);
            d.kind.push(if tender { "tender" } else { "deal" });
            d.title.push(title);
            d.stage.push(stage);
            d.outcome.push(outcome);
            d.amount.push(
                (stage != "lead" || self.rng.gen_bool(0.5)).then(|| rub(amount.max(10_000.0))),
            );
            d.opened_on.push(opened);
            d.due_on.push(due);
            d.closed_on.push(closed_on);
            d.outcome_reason.push(reason);
            d.winning_competitor_id.push(winner_id);
            d.winning_competitor.push(winner);
            d.price_gap_pct.push(gap);
            d.owner_id.push(owner);
            d.created_at.push(created_at);
            d.updated_at.push(updated_at);
            if is_open {
                ctx.open_deals.push((id, opened));
            }
        }
    }

    fn interactions(&mut self, ctx: &mut AccountContext, rows: &mut Rows) {
        let plan = ctx.plan;
        let today = self.today;
        let (count, from, to) = match plan.status {
            Status::Active => (
                self.rng.gen_range(2..=12),
                days_before(today, 365),
                days_before(today, 1),
            ),
            Status::Prospect => (
                self.rng.gen_range(1..=5),
                days_before(today, 180),
                days_before(today, 1),
            ),
            Status::Lost => {
                let end = ctx.orders_end.unwrap_or(days_before(today, 300));
                (self.rng.gen_range(0..=3), days_before(end, 300), end)
            }
            Status::Archived => return,
        };
        let from = from.max(plan.created_on);
        if from >= to || ctx.contacts.is_empty() {
            return;
        }
        let span = (to - from).num_days();
        for _ in 0..count {
            let kind = ["call", "email", "meeting", "visit", "other"]
                [pick_weighted(&mut self.rng, &[40, 25, 20, 10, 5])];
            // Recent weeks are busier than last year.
            let back = (self.rng.gen_range(0.0..1.0_f64).powi(2) * span as f64) as i64;
            let date = days_before(to, back);
            let reachable: Vec<usize> = (0..ctx.contacts.len())
                .filter(|&c| !ctx.contacts[c].stale && ctx.contacts[c].created_on <= date)
                .collect();
            let contact = if reachable.is_empty() || self.rng.gen_bool(0.1) {
                None
            } else {
                Some(pick(&mut self.rng, &reachable))
            };
            let user = match kind {
                "call" | "email" if ctx.team.assistant.is_some() && self.rng.gen_bool(0.35) => {
                    ctx.team.assistant
                }
                "meeting" if self.rng.gen_bool(0.1) => Some(self.director()),
                _ => ctx.team.owner_on(date),
            };
            let summary = match kind {
                "call" => pick(
                    &mut self.rng,
                    &[
                        "Discussed next quarter's volumes and the new price list.",
                        "Called about the delayed shipment; agreed a new delivery date.",
                        "Checked satisfaction after the first deliveries.",
                    ],
                ),
                "email" => pick(
                    &mut self.rng,
                    &[
                        "Sent the revised commercial proposal.",
                        "Shared certificates and test reports requested by quality.",
                        "Confirmed the annual price agreement terms.",
                    ],
                ),
                "meeting" => pick(
                    &mut self.rng,
                    &[
                        "Quarterly business review with purchasing and finance.",
                        "Negotiated payment terms: they ask for 60 days.",
                        "Presented our service model to the new commercial director.",
                    ],
                ),
                "visit" => pick(
                    &mut self.rng,
                    &[
                        "Site visit to the warehouse; checked storage conditions.",
                        "Plant tour with the chief engineer; spotted two new needs.",
                    ],
                ),
                _ => pick(
                    &mut self.rng,
                    &[
                        "Met at the industry exhibition.",
                        "Joint training session for their buyers.",
                    ],
                ),
            };
            let occurred = work_time(&mut self.rng, date);
            let i = &mut rows.interactions;
            i.id.push(self.ids.next_id());
            i.account_id.push(plan.id);
            i.contact_id.push(contact.map(|c| ctx.contacts[c].id));
            i.user_id.push(user);
            i.kind.push(kind);
            i.occurred_at.push(occurred);
            i.summary.push(summary);
            if let Some(c) = contact {
                let draft = &mut ctx.contacts[c];
                draft.last_contact_on = Some(draft.last_contact_on.map_or(date, |d| d.max(date)));
            }
        }
    }

    fn follow_ups(&mut self, ctx: &AccountContext, rows: &mut Rows) {
        let plan = ctx.plan;
        let today = self.today;
        let yesterday = days_before(today, 1);
        let count = match plan.status {
            Status::Active => pick_weighted(&mut self.rng, &[15, 35, 30, 20]),
            Status::Prospect => self.rng.gen_range(1..=2),
            Status::Lost => usize::from(self.rng.gen_bool(0.4)),
            Status::Archived => 0,
        };
        let team = ctx.team.current();
        for k in 0..count {
            let due = days_after(today, self.rng.gen_range(-20..=30));
            let mut contact = None;
            let mut deal = None;
            let mut order = None;
            let title = if ctx.team.owner.is_none() && k == 0 {
                "Find an owner for this account".to_owned()
            } else if plan.status == Status::Lost {
                "Win-back call: present the new terms".to_owned()
            } else {
                let choice = self.rng.gen_range(0..6);
                if choice == 0 && !ctx.open_deals.is_empty() {
                    let (id, _) = pick(&mut self.rng, &ctx.open_deals);
                    deal = Some(id);
                    pick(
                        &mut self.rng,
                        &[
                            "Send the revised proposal",
                            "Prepare tender documents",
                            "Agree the final price with purchasing",
                        ],
                    )
                    .to_owned()
                } else if choice == 1 && !ctx.recent_orders.is_empty() {
                    let (id, date) = pick(&mut self.rng, &ctx.recent_orders);
                    order = Some(id);
                    format!("Chase delivery of the order of {}", date.format("%d.%m.%Y"))
                } else if choice <= 3 && !ctx.contacts.is_empty() {
                    let c = &ctx.contacts[self.rng.gen_range(0..ctx.contacts.len())];
                    contact = Some(c.id);
                    let first = c.first_name.as_str();
                    match self.rng.gen_range(0..3) {
                        0 => format!("Call {first} about next quarter's volumes"),
                        1 => format!("Send {first} the certificates"),
                        _ => format!("Meeting with {} ({})", c.full_name, c.title),
                    }
                } else {
                    pick(
                        &mut self.rng,
                        &[
                            "Agree next year's price list",
                            "Visit the main site",
                            "Update the development plans in the dossier",
                            "Check overdue payments with finance",
                            "Prepare the quarterly business review",
                        ],
                    )
                    .to_owned()
                }
            };
            let assignee = if team.is_empty() {
                self.director()
            } else if ctx.team.assistant.is_some() && (order.is_some() || self.rng.gen_bool(0.3)) {
                ctx.team.assistant.unwrap_or(team[0])
            } else if !ctx.team.members.is_empty() && self.rng.gen_bool(0.1) {
                pick(&mut self.rng, &ctx.team.members)
            } else {
                team[0]
            };
            let created_on = days_before(due, self.rng.gen_range(3..30)).min(yesterday);
            let created_by = if team.is_empty() || self.rng.gen_bool(0.3) {
                self.director()
            } else {
                team[0]
            };
            let done = if due < today {
                self.rng.gen_bool(0.65)
            } else {
                self.rng.gen_bool(0.1)
            };
            let done_at = done.then(|| {
                let on = days_after(due, self.rng.gen_range(-3..=3)).clamp(created_on, yesterday);
                work_time(&mut self.rng, on)
            });
            let created_at = work_time(&mut self.rng, created_on);
            // A follow-up done on the day it was created may not be done before it was created.
            let done_at = done_at.map(|at| at.max(created_at));
            let f = &mut rows.follow_ups;
            f.id.push(self.ids.next_id());
            f.account_id.push(plan.id);
            f.title.push(title);
            f.notes.push(if self.rng.gen_bool(0.3) {
                "Agreed at the last meeting."
            } else {
                ""
            });
            f.due_on.push(due);
            f.assignee_id.push(assignee);
            f.done.push(done);
            f.done_at.push(done_at);
            f.contact_id.push(contact);
            f.deal_id.push(deal);
            f.order_id.push(order);
            f.created_by.push(Some(created_by));
            f.created_at.push(created_at);
        }
    }

    fn dossier(&mut self, ctx: &AccountContext, rows: &mut Rows) {
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
        let mut sections: Vec<(&'static str, String)> = Vec::new();

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
            "general",
            format!(
                "{} is a {} headquartered in {headquarters}, {}. {footprint} {purchasing}\n\nHistory: started in {headquarters} and grew through acquisitions in the last decade.",
                ctx.name, industry.describe, home.country,
            ),
        ));
        if self.rng.gen_bool(0.6) {
            sections.push((
                "relationship",
                format!(
                    "Client since {}. We supply {} and {}. {}",
                    plan.created_on.year(),
                    pick(&mut self.rng, industry.products).to_lowercase(),
                    pick(&mut self.rng, industry.products).to_lowercase(),
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
                "decision_making",
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
                "competition",
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
                    GEO[g].region, GEO[g].country, presence
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
            sections.push(("development", text));
        }
        if self.rng.gen_bool(0.5) {
            sections.push((
                "needs",
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
                "qualification",
                pick(&mut self.rng, &[
                    "Need: confirmed, current supplier fails on lead times. Ability to pay: good, audited accounts. Authority: we talk to the decision maker directly.",
                    "Need: likely, volumes grow with the new sites. Ability to pay: to be checked. Authority: only the buyer so far; no access to the director.",
                ])
                .to_owned(),
            ));
        }
        for (section, body) in sections {
            let updated = days_before(self.today, self.rng.gen_range(3..300)).max(plan.created_on);
            let s = &mut rows.dossier;
            s.account_id.push(plan.id);
            s.section.push(section);
            s.body.push(body);
            s.updated_by.push(by);
            s.updated_at.push(work_time(&mut self.rng, updated));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn generate(seed: u64, accounts: usize) -> (Generator, Rows) {
        let mut generator = Generator::new(seed, today(), accounts);
        let mut rows = Rows::default();
        for i in 0..accounts {
            generator.account(i, &mut rows);
        }
        (generator, rows)
    }

    /// The scoring rule over the generated locations (current ones only).
    fn leagues(rows: &Rows) -> HashMap<Uuid, &'static str> {
        let mut sets: HashMap<Uuid, HashSet<(&str, &str, &str)>> = HashMap::new();
        let l = &rows.locations;
        for k in 0..l.id.len() {
            if l.kind[k] == "current" {
                sets.entry(l.account_id[k]).or_default().insert((
                    l.continent[k],
                    l.country[k],
                    l.region[k],
                ));
            }
        }
        let a = &rows.accounts;
        let mut out = HashMap::new();
        for k in 0..a.id.len() {
            let Some(set) = sets.get(&a.id[k]) else {
                continue;
            };
            let continents: HashSet<_> = set.iter().map(|t| t.0).collect();
            let countries: HashSet<_> = set.iter().map(|t| t.1).collect();
            let league = if a.decision_making[k] == "decentralized" && set.len() >= 2 {
                "qualifying"
            } else if continents.len() >= 2 {
                "premier"
            } else if countries.len() >= 2 {
                "first"
            } else if set.len() >= 2 {
                "second"
            } else {
                "third"
            };
            out.insert(a.id[k], league);
        }
        out
    }

    #[test]
    fn tiny_books_do_not_break_the_planner() {
        for accounts in [0, 1, 2, 5, 19, 20, 21, 50] {
            let (_, rows) = generate(9, accounts);
            assert_eq!(rows.accounts.id.len(), accounts);
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
        let (_, rows) = generate(3, 5000);
        let names: HashSet<&String> = rows.accounts.name.iter().collect();
        assert_eq!(names.len(), 5000);
        assert!(
            rows.accounts
                .name
                .iter()
                .any(|n| n.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)))
        );
        assert!(
            rows.accounts
                .legal_name
                .iter()
                .any(|n| n.starts_with("ООО «"))
        );
        assert!(rows.accounts.legal_name.iter().any(|n| n.ends_with("GmbH")));
    }

    #[test]
    fn same_seed_gives_the_same_rows_and_another_seed_does_not() {
        let (_, first) = generate(42, 300);
        let (_, second) = generate(42, 300);
        assert!(first == second);
        let (_, other) = generate(43, 300);
        assert!(first.accounts.id != other.accounts.id);
        assert!(first.accounts.name != other.accounts.name);
    }

    #[test]
    fn twelve_users_with_the_promised_roles() {
        let generator = Generator::new(1, today(), 0);
        let users = generator.users("hash");
        assert_eq!(users.id.len(), 12);
        let roles = |role: &str| users.role.iter().filter(|r| **r == role).count();
        assert_eq!(
            (
                roles("admin"),
                roles("director"),
                roles("kam"),
                roles("assistant")
            ),
            (1, 2, 6, 3)
        );
        let emails: HashSet<_> = users.email.iter().collect();
        assert_eq!(emails.len(), 12);
        assert!(users.language.iter().filter(|l| **l == "ru").count() >= 3);
    }

    #[test]
    fn demo_covers_every_league_and_planned_gaps() {
        let (_, rows) = generate(42, DEFAULT_ACCOUNTS);
        let leagues = leagues(&rows);
        let found: HashSet<&str> = leagues.values().copied().collect();
        for league in ["premier", "first", "second", "third", "qualifying"] {
            assert!(found.contains(league), "missing league {league}");
        }
        assert!(
            leagues.len() < rows.accounts.id.len(),
            "some accounts must have no locations"
        );
        let l = &rows.locations;
        let planned: Vec<usize> = (0..l.id.len())
            .filter(|&k| l.kind[k] == "planned")
            .collect();
        assert!(!planned.is_empty());
        assert!(planned.iter().any(|&k| !l.we_are_present[k]));
        for &k in &planned {
            let on = l.planned_on[k].unwrap_or_default();
            assert!(on > days_after(today(), 180) && on < days_after(today(), 550));
        }
        assert!(
            l.kind
                .iter()
                .zip(&l.planned_on)
                .all(|(kind, on)| (*kind == "planned") == on.is_some())
        );
    }

    #[test]
    fn ownership_holds_one_current_owner_and_kam1_has_a_portfolio() {
        let (generator, rows) = generate(42, DEFAULT_ACCOUNTS);
        let t = &rows.team;
        let mut owners: HashMap<Uuid, usize> = HashMap::new();
        let mut current: HashSet<(Uuid, Uuid)> = HashSet::new();
        for k in 0..t.id.len() {
            assert!(t.ended_on[k].is_none_or(|e| e >= t.started_on[k]));
            if t.ended_on[k].is_none() {
                assert!(
                    current.insert((t.account_id[k], t.user_id[k])),
                    "one current stint per person"
                );
                if t.team_role[k] == "owner" {
                    *owners.entry(t.account_id[k]).or_default() += 1;
                }
            }
        }
        assert!(owners.values().all(|&n| n == 1));
        let a = &rows.accounts;
        let non_archived = a.status.iter().filter(|s| **s != "archived").count();
        let unowned = (0..a.id.len())
            .filter(|&k| a.status[k] != "archived" && !owners.contains_key(&a.id[k]))
            .count();
        assert!(
            unowned >= 3 && unowned <= non_archived / 25,
            "about 2% unowned, got {unowned}"
        );
        assert!(
            (0..a.id.len()).all(|k| a.status[k] != "archived" || !owners.contains_key(&a.id[k]))
        );
        let kam1 = generator.kam(0);
        let kam1_owned = (0..t.id.len())
            .filter(|&k| {
                t.user_id[k] == kam1 && t.team_role[k] == "owner" && t.ended_on[k].is_none()
            })
            .count();
        assert!(kam1_owned >= 8);
        let key = likely_key(&generator.plans);
        let scores = estimated_scores(&generator.plans);
        let eligible = scores.iter().filter(|&&s| s >= 30.0).count();
        assert!(
            eligible > key.len() + 3,
            "the cap must bite so the demo shows a cut line"
        );
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
        assert!(t.ended_on.iter().any(Option::is_some), "ownership history");
        assert!(t.team_role.contains(&"member"));
    }

    #[test]
    fn pins_sit_on_gold_accounts_and_carry_reasons() {
        let (generator, rows) = generate(42, DEFAULT_ACCOUNTS);
        let scores = estimated_scores(&generator.plans);
        let a = &rows.accounts;
        let key: Vec<usize> = (0..a.id.len()).filter(|&k| a.pin[k] == "key").collect();
        assert!(key.len() >= 2);
        assert!(
            key.iter()
                .all(|&k| scores[k] >= 65.0 && generator.plans[k].owner.is_some())
        );
        assert!(a.pin.contains(&"not_key"));
        for k in 0..a.id.len() {
            assert_eq!(a.pin[k] == "none", a.pin_reason[k].is_none());
            assert_eq!(a.pin[k] == "none", a.pinned_at[k].is_none());
        }
    }

    #[test]
    fn contacts_form_trees_within_their_account() {
        let (_, rows) = generate(42, DEFAULT_ACCOUNTS);
        let c = &rows.contacts;
        let position: HashMap<Uuid, usize> =
            c.id.iter().enumerate().map(|(k, id)| (*id, k)).collect();
        for k in 0..c.id.len() {
            if let Some(boss) = c.reports_to[k] {
                let b = position[&boss];
                assert!(
                    b < k,
                    "a boss comes before the report, so there is no cycle"
                );
                assert_eq!(c.account_id[b], c.account_id[k]);
            }
        }
        let history_contacts: HashSet<&Uuid> = rows.attitudes.contact_id.iter().collect();
        assert!(!history_contacts.is_empty());
    }

    #[test]
    fn orders_deals_and_follow_ups_respect_the_rules() {
        let (_, rows) = generate(42, DEFAULT_ACCOUNTS);
        let today = today();
        let o = &rows.orders;
        assert!(
            o.ordered_on
                .iter()
                .all(|d| *d < today && *d >= days_before(today, 731))
        );
        let status: HashMap<Uuid, &str> = rows
            .accounts
            .id
            .iter()
            .copied()
            .zip(rows.accounts.status.iter().copied())
            .collect();
        for k in 0..o.id.len() {
            if status[&o.account_id[k]] == "lost" {
                assert!(o.ordered_on[k] <= months_before(today, 7));
            }
            assert!(o.margin[k] <= o.amount[k]);
        }
        let created: HashMap<Uuid, NaiveDate> = rows
            .accounts
            .id
            .iter()
            .copied()
            .zip(rows.accounts.created_at.iter().map(DateTime::date_naive))
            .collect();
        let d = &rows.deals;
        for k in 0..d.id.len() {
            assert!(d.opened_on[k] >= created[&d.account_id[k]]);
            assert_eq!(d.outcome[k] == "open", d.closed_on[k].is_none());
            assert_eq!(d.outcome[k] == "open", d.stage[k] != "closed");
            if let Some(closed) = d.closed_on[k] {
                assert!(closed >= d.opened_on[k] && closed < today);
            }
            assert_eq!(d.outcome[k] == "lost", !d.winning_competitor[k].is_empty());
        }
        let f = &rows.follow_ups;
        for k in 0..f.id.len() {
            assert_eq!(f.done[k], f.done_at[k].is_some());
            let offset = (f.due_on[k] - today).num_days();
            assert!((-20..=30).contains(&offset));
        }
        assert!(f.done.iter().any(|d| *d) && f.done.iter().any(|d| !*d));
    }
}
