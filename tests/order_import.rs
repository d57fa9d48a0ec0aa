//! Importing orders from CSV: the upload page's job (good file, refused file with every bad row by
//! line, column and reason, check only, a client outside the importer's teams) and the
//! `kamdesk import orders` command. The million-row figure lives in the benchmark, not here.

mod common;

use common::{TestApp, location};
use kamdesk::domain::ids::AccountId;
use kamdesk::domain::user::Role;
use reqwest::StatusCode;
use std::time::Duration;

/// An assistant on "Own Co"'s team; "Foreign Co" belongs to another KAM.
struct Setup {
    app: TestApp,
    own: AccountId,
    foreign: AccountId,
}

async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let kam = app.user("kam@x.test", Role::Kam).await;
    let assistant = app.user("assistant@x.test", Role::Assistant).await;
    let other = app.user("other@x.test", Role::Kam).await;
    app.user("director@x.test", Role::Director).await;
    let own = app.account("Own Co", "active", 500_000, 3, Some(kam)).await;
    app.add_to_team(own, assistant, "assistant").await;
    let foreign = app
        .account("Foreign Co", "active", 900_000, 5, Some(other))
        .await;
    Setup { app, own, foreign }
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(app.pool()).await.unwrap()
}

/// Uploads `csv` and waits for its job to end; returns the job page.
async fn import(c: &common::Client, csv: &str, fields: &[(&str, &str)]) -> String {
    let res = c
        .upload(
            "/orders/import",
            "orders.csv",
            csv.as_bytes().to_vec(),
            fields,
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let job = location(&res);
    assert!(job.starts_with("/orders/import/"), "{job}");
    for _ in 0..100 {
        let page = c.text(&job).await;
        if !page.contains("http-equiv=\"refresh\"") {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the import did not end");
}

#[tokio::test]
async fn a_good_file_imports_every_row_at_once_and_the_clients_history_says_so() {
    let s = setup().await;
    let a = s.app.signed_in("assistant@x.test").await;
    // A spreadsheet's export: byte-order mark, semicolons, Russian dates and decimal commas.
    let csv = format!(
        "\u{feff}account_id;ordered_on;amount;margin;currency;description;status\n\
         {own};01.10.2026;1 234,50;100;RUB;Valves;delivered\n\
         {own};2026-10-02;99;;EUR;\"Pumps; spare\";placed\n",
        own = s.own
    );
    let page = import(&a, &csv, &[]).await;
    assert!(page.contains("2 orders imported."), "{page}");
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT amount::text, currency, description FROM orders ORDER BY ordered_on",
    )
    .fetch_all(s.app.pool())
    .await
    .unwrap();
    assert_eq!(
        rows,
        [
            ("1234.50".into(), "RUB".into(), "Valves".into()),
            ("99.00".into(), "EUR".into(), "Pumps; spare".into())
        ]
    );
    assert_eq!(
        count(&s.app, "SELECT count(*) FROM orders o JOIN users u ON u.id = o.logged_by WHERE u.email = 'assistant@x.test'").await,
        2,
        "logged by the importer"
    );
    assert!(
        count(
            &s.app,
            "SELECT count(*) FROM audit_log WHERE account_id IS NOT NULL AND field LIKE '%import%'"
        )
        .await
            >= 1
    );
    let list = a.text("/orders").await;
    assert!(list.contains("Valves") && list.contains("Pumps; spare"));
}

#[tokio::test]
async fn a_file_with_bad_rows_is_refused_whole_and_every_bad_row_is_named_by_line_and_column() {
    let s = setup().await;
    let a = s.app.signed_in("assistant@x.test").await;
    let csv = format!(
        "account_id,ordered_on,amount,margin,status\n\
         {own},2026-10-01,100,10,placed\n\
         {own},2026-10-01,-5,,placed\n\
         {own},yesterday,10,20,lost\n\
         {foreign},2026-10-01,10,,placed\n\
         not-an-id,2026-10-01,10,,placed\n\
         {own},2026-10-01\n",
        own = s.own,
        foreign = s.foreign
    );
    let page = import(&a, &csv, &[]).await;
    assert!(page.contains("nothing was imported"), "{page}");
    let problems: Vec<(i64, String, String)> = serde_json::from_value::<Vec<serde_json::Value>>(
        sqlx::query_scalar("SELECT errors FROM import_jobs")
            .fetch_one(s.app.pool())
            .await
            .unwrap(),
    )
    .unwrap()
    .into_iter()
    .map(|p| {
        (
            p["line"].as_i64().unwrap(),
            p["column"].as_str().unwrap().to_string(),
            p["reason"].as_str().unwrap().to_string(),
        )
    })
    .collect();
    let want: Vec<(i64, String, String)> = [
        (3, "amount", "error-money-negative"),
        (4, "ordered_on", "error-not-a-date"),
        (4, "margin", "error-margin-above-amount"),
        (4, "status", "error-invalid-choice"),
        (5, "account_id", "error-order-import-unknown-account"),
        (6, "account_id", "error-order-import-bad-account-id"),
        (7, "", "error-order-import-field-count"),
    ]
    .into_iter()
    .map(|(l, c, r)| (l, c.to_string(), r.to_string()))
    .collect();
    assert_eq!(problems, want);
    assert!(page.contains("<td class=\"num\">3</td><td><code>amount</code></td>"));
    assert_eq!(
        count(&s.app, "SELECT count(*) FROM orders").await,
        0,
        "not even the good row"
    );
}

#[tokio::test]
async fn a_check_only_upload_reports_and_writes_nothing() {
    let s = setup().await;
    let d = s.app.signed_in("director@x.test").await;
    let csv = format!(
        "account_id,ordered_on,amount,status\n{},2026-10-01,100,placed\n{},2026-10-01,5,shipped\n",
        s.own, s.foreign
    );
    let page = import(&d, &csv, &[("dry_run", "on")]).await;
    assert!(page.contains("2 rows checked"), "{page}");
    assert_eq!(count(&s.app, "SELECT count(*) FROM orders").await, 0);
}

#[tokio::test]
async fn an_upload_without_a_file_is_refused_beside_the_field() {
    let s = setup().await;
    let a = s.app.signed_in("assistant@x.test").await;
    let res = a.upload("/orders/import", "empty.csv", vec![], &[]).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&s.app, "SELECT count(*) FROM import_jobs").await, 0);
}

#[tokio::test]
async fn the_command_imports_a_good_file_and_refuses_a_bad_one_with_exit_status_2() {
    let s = setup().await;
    let dir = tempfile::tempdir().unwrap();
    // The command runs while the test's server (and its scoring worker) keep running on this
    // runtime: waiting for it must not block the runtime, or a recompute the worker holds open
    // would block the import's scoring request for ever.
    let run = |name: &str, csv: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, csv).unwrap();
        let url = s.app.db.url.clone();
        async move {
            tokio::process::Command::new(env!("CARGO_BIN_EXE_kamdesk"))
                .args(["import", "orders"])
                .arg(&path)
                .env("DATABASE_URL", url)
                .output()
                .await
                .unwrap()
        }
    };
    let bad = run(
        "bad.csv",
        format!(
            "account_id,ordered_on,amount,status\n{},2026-10-01,1.234,placed\n",
            s.own
        ),
    )
    .await;
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("line 2, column amount: At most two decimals."),
        "{err}"
    );
    let good = run(
        "good.csv",
        format!(
            "account_id,ordered_on,amount,status\n{},2026-10-01,10,placed\n{},2026-10-02,20,placed\n",
            s.own, s.foreign
        ),
    )
    .await;
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(String::from_utf8_lossy(&good.stdout).contains("imported 2 orders into 2 clients"));
    assert_eq!(
        count(
            &s.app,
            "SELECT count(*) FROM orders WHERE logged_by IS NULL"
        )
        .await,
        2
    );
}
