//! The identity columns of an account (tax id, external id, annual revenue) and the name keys
//! that search and the duplicate check read (the `account_identity` migration).

mod common;

use common::TestDb;
use kamdesk::db;
use kamdesk::domain::account::{AccountName, ExternalId, Importance, TaxId};
use kamdesk::domain::money::Money;
use kamdesk::domain::scoring::{DecisionMaking, Status};

fn account(name: &str) -> db::accounts::NewAccount {
    db::accounts::NewAccount::new(
        AccountName::parse(name).unwrap(),
        Status::Active,
        Importance::new(2).unwrap(),
        DecisionMaking::Centralized,
    )
}

async fn keys(
    db: &TestDb,
    id: kamdesk::domain::ids::AccountId,
) -> (Option<String>, Option<String>) {
    sqlx::query_as("SELECT search_key, duplicate_key FROM accounts WHERE id = $1")
        .bind(id)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_writer_stores_identity_and_the_name_keys() {
    let db = TestDb::new().await;
    let mut a = account("ООО «ЛидерСемья»");
    a.tax_id = TaxId::parse_optional("7701 234 567").unwrap();
    a.external_id = ExternalId::parse_optional("ERP-0042").unwrap();
    a.annual_revenue = Some(Money::parse("1 250 000,50").unwrap());
    let mut conn = db.pool.acquire().await.unwrap();
    db::accounts::insert(&mut conn, &a).await.unwrap();
    let row = db::accounts::get(&db.pool, a.id).await.unwrap().unwrap();
    assert_eq!(row.tax_id.as_deref(), Some("7701234567"));
    assert_eq!(row.external_id.as_deref(), Some("ERP-0042"));
    assert_eq!(row.annual_revenue, Some(common::dec("1250000.50")));
    assert_eq!(
        keys(&db, a.id).await,
        (Some("o lidersemia".into()), Some("lidersemia".into()))
    );
}

#[tokio::test]
async fn a_tax_id_or_external_id_belongs_to_one_account_only() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let mut a = account("Alpha");
    a.tax_id = TaxId::parse_optional("7701234567").unwrap();
    a.external_id = ExternalId::parse_optional("A-1").unwrap();
    db::accounts::insert(&mut conn, &a).await.unwrap();
    let mut b = account("Beta");
    b.tax_id = TaxId::parse_optional("7701-234-567").unwrap();
    let e = db::accounts::insert(&mut conn, &b).await.unwrap_err();
    assert!(db::is_unique_violation(&e, "accounts_tax_id_unique"), "{e}");
    let mut c = account("Gamma");
    c.external_id = ExternalId::parse_optional("A-1").unwrap();
    let e = db::accounts::insert(&mut conn, &c).await.unwrap_err();
    assert!(
        db::is_unique_violation(&e, "accounts_external_id_unique"),
        "{e}"
    );
    // Accounts without either are many.
    db::accounts::insert(&mut conn, &account("Delta"))
        .await
        .unwrap();
    db::accounts::insert(&mut conn, &account("Epsilon"))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_database_refuses_what_the_domain_types_refuse() {
    let db = TestDb::new().await;
    for (column, value) in [
        ("tax_id", "77-01"),
        ("tax_id", "1234"),
        ("external_id", " padded "),
        ("external_id", ""),
    ] {
        let r = sqlx::query(&format!(
            "INSERT INTO accounts (id, name, {column}) VALUES (gen_random_uuid(), 'X', $1)"
        ))
        .bind(value)
        .execute(&db.pool)
        .await;
        assert!(r.is_err(), "{column} = {value:?} must be refused");
    }
    let r = sqlx::query(
        "INSERT INTO accounts (id, name, annual_revenue) VALUES (gen_random_uuid(), 'X', -1)",
    )
    .execute(&db.pool)
    .await;
    assert!(r.is_err(), "a negative revenue must be refused");
}

#[tokio::test]
async fn a_name_changed_without_its_keys_loses_them_until_they_are_derived_again() {
    let db = TestDb::new().await;
    let mut conn = db.pool.acquire().await.unwrap();
    let a = account("Ромашка");
    db::accounts::insert(&mut conn, &a).await.unwrap();
    sqlx::query("UPDATE accounts SET name = 'Василёк' WHERE id = $1")
        .bind(a.id)
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        keys(&db, a.id).await,
        (None, None),
        "stale keys are dropped"
    );
    assert_eq!(db::accounts::fill_name_keys(&db.pool).await.unwrap(), 1);
    assert_eq!(
        keys(&db, a.id).await,
        (Some("vasilek".into()), Some("vasilek".into()))
    );
    db::accounts::rename(&mut conn, a.id, &AccountName::parse("Lider Semya").unwrap())
        .await
        .unwrap();
    assert_eq!(
        keys(&db, a.id).await,
        (Some("lider semia".into()), Some("lidersemia".into()))
    );
}

#[tokio::test]
async fn accounts_written_before_the_keys_existed_get_them_at_migrate_time() {
    let db = TestDb::new().await;
    sqlx::query("INSERT INTO accounts (id, name) VALUES (gen_random_uuid(), 'LiderSemya')")
        .execute(&db.pool)
        .await
        .unwrap();
    db::migrate(&db.pool).await.unwrap();
    let key: Option<String> = sqlx::query_scalar("SELECT duplicate_key FROM accounts")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(key.as_deref(), Some("lidersemia"));
}
