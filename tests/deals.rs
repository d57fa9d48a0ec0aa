//! Deals and tenders of an account: the form and its rules, stage moves and closing, stale
//! saves, the win/loss record and the exports.

mod common;

use common::{TestApp, dec, location};
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

struct World {
    app: TestApp,
    account: AccountId,
    kam: UserId,
}

/// A KAM owning one client with an assistant on its team, a director, and a KAM elsewhere.
async fn world() -> World {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    app.user("director@x.test", Role::Director).await;
    app.user("other@x.test", Role::Kam).await;
    let account = app
        .account("Acme Tyres", "active", 500_000, 3, Some(kam))
        .await;
    app.add_to_team(account, assistant, "assistant").await;
    World { app, account, kam }
}

/// A valid form for a new open deal, with `overrides`.
fn deal_form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("kind", "deal"),
        ("title", "Framework agreement 2027"),
        ("stage", "lead"),
        ("amount", "1 250 000,50"),
        ("currency", "RUB"),
        ("opened_on", "2026-01-15"),
        ("expected_close_on", "2026-12-31"),
        ("owner", ""),
        ("deadline_on", ""),
        ("lots", ""),
        ("our_bid", ""),
        ("winning_bid", ""),
        ("outcome_reason", ""),
        ("outcome_note", ""),
        ("closed_on", ""),
        ("winner", ""),
        ("winner_name", ""),
    ];
    for (k, v) in overrides {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v,
            None => f.push((k, v)),
        }
    }
    f
}

/// (stage, amount, outcome_reason, outcome_note, winning_competitor, version) of the one deal
/// of `account`.
async fn stored(
    app: &TestApp,
    account: AccountId,
) -> Vec<(
    String,
    Option<rust_decimal::Decimal>,
    Option<String>,
    String,
    String,
    i32,
)> {
    sqlx::query_as(
        "SELECT stage, amount, outcome_reason, outcome_note, winning_competitor, version
           FROM deals WHERE account_id = $1 ORDER BY created_at",
    )
    .bind(account)
    .fetch_all(app.pool())
    .await
    .unwrap()
}

async fn deal_id(app: &TestApp, account: AccountId) -> String {
    sqlx::query_scalar("SELECT id::text FROM deals WHERE account_id = $1")
        .bind(account)
        .fetch_one(app.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_kam_records_a_deal_and_the_audit_log_keeps_it() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{}/deals/new", w.account);
    let form = c.text(&path).await;
    assert!(form.contains("name=\"title\""), "{form}");
    let res = c
        .post(&path, &deal_form(&[("owner", &w.kam.to_string())]))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("/accounts/{}/deals", w.account));
    let rows = stored(&w.app, w.account).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, "lead");
    assert_eq!(
        rows[0].1,
        Some(dec("1250000.50")),
        "grouping spaces and a decimal comma"
    );
    let audit: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT field, new_value FROM audit_log WHERE entity = 'deal' AND account_id = $1",
    )
    .bind(w.account)
    .fetch_all(w.app.pool())
    .await
    .unwrap();
    assert_eq!(
        audit,
        [(
            "deal_created".into(),
            Some("Framework agreement 2027".into())
        )]
    );
    let list = c.text(&format!("/accounts/{}/deals", w.account)).await;
    assert!(list.contains("Framework agreement 2027"), "{list}");
    assert!(list.contains("The deal is recorded."), "{list}");
}

#[tokio::test]
async fn bad_input_is_refused_beside_its_field_and_kept() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{}/deals/new", w.account);
    for (field, value, message) in [
        ("amount", "-5", "An amount cannot be negative."),
        ("amount", "12.345", "At most two decimals."),
        ("amount", "twelve", "Please enter a number"),
        ("title", "", "Please fill this in."),
        ("title", "Tender\u{202E}", "invisible formatting character"),
        ("opened_on", "15.01.2026", "Please enter a date."),
        ("lots", "0", "A whole number of lots from 1 to 999."),
        ("deadline_on", "2026-02-01", "Only a tender has this."),
        ("stage", "closed", "Please choose one of the options."),
        (
            "owner",
            "00000000-0000-0000-0000-000000000000",
            "Please choose one of the options.",
        ),
        (
            "expected_close_on",
            "2025-01-01",
            "cannot come before the deal was opened",
        ),
        (
            "outcome_reason",
            "price",
            "An outcome belongs to a won or lost deal",
        ),
    ] {
        let res = c.post(&path, &deal_form(&[(field, value)])).await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        let html = res.text().await.unwrap();
        assert!(html.contains(message), "{field}={value}: {html}");
        assert!(
            html.contains(&format!("id=\"{field}-err\"")),
            "{field}: the message is beside it"
        );
        if field == "amount" {
            assert!(
                html.contains(&format!("value=\"{value}\"")),
                "input kept: {field}"
            );
        }
    }
    assert!(stored(&w.app, w.account).await.is_empty(), "nothing saved");
}

#[tokio::test]
async fn a_tender_carries_its_deadline_lots_and_bids_and_shows_the_price_gap() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let res = c
        .post(
            &format!("/accounts/{}/deals/new", w.account),
            &deal_form(&[
                ("kind", "tender"),
                ("title", "Tender: tyres 2026"),
                ("stage", "lost"),
                ("deadline_on", "2026-02-10"),
                ("lots", "3"),
                ("our_bid", "1080"),
                ("winning_bid", "1000"),
                ("outcome_reason", "price"),
                ("outcome_note", "Cheaper by eight per cent"),
                ("closed_on", "2026-03-01"),
                ("winner_name", "MegaShina"),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let rows = stored(&w.app, w.account).await;
    assert_eq!(rows[0].0, "lost");
    assert_eq!(rows[0].4, "MegaShina");
    let list = c.text(&format!("/accounts/{}/deals", w.account)).await;
    assert!(list.contains("Our bid vs the winning one: 8.0 %"), "{list}");
    assert!(list.contains("3 lots"), "{list}");
}

#[tokio::test]
async fn a_deal_moves_through_the_stages_and_closes_with_a_reason_and_a_winner_from_the_dossier() {
    let w = world().await;
    let competitor = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO competitors (id, account_id, name) VALUES ($1, $2, 'Rival Ltd')")
        .bind(competitor)
        .bind(w.account)
        .execute(w.app.pool())
        .await
        .unwrap();
    let c = w.app.signed_in("kam@x.test").await;
    c.post(
        &format!("/accounts/{}/deals/new", w.account),
        &deal_form(&[]),
    )
    .await;
    let path = format!(
        "/accounts/{}/deals/{}",
        w.account,
        deal_id(&w.app, w.account).await
    );

    // Forward to proposal, then back to qualification: open stages move freely.
    for (stage, version) in [("proposal", "1"), ("qualification", "2")] {
        let res = c
            .post(&path, &deal_form(&[("stage", stage), ("version", version)]))
            .await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{stage}");
    }
    // Lost without a reason is refused; with one (an incumbent kept it) it needs the winner.
    let res = c
        .post(&path, &deal_form(&[("stage", "lost"), ("version", "3")]))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("A won or lost deal needs its reason."),
        "{html}"
    );
    assert!(html.contains("When was it decided?"), "{html}");
    let closing = [
        ("stage", "lost"),
        ("version", "3"),
        ("outcome_reason", "competitor_incumbent"),
        ("outcome_note", "They matched our price"),
        ("closed_on", "2026-02-01"),
    ];
    let res = c.post(&path, &deal_form(&closing)).await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Name the incumbent competitor")
    );
    let competitor = competitor.to_string();
    let with_winner = [&closing[..], &[("winner", competitor.as_str())]].concat();
    let res = c.post(&path, &deal_form(&with_winner)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let rows = stored(&w.app, w.account).await;
    assert_eq!(rows[0].0, "lost");
    assert_eq!(rows[0].2.as_deref(), Some("competitor_incumbent"));
    assert_eq!(
        rows[0].4, "Rival Ltd",
        "the dossier competitor's name is kept with it"
    );

    // Decided is final: back to negotiation is refused, a corrected note is fine.
    let reopen = [
        &with_winner[..],
        &[("stage", "negotiation"), ("version", "4")],
    ]
    .concat();
    let res = c.post(&path, &deal_form(&reopen)).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("already decided"));
    let corrected = [
        &with_winner[..],
        &[
            ("version", "4"),
            ("outcome_note", "They matched our price and terms"),
        ],
    ]
    .concat();
    assert_eq!(
        c.post(&path, &deal_form(&corrected)).await.status(),
        StatusCode::SEE_OTHER
    );

    let stage_moves: Vec<(Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT old_value, new_value FROM audit_log WHERE entity = 'deal' AND field = 'deal_stage' ORDER BY id",
    )
    .fetch_all(w.app.pool())
    .await
    .unwrap();
    let moves: Vec<(&str, &str)> = stage_moves
        .iter()
        .map(|(a, b)| (a.as_deref().unwrap(), b.as_deref().unwrap()))
        .collect();
    assert_eq!(
        moves,
        [
            ("lead", "proposal"),
            ("proposal", "qualification"),
            ("qualification", "lost")
        ]
    );
}

#[tokio::test]
async fn a_competitor_of_another_account_cannot_be_named_the_winner() {
    let w = world().await;
    let elsewhere = w.app.account("Elsewhere", "active", 1, 0, None).await;
    let foreign = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO competitors (id, account_id, name) VALUES ($1, $2, 'Foreign rival')")
        .bind(foreign)
        .bind(elsewhere)
        .execute(w.app.pool())
        .await
        .unwrap();
    let c = w.app.signed_in("kam@x.test").await;
    let foreign = foreign.to_string();
    let res = c
        .post(
            &format!("/accounts/{}/deals/new", w.account),
            &deal_form(&[
                ("stage", "lost"),
                ("outcome_reason", "price"),
                ("outcome_note", "Too dear"),
                ("closed_on", "2026-02-01"),
                ("winner", &foreign),
            ]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"winner-err\""));
    // Nor can a won deal have one.
    let res = c
        .post(
            &format!("/accounts/{}/deals/new", w.account),
            &deal_form(&[
                ("stage", "won"),
                ("outcome_reason", "quality"),
                ("outcome_note", "Best service"),
                ("closed_on", "2026-02-01"),
                ("winner_name", "Somebody"),
            ]),
        )
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Only a lost deal has a winner.")
    );
    assert!(stored(&w.app, w.account).await.is_empty());
}

#[tokio::test]
async fn a_stale_save_is_refused_with_both_versions_side_by_side_and_the_input_kept() {
    let w = world().await;
    let kam = w.app.signed_in("kam@x.test").await;
    let director = w.app.signed_in("director@x.test").await;
    kam.post(
        &format!("/accounts/{}/deals/new", w.account),
        &deal_form(&[]),
    )
    .await;
    let path = format!(
        "/accounts/{}/deals/{}",
        w.account,
        deal_id(&w.app, w.account).await
    );
    // Both open the form at version 1; the director saves first.
    let res = director
        .post(
            &path,
            &deal_form(&[("amount", "2000000"), ("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = kam
        .post(
            &path,
            &deal_form(&[("title", "Framework agreement 2028"), ("version", "1")]),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Someone else changed this"), "{html}");
    assert!(
        html.contains("Your input (kept in the form below)") && html.contains("Saved now"),
        "{html}"
    );
    assert!(
        html.contains("2000000"),
        "the stored amount is shown: {html}"
    );
    assert!(
        html.contains("value=\"Framework agreement 2028\""),
        "the input is kept"
    );
    assert!(
        html.contains("name=\"version\" value=\"2\""),
        "saving again is against the stored version"
    );
    let rows = stored(&w.app, w.account).await;
    assert_eq!(
        (rows[0].1, rows[0].5),
        (Some(dec("2000000")), 2),
        "the first save stands"
    );
}

#[tokio::test]
async fn assistants_read_deals_but_do_not_edit_them_and_other_teams_see_nothing() {
    let w = world().await;
    let kam = w.app.signed_in("kam@x.test").await;
    kam.post(
        &format!("/accounts/{}/deals/new", w.account),
        &deal_form(&[]),
    )
    .await;
    let edit = format!(
        "/accounts/{}/deals/{}",
        w.account,
        deal_id(&w.app, w.account).await
    );
    let assistant = w.app.signed_in("assistant@x.test").await;
    let list = assistant
        .get(&format!("/accounts/{}/deals", w.account))
        .await;
    assert_eq!(list.status(), StatusCode::OK);
    let html = list.text().await.unwrap();
    assert!(html.contains("Framework agreement 2027"));
    assert!(!html.contains(&edit), "no edit link for an assistant");
    assert_eq!(assistant.get(&edit).await.status(), StatusCode::FORBIDDEN);
    let other = w.app.signed_in("other@x.test").await;
    assert_eq!(other.get(&edit).await.status(), StatusCode::NOT_FOUND);
    // A deal id under another account's path is not found either.
    let elsewhere = w
        .app
        .account("Elsewhere", "active", 1, 0, Some(w.kam))
        .await;
    let wrong = edit.replace(&w.account.to_string(), &elsewhere.to_string());
    assert_eq!(kam.get(&wrong).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_win_loss_record_counts_and_explains_and_the_export_holds_every_deal() {
    let w = world().await;
    let c = w.app.signed_in("kam@x.test").await;
    let path = format!("/accounts/{}/deals/new", w.account);
    let won = [
        ("stage", "won"),
        ("outcome_reason", "quality"),
        ("outcome_note", "Reliable"),
        ("closed_on", "2026-02-01"),
    ];
    let lost = [
        ("stage", "lost"),
        ("outcome_reason", "price"),
        ("outcome_note", "=cheaper"),
        ("closed_on", "2026-02-01"),
    ];
    for f in [
        &won[..],
        &won[..],
        &lost[..],
        &[("title", "Still running")][..],
    ] {
        assert_eq!(
            c.post(&path, &deal_form(f)).await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let html = c.text(&format!("/accounts/{}/deals", w.account)).await;
    let record =
        &html[html.find("id=\"record\"").unwrap()..html.find("deals-list").unwrap_or(html.len())];
    assert!(record.contains("<dt>Won</dt><dd>2</dd>"), "{record}");
    assert!(record.contains("<dt>Lost</dt><dd>1</dd>"), "{record}");
    assert!(
        record.contains("<dt>Win rate</dt><dd>66.7 %</dd>"),
        "{record}"
    );
    assert!(record.contains("<dt>Running</dt><dd>1</dd>"), "{record}");
    let csv = c.text(&format!("/accounts/{}/deals.csv", w.account)).await;
    assert_eq!(csv.lines().count(), 5, "a header and four deals: {csv}");
    assert!(csv.contains(",'=cheaper,"), "text is neutralised: {csv}");
    let only_lost = c
        .text(&format!("/accounts/{}/deals.csv?stage=lost", w.account))
        .await;
    assert_eq!(
        only_lost.lines().count(),
        2,
        "the export follows the filter"
    );
    let xlsx = c.get(&format!("/accounts/{}/deals.xlsx", w.account)).await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
}
