//! Randomness and small helpers of the generator: the deterministic id stream, dates, draws
//! and the roubles-to-`Decimal` conversion.

use std::f64::consts::TAU;

use chrono::{DateTime, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use uuid::Uuid;

/// Deterministic UUID v7-shaped ids.
///
/// The timestamp starts at midnight (UTC) of the day before `today` and advances one
/// millisecond per id, so ids sort in creation order without relying on the v7 counter bits
/// (five million ids span under two hours). The random bits come from their own stream so
/// that adding a table does not shift every other random choice.
pub(crate) struct IdGen {
    rng: StdRng,
    base_ms: u64,
    issued: u64,
}

impl IdGen {
    /// Mixed into the seed so the id stream differs from the data stream of the same seed.
    const STREAM: u64 = 0x6b61_6d2d_6964_7321;

    pub(crate) fn new(seed: u64, today: NaiveDate) -> Self {
        let base = days_before(today, 1).and_time(NaiveTime::MIN).and_utc();
        Self {
            rng: StdRng::seed_from_u64(seed ^ Self::STREAM),
            base_ms: u64::try_from(base.timestamp_millis()).unwrap_or(0),
            issued: 0,
        }
    }

    pub(crate) fn next_id(&mut self) -> Uuid {
        let mut random = [0u8; 10];
        self.rng.fill(&mut random);
        let millis = self.base_ms + self.issued;
        self.issued += 1;
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }
}

pub(crate) fn days_before(date: NaiveDate, days: i64) -> NaiveDate {
    date - TimeDelta::days(days)
}

pub(crate) fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date + TimeDelta::days(days)
}

pub(crate) fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(date)
}

/// A moment on `date`, `seconds` after midnight UTC.
pub(crate) fn at(date: NaiveDate, seconds: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc() + TimeDelta::seconds(i64::from(seconds))
}

/// Working hours in Moscow (09:00-18:00 MSK is 06:00-15:00 UTC).
pub(crate) fn work_time(rng: &mut StdRng, date: NaiveDate) -> DateTime<Utc> {
    at(date, rng.gen_range(6 * 3600..15 * 3600))
}

/// Standard normal by Box-Muller: the allowed dependencies have no `rand_distr`.
pub(crate) fn normal(rng: &mut StdRng) -> f64 {
    let u1: f64 = rng.gen_range(f64::EPSILON..1.0);
    let u2: f64 = rng.gen_range(0.0..1.0);
    (-2.0 * u1.ln()).sqrt() * (TAU * u2).cos()
}

/// Index drawn with the given relative weights.
pub(crate) fn pick_weighted(rng: &mut StdRng, weights: &[u32]) -> usize {
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

pub(crate) fn pick<T: Copy>(rng: &mut StdRng, items: &[T]) -> T {
    items[rng.gen_range(0..items.len())]
}

/// Roubles to a NUMERIC(18,2) value, through whole kopecks so no float reaches the database.
#[allow(clippy::cast_possible_truncation)]
pub(crate) fn rub(amount: f64) -> Decimal {
    Decimal::new((amount * 100.0).round() as i64, 2)
}

/// Rounds to a multiple of `step`, the way people write amounts and forecasts.
pub(crate) fn round_to(amount: f64, step: f64) -> f64 {
    ((amount / step).round() * step).max(0.0)
}

/// Lowercase ASCII for e-mail addresses and domains: diacritics folded, the rest dropped.
pub(crate) fn ascii_slug(text: &str, separator: &str) -> String {
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
