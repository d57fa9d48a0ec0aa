//! `/accounts/{id}/footprint`: where the client is today and how it decides (its league), and
//! its development plans: planned places with dates, strategy, investments (the projected
//! league), with the planned regions where our company is not present flagged.

use crate::db;
use crate::domain::geo::LocationKind;
use crate::domain::permissions::Action;
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::ctx::{Me, PageCtx};
use crate::web::hub::Hub;
use crate::web::routes::{Gate, OnAccount, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The footprint's routes.
pub fn routes() -> Vec<Route> {
    vec![Route::get(
        "/accounts/{id}/footprint",
        Gate::Account(Action::ViewAccount),
        show,
    )]
}

#[derive(Template, WebTemplate)]
#[template(path = "dossier/footprint.html")]
struct FootprintPage {
    ctx: PageCtx,
    hub: Hub,
    account: db::accounts::AccountRow,
    dossier: db::dossier::DossierFields,
    locations: Vec<db::locations::LocationRow>,
}

impl FootprintPage {
    fn current(&self) -> impl Iterator<Item = &db::locations::LocationRow> {
        self.locations
            .iter()
            .filter(|l| l.kind == LocationKind::Current)
    }

    fn planned(&self) -> impl Iterator<Item = &db::locations::LocationRow> {
        self.locations
            .iter()
            .filter(|l| l.kind == LocationKind::Planned)
    }

    fn has_current(&self) -> bool {
        self.current().next().is_some()
    }

    fn has_planned(&self) -> bool {
        self.planned().next().is_some()
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
) -> AppResult<FootprintPage> {
    let id = account.id;
    let hub = Hub::load(&state, &me, account, "footprint").await?;
    Ok(FootprintPage {
        ctx,
        hub,
        account: db::accounts::get(&state.pool, id)
            .await?
            .ok_or(AppError::NotFound)?,
        dossier: db::dossier::get(&state.pool, id).await?,
        locations: db::locations::list(&state.pool, id).await?,
    })
}
