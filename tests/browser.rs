//! Browser journeys in real headless Chromium through WebDriver (Debian's chromium and
//! chromium-driver; scripts/test installs them). Screenshots land in target/screenshots/.

mod common;

use common::{PASSWORD, TestApp};
use fantoccini::{Client, ClientBuilder, Locator};
use kamdesk::domain::user::{Language, Role};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A chromedriver process on a free port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let exe = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(&exe)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {exe} (scripts/test installs chromium-driver): {e}")
            });
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &Driver) -> Client {
    let profile = tempfile_dir();
    let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": chrome,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,2000", format!("--user-data-dir={profile}")]
        }
    });
    let caps = match caps {
        serde_json::Value::Object(m) => m,
        _ => unreachable!(),
    };
    let url = format!("http://127.0.0.1:{}", driver.port);
    // chromedriver takes a moment to listen.
    for attempt in 0..50 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(c) => return c,
            Err(e) if attempt < 49 => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot reach chromedriver: {e}"),
        }
    }
    unreachable!()
}

fn tempfile_dir() -> String {
    // Inside target/ (cargo's scratch directory for integration tests), not the system's /tmp.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("chrome-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.display().to_string()
}

/// Clicks the element matching `css`.
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Waits for the element with this id and returns its text.
async fn text_of(c: &Client, id: &str) -> String {
    c.wait()
        .for_element(Locator::Id(id))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

async fn sign_in(c: &Client, base: &str, email: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    click(c, "form button[type=submit].primary").await;
    // The click returns before the next page has loaded: wait for the signed-in header.
    c.wait()
        .for_element(Locator::Css(".usermenu .whoami"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_kam_signs_in_in_the_browser_and_sees_the_home_page() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam1@x.test", Role::Kam).await;
    app.account("Northwind Retail", "active", 1_000_000, 4, Some(kam))
        .await;
    app.recompute().await;
    let driver = Driver::start();
    let c = browser(&driver).await;
    sign_in(&c, &app.addr, "kam1@x.test").await;
    let h1 = c.wait().for_element(Locator::Css("main h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Home");
    let body = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Northwind Retail"),
        "the KAM's own client is listed: {body}"
    );
    screenshot(&c, "home-kam-en").await;
    // The language switch in the header turns the page Russian.
    click(&c, ".langswitch button").await;
    // Wait for the reloaded page, not the old heading.
    c.wait()
        .for_element(Locator::XPath("//main/h1[text()='Главная']"))
        .await
        .unwrap();
    let body = c
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("Мои клиенты"), "{body}");
    screenshot(&c, "home-kam-ru").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_wrong_password_in_the_browser_shows_the_message_and_keeps_the_email() {
    let app = TestApp::spawn().await;
    app.user_with_language("kam1@x.test", Role::Kam, Language::En)
        .await;
    let driver = Driver::start();
    let c = browser(&driver).await;
    c.goto(&format!("{}/login", app.addr)).await.unwrap();
    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys("kam1@x.test")
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("wrong-password")
        .await
        .unwrap();
    click(&c, "form button[type=submit].primary").await;
    assert!(
        text_of(&c, "login-error")
            .await
            .starts_with("Wrong e-mail or password.")
    );
    let kept = c
        .find(Locator::Id("email"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some("kam1@x.test"));
    screenshot(&c, "login-error-en").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_return_path_with_a_tab_before_a_second_slash_keeps_the_browser_on_this_site() {
    let app = TestApp::spawn().await;
    app.user("kam1@x.test", Role::Kam).await;
    let driver = Driver::start();
    let c = browser(&driver).await;
    // Signed out: the sign-in page carries the return path, the sign-in follows it.
    c.goto(&format!("{}/login?next=/%09/evil.example", app.addr))
        .await
        .unwrap();
    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys("kam1@x.test")
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    click(&c, "form button[type=submit].primary").await;
    c.wait()
        .for_element(Locator::Css(".usermenu .whoami"))
        .await
        .unwrap();
    assert_eq!(
        c.current_url().await.unwrap().as_str(),
        format!("{}/", app.addr)
    );
    // Signed in: the sign-in page sends straight on.
    c.goto(&format!("{}/login?next=/%09/evil.example", app.addr))
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css(".usermenu .whoami"))
        .await
        .unwrap();
    let url = c.current_url().await.unwrap();
    assert_eq!(url.as_str(), format!("{}/", app.addr), "not evil.example");
    screenshot(&c, "redirect-stays-home").await;
    c.close().await.unwrap();
}

#[tokio::test]
async fn a_refused_character_is_shown_beside_its_field_in_both_languages() {
    let app = TestApp::spawn().await;
    app.user("kam1@x.test", Role::Kam).await;
    let driver = Driver::start();
    let c = browser(&driver).await;
    sign_in(&c, &app.addr, "kam1@x.test").await;
    c.goto(&format!("{}/accounts?q=a%00b", app.addr))
        .await
        .unwrap();
    assert!(text_of(&c, "q-err").await.contains("control character"));
    screenshot(&c, "search-refused-en").await;
    c.goto(&format!("{}/accounts/new", app.addr)).await.unwrap();
    c.find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("Acme \u{202E}gnp.exe")
        .await
        .unwrap();
    click(&c, "form button[type=submit].primary").await;
    assert!(text_of(&c, "name-err").await.contains("invisible"));
    screenshot(&c, "account-name-refused-en").await;
    click(&c, ".langswitch button").await;
    c.wait()
        .for_element(Locator::XPath("//html[@lang='ru']"))
        .await
        .unwrap();
    c.goto(&format!("{}/accounts?q=a%00b", app.addr))
        .await
        .unwrap();
    assert!(text_of(&c, "q-err").await.contains("управляющий символ"));
    screenshot(&c, "search-refused-ru").await;
    c.close().await.unwrap();
}

/// The header (brand, navigation, tools) stays one line at the window's 1280 px, whatever the
/// role and language, so its height never jumps between pages or people.
async fn header_fits_one_line(c: &Client, who: &str) {
    let r = c
        .execute(
            "const bar = document.querySelector('.topbar');
             const tops = [...bar.children].map(e => Math.round(e.getBoundingClientRect().top));
             const items = [...document.querySelectorAll('.mainnav > ul > li')]
                 .map(e => Math.round(e.getBoundingClientRect().top));
             const free = document.querySelector('.topbar-tools').getBoundingClientRect().left
                 - document.querySelector('.mainnav').getBoundingClientRect().right;
             return [bar.getBoundingClientRect().height, Math.max(...tops) - Math.min(...tops),
                     Math.max(...items) - Math.min(...items), window.innerWidth, free];",
            vec![],
        )
        .await
        .unwrap();
    let v: Vec<f64> = serde_json::from_value(r).unwrap();
    assert_eq!(v[3], 1280.0, "the window is 1280 px wide");
    assert!(v[0] < 60.0, "{who}: the header is {} px high: {v:?}", v[0]);
    assert!(v[1] < 12.0 && v[2] < 4.0, "{who}: the header wraps: {v:?}");
    // Room for one more menu (the coming deals, tenders and orders become one "Sales" menu).
    assert!(
        v[4] >= 120.0,
        "{who}: only {} px left in the header: {v:?}",
        v[4]
    );
}

/// Every label of the cockpit's bar charts lies inside its chart, as drawn by the browser's
/// fonts (a long Russian label once ran past the left edge and was clipped), and no two
/// labels of a chart overlap.
async fn chart_labels_fit(c: &Client, who: &str) {
    let r = c
        .execute(
            "const bad = [];
             let n = 0;
             for (const svg of document.querySelectorAll('svg.svg-chart')) {
                 const vb = svg.viewBox.baseVal;
                 let prev = null;
                 for (const t of svg.querySelectorAll('text.label')) {
                     const b = t.getBBox();
                     n += 1;
                     if (b.x < vb.x || b.y < vb.y || b.x + b.width > vb.x + vb.width
                         || b.y + b.height > vb.y + vb.height)
                         bad.push(['outside', t.textContent, b.x, b.y, b.width, b.height]);
                     if (prev && b.y < prev.y + prev.height - 1)
                         bad.push(['overlap', t.textContent]);
                     prev = b;
                 }
             }
             return [n, bad];",
            vec![],
        )
        .await
        .unwrap();
    let (n, bad): (usize, Vec<serde_json::Value>) = serde_json::from_value(r).unwrap();
    assert!(n >= 10, "{who}: the charts' labels are found ({n})");
    assert!(bad.is_empty(), "{who}: labels that do not fit: {bad:?}");
}

/// Every page, for every role that can reach it, in both languages, over the demo company:
/// none may show an error page, and each is saved as a screenshot (target/screenshots/tour-*)
/// for people to look at.
#[tokio::test]
async fn every_page_renders_for_every_role_in_both_languages() {
    let app = TestApp::spawn().await;
    let opts = kamdesk::demo::SeedOptions {
        accounts: 300,
        seed: 2026,
        password_hash: kamdesk::auth::hash_password_blocking(PASSWORD).unwrap(),
        today: chrono::Utc::now().date_naive(),
    };
    kamdesk::demo::seed_demo(app.pool(), &opts).await.unwrap();
    app.recompute().await;
    // The demo's past review (agreed, decided), as `kamdesk seed --demo` records it.
    let demo_review = kamdesk::demo::seed_review(app.pool(), opts.seed, opts.today)
        .await
        .unwrap()
        .expect("a key list to review");
    let demo_review = format!("/reviews/{demo_review}");
    // A key client of kam1's that assistant1 serves too, for the account pages.
    let key_account: String = sqlx::query_scalar(
        "SELECT r.account_id::text FROM scoring_results r JOIN account_team t ON t.account_id = r.account_id
           JOIN users u ON u.id = t.user_id
          WHERE r.is_key AND u.email = 'kam1@demo.test' AND t.ended_on IS NULL
            AND EXISTS (SELECT 1 FROM account_team a JOIN users au ON au.id = a.user_id
                         WHERE a.account_id = r.account_id AND a.ended_on IS NULL
                           AND au.email = 'assistant1@demo.test')
          ORDER BY r.rank LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    let account = format!("/accounts/{key_account}");
    let key_name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = $1::uuid")
        .bind(&key_account)
        .fetch_one(app.pool())
        .await
        .unwrap();
    // A decided tender of the account, for the deal form with every field filled.
    let deal: String = sqlx::query_scalar(
        "SELECT id::text FROM deals WHERE account_id = $1::uuid ORDER BY (kind = 'tender') DESC, (stage = 'lost') DESC, opened_on DESC LIMIT 1",
    )
    .bind(&key_account)
    .fetch_one(app.pool())
    .await
    .unwrap();
    let deals = format!("{account}/deals");
    let timeline = format!("{account}/timeline");
    let analysis = format!("{account}/analysis");
    // This client's planning is drawn by the tour itself, through the pages (the demo gives
    // a few other key clients theirs): what the demo may have written for it goes first.
    for table in [
        "account_plans",
        "kam_budgets",
        "competitive_grids",
        "special_offers",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1::uuid"))
            .bind(&key_account)
            .execute(app.pool())
            .await
            .unwrap();
    }
    // A plan of the key client for this year: the client's goals, a revenue objective and a
    // new region with a done and an overdue action (fixture SQL).
    let year = chrono::Datelike::year(&chrono::Utc::now().date_naive());
    sqlx::query(
        "WITH p AS (INSERT INTO account_plans (id, account_id, year, meeting_on, participants, client_goals)
                    VALUES (gen_random_uuid(), $1::uuid, $2, current_date - 30,
                            'Irina Sokolova (CEO), Pavel Orlov (purchasing); our KAM and sales director',
                            'Open 40 stores in Siberia; cut logistics costs by 10 %') RETURNING id),
              r AS (INSERT INTO plan_objectives (id, plan_id, kind, title, target, actual, due_on)
                    SELECT gen_random_uuid(), p.id, 'revenue', 'Tyre revenue', 12000000, 4500000, make_date($2, 12, 31) FROM p),
              g AS (INSERT INTO plan_objectives (id, plan_id, kind, title, due_on)
                    SELECT gen_random_uuid(), p.id, 'region', 'Serve the Irkutsk stores', make_date($2, 9, 30) FROM p RETURNING id)
         INSERT INTO plan_actions (id, objective_id, title, due_on, status)
         SELECT gen_random_uuid(), g.id, t.title, t.due_on, t.status FROM g,
                (VALUES ('Open a warehouse in Irkutsk', current_date - 60, 'done'),
                        ('Hire a sales rep for Irkutsk', current_date - 3, 'in_progress'),
                        ('Agree the delivery schedule', current_date + 20, 'planned')) AS t(title, due_on, status)",
    )
    .bind(&key_account)
    .bind(year)
    .execute(app.pool())
    .await
    .unwrap();
    let plan = format!("{account}/plan");
    let objective_new = format!("{account}/plan/objectives/new");
    // A budget and a grid of two versions (the trend) for the same client, through the pages.
    let budget = format!("{account}/budget");
    let budget_edit = format!("{account}/budget/edit");
    let competitive = format!("{account}/competitive");
    let competitive_edit = format!("{account}/competitive/edit");
    {
        let c = app.signed_in("kam1@demo.test").await;
        let y = year.to_string();
        let res = c
            .post(
                &budget_edit,
                &[
                    ("year", y.as_str()),
                    ("version", ""),
                    ("people_cost", "1 200 000"),
                    ("marketing_cost", "350 000"),
                    ("discount_cost", "900 000"),
                    ("logistics_cost", "250 000"),
                    ("planned_margin", "6 500 000"),
                    ("actual_margin", "2 100 000"),
                    (
                        "note",
                        "Two visits a month; a trade marketing campaign in spring",
                    ),
                ],
            )
            .await;
        assert_eq!(
            res.status(),
            reqwest::StatusCode::SEE_OTHER,
            "budget fixture"
        );
        let criteria = [
            ("Price", "20", ["6", "8", "7"], ["6", "8", "7"]),
            ("Quality", "15", ["9", "6", "7"], ["9", "6", "7"]),
            (
                "Delivery reliability",
                "15",
                ["6", "7", "5"],
                ["8", "7", "5"],
            ),
            ("Payment terms", "10", ["5", "7", "6"], ["5", "7", "6"]),
            ("Range", "8", ["8", "6", "7"], ["8", "6", "7"]),
            ("Service", "8", ["8", "5", "6"], ["8", "5", "6"]),
            ("Innovation", "6", ["7", "4", "5"], ["7", "4", "5"]),
            ("Brand", "6", ["7", "8", "5"], ["7", "8", "5"]),
            ("Ease of ordering", "6", ["5", "7", "6"], ["7", "7", "6"]),
            ("Relationship", "6", ["8", "6", "6"], ["8", "6", "6"]),
        ];
        for (version, second) in [("0", false), ("1", true)] {
            let mut f: Vec<(String, String)> = vec![
                ("version".into(), version.into()),
                ("rival_0".into(), "Tyre World".into()),
                ("rival_1".into(), "Kama Trade".into()),
            ];
            let rows = if second { 10 } else { 8 };
            for (r, (name, weight, first, later)) in criteria.iter().take(rows).enumerate() {
                let scores = if second { later } else { first };
                let w = if !second && r == 0 { "32" } else { weight };
                f.push((format!("name_{r}"), name.to_string()));
                f.push((format!("weight_{r}"), w.to_string()));
                for (p, s) in scores.iter().enumerate() {
                    f.push((format!("score_{r}_{p}"), s.to_string()));
                }
            }
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let res = c.post(&competitive_edit, &pairs).await;
            assert_eq!(
                res.status(),
                reqwest::StatusCode::SEE_OTHER,
                "grid fixture {version}"
            );
        }
    }
    // A special offer of three variants, one of them discount only, the client's choice made.
    let offers = format!("{account}/special-offers");
    let brief = format!("{account}/brief");
    let offer_new = format!("{account}/special-offers/new");
    {
        let c = app.signed_in("kam1@demo.test").await;
        let res = c
            .post(
                &offer_new,
                &[
                    ("version", ""),
                    ("title", "Winter tyres 2027: the season's terms"),
                    ("offered_on", "2026-11-02"),
                    ("chosen", "1"),
                    ("description_0", "5 % off the list price"),
                    ("discount_0", "500 000"),
                    ("cost_0", "500 000"),
                    ("margin_effect_0", "-500 000"),
                    ("feedback_0", "Fine, but the competitor offers the same"),
                    ("description_1", "3 % off and free storage of summer tyres"),
                    ("value_note_1", "Saves the client renting a warehouse"),
                    ("discount_1", "300 000"),
                    ("extra_value_1", "900 000"),
                    ("cost_1", "350 000"),
                    ("margin_effect_1", "-350 000"),
                    (
                        "feedback_1",
                        "Likes the storage; asks for pick-up in Irkutsk",
                    ),
                    (
                        "description_2",
                        "Tyre fitting training for the client's mechanics",
                    ),
                    ("value_note_2", "Fewer returns from wrong fitting"),
                    ("extra_value_2", "400 000"),
                    ("cost_2", "120 000"),
                    ("margin_effect_2", "-120 000"),
                ],
            )
            .await;
        assert_eq!(
            res.status(),
            reqwest::StatusCode::SEE_OTHER,
            "offer fixture"
        );
    }
    // The timeline's orders with their status moves.
    let timeline_orders = format!("{timeline}?kind=order");
    let deal_new = format!("{account}/deals/new");
    let deal_edit = format!("{account}/deals/{deal}");
    // kam1's client with the largest contact map (about 50 people), which assistant1 serves
    // too, and its contact with the longest attitude and influence timeline.
    let (big, person): (String, String) = sqlx::query_as(
        "SELECT c.account_id::text, (SELECT p.id::text FROM contacts p
                 WHERE p.account_id = c.account_id AND p.gone_on IS NULL
                 ORDER BY (SELECT count(*) FROM contact_attitude_history h WHERE h.contact_id = p.id)
                        + (SELECT count(*) FROM contact_influence_history h WHERE h.contact_id = p.id) DESC,
                          p.id LIMIT 1)
           FROM contacts c
          WHERE EXISTS (SELECT 1 FROM account_team t JOIN users u ON u.id = t.user_id
                         WHERE t.account_id = c.account_id AND t.ended_on IS NULL AND u.email = 'kam1@demo.test')
            AND EXISTS (SELECT 1 FROM account_team t JOIN users u ON u.id = t.user_id
                         WHERE t.account_id = c.account_id AND t.ended_on IS NULL AND u.email = 'assistant1@demo.test')
          GROUP BY c.account_id ORDER BY count(*) DESC, c.account_id LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    let team = format!("/accounts/{key_account}/team");
    // The demo's key client that nobody owns: a KAM sees its key profile and may offer.
    let unowned: String = sqlx::query_scalar(
        "SELECT r.account_id::text FROM scoring_results r WHERE r.is_key AND NOT EXISTS (
             SELECT 1 FROM account_team t WHERE t.account_id = r.account_id
                AND t.team_role = 'owner' AND t.ended_on IS NULL) ORDER BY r.rank LIMIT 1",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    let unowned_team = format!("/accounts/{unowned}/team");
    // Its key decision, which a KAM reads too (the key profile).
    let unowned_why = format!("/accounts/{unowned}/why");
    let contacts = format!("/accounts/{big}/contacts");
    let map = format!("/accounts/{big}/map");
    let interactions = format!("/accounts/{big}/interactions");
    let contact = format!("/accounts/{big}/contacts/{person}");
    let log = format!("/accounts/{big}/interactions/new");
    let new_contact = format!("/accounts/{big}/contacts/new");
    let edit_contact = format!("/accounts/{big}/contacts/{person}/edit");
    let section = |slug: &str| format!("{account}/{slug}");
    let (why, footprint, history, status) = (
        section("why"),
        section("footprint"),
        section("history"),
        section("status"),
    );
    let (general, potential, competitors, qualification) = (
        section("general"),
        section("potential"),
        section("competitors"),
        section("qualification"),
    );
    let (general_edit, potential_edit, place_new) = (
        section("general/edit"),
        section("potential/edit"),
        section("footprint/locations/new"),
    );
    // Two reviews: an agreed one, then a change of owner, then an open one that shows the
    // difference.
    let open_review = |title: &'static str| {
        let pool = app.pool().clone();
        async move {
            let id = kamdesk::domain::ids::ReviewId::new();
            let mut tx = pool.begin().await.unwrap();
            kamdesk::db::reviews::open(
                &mut tx,
                &kamdesk::db::reviews::NewReview {
                    id,
                    title: title.into(),
                    held_on: chrono::Utc::now().date_naive(),
                    by: None,
                },
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
            id
        }
    };
    let agreed = open_review("Q3 key-list review").await;
    let director: kamdesk::domain::ids::UserId =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'director@demo.test'")
            .fetch_one(app.pool())
            .await
            .unwrap();
    let mut tx = app.pool().begin().await.unwrap();
    kamdesk::db::reviews::agree(&mut tx, agreed, chrono::Utc::now().date_naive(), director)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    sqlx::query(
        "UPDATE key_list_review_rows SET owner_id = NULL, owner_name = NULL
          WHERE review_id = $1 AND rank = 2",
    )
    .bind(agreed)
    .execute(app.pool())
    .await
    .unwrap();
    let review = format!("/reviews/{}", open_review("Q4 key-list review").await);
    // The account's busiest order (its status history) and its latest follow-up.
    let (order, follow_up): (String, String) = sqlx::query_as(
        "SELECT (SELECT o.id::text FROM orders o WHERE o.account_id = $1::uuid
                  ORDER BY (SELECT count(*) FROM order_status_history h WHERE h.order_id = o.id) DESC,
                           o.ordered_on DESC LIMIT 1),
                (SELECT f.id::text FROM follow_ups f WHERE f.account_id = $1::uuid
                  ORDER BY f.due_on DESC LIMIT 1)",
    )
    .bind(&key_account)
    .fetch_one(app.pool())
    .await
    .unwrap();
    // Two finished client-base imports of the director's (the admin sees them too): one with
    // its counts, one refused with its bad cells.
    let import_job = |state: &'static str, errors: &'static str, counts: [i64; 4]| {
        let pool = app.pool().clone();
        async move {
            let id = uuid::Uuid::now_v7();
            sqlx::query(
                "INSERT INTO import_jobs (id, kind, file_name, dry_run, created_by, bytes_total,
                     state, bytes_read, rows_read, rows_created, rows_updated, rows_imported,
                     error_count, errors, finished_at)
                 SELECT $1, 'accounts', 'clients-erp.csv', false, id, 48210, $2, 48210, $3, $4, $5,
                        $4 + $5, $6, $7::jsonb, now()
                   FROM users WHERE email = 'director@demo.test'",
            )
            .bind(id)
            .bind(state)
            .bind(counts[0])
            .bind(counts[1])
            .bind(counts[2])
            .bind(counts[3])
            .bind(errors)
            .execute(&pool)
            .await
            .unwrap();
            format!("/accounts/import/{id}")
        }
    };
    let import_done = import_job("succeeded", "[]", [320, 214, 97, 0]).await;
    let import_refused = import_job(
        "refused",
        r#"[{"line":3,"column":"tax_id","reason":"error-tax-id-format","detail":"77-01-AB"},
            {"line":5,"column":"owner_email","reason":"error-import-unknown-owner","detail":"ivanov@old-erp.example"},
            {"line":8,"column":"","reason":"error-import-line-too-long"},
            {"line":12,"column":"locations","reason":"error-import-unknown-country","detail":"XX/Somewhere"},
            {"line":14,"column":"tax_id","reason":"error-import-repeated#3","detail":"7701234567"}]"#,
        [0, 0, 0, 5],
    )
    .await;
    let orders = format!("{account}/orders");
    let order = format!("{account}/orders/{order}");
    let follow_ups = format!("{account}/follow-ups");
    let follow_up = format!("{account}/follow-ups/{follow_up}");
    let everyone = [
        "/",
        "/accounts",
        "/key-clients",
        "/follow-ups",
        "/orders",
        "/profile",
        account.as_str(),
        deals.as_str(),
        plan.as_str(),
        budget.as_str(),
        competitive.as_str(),
        offers.as_str(),
        brief.as_str(),
        team.as_str(),
        contacts.as_str(),
        map.as_str(),
        interactions.as_str(),
        contact.as_str(),
        log.as_str(),
        timeline.as_str(),
        analysis.as_str(),
        "/pipeline",
        "/tenders",
        why.as_str(),
        footprint.as_str(),
        history.as_str(),
        "/analysis",
        general.as_str(),
        potential.as_str(),
        competitors.as_str(),
        qualification.as_str(),
        "/orders/new",
        orders.as_str(),
        order.as_str(),
        follow_ups.as_str(),
        follow_up.as_str(),
    ];
    // Pages of the account that its editors (its team's KAM, directors, admins; not its
    // assistant) reach.
    let editors = [
        timeline_orders.as_str(),
        deal_new.as_str(),
        deal_edit.as_str(),
        objective_new.as_str(),
        budget_edit.as_str(),
        competitive_edit.as_str(),
        offer_new.as_str(),
        new_contact.as_str(),
        edit_contact.as_str(),
        status.as_str(),
        general_edit.as_str(),
        potential_edit.as_str(),
        place_new.as_str(),
    ];
    let managers = [
        "/dashboard",
        "/ownership",
        "/assistants",
        unowned_team.as_str(),
        "/reviews",
        review.as_str(),
        demo_review.as_str(),
        unowned_why.as_str(),
        "/settings/scoring",
        "/accounts/new",
        "/accounts/duplicates",
    ];
    let tours: [(&str, Vec<&str>); 4] = [
        (
            "admin@demo.test",
            [
                everyone.to_vec(),
                editors.to_vec(),
                managers.to_vec(),
                vec!["/admin/users", "/orders/import", "/accounts/import"],
                vec![import_done.as_str(), import_refused.as_str()],
            ]
            .concat(),
        ),
        (
            "director@demo.test",
            [
                everyone.to_vec(),
                editors.to_vec(),
                managers.to_vec(),
                vec!["/orders/import", "/accounts/import"],
                vec![import_done.as_str(), import_refused.as_str()],
            ]
            .concat(),
        ),
        (
            "kam1@demo.test",
            [
                everyone.to_vec(),
                editors.to_vec(),
                vec!["/accounts/new", unowned_team.as_str(), unowned_why.as_str()],
            ]
            .concat(),
        ),
        (
            "assistant1@demo.test",
            [everyone.to_vec(), vec!["/orders/import"]].concat(),
        ),
    ];
    let driver = Driver::start();
    for (email, pages) in tours {
        let c = browser(&driver).await;
        sign_in(&c, &app.addr, email).await;
        c.wait().for_element(Locator::Css("main h1")).await.unwrap();
        let role = email.split('@').next().unwrap();
        for lang in ["en", "ru"] {
            sqlx::query("UPDATE users SET language = $2 WHERE email = $1")
                .bind(email)
                .bind(lang)
                .execute(app.pool())
                .await
                .unwrap();
            for path in &pages {
                c.goto(&format!("{}{path}", app.addr)).await.unwrap();
                let h1 = c
                    .wait()
                    .for_element(Locator::Css("main h1"))
                    .await
                    .unwrap()
                    .text()
                    .await
                    .unwrap();
                let html_lang = c
                    .find(Locator::Css("html"))
                    .await
                    .unwrap()
                    .attr("lang")
                    .await
                    .unwrap();
                assert_eq!(html_lang.as_deref(), Some(lang), "{email} {path}");
                let error = c.find(Locator::Css(".error-page")).await.is_ok();
                assert!(!error, "{email} {lang} {path} shows an error page: {h1}");
                // Ids in the path are named by what they stand for.
                let name = path
                    .trim_matches('/')
                    .split('/')
                    .enumerate()
                    .map(|(i, part)| match (i, uuid::Uuid::parse_str(part)) {
                        (1, Ok(_)) => "account",
                        (_, Ok(_)) => "one",
                        _ => part,
                    })
                    .collect::<Vec<_>>()
                    .join("-");
                let name = if name.is_empty() {
                    "home".into()
                } else if *path == unowned_team {
                    "unowned-team".into()
                } else if *path == import_done {
                    "accounts-import-done".into()
                } else if *path == import_refused {
                    "accounts-import-refused".into()
                } else if *path == timeline_orders {
                    "account-timeline-orders".into()
                } else if *path == unowned_why {
                    "unowned-why".into()
                } else if *path == demo_review {
                    "reviews-demo".into()
                } else {
                    name.replacen("accounts-account", "account", 1)
                };
                screenshot(&c, &format!("tour-{role}-{lang}-{name}")).await;
                if *path == brief && (role == "kam1" || role == "director") {
                    // The brief reads on a phone: one column, nothing wider than the screen.
                    let (w, h) = c.get_window_size().await.unwrap();
                    c.set_window_size(390, 1600).await.unwrap();
                    let wide = c
                        .execute(
                            "return document.documentElement.scrollWidth > window.innerWidth;",
                            vec![],
                        )
                        .await
                        .unwrap();
                    assert_eq!(
                        wide,
                        serde_json::json!(false),
                        "{email} {lang}: the brief scrolls sideways on a phone"
                    );
                    screenshot(&c, &format!("tour-{role}-{lang}-{name}-phone")).await;
                    c.set_window_size(w as u32, h as u32).await.unwrap();
                }
                if *path == "/" {
                    header_fits_one_line(&c, &format!("{email} {lang}")).await;
                    if c.find(Locator::Css(".navmenu summary")).await.is_ok() {
                        // The role menus open without JavaScript (<details>).
                        click(&c, ".navmenu summary").await;
                        let link = c
                            .find(Locator::Css(".navmenu details[open] a"))
                            .await
                            .unwrap();
                        assert!(link.is_displayed().await.unwrap(), "{email} {lang}");
                        screenshot(&c, &format!("tour-{role}-{lang}-nav-open")).await;
                    }
                }
                if *path == "/dashboard" {
                    chart_labels_fit(&c, &format!("{email} {lang}")).await;
                }
                if *path == "/settings/scoring" {
                    // The preview of a change, then a refused value beside its field.
                    click(&c, "button[value=preview]").await;
                    c.wait().for_element(Locator::Id("preview")).await.unwrap();
                    screenshot(&c, &format!("tour-{role}-{lang}-settings-preview")).await;
                    let cap = c.find(Locator::Id("cap_pct")).await.unwrap();
                    cap.clear().await.unwrap();
                    cap.send_keys("25").await.unwrap();
                    click(&c, "button[value=save]").await;
                    assert!(!text_of(&c, "cap_pct-err").await.is_empty());
                    screenshot(&c, &format!("tour-{role}-{lang}-settings-error")).await;
                }
                if *path == map.as_str() {
                    // The whole chart, however wide, for people to look at.
                    let svg = c.find(Locator::Css("svg.contact-map")).await.unwrap();
                    let png = svg.screenshot().await.unwrap();
                    let dir =
                        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
                    std::fs::write(
                        dir.join(format!("tour-{role}-{lang}-account-map-svg.png")),
                        png,
                    )
                    .unwrap();
                }
                if *path == "/accounts/duplicates" && role == "director" {
                    // A merge's preview: what moves, what stays, the confirmation.
                    click(
                        &c,
                        ".pair-card form[action='/accounts/duplicates/merge'] button",
                    )
                    .await;
                    c.wait().for_element(Locator::Id("what-h")).await.unwrap();
                    screenshot(&c, &format!("tour-{role}-{lang}-accounts-duplicates-merge")).await;
                }
                if *path == "/accounts/new" && role == "kam1" {
                    // The key client typed again in the other script: the likely duplicate is
                    // shown before anything is saved, with the box to create it anyway.
                    let twin = if key_name
                        .chars()
                        .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
                    {
                        deunicode::deunicode(&key_name)
                    } else {
                        format!("{key_name} LLC")
                    };
                    let name = c.find(Locator::Id("name")).await.unwrap();
                    name.send_keys(&twin).await.unwrap();
                    click(&c, "form button.primary").await;
                    c.wait()
                        .for_element(Locator::Id("duplicates"))
                        .await
                        .unwrap();
                    assert!(c.find(Locator::Id("create_anyway")).await.is_ok());
                    screenshot(&c, &format!("tour-{role}-{lang}-accounts-new-duplicates")).await;
                }
                if *path == "/key-clients" {
                    // The candidates below the cut are further down the page.
                    c.goto(&format!("{}/key-clients#candidates", app.addr))
                        .await
                        .unwrap();
                    screenshot(&c, &format!("tour-{role}-{lang}-key-clients-candidates")).await;
                }
            }
        }
        c.close().await.unwrap();
    }
}
