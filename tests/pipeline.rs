//! The pipeline and the tender register across the accounts a user may see: grouping, sums
//! per currency, filters, paging and exports.

mod common;

use common::TestApp;
use kamdesk::db::deals::NewDeal;
use kamdesk::domain::deal::{DealKind, DealStage, OutcomeReason};
use kamdesk::domain::ids::{AccountId, DealId, UserId};
use kamdesk::domain::money::Currency;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;
use rust_decimal::Decimal;

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

fn days(n: i64) -> chrono::NaiveDate {
    today() + chrono::Duration::days(n)
}

/// An open deal at `stage` (or a decided one when won or lost) through the writer.
fn deal(
    account: AccountId,
    title: &str,
    stage: DealStage,
    amount: Option<i64>,
    currency: Currency,
) -> NewDeal {
    let closed = stage.is_closed();
    NewDeal {
        id: DealId::new(),
        account_id: account,
        kind: DealKind::Deal,
        title: title.into(),
        stage,
        amount: amount.map(Decimal::from),
        currency,
        opened_on: days(-100),
        expected_close_on: Some(days(30)),
        closed_on: closed.then(|| days(-10)),
        closed_at: None,
        outcome_reason: closed.then_some(OutcomeReason::Price),
        outcome_note: if closed { "why".into() } else { String::new() },
        winning_competitor_id: None,
        winning_competitor: String::new(),
        deadline_on: None,
        lots: None,
        our_bid: None,
        winning_bid: None,
        owner_id: None,
        created_at: None,
        updated_at: None,
    }
}

fn tender(
    account: AccountId,
    title: &str,
    stage: DealStage,
    deadline: i64,
    bids: Option<(i64, i64)>,
    winner: &str,
) -> NewDeal {
    NewDeal {
        kind: DealKind::Tender,
        deadline_on: Some(days(deadline)),
        lots: Some(2),
        our_bid: bids.map(|(o, _)| Decimal::from(o)),
        winning_bid: bids.map(|(_, w)| Decimal::from(w)),
        winning_competitor: winner.into(),
        ..deal(account, title, stage, Some(1000), Currency::Rub)
    }
}

async fn insert(app: &TestApp, deals: &[NewDeal]) {
    let mut conn = app.pool().acquire().await.unwrap();
    kamdesk::db::deals::insert_many(&mut conn, deals)
        .await
        .unwrap();
}

struct World {
    app: TestApp,
    own: AccountId,
    foreign: AccountId,
    kam: UserId,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let own = app.account("Own Co", "active", 1, 0, Some(kam)).await;
    let foreign = app.account("Foreign Co", "active", 1, 0, Some(other)).await;
    World {
        app,
        own,
        foreign,
        kam,
    }
}

/// The text of the stage summary table.
fn stages(html: &str) -> String {
    let start = html.find("id=\"stages\"").expect("the summary");
    html[start..start + html[start..].find("</table>").unwrap()].to_string()
}

#[tokio::test]
async fn the_pipeline_groups_open_deals_by_stage_with_sums_per_currency_over_visible_accounts() {
    let w = world().await;
    insert(
        &w.app,
        &[
            deal(
                w.own,
                "Lead A",
                DealStage::Lead,
                Some(100_000),
                Currency::Rub,
            ),
            deal(w.own, "Lead B", DealStage::Lead, None, Currency::Rub),
            deal(
                w.own,
                "Proposal EUR",
                DealStage::Proposal,
                Some(5_000),
                Currency::Eur,
            ),
            deal(
                w.own,
                "Proposal RUB",
                DealStage::Proposal,
                Some(250_000),
                Currency::Rub,
            ),
            deal(
                w.own,
                "Won already",
                DealStage::Won,
                Some(999_999),
                Currency::Rub,
            ),
            deal(
                w.foreign,
                "Foreign lead",
                DealStage::Lead,
                Some(7_000_000),
                Currency::Rub,
            ),
        ],
    )
    .await;
    let kam = w.app.signed_in("kam@x.test").await;
    let html = kam.text("/pipeline").await;
    let summary = stages(&html);
    // Lead: two deals, one without an amount; proposal: one per currency; totals per currency.
    assert!(
        summary.contains("<td class=\"num\">2</td><td class=\"num\">RUB\u{a0}100,000</td>"),
        "{summary}"
    );
    assert!(
        summary.contains("RUB\u{a0}250,000") && summary.contains("EUR\u{a0}5,000"),
        "{summary}"
    );
    assert!(
        summary.contains("<td class=\"num\">3</td><td class=\"num\">RUB\u{a0}350,000</td>"),
        "{summary}"
    );
    assert!(
        !html.contains("Won already"),
        "decided deals are not in the pipeline"
    );
    assert!(
        !html.contains("Foreign lead") && !summary.contains("7,000,000"),
        "another team's deal stays hidden"
    );
    // Grouped: lead's rows come under its heading before proposal's.
    let lead = html.find("scope=\"rowgroup\">Lead").unwrap();
    let proposal = html.find("scope=\"rowgroup\">Proposal").unwrap();
    assert!(lead < html.find("Lead A").unwrap() && html.find("Lead A").unwrap() < proposal);

    let director = w.app.signed_in("director@x.test").await;
    let all = director.text("/pipeline").await;
    assert!(all.contains("Foreign lead") && stages(&all).contains("RUB\u{a0}7,350,000"));
    // Filters: a title fragment, and the owner.
    let found = director.text("/pipeline?q=proposal").await;
    assert!(found.contains("Proposal EUR") && !found.contains("Lead A"));
    let none = director.text(&format!("/pipeline?owner={}", w.kam)).await;
    assert!(
        none.contains("No deals or tenders match."),
        "no deal is run by the KAM"
    );
    let refused = director.get("/pipeline?q=a%00b").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"q-err\""));
    // The export holds what the page lists, for the same filter.
    let csv = kam.text("/pipeline.csv").await;
    assert_eq!(csv.lines().count(), 5, "header and four open deals: {csv}");
    assert!(!csv.contains("Foreign lead"));
    let eur = kam.text("/pipeline.csv?q=EUR").await;
    assert_eq!(eur.lines().count(), 2);
}

#[tokio::test]
async fn the_pipeline_pages_without_dropping_or_repeating_a_deal() {
    let w = world().await;
    let many: Vec<NewDeal> = (0..130)
        .map(|i| {
            deal(
                w.own,
                &format!("Deal {i:03}"),
                DealStage::OPEN[i % 4],
                Some(10),
                Currency::Rub,
            )
        })
        .collect();
    insert(&w.app, &many).await;
    let kam = w.app.signed_in("kam@x.test").await;
    let first = kam.text("/pipeline").await;
    assert!(first.contains("Rows 1–100 of 130"), "{first}");
    assert!(first.contains("href=\"/pipeline?page=2\""));
    let second = kam.text("/pipeline?page=2").await;
    assert!(second.contains("Rows 101–130 of 130"));
    let titles = |html: &str| -> Vec<String> {
        html.match_indices("<td>Deal ")
            .map(|(i, _)| html[i + 4..i + 12].to_string())
            .collect()
    };
    let mut seen = [titles(&first), titles(&second)].concat();
    assert_eq!(seen.len(), 130);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 130, "every deal once");
}

#[tokio::test]
async fn the_tender_register_shows_upcoming_deadlines_results_and_price_gaps() {
    let w = world().await;
    insert(
        &w.app,
        &[
            tender(w.own, "Soon", DealStage::Proposal, 10, None, ""),
            tender(w.own, "Later", DealStage::Lead, 90, None, ""),
            tender(
                w.own,
                "Passed, waiting",
                DealStage::Negotiation,
                -3,
                None,
                "",
            ),
            tender(
                w.own,
                "Lost dear",
                DealStage::Lost,
                -40,
                Some((1100, 1000)),
                "MegaShina",
            ),
            tender(
                w.own,
                "Lost cheap",
                DealStage::Lost,
                -50,
                Some((950, 1000)),
                "Ural",
            ),
            tender(w.own, "Won", DealStage::Won, -60, Some((1000, 1000)), ""),
            deal(
                w.own,
                "Not a tender",
                DealStage::Lead,
                Some(5),
                Currency::Rub,
            ),
            tender(w.foreign, "Foreign tender", DealStage::Lead, 5, None, ""),
        ],
    )
    .await;
    let kam = w.app.signed_in("kam@x.test").await;
    let html = kam.text("/tenders").await;
    let figures = &html[html.find("id=\"figures\"").unwrap()..html.find("sectiontabs").unwrap()];
    // Upcoming: running with a deadline today or later (2), one of them within 30 days.
    assert!(
        figures.contains("<span class=\"tile-num\">2</span>upcoming deadlines"),
        "{figures}"
    );
    assert!(
        figures.contains("<span class=\"tile-num\">1</span>deadlines within 30 days"),
        "{figures}"
    );
    assert!(
        figures.contains("33.3 %"),
        "one won of three decided: {figures}"
    );
    // Average gap over lost tenders: (+10 % and -5 %) / 2 = 2.5 %.
    assert!(figures.contains("2.5 %"), "{figures}");
    assert!(!html.contains("Not a tender") && !html.contains("Foreign tender"));
    assert!(html.contains("in 10 days") && html.contains("deadline passed, awaiting the result"));

    let upcoming = kam.text("/tenders?view=upcoming").await;
    let soon = upcoming.find(">Soon<").unwrap();
    let later = upcoming.find(">Later<").unwrap();
    assert!(soon < later, "soonest deadline first");
    assert!(!upcoming.contains("Passed, waiting") && !upcoming.contains("Lost dear"));

    let gaps = kam.text("/tenders?view=lost&sort=gap").await;
    assert!(gaps.find("Lost dear").unwrap() < gaps.find("Lost cheap").unwrap());
    assert!(
        gaps.contains("RUB\u{a0}100") && gaps.contains("10.0 %"),
        "our bid 100 over the winner's"
    );
    assert!(gaps.contains("-5.0 %"));

    let by_winner = kam.text("/tenders?winner=mega").await;
    assert!(by_winner.contains("Lost dear") && !by_winner.contains("Lost cheap"));

    let csv = kam.text("/tenders.csv?view=lost").await;
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.contains(",1100.00,1000.00,100.00,10.0,"),
        "bids and the gap as numbers: {csv}"
    );
    let xlsx = kam.get("/tenders.xlsx").await;
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
    let bad = kam.get("/tenders?from=yesterday").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("id=\"from-err\""));
}
