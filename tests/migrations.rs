//! The migrations apply to an empty database and revert cleanly.

mod common;

use common::TestDb;

#[tokio::test]
async fn migrations_apply_and_revert() {
    let db = TestDb::new().await;
    let tables: i64 = sqlx::query_scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert!(
        tables >= 20,
        "the whole domain is modelled: {tables} tables"
    );
    kamdesk::db::MIGRATOR
        .undo(&db.pool, 0)
        .await
        .expect("migrations revert");
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "everything is dropped on revert");
    kamdesk::db::migrate(&db.pool)
        .await
        .expect("and apply again");
}

#[tokio::test]
async fn the_database_refuses_a_second_current_owner() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let hash = "x";
    let mut users = vec![];
    for email in ["a@x.test", "b@x.test"] {
        let new = kamdesk::db::users::NewUser {
            email,
            name: "n",
            role: kamdesk::domain::user::Role::Kam,
            language: Default::default(),
            password_hash: hash,
        };
        users.push(kamdesk::db::users::insert(pool, &new).await.unwrap());
    }
    let account = uuid::Uuid::now_v7();
    sqlx::query("INSERT INTO accounts (id, name) VALUES ($1, 'Acme')")
        .bind(account)
        .execute(pool)
        .await
        .unwrap();
    let insert = |user: kamdesk::domain::ids::UserId| {
        sqlx::query("INSERT INTO account_team (id, account_id, user_id, team_role) VALUES ($1, $2, $3, 'owner')")
            .bind(uuid::Uuid::now_v7())
            .bind(account)
            .bind(user)
    };
    insert(users[0]).execute(pool).await.unwrap();
    let err = insert(users[1]).execute(pool).await.unwrap_err();
    assert!(
        kamdesk::db::is_unique_violation(&err, "account_team_one_owner"),
        "{err}"
    );
}

#[tokio::test]
async fn emails_are_unique_whatever_their_case() {
    let db = TestDb::new().await;
    let mk = |email: &'static str| kamdesk::db::users::NewUser {
        email,
        name: "n",
        role: kamdesk::domain::user::Role::Kam,
        language: Default::default(),
        password_hash: "x",
    };
    kamdesk::db::users::insert(&db.pool, &mk("Anna@x.test"))
        .await
        .unwrap();
    let err = kamdesk::db::users::insert(&db.pool, &mk("anna@X.TEST"))
        .await
        .unwrap_err();
    assert!(kamdesk::db::is_unique_violation(
        &err,
        "users_email_lower_key"
    ));
}
