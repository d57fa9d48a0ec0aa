//! The demo company in a real database, the writers it goes through, and the migration of the
//! old English words to codes.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::TestDb;
use kamdesk::db;
use kamdesk::db::visibility::AccountScope;
use kamdesk::domain::account::{AccountName, Importance};
use kamdesk::domain::contact::{Attitude, DecisionRole, Influence};
use kamdesk::domain::deal::{DealKind, DealStage, OutcomeReason};
use kamdesk::domain::dossier::Section;
use kamdesk::domain::geo::{CountryCode, LocationKind};
use kamdesk::domain::ids::*;
use kamdesk::domain::industry::Industry;
use kamdesk::domain::interaction::InteractionKind;
use kamdesk::domain::money::Currency;
use kamdesk::domain::order::OrderStatus;
use kamdesk::domain::scoring::{DecisionMaking, Pin, Status};
use kamdesk::domain::system_text::{SystemMessage, SystemText, Text, TextArg};
use kamdesk::domain::team::TeamRole;
use kamdesk::domain::user::{Email, Language, PersonName, Role};
use rust_decimal::Decimal;
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

async fn seed(pool: &PgPool, accounts: usize) -> kamdesk::demo::SeedReport {
    let opts = kamdesk::demo::SeedOptions {
        accounts,
        seed: 7,
        password_hash: "not-a-real-hash".into(),
        today: today(),
    };
    kamdesk::demo::seed_demo(pool, &opts).await.unwrap()
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[tokio::test]
async fn the_seeded_demo_holds_every_rule_the_app_relies_on() {
    let db = TestDb::new().await;
    let report = seed(&db.pool, 300).await;
    assert_eq!((report.users, report.accounts), (12, 300));
    assert!(report.contacts > 300 && report.orders > 3000 && report.follow_ups > 100);

    // Every contact reports to a contact of its own account.
    let foreign = count(
        &db.pool,
        "SELECT count(*) FROM contacts c JOIN contacts b ON b.id = c.reports_to
          WHERE b.account_id <> c.account_id",
    )
    .await;
    assert_eq!(foreign, 0);
    assert!(
        count(
            &db.pool,
            "SELECT count(*) FROM contacts WHERE reports_to IS NOT NULL"
        )
        .await
            > 0
    );

    // Places are codes, and the continent is the country's.
    let places: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT continent, country FROM account_locations")
            .fetch_all(&db.pool)
            .await
            .unwrap();
    assert!(places.len() > 10);
    for (continent, country) in places {
        let country = CountryCode::parse(&country).unwrap();
        assert_eq!(country.continent().as_str(), continent);
    }

    // Industries from the pick list, system text by key, and both read back by the app.
    assert_eq!(
        count(
            &db.pool,
            "SELECT count(*) FROM accounts WHERE industry IS NULL"
        )
        .await,
        0
    );
    let follow_ups =
        db::follow_ups::open_visible(&db.pool, AccountScope::All, UserId::new(), 100_000)
            .await
            .unwrap();
    assert!(!follow_ups.is_empty());
    assert!(
        follow_ups
            .iter()
            .all(|f| matches!(f.title, Text::System(_)))
    );
    let orders = db::orders::recent_visible(&db.pool, AccountScope::All, 500)
        .await
        .unwrap();
    assert!(
        orders
            .iter()
            .all(|o| matches!(o.description, Text::System(_)))
    );
    assert!(
        count(
            &db.pool,
            "SELECT count(*) FROM follow_ups WHERE title_key = 'fu-find-owner'"
        )
        .await
            > 0
    );

    // A few key clients have this year's plan, a KAM budget, a grid of two versions and an
    // offer of three variants.
    for (sql, expected) in [
        ("SELECT count(*) FROM account_plans", 6),
        (
            "SELECT count(*) FROM plan_actions WHERE due_on < current_date AND status <> 'done'",
            2,
        ),
        ("SELECT count(*) FROM kam_budgets", 6),
        ("SELECT count(*) FROM competitive_grids", 12),
        ("SELECT count(*) FROM special_offers", 6),
        ("SELECT count(*) FROM offer_variants", 18),
    ] {
        assert_eq!(count(&db.pool, sql).await, expected, "{sql}");
    }

    // A second load is refused: the demo only goes into an empty database.
    let again = kamdesk::demo::seed_demo(
        &db.pool,
        &kamdesk::demo::SeedOptions {
            accounts: 1,
            seed: 7,
            password_hash: "x".into(),
            today: today(),
        },
    )
    .await;
    assert!(again.is_err());
}

/// After the first recompute the demo records a past key-list review: agreed on its meeting's
/// day, every row decided, owners as they were that day, and a review opened today compares
/// with it.
#[tokio::test]
async fn the_demo_holds_an_agreed_past_review_with_decisions() {
    let db = TestDb::new().await;
    seed(&db.pool, 300).await;
    assert!(
        kamdesk::demo::seed_review(&db.pool, 7, today())
            .await
            .unwrap()
            .is_none(),
        "no stored key list, nothing to review"
    );
    kamdesk::scoring_worker::run_pending(&db.pool, today())
        .await
        .unwrap();
    let id = kamdesk::demo::seed_review(&db.pool, 7, today())
        .await
        .unwrap()
        .expect("a review of the stored list");
    let held_on = today() - chrono::Days::new(kamdesk::demo::REVIEW_DAYS_AGO as u64);
    let (status, agreed_on, participants): (String, Option<NaiveDate>, i64) = sqlx::query_as(
        "SELECT status, agreed_on, (SELECT count(*) FROM key_list_review_participants p WHERE p.review_id = r.id)
           FROM key_list_reviews r WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), agreed_on), ("signed_off", Some(held_on)));
    assert_eq!(participants, 7, "the director and six KAMs");
    let key = count(
        &db.pool,
        "SELECT count(*) FROM scoring_results WHERE is_key",
    )
    .await;
    let decided: Vec<(String, i64)> = sqlx::query_as(
        "SELECT decision, count(*) FROM key_list_review_rows WHERE review_id = $1
          GROUP BY decision ORDER BY decision",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
    .unwrap();
    assert!(key > 20, "{key}");
    assert_eq!(
        decided.iter().map(|(_, n)| n).sum::<i64>(),
        key,
        "every row"
    );
    let kinds: Vec<&str> = decided.iter().map(|(d, _)| d.as_str()).collect();
    for d in ["drop", "keep", "watch"] {
        assert!(kinds.contains(&d), "{d} in {decided:?}");
    }
    // Owners as on the meeting's day: an owner who took over since is not frozen in it.
    let later_owners = count(
        &db.pool,
        &format!(
            "SELECT count(*) FROM key_list_review_rows r JOIN account_team t
                 ON t.account_id = r.account_id AND t.user_id = r.owner_id AND t.team_role = 'owner'
              WHERE r.review_id = '{id}' AND t.started_on > '{held_on}'
                AND NOT EXISTS (SELECT 1 FROM account_team e WHERE e.account_id = r.account_id
                        AND e.user_id = r.owner_id AND e.team_role = 'owner' AND e.started_on <= '{held_on}')"
        ),
    )
    .await;
    assert_eq!(later_owners, 0);
    // Unowned rows (on that day) are to be reassigned.
    assert_eq!(
        count(
            &db.pool,
            &format!(
                "SELECT count(*) FROM key_list_review_rows WHERE review_id = '{id}'
                  AND owner_id IS NULL AND decision <> 'reassign'"
            )
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_same_seed_loads_the_same_rows() {
    let digest = "SELECT md5(string_agg(r, '|' ORDER BY r)) FROM (
                      SELECT a::text AS r FROM accounts a
                      UNION ALL SELECT l::text FROM account_locations l
                      UNION ALL SELECT c::text FROM contacts c
                      UNION ALL SELECT o::text FROM orders o
                      UNION ALL SELECT f::text FROM follow_ups f) t";
    let first = TestDb::new().await;
    seed(&first.pool, 40).await;
    let second = TestDb::new().await;
    seed(&second.pool, 40).await;
    let a: String = sqlx::query_scalar(digest)
        .fetch_one(&first.pool)
        .await
        .unwrap();
    let b: String = sqlx::query_scalar(digest)
        .fetch_one(&second.pool)
        .await
        .unwrap();
    assert_eq!(a, b);
}

/// A user to own things, and an account to hang rows on.
async fn user_and_account(pool: &PgPool) -> (UserId, AccountId) {
    let mut conn = pool.acquire().await.unwrap();
    let user = db::users::insert(
        &mut *conn,
        &db::users::NewUser {
            email: "kam@x.test",
            name: "Kam",
            role: Role::Kam,
            language: Language::En,
            password_hash: "x",
        },
    )
    .await
    .unwrap();
    let account = new_account(None);
    db::accounts::insert(&mut conn, &account).await.unwrap();
    (user, account.id)
}

fn moment() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 30, 0).unwrap()
}

fn new_account(by: Option<UserId>) -> db::accounts::NewAccount {
    let mut a = db::accounts::NewAccount::new(
        AccountName::parse("ООО «Ромашка»").unwrap(),
        Status::Active,
        Importance::new(3).unwrap(),
        DecisionMaking::Decentralized,
    );
    a.industry = Some(Industry::Retail);
    a.headcount = Some(120);
    a.planned_decision_making = Some(DecisionMaking::Centralized);
    a.pin = by.map(|by| db::accounts::NewPin {
        pin: Pin::Key,
        reason: "Flagship".into(),
        by,
        at: Some(moment()),
    });
    a.created_by = by;
    a.created_at = Some(moment());
    a
}

/// The row as JSON without the columns that differ between two writes of equal data.
async fn row(pool: &PgPool, table: &str, key: &str, id: uuid::Uuid) -> serde_json::Value {
    let json: String = sqlx::query_scalar(&format!(
        "SELECT (to_jsonb(t) - 'id' - 'account_id' - 'contact_id' - 'reports_to')::text
           FROM {table} t WHERE {key} = $1"
    ))
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap();
    serde_json::from_str(&json).unwrap()
}

#[tokio::test]
async fn single_and_bulk_writers_write_the_same_rows() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    let (user, _) = user_and_account(pool).await;
    let mut tx = pool.begin().await.unwrap();

    // Accounts: one alone, the same twice in a batch.
    let single = new_account(Some(user));
    let bulk = [new_account(Some(user)), new_account(Some(user))];
    db::accounts::insert(&mut tx, &single).await.unwrap();
    db::accounts::insert_many(&mut tx, &bulk).await.unwrap();
    let (a, b) = (single.id, bulk[0].id);

    let location = |account| db::locations::NewLocation {
        id: LocationId::new(),
        account_id: account,
        country: CountryCode::of("KZ"),
        region: "Almaty Region".into(),
        city: "Almaty".into(),
        kind: LocationKind::Planned,
        planned_on: Some(today()),
        note: "Stores".into(),
        created_at: Some(moment()),
    };
    let (la, lb) = (location(a), location(b));
    db::locations::insert(&mut tx, &la).await.unwrap();
    db::locations::insert_many(&mut tx, &[lb.clone(), location(b)])
        .await
        .unwrap();

    let forecast = |account| db::potentials::NewForecast {
        account_id: account,
        year: 2027,
        revenue: Decimal::new(1_234_500, 2),
        margin: Decimal::new(2_000, 0),
        basis: "40 stores".into(),
        updated_by: Some(user),
        updated_at: Some(moment()),
    };
    db::potentials::upsert(&mut tx, &forecast(a)).await.unwrap();
    db::potentials::upsert_many(&mut tx, &[forecast(b)])
        .await
        .unwrap();

    let stint = |account| db::teams::NewStint {
        id: TeamStintId::new(),
        account_id: account,
        user_id: user,
        role: TeamRole::Owner,
        function: None,
        started_on: Some(today()),
        ended_on: None,
        handover_id: None,
        created_at: Some(moment()),
    };
    let (ta, tb) = (stint(a), stint(b));
    db::teams::insert(&mut tx, &ta).await.unwrap();
    db::teams::insert_many(&mut tx, std::slice::from_ref(&tb))
        .await
        .unwrap();

    let competitor = |account| db::competitors::NewCompetitor {
        id: CompetitorId::new(),
        account_id: account,
        name: "MegaOpt".into(),
        offering: "Cash-and-carry prices".into(),
        strengths: "Logistics".into(),
        our_position: "Head-to-head".into(),
        created_at: Some(moment()),
    };
    let (ca, cb) = (competitor(a), competitor(b));
    db::competitors::insert(&mut tx, &ca).await.unwrap();
    db::competitors::insert_many(&mut tx, std::slice::from_ref(&cb))
        .await
        .unwrap();

    let contact = |account, boss| db::contacts::NewContact {
        id: ContactId::new(),
        account_id: account,
        details: db::contacts::ContactDetails {
            full_name: PersonName::parse("Ирина Соколова").unwrap(),
            title: "Buyer".into(),
            department: "Procurement".into(),
            email: Some(Email::parse("irina@romashka.ru").unwrap()),
            phone: "+7 900 000-00-00".into(),
            reports_to: boss,
            decision_role: Some(DecisionRole::Gatekeeper),
            influence: Some(Influence::Low),
            attitude: Some(Attitude::Neutral),
            covered_by: Some(user),
            motivation: "Savings".into(),
            measured_on: "Budget".into(),
            notes: "Prefers calls before ten".into(),
        },
        last_contact_on: Some(today()),
        gone_on: None,
        created_at: Some(moment()),
    };
    let boss_a = contact(a, None);
    let boss_b = contact(b, None);
    let report_a = contact(a, Some(boss_a.id));
    let report_b = contact(b, Some(boss_b.id));
    db::contacts::insert(&mut tx, &boss_a).await.unwrap();
    db::contacts::insert(&mut tx, &report_a).await.unwrap();
    db::contacts::insert_many(&mut tx, &[boss_b.clone(), report_b.clone()])
        .await
        .unwrap();

    let change = |c| db::contacts::NewAttitudeChange {
        id: AttitudeChangeId::new(),
        contact_id: c,
        value: Some(Attitude::Supporter),
        note: "Warmed up".into(),
        changed_by: Some(user),
        changed_at: Some(moment()),
    };
    let (ha, hb) = (change(report_a.id), change(report_b.id));
    db::contacts::insert_attitude_change(&mut tx, &ha)
        .await
        .unwrap();
    db::contacts::insert_attitude_changes(&mut tx, std::slice::from_ref(&hb))
        .await
        .unwrap();

    let interaction = |account| db::interactions::NewInteraction {
        id: InteractionId::new(),
        account_id: account,
        contacts: vec![],
        users: vec![user],
        kind: InteractionKind::Visit,
        occurred_at: moment(),
        summary: "Plant tour".into(),
        next_step: "Send the offer".into(),
        follow_up_id: None,
        logged_by: Some(user),
        created_at: Some(moment()),
    };
    let (ia, ib) = (interaction(a), interaction(b));
    db::interactions::insert(&mut tx, &ia).await.unwrap();
    db::interactions::insert_many(&mut tx, std::slice::from_ref(&ib))
        .await
        .unwrap();

    let deal = |account| db::deals::NewDeal {
        id: DealId::new(),
        account_id: account,
        kind: DealKind::Tender,
        title: "Tender 2027".into(),
        stage: DealStage::Lost,
        amount: Some(Decimal::new(500_000, 0)),
        currency: Currency::Rub,
        opened_on: today(),
        expected_close_on: None,
        closed_on: Some(today()),
        closed_at: Some(moment()),
        outcome_reason: Some(OutcomeReason::Price),
        outcome_note: "Price".into(),
        winning_competitor_id: None,
        winning_competitor: "MegaOpt".into(),
        deadline_on: Some(today()),
        lots: Some(2),
        our_bid: Some(Decimal::new(532_500, 0)),
        winning_bid: Some(Decimal::new(500_000, 0)),
        owner_id: Some(user),
        created_at: Some(moment()),
        updated_at: Some(moment()),
    };
    let (da, dbk) = (deal(a), deal(b));
    db::deals::insert(&mut tx, &da).await.unwrap();
    db::deals::insert_many(&mut tx, std::slice::from_ref(&dbk))
        .await
        .unwrap();

    let line = Text::System(
        SystemText::plain(SystemMessage::OrderForSite)
            .with("product", TextArg::Key(SystemMessage::Tyres))
            .with("site", TextArg::Text("Казань".into())),
    );
    let order = |account| db::orders::NewOrder {
        id: OrderId::new(),
        account_id: account,
        ordered_on: today(),
        amount: Decimal::new(100_000, 2),
        margin: Decimal::new(20_000, 2),
        currency: kamdesk::domain::money::Currency::Rub,
        description: line.clone(),
        status: OrderStatus::Shipped,
        logged_by: Some(user),
        created_at: Some(moment()),
    };
    let (oa, ob) = (order(a), order(b));
    db::orders::insert(&mut tx, &oa).await.unwrap();
    db::orders::insert_many(&mut tx, std::slice::from_ref(&ob))
        .await
        .unwrap();

    let follow_up = |account| db::follow_ups::NewFollowUp {
        id: FollowUpId::new(),
        account_id: account,
        title: Text::System(
            SystemText::plain(SystemMessage::ChaseDelivery).with("date", TextArg::Date(today())),
        ),
        notes: String::new(),
        due_on: today(),
        assignee_id: user,
        done_at: Some(moment()),
        done_by: Some(user),
        contact_id: None,
        deal_id: None,
        order_id: None,
        created_by: None,
        created_at: Some(moment()),
    };
    let (fa, fb) = (follow_up(a), follow_up(b));
    db::follow_ups::insert(&mut tx, &fa).await.unwrap();
    db::follow_ups::insert_many(&mut tx, std::slice::from_ref(&fb))
        .await
        .unwrap();

    let dossier = |account| db::dossier::NewDossier {
        account_id: account,
        fields: db::dossier::DossierFields {
            business_needs: "Fewer stock-outs".into(),
            need: Some(true),
            qualified_on: Some(today()),
            qualified_by: Some(user),
            ..Default::default()
        },
    };
    db::dossier::insert(&mut tx, &dossier(a)).await.unwrap();
    db::dossier::insert_many(&mut tx, &[dossier(b)])
        .await
        .unwrap();
    let stamp = |account| db::dossier::NewStamp {
        account_id: account,
        section: Section::Needs,
        updated_by: Some(user),
        updated_at: Some(moment()),
    };
    db::dossier::insert_stamps(&mut tx, &[stamp(a), stamp(b)])
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let pairs: Vec<(&str, &str, uuid::Uuid, uuid::Uuid)> = vec![
        ("accounts", "id", a.0, b.0),
        ("account_locations", "id", la.id.0, lb.id.0),
        ("potential_forecasts", "account_id", a.0, b.0),
        ("account_team", "id", ta.id.0, tb.id.0),
        ("competitors", "id", ca.id.0, cb.id.0),
        ("contacts", "id", report_a.id.0, report_b.id.0),
        ("contact_attitude_history", "id", ha.id.0, hb.id.0),
        ("interactions", "id", ia.id.0, ib.id.0),
        ("deals", "id", da.id.0, dbk.id.0),
        ("orders", "id", oa.id.0, ob.id.0),
        ("follow_ups", "id", fa.id.0, fb.id.0),
        ("account_dossier", "account_id", a.0, b.0),
        ("account_sections", "account_id", a.0, b.0),
    ];
    for (table, key, single, bulk) in pairs {
        let one = row(pool, table, key, single).await;
        let other = row(pool, table, key, bulk).await;
        assert_eq!(
            one, other,
            "{table}: the single and the bulk writer disagree"
        );
    }
    // The continent is the country's, not something a caller chose.
    let continent: String =
        sqlx::query_scalar("SELECT continent FROM account_locations WHERE id = $1")
            .bind(la.id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(continent, "AS");
}

#[tokio::test]
async fn a_contact_cannot_report_to_a_contact_of_another_account() {
    let db = TestDb::new().await;
    let (_, first) = user_and_account(&db.pool).await;
    let mut conn = db.pool.acquire().await.unwrap();
    let other = new_account(None);
    db::accounts::insert(&mut conn, &other).await.unwrap();
    let person = |account, boss| db::contacts::NewContact {
        id: ContactId::new(),
        account_id: account,
        details: db::contacts::ContactDetails {
            reports_to: boss,
            ..db::contacts::ContactDetails::named(PersonName::parse("Anna Petrova").unwrap())
        },
        last_contact_on: None,
        gone_on: None,
        created_at: None,
    };
    let boss = person(first, None);
    db::contacts::insert(&mut conn, &boss).await.unwrap();
    // Stored boss of another account: refused by the single and the bulk form.
    assert!(
        db::contacts::insert(&mut conn, &person(other.id, Some(boss.id)))
            .await
            .is_err()
    );
    // A boss earlier in the same batch but of another account: refused too.
    let batch_boss = person(other.id, None);
    let wrong = person(first, Some(batch_boss.id));
    assert!(
        db::contacts::insert_many(&mut conn, &[batch_boss, wrong])
            .await
            .is_err()
    );
    assert_eq!(
        count(&db.pool, "SELECT count(*) FROM contacts").await,
        1,
        "nothing of a refused batch is written"
    );
    // The same account's boss is fine.
    db::contacts::insert(&mut conn, &person(first, Some(boss.id)))
        .await
        .unwrap();
}

/// The version before the codes.
const BEFORE_CODES: i64 = 20261124000701;

#[tokio::test]
async fn the_migration_turns_english_words_into_codes_and_keeps_what_it_cannot_name() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    db::MIGRATOR.undo(pool, BEFORE_CODES).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO users (id, email, name, role, password_hash)
             VALUES ('00000000-0000-7000-8000-000000000001', 'a@x.test', 'A', 'kam', 'x');
         INSERT INTO accounts (id, name, industry) VALUES
             ('00000000-0000-7000-8000-0000000000a1', 'A', 'Retail chain'),
             ('00000000-0000-7000-8000-0000000000a2', 'B', 'Widgets and gadgets'),
             ('00000000-0000-7000-8000-0000000000a3', 'C', '');
         INSERT INTO account_locations (id, account_id, continent, country, region) VALUES
             ('00000000-0000-7000-8000-0000000000b1', '00000000-0000-7000-8000-0000000000a1', 'Asia', 'Russia', 'Novosibirsk Oblast'),
             ('00000000-0000-7000-8000-0000000000b2', '00000000-0000-7000-8000-0000000000a1', 'Europe', 'Германия', 'Bavaria');
         INSERT INTO follow_ups (id, account_id, title, due_on, assignee_id) VALUES
             ('00000000-0000-7000-8000-0000000000c1', '00000000-0000-7000-8000-0000000000a1', 'Find an owner for this account', '2026-11-30', '00000000-0000-7000-8000-000000000001'),
             ('00000000-0000-7000-8000-0000000000c2', '00000000-0000-7000-8000-0000000000a1', 'Ring Olga', '2026-11-30', '00000000-0000-7000-8000-000000000001');
         INSERT INTO orders (id, account_id, ordered_on, amount, description) VALUES
             ('00000000-0000-7000-8000-0000000000d1', '00000000-0000-7000-8000-0000000000a1', '2026-11-01', 10, 'Spare parts, Kazan'),
             ('00000000-0000-7000-8000-0000000000d2', '00000000-0000-7000-8000-0000000000a1', '2026-11-01', 10, 'Urgent: 40 pallets');",
    )
    .execute(pool)
    .await
    .unwrap();
    db::migrate(pool).await.unwrap();

    let industries: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT name, industry FROM accounts ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        industries,
        vec![
            ("A".into(), Some("retail".into())),
            ("B".into(), None),
            ("C".into(), None)
        ]
    );
    let kept: String = sqlx::query_scalar(
        "SELECT old_value FROM audit_log WHERE field = 'industry' AND new_value IS NULL",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        kept, "Widgets and gadgets",
        "the unmappable text is kept in the history"
    );

    let places: Vec<(String, String)> =
        sqlx::query_as("SELECT continent, country FROM account_locations ORDER BY country")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(
        places,
        vec![("EU".into(), "DE".into()), ("EU".into(), "RU".into())],
        "Russia is Europe whatever was typed"
    );

    let titles = db::follow_ups::open_visible(pool, AccountScope::All, UserId::new(), 10)
        .await
        .unwrap();
    let mut titles: Vec<String> = titles
        .iter()
        .map(|f| kamdesk::i18n::text(Language::Ru, &f.title))
        .collect();
    titles.sort();
    assert_eq!(titles, vec!["Ring Olga", "Назначить владельца клиента"]);
    let orders = db::orders::recent_visible(pool, AccountScope::All, 10)
        .await
        .unwrap();
    let mut lines: Vec<String> = orders
        .iter()
        .map(|o| kamdesk::i18n::text(Language::Ru, &o.description))
        .collect();
    lines.sort();
    assert_eq!(lines, vec!["Urgent: 40 pallets", "Запчасти, Kazan"]);

    // And back: the English words return.
    db::MIGRATOR.undo(pool, BEFORE_CODES).await.unwrap();
    let back: Vec<(String, String, String)> =
        sqlx::query_as("SELECT continent, country, region FROM account_locations ORDER BY country")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(back[0].1, "Germany");
    assert_eq!(back[1].0, "Europe");
    let title: String = sqlx::query_scalar(
        "SELECT title FROM follow_ups WHERE id = '00000000-0000-7000-8000-0000000000c1'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(title, "Find an owner for this account");
    let description: String = sqlx::query_scalar(
        "SELECT description FROM orders WHERE id = '00000000-0000-7000-8000-0000000000d1'",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(description, "Spare parts, Kazan");
}

#[tokio::test]
async fn the_migration_refuses_to_guess_a_country_it_cannot_name() {
    let db = TestDb::new().await;
    let pool = &db.pool;
    db::MIGRATOR.undo(pool, BEFORE_CODES).await.unwrap();
    sqlx::raw_sql(
        "INSERT INTO accounts (id, name) VALUES ('00000000-0000-7000-8000-0000000000a1', 'A');
         INSERT INTO account_locations (id, account_id, continent, country, region) VALUES
             ('00000000-0000-7000-8000-0000000000b1', '00000000-0000-7000-8000-0000000000a1', 'Europe', 'Ruritania', 'Strelsau');",
    )
    .execute(pool)
    .await
    .unwrap();
    let err = db::migrate(pool).await.unwrap_err().to_string();
    assert!(err.contains("Ruritania"), "{err}");
    let country: String = sqlx::query_scalar("SELECT country FROM account_locations")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(country, "Ruritania", "nothing was changed");
}
