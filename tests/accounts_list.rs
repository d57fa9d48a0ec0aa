//! The accounts list: search in either script, by tax id and city; filters; sorting by each
//! column; keyset pages; totals; exports of exactly the filtered rows; and the reader's scope.

mod common;

use common::TestApp;
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;

async fn set(app: &TestApp, id: AccountId, column: &str, value: &str) {
    sqlx::query(&format!("UPDATE accounts SET {column} = $2 WHERE id = $1"))
        .bind(id)
        .bind(value)
        .execute(app.pool())
        .await
        .unwrap();
}

async fn city(app: &TestApp, id: AccountId, city: &str) {
    sqlx::query(
        "INSERT INTO account_locations (id, account_id, continent, country, region, city)
         VALUES (gen_random_uuid(), $1, 'EU', 'RU', 'Tatarstan', $2)",
    )
    .bind(id)
    .bind(city)
    .execute(app.pool())
    .await
    .unwrap();
}

/// The names of the rows listed, in order.
fn names(html: &str) -> Vec<String> {
    let body = html.split("<tbody>").nth(1).unwrap_or("");
    body.split("<tr>")
        .skip(1)
        .filter_map(|row| {
            let link = row.split("<a href=\"/accounts/").nth(1)?;
            let name = link.split('>').nth(1)?.split('<').next()?;
            Some(name.to_string())
        })
        .collect()
}

/// An attribute value as the browser reads it (askama writes `&` as `&#38;`).
fn unescape(href: &str) -> String {
    href.replace("&#38;", "&").replace("&amp;", "&")
}

fn next_link(html: &str) -> Option<String> {
    let before = html.split("rel=\"next\"").next()?;
    if !html.contains("rel=\"next\"") {
        return None;
    }
    let href = before.rsplit("href=\"").next()?.split('"').next()?;
    Some(unescape(href))
}

fn prev_link(html: &str) -> Option<String> {
    if !html.contains("rel=\"prev\"") {
        return None;
    }
    let before = html.split("rel=\"prev\"").next()?;
    let href = before.rsplit("href=\"").next()?.split('"').next()?;
    Some(unescape(href))
}

#[tokio::test]
async fn a_search_finds_a_name_in_either_script_by_part_of_a_word() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    app.account("ЛидерСемья", "active", 500_000, 3, None).await;
    app.account("LiderSemya LLC", "active", 400_000, 3, None)
        .await;
    app.account("Ромашка", "active", 300_000, 3, None).await;
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;
    for query in ["лидер", "Lider", "semya", "СЕМЬЯ", "lidersemja"] {
        let mut found = names(&c.text(&format!("/accounts?q={query}")).await);
        found.sort();
        assert_eq!(
            found,
            ["LiderSemya LLC", "ЛидерСемья"],
            "a search for {query:?} finds both spellings and nothing else"
        );
    }
    assert_eq!(names(&c.text("/accounts?q=ромаш").await), ["Ромашка"]);
    assert_eq!(names(&c.text("/accounts?q=romash").await), ["Ромашка"]);
    assert!(
        names(&c.text("/accounts?q=50%25").await).is_empty(),
        "% is a character"
    );
}

#[tokio::test]
async fn a_search_finds_a_tax_id_by_its_beginning_and_a_city() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let a = app.account("Alpha", "active", 500_000, 3, None).await;
    let b = app.account("Beta", "active", 400_000, 3, None).await;
    set(&app, a, "tax_id", "7701234567").await;
    set(&app, b, "tax_id", "5409876543").await;
    city(&app, b, "Казань").await;
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;
    assert_eq!(names(&c.text("/accounts?q=7701").await), ["Alpha"]);
    assert_eq!(names(&c.text("/accounts?q=7701-234-567").await), ["Alpha"]);
    assert_eq!(names(&c.text("/accounts?q=казан").await), ["Beta"]);
}

#[tokio::test]
async fn filters_narrow_the_list_and_live_in_the_url() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.account("Gold Owned", "active", 2_000_000, 5, Some(kam))
        .await;
    app.account("Gold Unowned", "active", 1_900_000, 5, None)
        .await;
    app.account("Lost One", "lost", 100_000, 1, Some(kam)).await;
    app.account("Small Prospect", "prospect", 10_000, 0, None)
        .await;
    // A base large enough for two key places (20% of it).
    let filler = app.user("filler@x.test", Role::Kam).await;
    for i in 0..8 {
        app.account(&format!("Filler {i}"), "active", 1_000, 0, Some(filler))
            .await;
    }
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;
    assert_eq!(names(&c.text("/accounts?status=lost").await), ["Lost One"]);
    assert_eq!(
        names(&c.text(&format!("/accounts?owner={kam}")).await),
        ["Gold Owned", "Lost One"]
    );
    assert_eq!(
        names(&c.text("/accounts?owner=none").await),
        ["Gold Unowned", "Small Prospect"]
    );
    assert_eq!(
        names(&c.text("/accounts?key=yes").await),
        ["Gold Owned", "Gold Unowned"]
    );
    assert_eq!(
        names(&c.text(&format!("/accounts?key=yes&owner={kam}")).await),
        ["Gold Owned"]
    );
    assert_eq!(
        names(&c.text("/accounts?segment=gold&status=active").await),
        ["Gold Owned", "Gold Unowned"]
    );
    // The form shows the filter it was given, and the links keep it.
    let html = c.text("/accounts?status=lost&sort=score").await;
    assert!(html.contains("<option value=\"lost\" selected>"), "{html}");
    assert!(html.contains("href=\"/accounts.csv?status=lost&#38;sort=score&#38;dir=desc\""));
    // Unknown values filter nothing rather than failing.
    assert_eq!(
        names(&c.text("/accounts?status=gone&sort=nope&after=x").await).len(),
        12
    );
}

#[tokio::test]
async fn every_column_sorts_both_ways() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let anna = app.user("anna@x.test", Role::Kam).await;
    let boris = app.user("boris@x.test", Role::Kam).await;
    for (name, potential, importance, owner) in [
        ("Bravo", 2_000_000, 5, Some(boris)),
        ("alpha", 1_000_000, 4, Some(anna)),
        ("Charlie", 50_000, 1, None),
    ] {
        app.account(name, "active", potential, importance, owner)
            .await;
    }
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;
    let by = |sort: &'static str, dir: &'static str| {
        let c = &c;
        async move { names(&c.text(&format!("/accounts?sort={sort}&dir={dir}")).await) }
    };
    assert_eq!(by("name", "asc").await, ["alpha", "Bravo", "Charlie"]);
    assert_eq!(by("name", "desc").await, ["Charlie", "Bravo", "alpha"]);
    assert_eq!(by("score", "desc").await, ["Bravo", "alpha", "Charlie"]);
    assert_eq!(by("score", "asc").await, ["Charlie", "alpha", "Bravo"]);
    // No owner first, then by the owner's name (the test users are named after their e-mail).
    assert_eq!(by("owner", "asc").await, ["Charlie", "alpha", "Bravo"]);
    assert_eq!(by("segment", "desc").await.first().unwrap(), "Bravo");
    assert_eq!(by("key", "desc").await.first().unwrap(), "Bravo");
    assert_eq!(by("league", "desc").await.len(), 3);
    for sort in ["last_order", "league", "key", "segment"] {
        let mut down = by(sort, "desc").await;
        down.reverse();
        assert_eq!(by(sort, "asc").await, down, "{sort} the other way round");
    }
}

#[tokio::test]
async fn pages_walk_every_row_once_in_order_and_back() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let mut expected = vec![];
    for i in 0..123 {
        let name = format!("Client {i:03}");
        app.account(&name, "active", 1000 + i, 2, None).await;
        expected.push(name);
    }
    app.recompute().await;
    // The total trusts the planner's estimate when it is well above the cap: give the planner
    // the statistics autovacuum would (never-analysed tables can be estimated in thousands).
    sqlx::query("ANALYZE accounts, scoring_results")
        .execute(app.pool())
        .await
        .unwrap();
    let c = app.signed_in("director@x.test").await;
    for (sort, order) in [("name", "asc"), ("score", "desc")] {
        let mut want = expected.clone();
        if sort == "score" {
            want.reverse();
        }
        let mut seen = vec![];
        let mut pages = vec![];
        let mut url = format!("/accounts?sort={sort}&dir={order}");
        loop {
            assert!(pages.len() < 5, "no end of pages: {url}");
            let html = c.text(&url).await;
            assert!(
                html.contains("123 clients"),
                "an exact total: {url}: {}",
                &html[html.find("id=\"total\"").unwrap()..][..80]
            );
            let rows = names(&html);
            assert!(rows.len() <= 50);
            seen.extend(rows.clone());
            pages.push((url.clone(), rows));
            match next_link(&html) {
                Some(next) => url = next,
                None => break,
            }
        }
        assert_eq!(seen, want, "{sort}: every row once, in order");
        assert_eq!(pages.len(), 3);
        // Previous from the last page is the middle page again.
        let last = c.text(&pages[2].0).await;
        let back = prev_link(&last).expect("a previous link");
        assert_eq!(names(&c.text(&back).await), pages[1].1, "{sort}");
    }
}

#[tokio::test]
async fn a_large_total_is_an_estimate_labelled_so_and_a_small_filtered_one_is_counted() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    app.user_with_language("direktor@x.test", Role::Director, Language::Ru)
        .await;
    for i in 0..3 {
        app.account(&format!("Rare Widget {i}"), "active", 1000, 2, None)
            .await;
    }
    sqlx::query(
        "INSERT INTO accounts (id, name) SELECT gen_random_uuid(), 'Bulk ' || g FROM generate_series(1, 3000) g",
    )
    .execute(app.pool())
    .await
    .unwrap();
    sqlx::query("ANALYZE accounts, scoring_results")
        .execute(app.pool())
        .await
        .unwrap();
    let total = |html: &str| {
        let at = html.find("id=\"total\"").expect("a total");
        html[at..][..80].to_string()
    };
    // Above the cap: the planner's estimate, not a count, said to be one.
    let c = app.signed_in("director@x.test").await;
    let html = c.text("/accounts").await;
    assert!(total(&html).contains(">about "), "{}", total(&html));
    assert_eq!(names(&html).len(), 50);
    let ru = app.signed_in("direktor@x.test").await;
    let html = ru.text("/accounts").await;
    assert!(total(&html).contains(">около "), "{}", total(&html));
    // A small filtered list in the same base: counted exactly.
    let html = c.text("/accounts?q=widget").await;
    assert!(total(&html).contains(">3 clients<"), "{}", total(&html));
    let html = ru.text("/accounts?q=widget").await;
    assert!(total(&html).contains(">3 клиента<"), "{}", total(&html));
}

#[tokio::test]
async fn a_kam_lists_searches_and_exports_only_their_teams_accounts() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.account("Mine Trading", "active", 900_000, 5, Some(kam))
        .await;
    let theirs = app
        .account("Theirs Trading", "active", 950_000, 5, Some(other))
        .await;
    set(&app, theirs, "tax_id", "7701234567").await;
    app.recompute().await;
    let c = app.signed_in("kam@x.test").await;
    assert_eq!(names(&c.text("/accounts").await), ["Mine Trading"]);
    assert!(names(&c.text("/accounts?q=trading").await) == ["Mine Trading"]);
    assert!(names(&c.text("/accounts?q=7701").await).is_empty());
    assert!(names(&c.text(&format!("/accounts?owner={other}")).await).is_empty());
    let csv = c.text("/accounts.csv").await;
    assert!(
        csv.contains("Mine Trading") && !csv.contains("Theirs"),
        "{csv}"
    );
}

#[tokio::test]
async fn the_export_holds_exactly_the_filtered_rows_in_order_with_formulas_neutralised() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    app.account("=HYPERLINK(\"http://x\")", "active", 900_000, 5, Some(kam))
        .await;
    app.account("Beta", "active", 800_000, 4, Some(kam)).await;
    app.account("Gamma", "lost", 700_000, 4, Some(kam)).await;
    for i in 0..60 {
        app.account(&format!("Filler {i}"), "prospect", 1000, 0, None)
            .await;
    }
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;
    let res = c
        .get(&format!(
            "/accounts.csv?owner={kam}&status=active&sort=score"
        ))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "a header and the two matching rows: {csv}");
    assert!(
        lines[0].starts_with("\u{feff}Client,Status,Tax id,Owner"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("\"'=HYPERLINK"), "{}", lines[1]);
    assert!(lines[2].starts_with("Beta,Active"), "{}", lines[2]);
    // Every row, not a page: no 50-row cap.
    let all = c.text("/accounts.csv").await;
    assert_eq!(all.lines().count(), 1 + 63);

    let res = c
        .get(&format!("/accounts.xlsx?owner={kam}&status=active"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert!(!sheet.contains("<f>"), "no formula cell: {sheet}");
    assert_eq!(
        sheet.matches("<row ").count(),
        3,
        "a header and the two rows"
    );
    let mut strings = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
        &mut strings,
    )
    .unwrap();
    assert!(strings.contains("Beta") && !strings.contains("Gamma") && !strings.contains("Filler"));
}

#[tokio::test]
async fn a_refused_search_term_is_shown_beside_the_box() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let c = app.signed_in("director@x.test").await;
    let res = c.get("/accounts?q=a%E2%80%AEb").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"q-err\""));
}
