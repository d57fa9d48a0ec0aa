//! Logging orders: the entry form (client by name, kept client and date), its input rules, the
//! account's section, status moves, version-checked edits, and the lists with their filters,
//! sorts, pages and exports.

mod common;

use common::{TestApp, dec, location};
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

/// A team (kam + assistant) on "Own Co", another team on "Foreign Co", and a director.
struct Company {
    app: TestApp,
    own: AccountId,
    foreign: AccountId,
}

async fn company() -> Company {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let other = app.user("other-kam@x.test", Role::Kam).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    let foreign = app
        .account("Foreign Co", "active", 900_000, 5, Some(other))
        .await;
    Company { app, own, foreign }
}

fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

fn order_form<'a>(account: &'a str, date: &'a str, amount: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("account", account),
        ("ordered_on", date),
        ("amount", amount),
        ("margin", "1"),
        ("currency", "RUB"),
        ("description", "Spare parts"),
        ("status", "placed"),
    ]
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.pool()).await.unwrap()
}

#[tokio::test]
async fn an_assistant_logs_orders_one_after_another_and_the_form_keeps_client_and_date() {
    let co = company().await;
    let a = co.app.signed_in("assistant@x.test").await;
    let date = "2026-01-15";
    let res = a
        .post("/orders/new", &order_form("own", date, "1 234,50"))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let next = location(&res);
    assert!(next.starts_with("/orders/new?account="), "{next}");
    let page = a.text(&next).await;
    assert!(page.contains("value=\"Own Co\""), "the client is kept");
    assert!(
        page.contains(&format!("value=\"{date}\"")),
        "the date is kept"
    );
    assert!(page.contains("Order saved."), "the flash says so");
    assert!(
        page.contains("RUB\u{a0}1,234.50"),
        "the saved order is shown"
    );
    let (amount, logged_by, status): (rust_decimal::Decimal, String, String) = sqlx::query_as(
        "SELECT o.amount, u.email, o.status FROM orders o JOIN users u ON u.id = o.logged_by",
    )
    .fetch_one(co.app.pool())
    .await
    .unwrap();
    assert_eq!(
        (amount, logged_by.as_str(), status.as_str()),
        (dec("1234.5"), "assistant@x.test", "placed")
    );
    assert_eq!(
        count(
            &co.app,
            "SELECT count(*) FROM audit_log WHERE field = 'order_logged'"
        )
        .await,
        1
    );
    // The next order needs only the amount: the kept client's id travels with the form.
    let client_id = co.own.to_string();
    let mut second = order_form("Own Co", date, "99");
    second.push(("account_id", &client_id));
    let res = a.post("/orders/new", &second).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&co.app, "SELECT count(*) FROM orders").await, 2);
}

#[tokio::test]
async fn a_name_matching_several_clients_offers_a_choice_that_is_then_taken() {
    let co = company().await;
    let kam =
        sqlx::query_scalar::<_, uuid::Uuid>("SELECT id FROM users WHERE email = 'kam@x.test'")
            .fetch_one(co.app.pool())
            .await
            .unwrap();
    let one = co.app.account("Alpha One", "active", 1, 1, None).await;
    let two = co.app.account("Alpha Two", "active", 1, 1, None).await;
    for a in [one, two] {
        co.app
            .add_to_team(a, kamdesk::domain::ids::UserId(kam), "member")
            .await;
    }
    let k = co.app.signed_in("kam@x.test").await;
    let res = k
        .post("/orders/new", &order_form("alpha", &today(), "10"))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Several clients match"));
    assert!(
        html.contains(&format!("value=\"{one}\"")) && html.contains(&format!("value=\"{two}\""))
    );
    assert!(html.contains("value=\"10\""), "the amount is kept");
    let pick = two.to_string();
    let day = today();
    let mut form = order_form("alpha", &day, "10");
    form.push(("account_pick", &pick));
    let res = k.post("/orders/new", &form).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let on: uuid::Uuid = sqlx::query_scalar("SELECT account_id FROM orders")
        .fetch_one(co.app.pool())
        .await
        .unwrap();
    assert_eq!(on, two.0);
}

#[tokio::test]
async fn a_client_outside_the_users_teams_is_neither_suggested_nor_accepted() {
    let co = company().await;
    let k = co.app.signed_in("kam@x.test").await;
    let res = k
        .post("/orders/new", &order_form("Foreign", &today(), "10"))
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("No client of yours"));
    let foreign = co.foreign.to_string();
    let day = today();
    let mut by_id = order_form("Foreign Co", &day, "10");
    by_id.push(("account_id", &foreign));
    by_id.push(("account_pick", &foreign));
    let res = k.post("/orders/new", &by_id).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not by id either"
    );
    assert_eq!(count(&co.app, "SELECT count(*) FROM orders").await, 0);
    let names = |json: serde_json::Value| -> Vec<String> {
        json.as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_string())
            .collect()
    };
    let kam_sees: serde_json::Value = k.get("/orders/accounts?q=co").await.json().await.unwrap();
    assert_eq!(names(kam_sees), ["Own Co"]);
    let d = co.app.signed_in("director@x.test").await;
    let director_sees: serde_json::Value =
        d.get("/orders/accounts?q=co").await.json().await.unwrap();
    assert_eq!(names(director_sees), ["Foreign Co", "Own Co"]);
}

#[tokio::test]
async fn bad_order_input_is_refused_beside_each_field_with_the_input_kept_and_nothing_saved() {
    let co = company().await;
    let a = co.app.signed_in("assistant@x.test").await;
    let res = a
        .post(
            "/orders/new",
            &[
                ("account", "Own Co"),
                ("ordered_on", "2026-13-01"),
                ("amount", "-5"),
                ("margin", "1.234"),
                ("currency", "XYZ"),
                ("description", "bad\u{202e}text"),
                ("status", "lost"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    for message in [
        "Please enter a date",
        "An amount cannot be negative.",
        "At most two decimals.",
        "Please choose one of the options.",
        "invisible formatting character",
    ] {
        assert!(html.contains(message), "{message}");
    }
    assert!(html.contains("value=\"-5\""), "input kept");
    let res = a
        .post(
            "/orders/new",
            &[
                ("account", "Own Co"),
                ("ordered_on", &today()),
                ("amount", "100"),
                ("margin", "100.01"),
                ("status", "placed"),
            ],
        )
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("The margin cannot be larger than the amount.")
    );
    let tomorrow_but_one = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    let res = a
        .post("/orders/new", &order_form("Own Co", &tomorrow_but_one, "1"))
        .await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("cannot be dated after tomorrow")
    );
    assert_eq!(count(&co.app, "SELECT count(*) FROM orders").await, 0);
}

#[tokio::test]
async fn the_accounts_section_logs_an_order_for_its_account_and_lists_only_its_orders() {
    let co = company().await;
    co.app.order(co.foreign, 777, "Not ours").await;
    let a = co.app.signed_in("assistant@x.test").await;
    let path = format!("/accounts/{}/orders", co.own);
    let res = a
        .post(
            &path,
            &[
                ("ordered_on", "2026-02-01"),
                ("amount", "500"),
                ("status", "confirmed"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let next = location(&res);
    assert!(
        next.starts_with(&format!("{path}?date=2026-02-01&saved=")),
        "{next}"
    );
    let page = a.text(&next).await;
    assert!(page.contains("RUB\u{a0}500.00"));
    assert!(
        !page.contains("RUB\u{a0}777.00"),
        "another account's order is not listed"
    );
    let d = co.app.signed_in("director@x.test").await;
    let page = d.text(&format!("/accounts/{}/orders", co.foreign)).await;
    assert!(page.contains("RUB\u{a0}777.00"));
}

/// Logs an order through the account's section and gives its id.
async fn logged_order(co: &Company, status: &str) -> uuid::Uuid {
    let a = co.app.signed_in("assistant@x.test").await;
    let res = a
        .post(
            &format!("/accounts/{}/orders", co.own),
            &[
                ("ordered_on", "2026-02-01"),
                ("amount", "500"),
                ("margin", "50"),
                ("status", status),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    sqlx::query_scalar("SELECT id FROM orders ORDER BY created_at DESC LIMIT 1")
        .fetch_one(co.app.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn an_order_moves_one_step_at_a_time_and_every_move_is_recorded_with_who_and_when() {
    let co = company().await;
    let id = logged_order(&co, "placed").await;
    let k = co.app.signed_in("kam@x.test").await;
    let status = format!("/accounts/{}/orders/{id}/status", co.own);
    let res = k
        .post(&status, &[("to", "confirmed"), ("version", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = k
        .post(&status, &[("to", "delivered"), ("version", "2")])
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no skipping"
    );
    assert!(res.text().await.unwrap().contains("one step at a time"));
    let res = k
        .post(&status, &[("to", "shipped"), ("version", "1")])
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT, "a stale button");
    let res = k
        .post(&status, &[("to", "shipped"), ("version", "2")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = k
        .post(&status, &[("to", "cancelled"), ("version", "3")])
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = k.post(&status, &[("to", "placed"), ("version", "4")]).await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "cancelled is final"
    );
    let moves: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT h.from_status, h.to_status, u.email FROM order_status_history h
           JOIN users u ON u.id = h.changed_by WHERE h.order_id = $1 ORDER BY h.changed_at, h.id",
    )
    .bind(id)
    .fetch_all(co.app.pool())
    .await
    .unwrap();
    let kam = "kam@x.test".to_string();
    assert_eq!(
        moves,
        [
            ("placed".into(), "confirmed".into(), kam.clone()),
            ("confirmed".into(), "shipped".into(), kam.clone()),
            ("shipped".into(), "cancelled".into(), kam.clone()),
        ]
    );
    assert_eq!(
        count(
            &co.app,
            "SELECT count(*) FROM audit_log WHERE field = 'order_status'"
        )
        .await,
        3
    );
    let page = k.text(&format!("/accounts/{}/orders/{id}", co.own)).await;
    assert!(page.contains("Cancelled") && page.contains("does not change any more"));
    // A move from the list comes back to the list.
    let id = logged_order(&co, "shipped").await;
    let res = k
        .post(
            &format!("/accounts/{}/orders/{id}/status", co.own),
            &[
                ("to", "delivered"),
                ("version", "1"),
                ("back", "/orders?status=shipped"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/orders?status=shipped");
}

#[tokio::test]
async fn an_order_edit_is_checked_against_its_version_and_recorded() {
    let co = company().await;
    let id = logged_order(&co, "placed").await;
    let a = co.app.signed_in("assistant@x.test").await;
    let path = format!("/accounts/{}/orders/{id}", co.own);
    let edit = |amount: &'static str, version: &'static str| {
        vec![
            ("ordered_on", "2026-02-02"),
            ("amount", amount),
            ("margin", "50"),
            ("currency", "EUR"),
            ("description", "Tyres"),
            ("version", version),
        ]
    };
    let res = a.post(&path, &edit("600", "1")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = a.post(&path, &edit("700", "1")).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("Someone else changed this"));
    assert!(
        html.contains("EUR\u{a0}600.00"),
        "the stored order is shown"
    );
    assert!(html.contains("value=\"700\""), "the input is kept");
    let res = a
        .post(
            &path,
            &[
                ("ordered_on", "2026-02-02"),
                ("amount", "10"),
                ("margin", "50"),
                ("version", "2"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "margin above amount"
    );
    let (amount, currency, version): (rust_decimal::Decimal, String, i32) =
        sqlx::query_as("SELECT amount, currency, version FROM orders WHERE id = $1")
            .bind(id)
            .fetch_one(co.app.pool())
            .await
            .unwrap();
    assert_eq!((amount, currency.as_str(), version), (dec("600"), "EUR", 2));
    let fields: Vec<String> = sqlx::query_scalar(
        "SELECT field FROM audit_log WHERE entity = 'order' AND field <> 'order_logged' ORDER BY field",
    )
    .fetch_all(co.app.pool())
    .await
    .unwrap();
    assert_eq!(
        fields,
        [
            "order_amount",
            "order_currency",
            "order_description",
            "order_ordered_on"
        ]
    );
}

/// Orders with known dates, amounts and statuses on the two accounts (writer, not the form).
async fn many_orders(co: &Company, n: usize) {
    use kamdesk::db::orders::NewOrder;
    use kamdesk::domain::ids::OrderId;
    use kamdesk::domain::money::Currency;
    use kamdesk::domain::order::OrderStatus;
    use kamdesk::domain::system_text::Text;
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let orders: Vec<NewOrder> = (0..n)
        .map(|i| NewOrder {
            id: OrderId::new(),
            account_id: if i % 3 == 0 { co.foreign } else { co.own },
            // Several orders a day, so that paging must break ties by id.
            ordered_on: start + chrono::Days::new((i / 4) as u64),
            amount: rust_decimal::Decimal::from(1000 + i as i64),
            margin: rust_decimal::Decimal::ZERO,
            currency: Currency::Rub,
            description: Text::Typed(format!("order {i}")),
            status: if i % 2 == 0 {
                OrderStatus::Shipped
            } else {
                OrderStatus::Delivered
            },
            logged_by: None,
            created_at: None,
        })
        .collect();
    let mut tx = co.app.pool().begin().await.unwrap();
    kamdesk::db::orders::insert_many(&mut tx, &orders)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// The "order N" descriptions of a list page, in order.
fn listed(html: &str) -> Vec<String> {
    html.split("<td>order ")
        .skip(1)
        .map(|rest| rest[..rest.find('<').unwrap()].to_string())
        .collect()
}

fn next_link(html: &str, rel: &str) -> Option<String> {
    let marker = format!("\" rel=\"{rel}\"");
    let end = html.find(&marker)?;
    let start = html[..end].rfind("href=\"")? + 6;
    Some(html[start..end].replace("&amp;", "&").replace("&#38;", "&"))
}

#[tokio::test]
async fn the_order_list_filters_sorts_and_pages_without_dropping_or_repeating_an_order() {
    let co = company().await;
    many_orders(&co, 130).await;
    let d = co.app.signed_in("director@x.test").await;
    let first = d.text("/orders?status=shipped").await;
    assert_eq!(listed(&first)[0], "128", "newest first");
    let (mut seen, mut page, mut pages) = (vec![], first.clone(), vec![]);
    loop {
        seen.extend(listed(&page));
        pages.push(page.clone());
        assert!(pages.len() <= 3, "the pages end");
        match next_link(&page, "next") {
            Some(link) => page = d.text(&format!("/orders{link}")).await,
            None => break,
        }
    }
    assert_eq!(pages.len(), 2, "65 shipped orders: 50, then 15");
    let want: Vec<String> = (0..130)
        .rev()
        .filter(|i| i % 2 == 0)
        .map(|i| i.to_string())
        .collect();
    assert_eq!(seen, want, "every shipped order once, in order");
    let back = d
        .text(&format!("/orders{}", next_link(&pages[1], "prev").unwrap()))
        .await;
    assert_eq!(listed(&back), listed(&first), "previous goes back a page");
    let by_amount = d.text("/orders?sort=amount-asc").await;
    assert_eq!(listed(&by_amount)[..3], ["0", "1", "2"]);
    let period = d.text("/orders?from=2025-01-02&to=2025-01-02").await;
    assert_eq!(listed(&period), ["7", "6", "5", "4"]);
    let client = d.text("/orders?client=foreign").await;
    assert!(
        listed(&client)
            .iter()
            .all(|i| i.parse::<usize>().unwrap() % 3 == 0)
    );
    // A KAM sees their team's orders only.
    let k = co.app.signed_in("kam@x.test").await;
    let theirs = k.text("/orders?sort=date-asc").await;
    assert!(
        listed(&theirs)
            .iter()
            .all(|i| i.parse::<usize>().unwrap() % 3 != 0)
    );
    // A bad date filter is refused beside its field.
    let res = k.get("/orders?from=yesterday").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_order_exports_hold_every_order_the_filters_admit_streamed() {
    let co = company().await;
    many_orders(&co, 130).await;
    let d = co.app.signed_in("director@x.test").await;
    let res = d.get("/orders.csv?status=delivered").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(
        csv.lines().count(),
        1 + 65,
        "header and every delivered order, beyond a page"
    );
    assert!(csv.lines().nth(1).unwrap().starts_with("2025-02-02,"));
    let res = d.get(&format!("/orders.xlsx?account={}", co.foreign)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = res.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    assert_eq!(
        sheet.matches("<row ").count(),
        1 + 44,
        "header and the 44 foreign orders"
    );
    let k = co.app.signed_in("kam@x.test").await;
    let csv = k.text(&format!("/orders.csv?account={}", co.foreign)).await;
    assert_eq!(
        csv.lines().count(),
        1,
        "another team's orders are not exported to a KAM"
    );
}
