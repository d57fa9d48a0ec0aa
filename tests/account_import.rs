//! `kamdesk import accounts`: a good file creates clients with their owner, places and
//! potential; a known tax id or external id updates instead of duplicating; a dry run saves
//! nothing; a file with bad rows imports nothing and names every bad cell.

mod common;

use common::TestApp;
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;

/// Runs `kamdesk import accounts` on `bytes` (as the file `clients.csv`): exit status and
/// report.
async fn import_bytes(app: &TestApp, bytes: Vec<u8>, dry_run: bool) -> (i32, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let req = kamdesk::cli::import::Request {
        bytes,
        file_name: "clients.csv",
        dry_run,
        by: None,
    };
    let code = kamdesk::cli::import::accounts(app.pool(), req, &mut out, &mut err)
        .await
        .unwrap();
    (code, String::from_utf8(out).unwrap())
}

async fn import(app: &TestApp, csv: &str, dry_run: bool) -> (i32, String) {
    import_bytes(app, csv.as_bytes().to_vec(), dry_run).await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.pool()).await.unwrap()
}

const GOOD: &str = "name,status,tax_id,external_id,industry,headcount,annual_revenue,strategic_importance,owner_email,locations,potential,potential_basis
ЛидерСемья,active,7701 234-567,ERP-1,retail,1 200,\"1 250 000,50\",4,kam@x.test,RU/Moscow/Moscow; RU/Tatarstan/Kazan,900000,ERP plan
Beta Foods,,,ERP-2,,,,,,,,
";

#[tokio::test]
async fn a_good_file_creates_clients_with_owner_places_and_potential() {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let (code, out) = import(&app, GOOD, false).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 clients created"), "{out}");
    let (status, tax, revenue, head): (String, String, rust_decimal::Decimal, i32) = sqlx::query_as(
        "SELECT status, tax_id, annual_revenue, headcount FROM accounts WHERE external_id = 'ERP-1'",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), tax.as_str(), head),
        ("active", "7701234567", 1200)
    );
    assert_eq!(revenue.to_string(), "1250000.50");
    let owner: uuid::Uuid = sqlx::query_scalar(
        "SELECT t.user_id FROM account_team t JOIN accounts a ON a.id = t.account_id
          WHERE a.external_id = 'ERP-1' AND t.team_role = 'owner' AND t.ended_on IS NULL",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(owner, kam.0);
    assert_eq!(
        count(&app, "SELECT count(*) FROM account_locations").await,
        2
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM potential_forecasts").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM accounts WHERE name = 'Beta Foods' AND status = 'prospect'"
        )
        .await,
        1,
        "an empty status is a prospect, as on the new-client page"
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE field = 'created'"
        )
        .await,
        2
    );
    let (with_places, bare): (i16, i16) = sqlx::query_as(
        "SELECT (SELECT dossier_completeness FROM accounts WHERE external_id = 'ERP-1'),
                (SELECT dossier_completeness FROM accounts WHERE external_id = 'ERP-2')",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert!(
        with_places > bare,
        "places and potential count in the completeness the list shows: {with_places} vs {bare}"
    );
    // The list finds an imported client by its name in the other script.
    app.user("director@x.test", Role::Director).await;
    app.recompute().await;
    let c = app.signed_in("director@x.test").await;
    assert!(
        c.text("/accounts?q=lidersemya")
            .await
            .contains("ЛидерСемья")
    );
}

#[tokio::test]
async fn a_known_tax_id_or_external_id_updates_instead_of_duplicating() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let other = app.user("other@x.test", Role::Kam).await;
    assert_eq!(import(&app, GOOD, false).await.0, 0);
    let again = "name,tax_id,external_id,headcount,owner_email,locations
ЛидерСемья Retail,7701234567,,1500,other@x.test,DE/Bavaria/Munich
Beta Foods,,ERP-2,,,
";
    let (code, out) = import(&app, again, false).await;
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 client updated") && out.contains("1 client unchanged"),
        "{out}"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM accounts").await,
        2,
        "no duplicate"
    );
    let (name, head, version): (String, i32, i32) =
        sqlx::query_as("SELECT name, headcount, version FROM accounts WHERE tax_id = '7701234567'")
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), head, version),
        ("ЛидерСемья Retail", 1500, 2)
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM account_locations WHERE country = 'DE'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM account_locations").await,
        1,
        "places replaced"
    );
    let owner: uuid::Uuid = sqlx::query_scalar(
        "SELECT user_id FROM account_team WHERE team_role = 'owner' AND ended_on IS NULL
            AND account_id = (SELECT id FROM accounts WHERE tax_id = '7701234567')",
    )
    .fetch_one(app.pool())
    .await
    .unwrap();
    assert_eq!(owner, other.0, "the owner handed over");
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM audit_log WHERE field IN ('name', 'headcount', 'owner')"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn a_dry_run_reports_what_would_change_and_saves_nothing() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let (code, out) = import(&app, GOOD, true).await;
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Dry run"), "{out}");
    assert!(
        out.contains("line 2: new ЛидерСемья") && out.contains("line 3: new Beta Foods"),
        "{out}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
    assert_eq!(count(&app, "SELECT count(*) FROM audit_log").await, 0);
}

#[tokio::test]
async fn a_file_with_bad_rows_imports_nothing_and_names_every_bad_cell() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    let bad = "name,status,tax_id,strategic_importance,owner_email
Good One,active,,3,kam@x.test
,active,,,
Bad Two,gone,12ab,9,nobody@x.test
Bad Three,active,,,kam@x.test
";
    let (code, out) = import(&app, bad, false).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("Nothing was imported"), "{out}");
    for expected in [
        "line 3, column name",
        "line 4, column status",
        "line 4, column tax_id",
        "line 4, column strategic_importance",
    ] {
        assert!(out.contains(expected), "{expected}: {out}");
    }
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
    // Rows that parse but name an unknown owner are refused by the writer, all or nothing.
    let (code, out) = import(
        &app,
        "name,owner_email\nA,kam@x.test\nB,nobody@x.test\n",
        false,
    )
    .await;
    assert_eq!(code, 2);
    assert!(
        out.contains("line 3, column owner_email: No active KAM"),
        "{out}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
}

#[tokio::test]
async fn a_malformed_file_is_refused_with_a_report_and_nothing_saved() {
    let app = TestApp::spawn().await;
    // Windows-1251, as an old Excel saves Russian: "Пример".
    let (code, out) = import_bytes(&app, b"name\n\xcf\xf0\xe8\xec\xe5\xf0\n".to_vec(), false).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("line 2: The file is not UTF-8"), "{out}");
    // No name column, and a typo'd one.
    let (code, out) = import(&app, "tax_id,nmae\n7701234567,Alpha\n", false).await;
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("line 1: A required column is missing. (\"name\")"),
        "{out}"
    );
    assert!(out.contains("line 1: Unknown column"), "{out}");
    // A 10 MB line between two good ones: that line is named, the file refused.
    let mut big = b"name,potential_basis\nAlpha,\n".to_vec();
    big.extend(b"Beta,");
    big.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    big.extend(b"\nGamma,\n");
    let (code, out) = import_bytes(&app, big, false).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("line 3: This line is far too long"), "{out}");
    assert!(out.len() < 2_000, "the report does not repeat the line");
    // A header and nothing else; an empty file.
    let (code, out) = import(&app, "name,tax_id\n", false).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("no clients"), "{out}");
    let (code, out) = import(&app, "", false).await;
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("The file is empty"), "{out}");
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
}

#[tokio::test]
async fn an_owner_change_is_a_handover_noted_as_imported_from_the_file_in_the_readers_language() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("other@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    app.user_with_language("direktor@x.test", Role::Director, Language::Ru)
        .await;
    assert_eq!(import(&app, GOOD, false).await.0, 0);
    let (code, out) = import(
        &app,
        "name,tax_id,owner_email\nЛидерСемья,7701234567,other@x.test\n",
        false,
    )
    .await;
    assert_eq!(code, 0, "{out}");
    let (note, key): (String, String) =
        sqlx::query_as("SELECT note, note_key FROM account_handovers")
            .fetch_one(app.pool())
            .await
            .unwrap();
    assert_eq!(
        (note.as_str(), key.as_str()),
        ("", "handover-imported-from")
    );
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM accounts WHERE tax_id = '7701234567'")
        .fetch_one(app.pool())
        .await
        .unwrap();
    let c = app.signed_in("director@x.test").await;
    let team = c.text(&format!("/accounts/{id}/team")).await;
    assert!(team.contains("Imported from clients.csv"), "{team}");
    let c = app.signed_in("direktor@x.test").await;
    let team = c.text(&format!("/accounts/{id}/team")).await;
    assert!(
        team.contains("Импортировано из файла clients.csv"),
        "{team}"
    );
    let timeline = c.text(&format!("/accounts/{id}/timeline")).await;
    assert!(
        timeline.contains("Импортировано из файла clients.csv"),
        "{timeline}"
    );
}

#[tokio::test]
async fn the_sample_file_imports() {
    let app = TestApp::spawn().await;
    app.user("kam1@demo.test", Role::Kam).await;
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/samples/accounts.csv"
    ))
    .unwrap();
    let (code, out) = import(&app, &sample, false).await;
    assert_eq!(code, 0, "{out}");
}

/// Uploads `bytes` on the accounts' upload page and waits for its job to end; the job page.
async fn upload(c: &common::Client, bytes: Vec<u8>, fields: &[(&str, &str)]) -> String {
    let res = c
        .upload("/accounts/import", "clients.csv", bytes, fields)
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let job = res.headers()["location"].to_str().unwrap().to_string();
    assert!(job.starts_with("/accounts/import/"), "{job}");
    for _ in 0..200 {
        let page = c.text(&job).await;
        if !page.contains("http-equiv=\"refresh\"") {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the import did not end");
}

#[tokio::test]
async fn the_upload_page_checks_then_imports_and_shows_the_counts() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let d = app.signed_in("director@x.test").await;
    let list = d.text("/accounts").await;
    assert!(
        list.contains("href=\"/accounts/import\""),
        "the list links the upload page"
    );
    let form = d.text("/accounts/import").await;
    assert!(form.contains("owner_email") && form.contains("/accounts/import/sample.csv"));
    let page = upload(&d, GOOD.as_bytes().to_vec(), &[("dry_run", "1")]).await;
    assert!(page.contains("Dry run: nothing was saved"), "{page}");
    assert!(page.contains("2 clients created"), "{page}");
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
    let page = upload(&d, GOOD.as_bytes().to_vec(), &[]).await;
    assert!(
        page.contains("Imported.") && page.contains("2 clients created"),
        "{page}"
    );
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 2);
    let page = upload(&d, GOOD.as_bytes().to_vec(), &[]).await;
    assert!(
        page.contains("0 clients created") && page.contains("2 clients unchanged"),
        "{page}"
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM accounts").await,
        2,
        "no duplicates"
    );
    let again = d.text("/accounts/import").await;
    assert_eq!(
        again.matches("clients.csv").count(),
        3,
        "three recent jobs listed"
    );
}

#[tokio::test]
async fn the_upload_page_lists_every_bad_row_and_a_malformed_file_never_500s() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user_with_language("admin@x.test", Role::Admin, Language::Ru)
        .await;
    let a = app.signed_in("admin@x.test").await;
    let bad = "name,status,tax_id,owner_email\nGood,active,,kam@x.test\n,gone,12ab,\n";
    let page = upload(&a, bad.as_bytes().to_vec(), &[]).await;
    for cell in [
        "<code>name</code>",
        "<code>status</code>",
        "<code>tax_id</code>",
        "<code>12ab</code>",
    ] {
        assert!(page.contains(cell), "{cell}: {page}");
    }
    assert!(
        page.contains("<td class=\"num\">3</td>"),
        "line 3 named: {page}"
    );
    assert!(!page.contains("Imported"), "in Russian: {page}");
    // Windows-1251, a missing name column, a 10 MB line: refused with a report.
    let mut big = b"name\nAlpha\n".to_vec();
    big.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    big.push(b'\n');
    for (file, reason) in [
        (b"name\n\xcf\xf0\xe8\xec\xe5\xf0\n".to_vec(), "UTF-8"),
        (b"tax_id\n7701234567\n".to_vec(), "name"),
        (big, "<td class=\"num\">3</td>"),
    ] {
        let page = upload(&a, file, &[]).await;
        assert!(
            page.contains("form-error") && page.contains(reason),
            "{reason}: {page}"
        );
    }
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
    // No file at all: the message beside the field.
    let res = a.upload("/accounts/import", "empty.csv", vec![], &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"file-err\""));
}

#[tokio::test]
async fn kams_and_assistants_get_neither_the_page_nor_its_link() {
    let app = TestApp::spawn().await;
    app.user("kam@x.test", Role::Kam).await;
    app.user("assistant@x.test", Role::Assistant).await;
    for who in ["kam@x.test", "assistant@x.test"] {
        let c = app.signed_in(who).await;
        assert!(
            !c.text("/accounts").await.contains("/accounts/import"),
            "{who}"
        );
        assert_eq!(
            c.get("/accounts/import").await.status(),
            StatusCode::FORBIDDEN
        );
        let res = c
            .upload("/accounts/import", "x.csv", GOOD.as_bytes().to_vec(), &[])
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(count(&app, "SELECT count(*) FROM accounts").await, 0);
}
