//! The account hub: one header and two levels of tabs over every page about one account, the
//! overview, the status change with its reason, and the history tab.

mod common;

use common::{TestApp, location};
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// A KAM's prospect, with an assistant on its team, and a director.
async fn prospect(app: &TestApp) -> AccountId {
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let id = app
        .account("Volga Trade", "prospect", 2_000_000, 3, Some(kam))
        .await;
    app.add_to_team(id, assistant, "assistant").await;
    app.recompute().await;
    id
}

async fn stored_status(app: &TestApp, id: AccountId) -> (String, Option<String>, i16, Vec<String>) {
    sqlx::query_as(
        "SELECT status, status_reason, dossier_completeness, dossier_missing FROM accounts WHERE id = $1",
    )
    .bind(id)
    .fetch_one(app.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn the_overview_shows_the_header_and_only_the_tabs_that_have_pages() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let html = app
        .signed_in("kam@x.test")
        .await
        .text(&format!("/accounts/{id}"))
        .await;
    assert!(html.contains("<h1>Volga Trade"));
    assert!(html.contains("Prospect"), "the status");
    assert!(
        html.contains("<dd>kam <span class=\"muted\">+ assistant</span></dd>"),
        "the owner and the rest of the team: {html}"
    );
    // A new prospect with a forecast and nothing else: potential is the one filled section of 7.
    assert!(html.contains("14%"), "completeness");
    assert!(
        html.contains(&format!("href=\"/accounts/{id}/footprint\">Footprint</a>")),
        "an empty section links to its page"
    );
    assert!(html.contains(&format!("href=\"/accounts/{id}/why\"")));
    assert!(html.contains(&format!("href=\"/accounts/{id}/history\"")));
    // Every planned section without a page yet has no tab (the list shrinks as areas land).
    for (_, slug) in kamdesk::web::hub::LAYOUT {
        if !slug.is_empty() && !kamdesk::web::hub::is_built(slug) {
            assert!(
                !html.contains(&format!("href=\"/accounts/{id}/{slug}\"")),
                "no tab for {slug}, a section without a page"
            );
        }
    }
    assert!(
        html.contains(&format!("href=\"/accounts/{id}/plan\"")),
        "a built section has its tab"
    );
}

#[tokio::test]
async fn the_key_decision_has_its_own_tab_and_the_overview_keeps_the_verdict() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let c = app.signed_in("assistant@x.test").await;
    let overview = c.text(&format!("/accounts/{id}")).await;
    let why = c.text(&format!("/accounts/{id}/why")).await;
    for page in [&overview, &why] {
        assert!(page.contains("Why key / why not"));
    }
    assert!(why.contains("× P +"), "the formula is on the why tab");
    assert!(
        !why.contains("id=\"pin\""),
        "an assistant is not offered the pin"
    );
    let d = app.signed_in("director@x.test").await;
    assert!(
        d.text(&format!("/accounts/{id}/why"))
            .await
            .contains("id=\"pin\"")
    );
}

#[tokio::test]
async fn a_status_change_needs_a_reason_and_a_lost_client_says_when_and_why() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let k = app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{id}/status");
    let res = k
        .post(
            &path,
            &[("status", "lost"), ("reason", "  "), ("version", "0")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Please fill this in."));
    assert!(
        html.contains("value=\"lost\" selected"),
        "the choice is kept"
    );
    assert_eq!(stored_status(&app, id).await.0, "prospect", "nothing saved");

    let res = k
        .post(
            &path,
            &[
                ("status", "lost"),
                ("reason", "Chose a rival after the tender"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (status, reason, _, _) = stored_status(&app, id).await;
    assert_eq!(
        (status.as_str(), reason.as_deref()),
        ("lost", Some("Chose a rival after the tender"))
    );
    let page = k.text(&location(&res)).await;
    assert!(page.contains("Closed on"), "when");
    assert!(page.contains("Chose a rival after the tender"), "and why");
    // The key list saw the change: a lost client is outside the base.
    let reason: String =
        sqlx::query_scalar("SELECT reason FROM scoring_results WHERE account_id = $1")
            .bind(id)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(reason, "not_in_base");
    let history = k
        .text(&format!("/accounts/{id}/history?section=status"))
        .await;
    assert!(history.contains("Lost</td>"), "{history}");
    assert!(history.contains("Prospect</td>"));
    assert!(history.contains("Chose a rival after the tender"));
}

#[tokio::test]
async fn qualification_stops_counting_when_a_prospect_becomes_active() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let (_, _, before, missing) = stored_status(&app, id).await;
    assert_eq!(before, 14, "1 of 7");
    assert!(missing.contains(&"qualification".to_string()));
    let k = app.signed_in("kam@x.test").await;
    let res = k
        .post(
            &format!("/accounts/{id}/status"),
            &[
                ("status", "active"),
                ("reason", "Signed the framework contract"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, _, after, missing) = stored_status(&app, id).await;
    assert_eq!(after, 16, "1 of 6");
    assert!(!missing.contains(&"qualification".to_string()));
}

#[tokio::test]
async fn the_second_of_two_status_changes_from_the_same_form_is_refused_with_both_versions() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let path = format!("/accounts/{id}/status");
    let k = app.signed_in("kam@x.test").await;
    let d = app.signed_in("director@x.test").await;
    let first = d
        .post(
            &path,
            &[("status", "active"), ("reason", "Won"), ("version", "0")],
        )
        .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let second = k
        .post(
            &path,
            &[
                ("status", "archived"),
                ("reason", "Duplicate record"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let html = second.text().await.unwrap();
    assert!(html.contains("Someone else saved this first"));
    assert!(html.contains("Won</td>"), "the stored version");
    assert!(
        html.contains("Duplicate record</td>"),
        "beside the reader's"
    );
    assert!(
        html.contains(">Duplicate record</textarea>"),
        "and the input is kept in the form"
    );
    assert!(
        html.contains("name=\"version\" value=\"1\""),
        "at the stored version now"
    );
    assert_eq!(stored_status(&app, id).await.0, "active");
}

#[tokio::test]
async fn assistants_read_the_hub_but_cannot_change_the_status() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let a = app.signed_in("assistant@x.test").await;
    let overview = a.text(&format!("/accounts/{id}")).await;
    assert!(
        !overview.contains("/status\""),
        "no link to a form they may not use"
    );
    let res = a
        .post(
            &format!("/accounts/{id}/status"),
            &[("status", "lost"), ("reason", "x"), ("version", "0")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored_status(&app, id).await.0, "prospect");
}

#[tokio::test]
async fn the_history_tab_filters_by_section_and_pages() {
    let app = TestApp::spawn().await;
    let id = prospect(&app).await;
    let user: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE email = 'kam@x.test'")
        .fetch_one(app.pool())
        .await
        .unwrap();
    // 60 recorded changes of needs and one of status.
    for i in 0..60 {
        sqlx::query(
            "INSERT INTO audit_log (user_id, account_id, section, entity, field, old_value, new_value, at)
             VALUES ($1, $2, 'needs', 'dossier', 'business_needs', $3, $4, now() - make_interval(mins => $5))",
        )
        .bind(user)
        .bind(id)
        .bind(format!("need {i}"))
        .bind(format!("need {}", i + 1))
        .bind(100 - i)
        .execute(app.pool())
        .await
        .unwrap();
    }
    sqlx::query("INSERT INTO audit_log (user_id, account_id, section, entity, field, old_value, new_value) VALUES ($1, $2, 'status', 'account', 'status', 'prospect', 'active')")
        .bind(user)
        .bind(id)
        .execute(app.pool())
        .await
        .unwrap();
    let c = app.signed_in("assistant@x.test").await;
    let first = c.text(&format!("/accounts/{id}/history")).await;
    assert!(first.contains("Active</td>"), "the newest first");
    assert!(first.contains("need 60</td>"));
    assert!(!first.contains("need 10</td>"), "a page holds 50");
    assert!(first.contains("page=2"), "with a link to the older ones");
    let second = c.text(&format!("/accounts/{id}/history?page=2")).await;
    assert!(second.contains("need 10</td>"));
    assert!(!second.contains("page=3"), "the last page");
    let status = c
        .text(&format!("/accounts/{id}/history?section=status"))
        .await;
    assert!(status.contains("Active</td>"));
    assert!(!status.contains("need 60"), "only the chosen section");
    let unknown = c
        .get(&format!("/accounts/{id}/history?section=nonsense"))
        .await;
    assert_eq!(
        unknown.status(),
        StatusCode::OK,
        "an unknown section filters nothing"
    );
}

/// The sections of `account` linked from the hub's header and tabs (not the section's body),
/// found by following those links from `entry` until no new one turns up.
async fn hub_links(c: &common::Client, account: AccountId, entry: &str) -> Vec<String> {
    let prefix = format!("href=\"/accounts/{account}");
    let mut seen: Vec<String> = vec![];
    let mut queue = vec![entry.to_string()];
    while let Some(slug) = queue.pop() {
        let path = kamdesk::web::hub::href(account, &slug);
        let res = c.get(&path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path} is linked but refused");
        let html = res.text().await.unwrap();
        let head = html.split("class=\"section-body\"").next().unwrap();
        for part in head.split(&prefix).skip(1) {
            let target = &part[..part.find(['"', '?', '#']).unwrap()];
            let slug = target.trim_start_matches('/').to_string();
            if !seen.contains(&slug) {
                seen.push(slug.clone());
                queue.push(slug);
            }
        }
    }
    seen.sort();
    seen
}

/// The header's "why" link and every tab lead to a page the reader may open, and every section
/// the reader may open has its tab: for the team's KAM, its assistant, a director, and a KAM
/// looking at a key client nobody owns (who sees its key profile: the team and why it is key).
#[tokio::test]
async fn the_hub_links_a_section_exactly_when_its_gate_lets_the_reader_in() {
    let app = TestApp::spawn().await;
    let own = prospect(&app).await;
    app.user("other-kam@x.test", Role::Kam).await;
    let unowned = app
        .account("Nobody's Giant", "active", 90_000_000, 5, None)
        .await;
    // A base large enough for one key place (20 %).
    for i in 1..=4 {
        app.account(&format!("Small {i}"), "active", i * 1000, 1, None)
            .await;
    }
    app.recompute().await;
    let is_key: bool =
        sqlx::query_scalar("SELECT is_key FROM scoring_results WHERE account_id = $1")
            .bind(unowned)
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert!(is_key, "the fixture's unowned client is key");
    let built: Vec<&str> = kamdesk::web::hub::LAYOUT
        .iter()
        .map(|(_, s)| *s)
        .filter(|s| kamdesk::web::hub::is_built(s))
        .collect();
    for (who, account, entry) in [
        ("kam@x.test", own, ""),
        ("assistant@x.test", own, ""),
        ("director@x.test", own, ""),
        ("director@x.test", unowned, ""),
        ("other-kam@x.test", unowned, "team"),
    ] {
        let c = app.signed_in(who).await;
        let linked = hub_links(&c, account, entry).await;
        for slug in &built {
            let status = c
                .get(&kamdesk::web::hub::href(account, slug))
                .await
                .status();
            assert_eq!(
                status == StatusCode::OK,
                linked.iter().any(|l| l == slug),
                "{who}: section '{slug}' answers {status}, linked: {linked:?}"
            );
        }
        if who == "other-kam@x.test" {
            assert_eq!(linked, ["team", "why"], "the key profile only");
            let why = c.text(&format!("/accounts/{unowned}/why")).await;
            assert!(why.contains("class=\"verdict yes\""), "{why}");
            assert!(!why.contains("id=\"pin\""), "no pin form for a KAM");
        }
    }
}
