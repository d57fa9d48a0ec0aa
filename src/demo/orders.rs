//! Two years of orders with a rhythm per account (which decides its XYZ class); lost clients
//! stop buying, and some active ones go quiet so churn warnings have something to show.

use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;

use super::batch::Batch;
use super::random::{
    days_after, days_before, months_before, normal, pick, pick_weighted, round_to, rub, work_time,
};
use super::reference::INDUSTRIES;
use super::{AccountContext, Generator};
use crate::db::orders::{NewOrder, NewStatusChange};
use crate::domain::ids::{AccountId, OrderId, UserId};
use crate::domain::money::Currency;
use crate::domain::order::OrderStatus;
use crate::domain::scoring::Status;
use crate::domain::system_text::{SystemMessage, SystemText, Text, TextArg};

/// Orders of the last this many days carry their status moves; older ones stand for orders
/// brought over from the previous system with their final status, as an import brings them.
const MOVES_KEPT_DAYS: i64 = 45;

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

impl Generator {
    /// Two years of orders with a rhythm per account; lost accounts stop 7-14 months ago and
    /// some active ones go quiet for 70-150 days so churn warnings have something to show.
    pub(super) fn orders(&mut self, ctx: &mut AccountContext, batch: &mut Batch) {
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
                    ..=2 => [OrderStatus::Placed, OrderStatus::Confirmed]
                        [pick_weighted(&mut self.rng, &[60, 40])],
                    3..=7 => [OrderStatus::Confirmed, OrderStatus::Shipped]
                        [pick_weighted(&mut self.rng, &[50, 50])],
                    8..=20 => [OrderStatus::Shipped, OrderStatus::Delivered]
                        [pick_weighted(&mut self.rng, &[40, 60])],
                    _ if self.rng.gen_bool(0.015) => OrderStatus::Cancelled,
                    _ => OrderStatus::Delivered,
                };
                let (product, _) = pick(&mut self.rng, industry.products);
                let city = pick(&mut self.rng, &cities);
                let id = OrderId(self.ids.next_id());
                let logger = ctx.team.logger_on(&mut self.rng, date);
                let created_at = work_time(&mut self.rng, date);
                batch.orders.push(NewOrder {
                    id,
                    account_id: AccountId(plan.id),
                    ordered_on: date,
                    amount: rub(amount),
                    margin: rub(margin),
                    currency: Currency::Rub,
                    description: Text::System(
                        SystemText::plain(SystemMessage::OrderForSite)
                            .with("product", TextArg::Key(product))
                            .with("site", TextArg::Text(city.to_owned())),
                    ),
                    status,
                    logged_by: logger.map(UserId),
                    created_at: Some(created_at),
                });
                if age <= MOVES_KEPT_DAYS {
                    self.status_moves(ctx, batch, (id, date, created_at), status, logger);
                }
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
}

impl Generator {
    /// The moves that brought a recent order from placed to `status`, spread over the days
    /// after it was logged, each by someone on the team then.
    fn status_moves(
        &mut self,
        ctx: &AccountContext,
        batch: &mut Batch,
        (order, date, logged_at): (OrderId, NaiveDate, chrono::DateTime<chrono::Utc>),
        status: OrderStatus,
        logger: Option<uuid::Uuid>,
    ) {
        let path: &[OrderStatus] = match status {
            OrderStatus::Placed => &[],
            OrderStatus::Confirmed => &[OrderStatus::Confirmed],
            OrderStatus::Shipped => &[OrderStatus::Confirmed, OrderStatus::Shipped],
            OrderStatus::Delivered => &[
                OrderStatus::Confirmed,
                OrderStatus::Shipped,
                OrderStatus::Delivered,
            ],
            OrderStatus::Cancelled => &[OrderStatus::Cancelled],
        };
        let span = (self.today - date).num_days().min(3 * path.len() as i64);
        let mut from = OrderStatus::Placed;
        let mut last = logged_at;
        for (j, &to) in path.iter().enumerate() {
            let day = days_after(date, span * (j as i64 + 1) / path.len() as i64);
            let at = work_time(&mut self.rng, day).max(last + chrono::TimeDelta::minutes(5));
            let by = ctx.team.logger_on(&mut self.rng, day).or(logger);
            batch.order_moves.push(NewStatusChange {
                id: self.ids.next_id(),
                order_id: order,
                account_id: AccountId(ctx.plan.id),
                from,
                to,
                changed_by: by.map(UserId),
                changed_at: Some(at),
            });
            from = to;
            last = at;
        }
    }
}
