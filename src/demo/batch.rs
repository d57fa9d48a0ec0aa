//! Rows waiting to be written, in the writers' own input types, and the flush that hands them
//! to the writers in foreign-key order.

use anyhow::{Context, Result};
use sqlx::PgConnection;

use super::SeedReport;
use crate::db;
use crate::db::accounts::NewAccount;
use crate::db::competitors::NewCompetitor;
use crate::db::contacts::{NewAttitudeChange, NewContact, NewInfluenceChange};
use crate::db::deals::NewDeal;
use crate::db::dossier::{NewDossier, NewStamp};
use crate::db::follow_ups::NewFollowUp;
use crate::db::interactions::NewInteraction;
use crate::db::locations::NewLocation;
use crate::db::orders::{NewOrder, NewStatusChange};
use crate::db::potentials::NewForecast;
use crate::db::teams::{NewHandover, NewStint};

/// Pending rows of every table.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub(crate) accounts: Vec<NewAccount>,
    pub(crate) locations: Vec<NewLocation>,
    pub(crate) forecasts: Vec<NewForecast>,
    pub(crate) team: Vec<NewStint>,
    pub(crate) handovers: Vec<NewHandover>,
    pub(crate) competitors: Vec<NewCompetitor>,
    pub(crate) contacts: Vec<NewContact>,
    pub(crate) attitudes: Vec<NewAttitudeChange>,
    pub(crate) influences: Vec<NewInfluenceChange>,
    pub(crate) interactions: Vec<NewInteraction>,
    pub(crate) deals: Vec<NewDeal>,
    pub(crate) orders: Vec<NewOrder>,
    pub(crate) order_moves: Vec<NewStatusChange>,
    pub(crate) follow_ups: Vec<NewFollowUp>,
    pub(crate) dossier: Vec<NewDossier>,
    pub(crate) stamps: Vec<NewStamp>,
}

impl Batch {
    /// Flushing is decided between accounts, so an account's rows (and a contact's boss)
    /// always travel in the same or an earlier batch than the rows that point at them.
    pub(crate) fn full(&self) -> bool {
        [
            self.accounts.len(),
            self.locations.len(),
            self.forecasts.len(),
            self.team.len(),
            self.competitors.len(),
            self.contacts.len(),
            self.attitudes.len(),
            self.influences.len(),
            self.interactions.len(),
            self.deals.len(),
            self.orders.len(),
            self.order_moves.len(),
            self.follow_ups.len(),
            self.dossier.len(),
            self.stamps.len(),
        ]
        .into_iter()
        .any(|len| len >= db::BULK_ROWS)
    }

    /// Writes and empties every buffer through the db writers, parents before children.
    pub(crate) async fn flush(
        &mut self,
        conn: &mut PgConnection,
        report: &mut SeedReport,
    ) -> Result<()> {
        report.contacts += self.contacts.len();
        report.orders += self.orders.len();
        report.deals += self.deals.len();
        report.follow_ups += self.follow_ups.len();

        db::accounts::insert_many(conn, &self.accounts)
            .await
            .context("inserting accounts")?;
        db::locations::insert_many(conn, &self.locations)
            .await
            .context("inserting account locations")?;
        db::potentials::upsert_many(conn, &self.forecasts)
            .await
            .context("inserting potential forecasts")?;
        db::teams::insert_handovers(conn, &self.handovers)
            .await
            .context("inserting handovers")?;
        db::teams::insert_many(conn, &self.team)
            .await
            .context("inserting account teams")?;
        db::competitors::insert_many(conn, &self.competitors)
            .await
            .context("inserting competitors")?;
        db::contacts::insert_many(conn, &self.contacts)
            .await
            .context("inserting contacts")?;
        db::contacts::insert_attitude_changes(conn, &self.attitudes)
            .await
            .context("inserting contact attitude history")?;
        db::contacts::insert_influence_changes(conn, &self.influences)
            .await
            .context("inserting contact influence history")?;
        db::interactions::insert_many(conn, &self.interactions)
            .await
            .context("inserting interactions")?;
        db::deals::insert_many(conn, &self.deals)
            .await
            .context("inserting deals")?;
        db::orders::insert_many(conn, &self.orders)
            .await
            .context("inserting orders")?;
        db::orders::insert_status_changes(conn, &self.order_moves)
            .await
            .context("inserting order status moves")?;
        db::follow_ups::insert_many(conn, &self.follow_ups)
            .await
            .context("inserting follow-ups")?;
        db::dossier::insert_many(conn, &self.dossier)
            .await
            .context("inserting dossiers")?;
        db::dossier::insert_stamps(conn, &self.stamps)
            .await
            .context("inserting dossier section stamps")?;
        *self = Batch::default();
        Ok(())
    }
}
