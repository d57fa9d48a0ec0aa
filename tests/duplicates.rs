//! Likely duplicate accounts: the warning before a new account is saved (same tax id, the
//! transliterated twin, a typo), what a reader who may not see the twin is told, and the
//! directors' list of pairs with its dismissal, merge (every child row moved in one
//! transaction), stale refusals and export.

mod common;

use common::TestApp;
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;

const NEW: &str = "/accounts/new";

fn form<'a>(name: &'a str, tax_id: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("tax_id", tax_id),
        ("industry", ""),
        ("status", "prospect"),
        ("strategic_importance", "0"),
        ("decision_making", "centralized"),
        ("owner", ""),
    ]
}

async fn accounts_named(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM accounts WHERE name = $1")
        .bind(name)
        .fetch_one(app.pool())
        .await
        .unwrap()
}

/// The hidden `warned_key` a warning page carries.
fn warned_key(html: &str) -> String {
    html.split("name=\"warned_key\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a warning with the create-anyway box")
        .to_string()
}

async fn place(app: &TestApp, id: AccountId, city: &str) {
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

async fn count_rows(app: &TestApp, table: &str, account: AccountId) -> i64 {
    sqlx::query_scalar(&format!(
        "SELECT count(*) FROM {table} WHERE account_id = $1"
    ))
    .bind(account)
    .fetch_one(app.pool())
    .await
    .unwrap()
}

async fn set_tax_id(app: &TestApp, id: AccountId, tax_id: &str) {
    sqlx::query("UPDATE accounts SET tax_id = $2 WHERE id = $1")
        .bind(id)
        .bind(tax_id)
        .execute(app.pool())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_transliterated_twin_is_shown_before_saving_and_only_a_confirmation_creates_the_account()
{
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let twin = app
        .account("ЛидерСемья", "active", 500_000, 3, Some(kam))
        .await;
    set_tax_id(&app, twin, "7701234567").await;
    let c = app.signed_in("kam@x.test").await;

    let res = c.post(NEW, &form("LiderSemya LLC", "")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("This client may already exist"), "{html}");
    assert!(html.contains(&format!("href=\"/accounts/{twin}\"")));
    assert!(html.contains("ЛидерСемья") && html.contains("7701234567"));
    // The input is kept and nothing is saved.
    assert!(html.contains("value=\"LiderSemya LLC\""));
    assert_eq!(accounts_named(&app, "LiderSemya LLC").await, 0);

    // Ticking the box for another name than the one warned about warns again.
    let key = warned_key(&html);
    let mut renamed = form("LiderSemye", "");
    renamed.extend([("create_anyway", "1"), ("warned_key", key.as_str())]);
    let res = c.post(NEW, &renamed).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(accounts_named(&app, "LiderSemye").await, 0);

    // Confirmed for this name: created, owned by the KAM.
    let mut confirmed = form("LiderSemya LLC", "");
    confirmed.extend([("create_anyway", "1"), ("warned_key", key.as_str())]);
    let res = c.post(NEW, &confirmed).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(accounts_named(&app, "LiderSemya LLC").await, 1);

    // A name without any likely twin is created at once.
    let res = c.post(NEW, &form("Ромашка", "")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_typo_in_a_long_name_warns_too() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let twin = app.account("Severstal", "active", 500_000, 3, None).await;
    let c = app.signed_in("director@x.test").await;
    let res = c.post(NEW, &form("Северсталл", "")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("/accounts/{twin}")), "{html}");
    assert_eq!(accounts_named(&app, "Северсталл").await, 0);
}

#[tokio::test]
async fn a_taken_tax_id_cannot_be_created_even_when_confirmed() {
    let app = TestApp::spawn().await;
    app.user("director@x.test", Role::Director).await;
    let other = app.account("Ромашка", "active", 500_000, 3, None).await;
    set_tax_id(&app, other, "7701234567").await;
    let c = app.signed_in("director@x.test").await;
    let mut f = form("Василёк", "7701 234-567");
    f.extend([("create_anyway", "1"), ("warned_key", "vasilek")]);
    let res = c.post(NEW, &f).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("A client with this tax id already exists."),
        "{html}"
    );
    assert!(html.contains("id=\"tax_id-err\""));
    assert!(html.contains(&format!("/accounts/{other}")));
    // No box to tick: a tax id is unique.
    assert!(!html.contains("name=\"create_anyway\""));
    assert_eq!(accounts_named(&app, "Василёк").await, 0);
    // A malformed one is refused beside the field; a free one is saved as digits.
    let res = c.post(NEW, &form("Василёк", "12ab")).await;
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("A tax id is 5 to 20 digits")
    );
    let res = c.post(NEW, &form("Василёк", "7702 000 111")).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let stored: Option<String> =
        sqlx::query_scalar("SELECT tax_id FROM accounts WHERE name = 'Василёк'")
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(stored.as_deref(), Some("7702000111"));
}

#[tokio::test]
async fn a_kam_is_told_a_twin_exists_off_their_team_but_not_its_name() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    let hidden = app
        .account("ООО «ЛидерСемья»", "active", 500_000, 3, Some(other))
        .await;
    set_tax_id(&app, hidden, "7701234567").await;
    place(&app, hidden, "Казань").await;
    let c = app.signed_in("kam@x.test").await;
    let res = c.post(NEW, &form("Lidersemya", "")).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("One more likely duplicate exists that you cannot see"),
        "{html}"
    );
    for secret in [
        "ЛидерСемья",
        "7701234567",
        "Казань",
        "other@x.test",
        &hidden.to_string(),
    ] {
        assert!(!html.contains(secret), "{secret} leaked");
    }
    // Confirmed, the KAM may still create their own.
    let key = warned_key(&html);
    let mut f = form("Lidersemya", "");
    f.extend([("create_anyway", "1"), ("warned_key", key.as_str())]);
    assert_eq!(c.post(NEW, &f).await.status(), StatusCode::SEE_OTHER);
    // The same tax id is refused without naming the holder either.
    let res = c.post(NEW, &form("Другое имя", "7701234567")).await;
    let html = res.text().await.unwrap();
    assert!(html.contains("A client with this tax id already exists."));
    assert!(!html.contains("ЛидерСемья"));
}

/// Two accounts with one duplicate key and a rich history on the one to be merged.
struct Twins {
    keep: AccountId,
    gone: AccountId,
}

async fn twins(app: &TestApp) -> Twins {
    let kam = app.user("kam@x.test", Role::Kam).await;
    let kam2 = app.user("kam2@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let keep = app
        .account("ЛидерСемья", "active", 500_000, 3, Some(kam))
        .await;
    let gone = app
        .account("LiderSemya LLC", "active", 400_000, 2, Some(kam2))
        .await;
    set_tax_id(app, gone, "7701234567").await;
    app.contact(gone, "Ivan Petrov", None).await;
    app.order(gone, 120_000, "Tyres").await;
    app.follow_up(gone, kam2, "Call Ivan").await;
    place(app, gone, "Казань").await;
    // A lost deal whose winner is a competitor at the client: both move, the link holds.
    sqlx::query(
        "WITH c AS (INSERT INTO competitors (id, account_id, name) VALUES (gen_random_uuid(), $1, 'Rival') RETURNING id)
         INSERT INTO deals (id, account_id, title, stage, opened_on, closed_on, closed_at, outcome_reason, winning_competitor_id)
         SELECT gen_random_uuid(), $1, 'Tyres 2026', 'lost', current_date - 30, current_date - 1, now(), 'price', c.id FROM c",
    )
    .bind(gone)
    .execute(app.pool())
    .await
    .unwrap();
    app.recompute().await;
    Twins { keep, gone }
}

/// The hidden fields of the pair's forms on the list page.
fn pair_fields(html: &str) -> (String, String, String, String) {
    let field = |name: &str| {
        html.split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_string()
    };
    (field("a"), field("b"), field("a_stamp"), field("b_stamp"))
}

#[tokio::test]
async fn directors_see_the_pair_and_a_dismissal_removes_it_with_history() {
    let app = TestApp::spawn().await;
    let t = twins(&app).await;
    let c = app.signed_in("director@x.test").await;
    let html = c.text("/accounts/duplicates").await;
    assert!(html.contains("1 pair"), "{html}");
    assert!(html.contains("ЛидерСемья") && html.contains("LiderSemya LLC"));
    assert!(html.contains("7701234567") && html.contains("Казань"));
    // The accounts list links to it for directors.
    assert!(
        c.text("/accounts")
            .await
            .contains("href=\"/accounts/duplicates\"")
    );
    // The filter by name, in the other script.
    assert!(
        c.text("/accounts/duplicates?q=лидер")
            .await
            .contains("1 pair")
    );
    assert!(
        c.text("/accounts/duplicates?q=romashka")
            .await
            .contains("0 pairs")
    );

    let (a, b, sa, sb) = pair_fields(&html);
    let res = c
        .post(
            "/accounts/duplicates/dismiss",
            &[("a", &a), ("b", &b), ("a_stamp", &sa), ("b_stamp", &sb)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(c.text("/accounts/duplicates").await.contains("0 pairs"));
    let history: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE field = 'duplicate_dismissed' AND account_id = ANY($1)",
    )
    .bind(vec![t.keep, t.gone])
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(history, 2);
    // Dismissed twice: the pair is no longer listed, nothing more is written.
    let res = c
        .post(
            "/accounts/duplicates/dismiss",
            &[("a", &a), ("b", &b), ("a_stamp", &sa), ("b_stamp", &sb)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert!(res.text().await.unwrap().contains("no longer listed"));
}

#[tokio::test]
async fn a_merge_moves_every_child_row_into_the_kept_account_and_archives_the_other() {
    let app = TestApp::spawn().await;
    let t = twins(&app).await;
    let c = app.signed_in("director@x.test").await;
    let html = c.text("/accounts/duplicates").await;
    let (a, b, _, _) = pair_fields(&html);
    let keep = if a == t.keep.to_string() { "a" } else { "b" };
    // The preview says what will move and what stays, and saves nothing.
    let preview = c
        .text(&format!(
            "/accounts/duplicates/merge?a={a}&b={b}&keep={keep}"
        ))
        .await;
    assert!(
        preview.contains("Keep ЛидерСемья and merge the other into it"),
        "{preview}"
    );
    let row = |label: &str| -> Vec<String> {
        preview
            .split(&format!("<th scope=\"row\">{label}</th>"))
            .nth(1)
            .unwrap_or_else(|| panic!("no row {label}"))
            .split("</tr>")
            .next()
            .unwrap()
            .split("<td class=\"num\">")
            .skip(1)
            .map(|c| c.split('<').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(row("Contacts"), ["1", "0"]);
    assert_eq!(row("Deals and tenders"), ["1", "0"]);
    assert_eq!(
        row("Potential forecasts (years the kept client has none of)"),
        ["0", "1"]
    );
    assert!(preview.contains("The tax id moves to the kept client"));
    assert!(preview.contains("team joins the kept client"), "{preview}");
    assert_eq!(count_rows(&app, "contacts", t.gone).await, 1);
    // A special offer of the merged account moves with its variants.
    let offer = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO special_offers (id, account_id, title, offered_on) VALUES ($1, $2, 'Winter terms', current_date)")
        .bind(offer)
        .bind(t.gone)
        .execute(app.pool())
        .await
        .unwrap();
    sqlx::query("INSERT INTO offer_variants (offer_id, position, description) VALUES ($1, 0, 'Less'), ($1, 1, 'More')")
        .bind(offer)
        .execute(app.pool())
        .await
        .unwrap();
    let (_, _, sa, sb) = pair_fields(&preview);
    let res = c
        .post(
            "/accounts/duplicates/merge",
            &[
                ("a", &a),
                ("b", &b),
                ("a_stamp", &sa),
                ("b_stamp", &sb),
                ("keep", keep),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(common::location(&res), format!("/accounts/{}", t.keep));

    let count = |table: &'static str, account: AccountId| {
        let pool = app.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!(
                "SELECT count(*) FROM {table} WHERE account_id = $1"
            ))
            .bind(account)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    for table in [
        "contacts",
        "orders",
        "follow_ups",
        "account_locations",
        "competitors",
        "deals",
        "special_offers",
    ] {
        assert_eq!(count(table, t.gone).await, 0, "{table} left behind");
        assert!(count(table, t.keep).await >= 1, "{table} not moved");
    }
    // The lost deal still names its winner, now a competitor of the kept account.
    let winner_kept: bool = sqlx::query_scalar(
        "SELECT c.account_id = $1 FROM deals d JOIN competitors c ON c.id = d.winning_competitor_id
          WHERE d.account_id = $1",
    )
    .bind(t.keep)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert!(winner_kept);
    // Both had this year's forecast: the kept account keeps its own, the other's stays.
    assert_eq!(count("potential_forecasts", t.keep).await, 1);
    assert_eq!(count("potential_forecasts", t.gone).await, 1);
    // The archived account: status, reason as a system text, tax id handed over.
    let (status, key, merged_into, tax): (
        String,
        Option<String>,
        Option<AccountId>,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT status, status_reason_key, merged_into, tax_id FROM accounts WHERE id = $1",
    )
    .bind(t.gone)
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(status, "archived");
    assert_eq!(key.as_deref(), Some("status-merged-into"));
    assert_eq!(merged_into, Some(t.keep));
    assert_eq!(tax, None);
    let kept_tax: Option<String> = sqlx::query_scalar("SELECT tax_id FROM accounts WHERE id = $1")
        .bind(t.keep)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(kept_tax.as_deref(), Some("7701234567"));
    // The other KAM joins the kept account's team as a member (it has its owner).
    let roles: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email, t.team_role FROM account_team t JOIN users u ON u.id = t.user_id
          WHERE t.account_id = $1 AND t.ended_on IS NULL ORDER BY t.team_role DESC",
    )
    .bind(t.keep)
    .fetch_all(app.pool())
    .await
    .unwrap();
    let roles: Vec<(&str, &str)> = roles
        .iter()
        .map(|(e, r)| (e.as_str(), r.as_str()))
        .collect();
    assert_eq!(roles, [("kam@x.test", "owner"), ("kam2@x.test", "member")]);
    // History on both; the archived one's page names the survivor in the reader's language.
    let merged: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE field IN ('merged_into', 'merged_from') AND account_id = ANY($1)",
    )
    .bind(vec![t.keep, t.gone])
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(merged, 2);
    let page = c.text(&format!("/accounts/{}", t.gone)).await;
    assert!(page.contains("Merged into ЛидерСемья."), "{page}");
    assert!(page.contains(&format!(
        "<a href=\"/accounts/{}\">Open the client it was merged into</a>",
        t.keep
    )));
    // The recompute ran before the redirect answered: nothing requested is left to compute.
    let (requested, computed, _) =
        kamdesk::db::scoring::sequences(app.pool(), chrono::Utc::now().date_naive())
            .await
            .unwrap();
    assert!(computed >= requested, "{computed} < {requested}");
    // The pair is gone from the list.
    assert!(c.text("/accounts/duplicates").await.contains("0 pairs"));
}

#[tokio::test]
async fn a_merge_of_a_changed_account_is_refused_with_both_versions_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let t = twins(&app).await;
    let c = app.signed_in("director@x.test").await;
    let (a, b, sa, sb) = pair_fields(&c.text("/accounts/duplicates").await);
    // Someone changes one of them meanwhile.
    sqlx::query("UPDATE accounts SET strategic_importance = 5 WHERE id = $1")
        .bind(t.gone)
        .execute(app.pool())
        .await
        .unwrap();
    let res = c
        .post(
            "/accounts/duplicates/merge",
            &[
                ("a", &a),
                ("b", &b),
                ("a_stamp", &sa),
                ("b_stamp", &sb),
                ("keep", "a"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    let html = res.text().await.unwrap();
    assert!(html.contains("changed after you opened the list"), "{html}");
    assert!(html.contains("you saw the version of"));
    let contacts: i64 = sqlx::query_scalar("SELECT count(*) FROM contacts WHERE account_id = $1")
        .bind(t.gone)
        .fetch_one(app.pool())
        .await
        .unwrap();
    assert_eq!(contacts, 1);
    // A bare post (no pair) is a bad request.
    let res = c.post("/accounts/duplicates/merge", &[]).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_pairs_export_holds_every_listed_pair_and_kams_may_not_see_the_page() {
    let app = TestApp::spawn().await;
    twins(&app).await;
    let c = app.signed_in("director@x.test").await;
    let csv = c.text("/accounts/duplicates.csv").await;
    assert!(
        csv.contains("ЛидерСемья") && csv.contains("LiderSemya LLC"),
        "{csv}"
    );
    assert!(csv.contains("First client: Name"));
    let xlsx = c.get("/accounts/duplicates.xlsx").await;
    assert_eq!(xlsx.status(), StatusCode::OK);
    let kam = app.signed_in("kam@x.test").await;
    assert_eq!(
        kam.get("/accounts/duplicates").await.status(),
        StatusCode::FORBIDDEN
    );
    assert!(!kam.text("/accounts").await.contains("/accounts/duplicates"));
}

#[tokio::test]
async fn the_pairs_page_speaks_russian() {
    let app = TestApp::spawn().await;
    twins(&app).await;
    sqlx::query("UPDATE users SET language = 'ru' WHERE email = 'director@x.test'")
        .execute(app.pool())
        .await
        .unwrap();
    let c = app.signed_in("director@x.test").await;
    let html = c.text("/accounts/duplicates").await;
    assert!(
        html.contains("Вероятные дубли") && html.contains("1 пара"),
        "{html}"
    );
    assert!(html.contains("Это разные клиенты"));
}
