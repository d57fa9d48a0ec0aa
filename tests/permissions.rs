//! Every page with every role: the server enforces the permission matrix, whatever the
//! navigation shows.

mod common;

use common::TestApp;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;
use std::collections::BTreeSet;

/// Who makes the requests of the walk, in the order of the expectation arrays.
const WHO: [&str; 7] = [
    "anonymous",
    "admin@x.test",
    "director@x.test",
    "kam@x.test",
    "assistant@x.test",
    "other-kam@x.test",
    "other-assistant@x.test",
];

/// The walk: every route of the registry with what each of [`WHO`] gets. Account routes are
/// walked on an account whose team holds `kam` and `assistant` (the other two are on another
/// team); user routes on the assistant. POSTs carry a valid form token and an empty body, so an
/// allowed request is refused by the form (400/422) and nothing changes, while a refused one
/// must be refused before the body is read (303 to sign in, 403, or 404).
///
/// `/logout` comes last: it ends the session it is walked with.
#[rustfmt::skip]
const WALK: &[(&str, &str, [u16; 7])] = &[
    //                                       anon admin dir  kam  asst okam oasst
    ("GET",  "/login",                       [200, 303, 303, 303, 303, 303, 303]),
    ("POST", "/login",                       [422, 422, 422, 422, 422, 422, 422]),
    ("POST", "/language",                    [400, 400, 400, 400, 400, 400, 400]),
    ("GET",  "/",                            [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/profile",                     [303, 200, 200, 200, 200, 200, 200]),
    ("POST", "/profile/password",            [303, 422, 422, 422, 422, 422, 422]),
    ("GET",  "/accounts",                    [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/accounts.csv",                [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/accounts.xlsx",               [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/accounts/import",             [303, 200, 200, 403, 403, 403, 403]),
    ("POST", "/accounts/import",             [303, 400, 400, 403, 403, 403, 403]),
    ("GET",  "/accounts/import/sample.csv",  [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/accounts/import/{job}",       [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/accounts/new",                [303, 200, 200, 200, 403, 200, 403]),
    ("POST", "/accounts/new",                [303, 422, 422, 422, 403, 422, 403]),
    ("GET",  "/accounts/duplicates",         [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/accounts/duplicates.csv",     [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/accounts/duplicates.xlsx",    [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/accounts/duplicates/merge",   [303, 400, 400, 403, 403, 403, 403]),
    ("POST", "/accounts/duplicates/merge",   [303, 400, 400, 403, 403, 403, 403]),
    ("POST", "/accounts/duplicates/dismiss", [303, 400, 400, 403, 403, 403, 403]),
    ("GET",  "/accounts/{id}",               [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/pin",           [303, 422, 422, 403, 403, 404, 404]),
    ("GET",  "/accounts/{id}/deals",         [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/deals.csv",     [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/deals.xlsx",    [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/deals/new",     [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/deals/new",     [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/deals/{deal}",  [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/deals/{deal}",  [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/team",          [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/team/owner",    [303, 422, 422, 403, 403, 404, 404]),
    ("POST", "/accounts/{id}/team/members",  [303, 422, 422, 403, 403, 404, 404]),
    ("POST", "/accounts/{id}/team/members/{stint}", [303, 400, 400, 403, 403, 404, 404]),
    ("POST", "/accounts/{id}/offers",        [303, 403, 403, 422, 403, 404, 404]),
    ("POST", "/accounts/{id}/offers/{offer}", [303, 400, 400, 403, 403, 404, 404]),
    ("GET",  "/accounts/{id}/contacts",      [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/contacts.csv",  [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/contacts.xlsx", [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/contacts/new",  [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/contacts/new",  [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/contacts/{contact}",       [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/contacts/{contact}/edit",  [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/contacts/{contact}/edit",  [303, 422, 422, 422, 403, 404, 404]),
    ("POST", "/accounts/{id}/contacts/{contact}/gone",  [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/map",           [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/interactions",  [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/interactions.csv",  [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/interactions.xlsx", [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/interactions/new",  [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/interactions/new",  [303, 422, 422, 422, 422, 404, 404]),
    ("GET",  "/accounts/{id}/timeline",      [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/timeline.csv",  [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/timeline.xlsx", [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/analysis",      [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/analysis",                    [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/analysis.csv",                [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/analysis.xlsx",               [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/pipeline",                    [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/pipeline.csv",                [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/pipeline.xlsx",               [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/tenders",                     [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/tenders.csv",                 [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/tenders.xlsx",                [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/accounts/{id}/why",           [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/status",        [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/status",        [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/history",       [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/footprint",     [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/budget",        [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/budget/edit",   [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/budget/edit",   [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/competitive",   [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/competitive/edit", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/competitive/edit", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/special-offers", [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/special-offers/new", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/special-offers/new", [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/special-offers/{special_offer}", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/special-offers/{special_offer}", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/brief",         [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/brief.pdf",     [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/plan",          [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/plan.xlsx",     [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/plan/edit",     [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/plan/edit",     [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/plan/objectives/new", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/plan/objectives/new", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/plan/objectives/{objective}", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/plan/objectives/{objective}", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/plan/objectives/{objective}/actions/new", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/plan/objectives/{objective}/actions/new", [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/plan/actions/{action}", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/plan/actions/{action}", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/general",         [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/importance",      [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/needs",           [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/qualification",   [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/types",           [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/competitors",     [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/potential",       [303, 200, 200, 200, 200, 404, 404]),
    ("GET",  "/accounts/{id}/general/edit",    [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/general/edit",    [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/importance/edit", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/importance/edit", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/needs/edit",      [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/needs/edit",      [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/qualification/edit", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/qualification/edit", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/types/edit",      [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/types/edit",      [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/competitors/edit", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/competitors/edit", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/footprint/edit",  [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/footprint/edit",  [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/footprint/plans", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/footprint/plans", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/potential/edit",  [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/potential/edit",  [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/competitors/new", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/competitors/new", [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/competitors/{competitor}", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/competitors/{competitor}", [303, 422, 422, 422, 403, 404, 404]),
    ("POST", "/accounts/{id}/competitors/{competitor}/delete", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/accounts/{id}/footprint/locations/new", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/footprint/locations/new", [303, 422, 422, 422, 403, 404, 404]),
    ("GET",  "/accounts/{id}/footprint/locations/{location}", [303, 200, 200, 200, 403, 404, 404]),
    ("POST", "/accounts/{id}/footprint/locations/{location}", [303, 422, 422, 422, 403, 404, 404]),
    ("POST", "/accounts/{id}/footprint/locations/{location}/delete", [303, 400, 400, 400, 403, 404, 404]),
    ("GET",  "/key-clients",                 [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/key-clients.csv",             [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/key-clients.xlsx",            [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/follow-ups",                  [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/orders",                      [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/orders.csv",                  [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/orders.xlsx",                 [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/orders/new",                  [303, 200, 200, 200, 200, 200, 200]),
    ("POST", "/orders/new",                  [303, 422, 422, 422, 422, 422, 422]),
    ("GET",  "/orders/accounts",             [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/orders/import",               [303, 200, 200, 403, 200, 403, 200]),
    ("POST", "/orders/import",               [303, 400, 400, 403, 400, 403, 400]),
    ("GET",  "/orders/import/sample.csv",    [303, 200, 200, 403, 200, 403, 200]),
    ("GET",  "/orders/import/{job}",         [303, 200, 200, 403, 200, 403, 404]),
    ("GET",  "/accounts/{id}/orders",        [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/orders",        [303, 422, 422, 422, 422, 404, 404]),
    ("GET",  "/accounts/{id}/orders/{order}", [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/orders/{order}", [303, 400, 400, 400, 400, 404, 404]),
    ("POST", "/accounts/{id}/orders/{order}/status", [303, 400, 400, 400, 400, 404, 404]),
    ("GET",  "/follow-ups.csv",              [303, 200, 200, 200, 200, 200, 200]),
    ("GET",  "/follow-ups.xlsx",             [303, 200, 200, 200, 200, 200, 200]),
    ("POST", "/follow-ups/{follow_up}/done", [303, 400, 400, 400, 400, 404, 404]),
    ("POST", "/follow-ups/{follow_up}/undone", [303, 400, 400, 400, 400, 404, 404]),
    ("GET",  "/accounts/{id}/follow-ups",    [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/follow-ups",    [303, 422, 422, 422, 422, 404, 404]),
    ("GET",  "/accounts/{id}/follow-ups/{follow_up}", [303, 200, 200, 200, 200, 404, 404]),
    ("POST", "/accounts/{id}/follow-ups/{follow_up}", [303, 422, 422, 422, 422, 404, 404]),
    ("GET",  "/dashboard",                   [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/ownership",                   [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/ownership.csv",               [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/ownership.xlsx",              [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/assistants",                  [303, 200, 200, 403, 403, 403, 403]),
    ("POST", "/assistants/{id}",             [303, 400, 400, 403, 403, 403, 403]),
    ("GET",  "/reviews",                     [303, 200, 200, 403, 403, 403, 403]),
    ("POST", "/reviews",                     [303, 422, 422, 403, 403, 403, 403]),
    ("GET",  "/reviews/{review}",            [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/reviews/{review}/export.csv", [303, 200, 200, 403, 403, 403, 403]),
    ("GET",  "/reviews/{review}/export.xlsx", [303, 200, 200, 403, 403, 403, 403]),
    ("POST", "/reviews/{review}/rows/{account}", [303, 400, 400, 403, 403, 403, 403]),
    ("POST", "/reviews/{review}/participants", [303, 400, 400, 403, 403, 403, 403]),
    ("POST", "/reviews/{review}/agree",      [303, 400, 400, 403, 403, 403, 403]),
    ("GET",  "/settings/scoring",            [303, 200, 200, 403, 403, 403, 403]),
    ("POST", "/settings/scoring",            [303, 422, 422, 403, 403, 403, 403]),
    ("GET",  "/admin/users",                 [303, 200, 403, 403, 403, 403, 403]),
    ("POST", "/admin/users",                 [303, 422, 403, 403, 403, 403, 403]),
    ("GET",  "/admin/users/{id}",            [303, 200, 403, 403, 403, 403, 403]),
    ("POST", "/admin/users/{id}",            [303, 400, 403, 403, 403, 403, 403]),
    ("POST", "/admin/users/{id}/active",     [303, 400, 403, 403, 403, 403, 403]),
    ("POST", "/admin/users/{id}/password",   [303, 422, 403, 403, 403, 403, 403]),
    ("POST", "/logout",                      [303, 303, 303, 303, 303, 303, 303]),
];

/// A route as (method, path pattern).
type RouteKey = (String, String);

/// The routes the registry has and the walk lacks, and the rows of the walk that name no
/// route; both empty when the walk covers the registry exactly.
fn walk_gaps(
    registered: &BTreeSet<RouteKey>,
    walked: &BTreeSet<RouteKey>,
) -> (Vec<RouteKey>, Vec<RouteKey>) {
    (
        registered.difference(walked).cloned().collect(),
        walked.difference(registered).cloned().collect(),
    )
}

fn registered_routes() -> BTreeSet<RouteKey> {
    kamdesk::web::routes::all()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect()
}

fn walked_routes(walk: &[(&str, &str, [u16; 7])]) -> BTreeSet<RouteKey> {
    walk.iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect()
}

#[test]
fn the_walk_covers_every_route_of_the_registry() {
    let (unwalked, unknown) = walk_gaps(&registered_routes(), &walked_routes(WALK));
    assert!(
        unwalked.is_empty(),
        "routes without a row in the walk (add them to WALK): {unwalked:?}"
    );
    assert!(
        unknown.is_empty(),
        "rows of the walk that name no route: {unknown:?}"
    );
}

#[test]
fn a_route_missing_from_the_walk_is_reported() {
    let without_pin: Vec<_> = WALK
        .iter()
        .filter(|(_, p, _)| *p != "/accounts/{id}/pin")
        .copied()
        .collect();
    let (unwalked, _) = walk_gaps(&registered_routes(), &walked_routes(&without_pin));
    assert_eq!(
        unwalked,
        [("POST".to_string(), "/accounts/{id}/pin".to_string())]
    );
}

#[test]
fn routes_are_added_only_through_the_registry() {
    // The router is built from web::routes::all(); a `.route(` elsewhere would be a page the
    // walk never sees. Health probes live outside the session layers, by design.
    let mut files = vec![];
    let mut dirs = vec![std::path::PathBuf::from("src/web")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 10, "the web layer's files are found");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "routes.rs" || name == "health.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains(".route("),
            "{name} adds a route outside the registry"
        );
    }
}

#[tokio::test]
async fn every_route_answers_each_role_as_the_matrix_says() {
    let app = TestApp::spawn().await;
    app.user("admin@x.test", Role::Admin).await;
    let director = app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let other_kam = app.user("other-kam@x.test", Role::Kam).await;
    let other_assistant = app.user("other-assistant@x.test", Role::Assistant).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    let foreign = app
        .account("Foreign Co", "active", 900_000, 5, Some(other_kam))
        .await;
    app.add_to_team(foreign, other_assistant, "assistant").await;
    let deal = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO deals (id, account_id, title, opened_on) VALUES ($1, $2, 'Walked deal', current_date)")
        .bind(deal)
        .bind(own)
        .execute(app.pool())
        .await
        .unwrap();
    let person = app.contact(own, "Irina Sokolova", None).await;
    // A plan of the walked account with one objective and one action.
    let (plan, objective, action) = (
        uuid::Uuid::now_v7(),
        uuid::Uuid::now_v7(),
        uuid::Uuid::now_v7(),
    );
    sqlx::query("INSERT INTO account_plans (id, account_id, year) VALUES ($1, $2, 2027)")
        .bind(plan)
        .bind(own)
        .execute(app.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO plan_objectives (id, plan_id, kind, title) VALUES ($1, $2, 'region', 'Irkutsk')")
        .bind(objective)
        .bind(plan)
        .execute(app.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO plan_actions (id, objective_id, title, due_on) VALUES ($1, $2, 'Visit', current_date)")
        .bind(action)
        .bind(objective)
        .execute(app.pool())
        .await
        .unwrap();
    // A special offer of the walked account with two variants.
    let special_offer = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO special_offers (id, account_id, title, offered_on) VALUES ($1, $2, 'Walked offer', current_date)")
        .bind(special_offer)
        .bind(own)
        .execute(app.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO offer_variants (offer_id, position, description, discount) VALUES ($1, 0, 'Less', 10), ($1, 1, 'More', 5)")
        .bind(special_offer)
        .execute(app.pool())
        .await
        .unwrap();
    let order = app.order(own, 1000, "Walked order").await;
    let follow_up = app.follow_up(own, kam, "Walked follow-up").await;
    // An import job the team's assistant started (others see it only as director or admin).
    let job = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO import_jobs (id, kind, file_name, dry_run, created_by, bytes_total)
         VALUES ($1, 'orders', 'walk.csv', true, $2, 10)",
    )
    .bind(job)
    .bind(assistant)
    .execute(app.pool())
    .await
    .unwrap();
    // A client-base import job the director started (the admin sees it too).
    let accounts_job = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO import_jobs (id, kind, file_name, dry_run, created_by, bytes_total)
         VALUES ($1, 'accounts', 'walk.csv', true, $2, 10)",
    )
    .bind(accounts_job)
    .bind(director)
    .execute(app.pool())
    .await
    .unwrap();
    app.recompute().await;

    // An assistant's stint on the walked account, and an offer id nobody made (the form is
    // refused before the offer is looked up).
    let stint: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM account_team WHERE account_id = $1 AND user_id = $2")
            .bind(own)
            .bind(assistant)
            .fetch_one(app.pool())
            .await
            .unwrap();
    let offer = uuid::Uuid::now_v7();
    let competitor = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO competitors (id, account_id, name) VALUES ($1, $2, 'Walked rival')")
        .bind(competitor)
        .bind(own)
        .execute(app.pool())
        .await
        .unwrap();
    let place = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO account_locations (id, account_id, continent, country, region, kind)
         VALUES ($1, $2, 'EU', 'RU', 'Samara', 'current')",
    )
    .bind(place)
    .bind(own)
    .execute(app.pool())
    .await
    .unwrap();
    // A review of the key list as it stands (the walk's forms are refused before any row is
    // looked up, so it need not hold the walked account).
    let review = kamdesk::domain::ids::ReviewId::new();
    let mut tx = app.pool().begin().await.unwrap();
    kamdesk::db::reviews::open(
        &mut tx,
        &kamdesk::db::reviews::NewReview {
            id: review,
            title: "Walked review".into(),
            held_on: chrono::Utc::now().date_naive(),
            by: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let concrete = |pattern: &str| -> String {
        let path = pattern
            .replace(
                "/accounts/import/{job}",
                &format!("/accounts/import/{accounts_job}"),
            )
            .replace("{review}", &review.to_string())
            .replace("{account}", &own.to_string())
            .replace("{deal}", &deal.to_string())
            .replace("{stint}", &stint.to_string())
            .replace("{offer}", &offer.to_string())
            .replace("{special_offer}", &special_offer.to_string())
            .replace("{competitor}", &competitor.to_string())
            .replace("{location}", &place.to_string())
            .replace("{contact}", &person.to_string())
            .replace("{objective}", &objective.to_string())
            .replace("{action}", &action.to_string())
            .replace("{order}", &order.to_string())
            .replace("{follow_up}", &follow_up.to_string())
            .replace("{job}", &job.to_string());
        if path.starts_with("/accounts/{id}") {
            path.replace("{id}", &own.to_string())
        } else {
            path.replace("{id}", &assistant.to_string())
        }
    };
    let audited_before: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE account_id = $1")
            .bind(own)
            .fetch_one(app.pool())
            .await
            .unwrap();
    for (i, who) in WHO.iter().enumerate() {
        let c = if i == 0 {
            app.client()
        } else {
            app.signed_in(who).await
        };
        for (method, pattern, want) in WALK {
            let path = concrete(pattern);
            let res = match *method {
                "GET" => c.get(&path).await,
                _ => c.post(&path, &[]).await,
            };
            assert_eq!(res.status().as_u16(), want[i], "{who} {method} {path}");
        }
    }
    let unchanged: (String, bool, i32) =
        sqlx::query_as("SELECT role, active, version FROM users WHERE id = $1")
            .bind(assistant)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(
        unchanged,
        ("assistant".into(), true, 1),
        "the walk changed nothing"
    );
    let deal_version: i32 = sqlx::query_scalar("SELECT version FROM deals WHERE id = $1")
        .bind(deal)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(deal_version, 1, "the walk changed no deal");
    let plan_versions: (i32, i32, i32) = sqlx::query_as(
        "SELECT p.version, o.version, a.version FROM account_plans p
           JOIN plan_objectives o ON o.plan_id = p.id JOIN plan_actions a ON a.objective_id = o.id
          WHERE p.id = $1",
    )
    .bind(plan)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(plan_versions, (1, 1, 1), "the walk changed no plan");
    let offer_version: i32 = sqlx::query_scalar("SELECT version FROM special_offers WHERE id = $1")
        .bind(special_offer)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(offer_version, 1, "the walk changed no special offer");
    let dossier_writes: (i32, i32, i64) = sqlx::query_as(
        "SELECT (SELECT version FROM competitors WHERE id = $1),
                (SELECT version FROM account_locations WHERE id = $2),
                (SELECT count(*) FROM audit_log WHERE account_id = $3)",
    )
    .bind(competitor)
    .bind(place)
    .bind(own)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(
        dossier_writes,
        (1, 1, audited_before),
        "the walk changed no part of the dossier"
    );
    let review_changes: (i32, i64) = sqlx::query_as(
        "SELECT version, (SELECT count(*) FROM key_list_review_rows WHERE review_id = $1 AND decision IS NOT NULL)
           FROM key_list_reviews WHERE id = $1",
    )
    .bind(review)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(review_changes, (1, 0), "the walk changed no review");
    let (orders, follow_ups_done): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM follow_ups WHERE done)",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(
        (orders, follow_ups_done),
        (1, 0),
        "no order logged, no follow-up ticked off"
    );
}

#[tokio::test]
async fn account_routes_answer_404_for_a_malformed_or_unknown_id_before_reading_the_form() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let c = app.signed_in("director@x.test").await;
    for id in ["not-a-uuid", &uuid::Uuid::now_v7().to_string()] {
        assert_eq!(
            c.get(&format!("/accounts/{id}")).await.status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            c.post(&format!("/accounts/{id}/pin"), &[("version", "x")])
                .await
                .status(),
            StatusCode::NOT_FOUND,
            "refused before the malformed version is parsed"
        );
    }
}

#[tokio::test]
async fn a_form_that_does_not_parse_gets_the_error_page_in_the_readers_language() {
    let app = TestApp::spawn().await;
    app.user("admin@x.test", Role::Admin).await;
    let target = app.user("kam@x.test", Role::Kam).await;
    sqlx::query("UPDATE users SET language = 'ru' WHERE email = 'admin@x.test'")
        .execute(app.pool())
        .await
        .unwrap();
    let c = app.signed_in("admin@x.test").await;
    let res = c
        .post(
            &format!("/admin/users/{target}"),
            &[("name", "K"), ("role", "kam"), ("version", "abc")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"ru\""), "the layout, in Russian");
    assert!(!html.contains("Failed to deserialize"), "not axum's text");
    let res = c.get("/admin/users/not-a-uuid").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.text().await.unwrap().contains("<html lang=\"ru\""));
}

#[tokio::test]
async fn only_directors_and_admins_may_pin_and_change_settings() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    app.recompute().await;
    let pin = format!("/accounts/{own}/pin");
    for email in ["kam@x.test", "assistant@x.test"] {
        let c = app.signed_in(email).await;
        let res = c
            .post(
                &pin,
                &[("pin", "key"), ("reason", "because"), ("version", "1")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email} pin");
        let res = c
            .post(
                "/settings/scoring",
                &[("cap_pct", "10"), ("action", "save")],
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email} settings");
        let res = c.post("/admin/users", &[("email", "x@x.test")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{email} users");
    }
    let pinned: String = sqlx::query_scalar("SELECT pin FROM accounts WHERE id = $1")
        .bind(own)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(
        pinned, "none",
        "nothing was changed by the refused requests"
    );
    let director = app.signed_in("director@x.test").await;
    let res = director
        .post(
            "/admin/users",
            &[
                ("email", "x@x.test"),
                ("name", "X"),
                ("role", "kam"),
                ("language", "en"),
                ("password", "long-enough-pw"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "a director does not manage users"
    );
}

#[tokio::test]
async fn an_assistant_cannot_create_accounts_and_a_kam_becomes_owner_of_the_one_they_create() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("assistant@x.test", Role::Assistant).await;
    let a = app.signed_in("assistant@x.test").await;
    let res = a
        .post(
            "/accounts/new",
            &[
                ("name", "Sneaky"),
                ("status", "prospect"),
                ("strategic_importance", "1"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            "/accounts/new",
            &[
                ("name", "Fresh Co"),
                ("status", "prospect"),
                ("strategic_importance", "2"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let page = k.text(&common::location(&res)).await;
    assert!(page.contains("Fresh Co"));
    let owner: String = sqlx::query_scalar(
        "SELECT u.email FROM account_team t JOIN users u ON u.id = t.user_id JOIN accounts a ON a.id = t.account_id
          WHERE a.name = 'Fresh Co' AND t.team_role = 'owner' AND t.ended_on IS NULL",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(owner, "kam@x.test");
}

#[tokio::test]
async fn a_bad_new_account_keeps_the_input_and_saves_nothing() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            "/accounts/new",
            &[
                ("name", "  "),
                ("industry", "retail"),
                ("status", "prospect"),
                ("strategic_importance", "9"),
                ("decision_making", "centralized"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Please fill this in."));
    assert!(html.contains("A whole number from 0 to 5."));
    assert!(html.contains("value=\"retail\" selected"), "input kept");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}
