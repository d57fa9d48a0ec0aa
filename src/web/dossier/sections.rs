//! The tabs of the dossier that show one part made of fields: `/accounts/{id}/general`,
//! `importance`, `needs`, `qualification` and `types`. Each shows its part (with the link to
//! its form for those who may edit), who saved it last, and what the tab adds: the three "P"
//! readiness of a prospect, the computed client types.

use super::fields::{self, Part, Stored};
use crate::db;
use crate::domain::dossier::{Readiness, Section};
use crate::domain::permissions::Action;
use crate::domain::scoring::Status;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::ctx::{Me, PageCtx};
use crate::web::hub::Hub;
use crate::web::routes::{Gate, OnAccount, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;

/// The tabs of one part each.
pub fn routes() -> Vec<Route> {
    let view = Gate::Account(Action::ViewAccount);
    [
        ("/accounts/{id}/general", &fields::GENERAL),
        ("/accounts/{id}/importance", &fields::IMPORTANCE),
        ("/accounts/{id}/needs", &fields::NEEDS),
        ("/accounts/{id}/qualification", &fields::QUALIFICATION),
        ("/accounts/{id}/types", &fields::TYPES),
    ]
    .into_iter()
    .map(|(path, part): (&'static str, &'static Part)| {
        Route::get(
            path,
            view,
            move |state: State<AppState>, ctx: PageCtx, me: Me, account: OnAccount| {
                show(state, ctx, me, account, part)
            },
        )
    })
    .collect()
}

/// One part's tab.
#[derive(Template, WebTemplate)]
#[template(path = "dossier/section.html")]
pub struct SectionPage {
    ctx: PageCtx,
    hub: Hub,
    part: &'static Part,
    stored: Stored,
    stamp: db::dossier::Stamp,
    result: Option<db::scoring::StoredResult>,
}

impl SectionPage {
    /// For the qualification tab: the readiness by the three "P".
    fn readiness(&self) -> Readiness {
        self.stored.dossier.qualification().readiness()
    }

    fn is_prospect(&self) -> bool {
        self.stored.account.status == Status::Prospect
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: PageCtx,
    me: Me,
    account: OnAccount,
    part: &'static Part,
) -> AppResult<SectionPage> {
    let hub = Hub::load(&state, &me, account, part.tab).await?;
    let stored = fields::load(&state, account).await?;
    let stamp = db::dossier::stamp(&state.pool, account.id, part.section).await?;
    let result = if part.section == Section::Types {
        db::scoring::result_for(&state.pool, account.id).await?
    } else {
        None
    };
    Ok(SectionPage {
        ctx,
        hub,
        part,
        stored,
        stamp,
        result,
    })
}
