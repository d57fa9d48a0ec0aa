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

/// The dossier migration moves the foundation's free text into fields, our presence out of
/// each location into one list, and stores the completeness the domain rule gives.
#[tokio::test]
async fn the_dossier_migration_keeps_the_text_and_stores_what_the_domain_computes() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    kamdesk::db::MIGRATOR
        .undo(pool, 20261124200002)
        .await
        .expect("back to before the dossier fields");
    let (full, empty) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    sqlx::query(
        "INSERT INTO accounts (id, name, status, importance_rationale) VALUES
            ($1, 'Full', 'active', 'Federal player'), ($2, 'Empty', 'prospect', '')",
    )
    .bind(full)
    .bind(empty)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO dossier_sections (account_id, section, body, version) VALUES
            ($1, 'general', 'Builds houses', 3), ($1, 'relationship', 'Client since 2019', 1),
            ($1, 'needs', 'Fewer stock-outs', 2), ($1, 'competition', 'Courted by Alfa', 1)",
    )
    .bind(full)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO account_locations (id, account_id, continent, country, region, kind, we_are_present) VALUES
            ($1, $3, 'EU', 'RU', 'Tatarstan', 'current', true),
            ($2, $3, 'EU', 'RU', 'tatarstan ', 'planned', true)",
    )
    .bind(uuid::Uuid::now_v7())
    .bind(uuid::Uuid::now_v7())
    .bind(full)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO potential_forecasts (account_id, year, revenue) VALUES ($1, 2026, 10)",
    )
    .bind(full)
    .execute(pool)
    .await
    .unwrap();
    kamdesk::db::migrate(pool).await.unwrap();

    let (description, history, needs, competition): (String, String, String, String) =
        sqlx::query_as(
            "SELECT description, history, business_needs, competition_note FROM account_dossier WHERE account_id = $1",
        )
        .bind(full)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(
        (
            description.as_str(),
            history.as_str(),
            needs.as_str(),
            competition.as_str()
        ),
        (
            "Builds houses",
            "Client since 2019",
            "Fewer stock-outs",
            "Courted by Alfa"
        )
    );
    let versions: Vec<(String, i32)> = sqlx::query_as(
        "SELECT section, version FROM account_sections WHERE account_id = $1 ORDER BY section",
    )
    .bind(full)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        versions,
        [
            ("competitors".into(), 1),
            ("general".into(), 3),
            ("needs".into(), 2)
        ]
    );
    let presence: i64 =
        sqlx::query_scalar("SELECT count(*) FROM our_presence WHERE country = 'RU'")
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(presence, 1, "one place, whatever the case and spaces");

    let stored = |id: uuid::Uuid| {
        sqlx::query_as::<_, (i16, Vec<String>)>(
            "SELECT dossier_completeness, dossier_missing FROM accounts WHERE id = $1",
        )
        .bind(id)
        .fetch_one(pool)
    };
    let migrated = (stored(full).await.unwrap(), stored(empty).await.unwrap());
    assert_eq!(migrated.0, (83, vec!["competitors".to_string()]));
    let mut conn = pool.acquire().await.unwrap();
    let ids = [
        kamdesk::domain::ids::AccountId(full),
        kamdesk::domain::ids::AccountId(empty),
    ];
    kamdesk::db::dossier::refresh_completeness(&mut conn, &ids)
        .await
        .unwrap();
    assert_eq!(
        (stored(full).await.unwrap(), stored(empty).await.unwrap()),
        migrated,
        "the migration's SQL and the domain rule agree"
    );
}
