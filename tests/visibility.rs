//! Which accounts a user sees in lists, searches and exports: their teams' (KAMs and
//! assistants) or all (directors and admins), and a follow-up assigned to them on another team's
//! account without that account.

mod common;

use common::TestApp;
use kamdesk::domain::user::Role;

#[tokio::test]
async fn a_follow_up_assigned_on_another_teams_account_shows_without_the_account() {
    let app = TestApp::spawn().await;
    let owner = app.user("owner@x.test", Role::Kam).await;
    let helper = app.user("helper@x.test", Role::Kam).await;
    let secret = app
        .account("Secret Holdings", "active", 800_000, 4, Some(owner))
        .await;
    app.follow_up(secret, helper, "Send the price list").await;
    app.recompute().await;

    let c = app.signed_in("helper@x.test").await;
    for page in ["/follow-ups", "/"] {
        let html = c.text(page).await;
        assert!(
            html.contains("Send the price list"),
            "{page}: the follow-up is theirs to see"
        );
        assert!(
            !html.contains("Secret Holdings"),
            "{page}: the account behind it is not"
        );
        assert!(
            !html.contains(&format!("/accounts/{secret}")),
            "{page}: and no link to it"
        );
        assert!(html.contains("A client outside your teams"), "{page}");
    }
    let owner_view = app
        .signed_in("owner@x.test")
        .await
        .text("/follow-ups")
        .await;
    assert!(owner_view.contains("Send the price list"));
    assert!(
        owner_view.contains("Secret Holdings"),
        "the owner sees both"
    );
}

#[tokio::test]
async fn lists_searches_and_the_key_list_show_a_kam_only_their_teams_accounts() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    let mine = app
        .account("Mine Trading", "active", 900_000, 5, Some(kam))
        .await;
    let theirs = app
        .account("Theirs Trading", "active", 950_000, 5, Some(other))
        .await;
    // Enough of a base for a key place or two (the cap is 20% of it).
    for i in 0..8 {
        app.account(&format!("Filler {i}"), "active", 1_000, 0, None)
            .await;
    }
    app.order(mine, 1_000, "Order for Mine").await;
    app.order(theirs, 2_000, "Order for Theirs").await;
    app.follow_up(theirs, other, "Their call").await;
    app.recompute().await;

    let k = app.signed_in("kam@x.test").await;
    let accounts = k.text("/accounts?q=Trading").await;
    assert!(accounts.contains("Mine Trading") && !accounts.contains("Theirs Trading"));
    let orders = k.text("/orders").await;
    assert!(orders.contains("Order for Mine") && !orders.contains("Order for Theirs"));
    let follow_ups = k.text("/follow-ups").await;
    assert!(!follow_ups.contains("Their call"));
    // The key list names every key client with its owner, but links only the KAM's own.
    let keylist = k.text("/key-clients").await;
    assert!(keylist.contains("Theirs Trading"));
    assert!(keylist.contains(&format!("/accounts/{mine}")));
    assert!(!keylist.contains(&format!("/accounts/{theirs}")));

    let d = app.signed_in("director@x.test").await;
    let accounts = d.text("/accounts?q=Trading").await;
    assert!(accounts.contains("Mine Trading") && accounts.contains("Theirs Trading"));
    let orders = d.text("/orders").await;
    assert!(orders.contains("Order for Mine") && orders.contains("Order for Theirs"));
    assert!(
        d.text("/follow-ups?whose=team")
            .await
            .contains("Their call")
    );
    let keylist = d.text("/key-clients").await;
    assert!(keylist.contains(&format!("/accounts/{theirs}")));
}

#[tokio::test]
async fn a_kam_who_left_a_team_no_longer_sees_its_account() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let account = app
        .account("Former Client", "active", 500_000, 3, Some(kam))
        .await;
    let k = app.signed_in("kam@x.test").await;
    assert!(k.text("/accounts").await.contains("Former Client"));
    sqlx::query("UPDATE account_team SET ended_on = current_date WHERE account_id = $1")
        .bind(account)
        .execute(app.pool())
        .await
        .unwrap();
    assert!(!k.text("/accounts").await.contains("Former Client"));
    assert_eq!(
        k.get(&format!("/accounts/{account}")).await.status(),
        reqwest::StatusCode::NOT_FOUND
    );
}
