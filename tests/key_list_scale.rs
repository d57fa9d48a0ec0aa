//! The key list at the size of a real company: paged, filtered and searched with the filter in
//! the URL, and exported (streamed) following the filter.

mod common;

use common::TestApp;
use kamdesk::domain::ids::UserId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// `n` active clients "Co 00001".. with potentials 1,000 × i and importance 5, written in bulk
/// (fixture SQL). With the 20% cap, the best fifth are key, ranked from "Co n" down.
async fn company(app: &TestApp, n: i32) {
    let year = chrono::Utc::now().date_naive().format("%Y").to_string();
    sqlx::raw_sql(&format!(
        "INSERT INTO accounts (id, name, status, strategic_importance)
           SELECT gen_random_uuid(), 'Co ' || lpad(i::text, 5, '0'), 'active', 5 FROM generate_series(1, {n}) i;
         INSERT INTO potential_forecasts (account_id, year, revenue)
           SELECT id, {year}, substr(name, 4)::int * 1000 FROM accounts;"
    ))
    .execute(app.pool())
    .await
    .unwrap();
}

async fn account_named(app: &TestApp, name: &str) -> uuid::Uuid {
    sqlx::query_scalar("SELECT id FROM accounts WHERE name = $1")
        .bind(name)
        .fetch_one(app.pool())
        .await
        .unwrap()
}

async fn own(app: &TestApp, name: &str, owner: UserId) {
    let id = account_named(app, name).await;
    app.add_to_team(kamdesk::domain::ids::AccountId(id), owner, "owner")
        .await;
}

/// The client names in the list table of a page, in order.
fn names(html: &str) -> Vec<String> {
    let Some(start) = html.find("<table class=\"keylist\">") else {
        return vec![];
    };
    let table = &html[start..html[start..].find("</table>").unwrap() + start];
    table
        .match_indices("Co ")
        .map(|(i, _)| table[i..i + 8].to_string())
        .collect()
}

#[tokio::test]
async fn the_key_list_pages_filters_and_searches_with_the_filter_in_the_url() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    company(&app, 1_000).await; // 200 key clients: Co 01000 .. Co 00801
    own(&app, "Co 00999", kam).await;
    own(&app, "Co 00850", kam).await;
    sqlx::query("UPDATE accounts SET is_expert = true WHERE name IN ('Co 00900', 'Co 00100')")
        .execute(app.pool())
        .await
        .unwrap();
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;

    let first = c.text("/key-clients").await;
    assert!(first.contains("Rows 1–100 of 200"), "{first}");
    assert!(
        first.contains("You need a score of"),
        "the cut line stays on top"
    );
    let rows = names(&first);
    assert_eq!(rows.len(), 100);
    assert_eq!(
        (rows[0].as_str(), rows[99].as_str()),
        ("Co 01000", "Co 00901")
    );
    assert!(first.contains("href=\"/key-clients?page=2\""));

    let second = c.text("/key-clients?page=2").await;
    assert!(second.contains("Rows 101–200 of 200"));
    assert_eq!(names(&second)[0], "Co 00900");
    assert_eq!(
        names(&c.text("/key-clients?page=99").await)[0],
        "Co 00900",
        "a page past the end shows the last one"
    );

    let mine = c.text(&format!("/key-clients?owner={kam}")).await;
    assert_eq!(names(&mine), ["Co 00999", "Co 00850"]);
    let unowned = c.text("/key-clients?unowned=1&page=2").await;
    assert!(unowned.contains("Rows 101–198 of 198"), "{unowned}");
    assert!(
        unowned.contains("rel=\"prev\" href=\"/key-clients?unowned=1\""),
        "paging keeps the filter"
    );
    assert_eq!(
        names(&c.text("/key-clients?type=expert").await),
        ["Co 00900"],
        "a non-key expert is not on the key list"
    );
    assert_eq!(
        names(&c.text("/key-clients?q=0095").await),
        [
            "Co 00959", "Co 00958", "Co 00957", "Co 00956", "Co 00955", "Co 00954", "Co 00953",
            "Co 00952", "Co 00951", "Co 00950"
        ]
    );
    assert_eq!(
        names(
            &c.text("/key-clients?league=none&segment=gold&q=Co+0100")
                .await
        ),
        ["Co 01000"]
    );
    assert!(names(&c.text("/key-clients?league=premier").await).is_empty());
    assert!(
        c.text("/key-clients?at_risk=1")
            .await
            .contains("No key client matches the filter."),
        "clients created today are not at risk"
    );

    let res = c.get("/key-clients?segment=platinum&q=ok").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Please choose one of the options."));
    assert!(html.contains("value=\"ok\""), "the search is kept");
}

#[tokio::test]
async fn exports_follow_the_filter_and_stream_past_one_chunk_without_losing_a_row() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    company(&app, 10_050).await; // 2,010 key clients: more than one chunk of 2,000
    own(&app, "Co 10050", kam).await;
    app.recompute().await;
    let c = app.signed_in("kam@x.test").await;

    let res = c.get("/key-clients.csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "Rank,Client,Owner,Score,Segment,League,Projected league,Types"
    );
    assert_eq!(lines.len(), 1 + 2_010);
    let ranks: Vec<i64> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(
        ranks,
        (1..=2_010).collect::<Vec<_>>(),
        "every row once, in order"
    );
    assert!(
        lines[1].starts_with("1,Co 10050,kam,100.00,Gold"),
        "{}",
        lines[1]
    );

    let filtered = c.text(&format!("/key-clients.csv?owner={kam}")).await;
    assert_eq!(filtered.trim_start_matches('\u{feff}').lines().count(), 2);
    let unowned = c.text("/key-clients.csv?unowned=1&q=Co+1004").await;
    let unowned: Vec<&str> = unowned
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .collect();
    assert_eq!(unowned.len(), 10, "Co 10040..10049: {unowned:?}");
    assert!(unowned.iter().all(|l| l.contains(",Co 1004")));

    let xlsx = c
        .get(&format!("/key-clients.xlsx?owner={kam}"))
        .await
        .bytes()
        .await
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert_eq!(sheet.matches("<row ").count(), 2, "header and the one row");
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("Co 10050"));
}

#[tokio::test]
async fn who_owns_whom_lists_unowned_key_clients_first_filtered_by_owner_and_exported() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let member = app.user("legal@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    company(&app, 50).await; // 10 key clients: Co 00050 .. Co 00041
    for name in ["Co 00050", "Co 00049", "Co 00045"] {
        own(&app, name, kam).await;
    }
    let id = kamdesk::domain::ids::AccountId(account_named(&app, "Co 00050").await);
    app.add_to_team(id, member, "member").await;
    app.recompute().await;
    let d = app.signed_in("director@x.test").await;
    let html = d.text("/ownership").await;
    assert_eq!(
        names(&html),
        [
            "Co 00048", "Co 00047", "Co 00046", "Co 00044", "Co 00043", "Co 00042", "Co 00041",
            "Co 00050", "Co 00049", "Co 00045"
        ],
        "unowned first, each part by rank"
    );
    assert!(html.contains("<tr class=\"unowned\">"));
    assert!(html.contains("<td>legal</td>"), "the team is shown");
    let mine = d.text(&format!("/ownership?owner={kam}")).await;
    assert_eq!(names(&mine), ["Co 00050", "Co 00049", "Co 00045"]);
    let csv = d.text("/ownership.csv").await;
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Rank,Client,Owner,Team,Score,Segment,League");
    assert!(lines[1].starts_with("3,Co 00048,,"), "{}", lines[1]);
    assert!(
        lines[8].starts_with("1,Co 00050,kam,legal,"),
        "{}",
        lines[8]
    );
    assert_eq!(lines.len(), 11);
}
