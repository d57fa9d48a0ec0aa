//! Test harness: each test gets its own fresh database on the server named by DATABASE_URL
//! (scripts/test starts a throwaway one), the app on an ephemeral port, and a cookie-keeping
//! client. The database is dropped when the `TestApp` goes out of scope.
#![allow(dead_code)]

use kamdesk::config::Config;
use kamdesk::db;
use kamdesk::domain::ids::{AccountId, UserId};
use kamdesk::domain::user::{Language, Role};
use reqwest::StatusCode;
use sqlx::{Connection, PgConnection, PgPool};
use std::str::FromStr;
use std::sync::LazyLock;

/// The password every test user has.
pub const PASSWORD: &str = "test-password-1";

/// Hashing is deliberately slow; one hash serves every test user of a process.
static HASH: LazyLock<String> =
    LazyLock::new(|| kamdesk::auth::hash_password_blocking(PASSWORD).unwrap());

fn server_url() -> String {
    std::env::var("DATABASE_URL")
        .expect("DATABASE_URL must point at a PostgreSQL server (scripts/test sets it)")
}

/// The URL of `db_name` on the test server.
fn url_for(db_name: &str) -> String {
    let base = server_url();
    // Keep any ?options, replace the database name.
    let (without_query, query) = match base.split_once('?') {
        Some((b, q)) => (b.to_string(), format!("?{q}")),
        None => (base.clone(), String::new()),
    };
    let (head, _) = without_query
        .rsplit_once('/')
        .expect("DATABASE_URL has a database name");
    format!("{head}/{db_name}{query}")
}

/// A fresh, migrated database; dropped on `Drop`.
pub struct TestDb {
    pub name: String,
    pub url: String,
    pub pool: PgPool,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let name = format!("kamdesk_t_{}", uuid::Uuid::now_v7().simple());
        let mut admin = PgConnection::connect(&server_url())
            .await
            .expect("connect to the test server");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.ok();
        let url = url_for(&name);
        let pool = db::pool(&url, 5).unwrap();
        db::migrate(&pool).await.expect("migrations apply");
        TestDb { name, url, pool }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        let server = server_url();
        // Drop runs outside async; a short-lived runtime on its own thread does the clean-up.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok(mut c) = PgConnection::connect(&server).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut c)
                        .await;
                }
            });
        })
        .join();
    }
}

/// A running app over a fresh database.
pub struct TestApp {
    pub addr: String,
    pub db: TestDb,
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|c| c).await
    }

    /// A running app whose configuration `adjust` changes (limits, proxy header, site URL).
    pub async fn spawn_with(adjust: impl FnOnce(Config) -> Config) -> TestApp {
        let db = TestDb::new().await;
        let addr = Self::start_server_with(&db, adjust).await;
        TestApp { addr, db }
    }

    /// A signed-out client of another server instance over the same database.
    pub fn client_of(&self, base: &str) -> Client {
        Client {
            base: base.to_string(),
            ..self.client()
        }
    }

    /// Starts one more server instance over the same database (for multi-instance tests).
    pub async fn start_server(db: &TestDb) -> String {
        Self::start_server_with(db, |c| c).await
    }

    /// Starts a server instance whose configuration `adjust` changes (the site URL is set to
    /// the instance's address first).
    pub async fn start_server_with(db: &TestDb, adjust: impl FnOnce(Config) -> Config) -> String {
        let pool = db::pool(&db.url, 5).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = format!("http://{}", listener.local_addr().unwrap());
        let config = adjust(Config::for_tests(&db.url).with_site_url(&addr));
        let app = kamdesk::build_app(pool, config);
        tokio::spawn(async move {
            axum::serve(listener, kamdesk::into_service(app))
                .await
                .unwrap();
        });
        addr
    }

    pub fn pool(&self) -> &PgPool {
        &self.db.pool
    }

    /// Adds a user with `PASSWORD`.
    pub async fn user(&self, email: &str, role: Role) -> UserId {
        self.user_with_language(email, role, Language::En).await
    }

    pub async fn user_with_language(&self, email: &str, role: Role, language: Language) -> UserId {
        let name = email.split('@').next().unwrap().to_string();
        let new = db::users::NewUser {
            email,
            name: &name,
            role,
            language,
            password_hash: &HASH,
        };
        db::users::insert(self.pool(), &new).await.unwrap()
    }

    /// A client with its own cookie jar, not following redirects.
    pub fn client(&self) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: self.addr.clone(),
        }
    }

    /// A client already signed in as `email`.
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = self.client();
        let res = c.sign_in(email, PASSWORD).await;
        assert_eq!(
            res.status(),
            StatusCode::SEE_OTHER,
            "sign-in of {email} should redirect"
        );
        c
    }

    /// Inserts an account with a potential (average yearly revenue over this year's horizon),
    /// optionally owned by a user, and asks for a recompute. Fixture SQL for tests only.
    pub async fn account(
        &self,
        name: &str,
        status: &str,
        potential: i64,
        importance: i16,
        owner: Option<UserId>,
    ) -> AccountId {
        let id = AccountId::new();
        let year = chrono::Utc::now()
            .date_naive()
            .format("%Y")
            .to_string()
            .parse::<i32>()
            .unwrap();
        sqlx::query(
            "INSERT INTO accounts (id, name, status, strategic_importance) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(name)
        .bind(status)
        .bind(importance)
        .execute(self.pool())
        .await
        .unwrap();
        // The search and duplicate keys, as the writers would have derived them.
        db::accounts::fill_name_keys(self.pool()).await.unwrap();
        sqlx::query(
            "INSERT INTO potential_forecasts (account_id, year, revenue) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(year)
        .bind(rust_decimal::Decimal::from(potential))
        .execute(self.pool())
        .await
        .unwrap();
        if let Some(owner) = owner {
            self.add_to_team(id, owner, "owner").await;
        }
        let mut conn = self.pool().acquire().await.unwrap();
        db::dossier::refresh_completeness(&mut conn, &[id])
            .await
            .unwrap();
        id
    }

    pub async fn add_to_team(&self, account: AccountId, user: UserId, role: &str) {
        sqlx::query(
            "INSERT INTO account_team (id, account_id, user_id, team_role) VALUES ($1, $2, $3, $4)",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(account)
        .bind(user)
        .bind(role)
        .execute(self.pool())
        .await
        .unwrap();
    }

    /// An open follow-up on `account` assigned to `assignee`, due today. Fixture SQL.
    pub async fn follow_up(&self, account: AccountId, assignee: UserId, title: &str) -> uuid::Uuid {
        let id = uuid::Uuid::now_v7();
        sqlx::query(
            "INSERT INTO follow_ups (id, account_id, title, due_on, assignee_id) VALUES ($1, $2, $3, current_date, $4)",
        )
        .bind(id)
        .bind(account)
        .bind(title)
        .bind(assignee)
        .execute(self.pool())
        .await
        .unwrap();
        id
    }

    /// An order on `account` placed today. Fixture SQL.
    pub async fn order(&self, account: AccountId, amount: i64, description: &str) -> uuid::Uuid {
        let id = uuid::Uuid::now_v7();
        sqlx::query(
            "INSERT INTO orders (id, account_id, ordered_on, amount, description) VALUES ($1, $2, current_date, $3, $4)",
        )
        .bind(id)
        .bind(account)
        .bind(rust_decimal::Decimal::from(amount))
        .bind(description)
        .execute(self.pool())
        .await
        .unwrap();
        id
    }

    /// A contact at `account` through the contact writer (which keeps the account's gap
    /// figures), reporting to `boss`.
    pub async fn contact(
        &self,
        account: AccountId,
        name: &str,
        boss: Option<kamdesk::domain::ids::ContactId>,
    ) -> kamdesk::domain::ids::ContactId {
        let contact = db::contacts::NewContact {
            id: kamdesk::domain::ids::ContactId::new(),
            account_id: account,
            details: db::contacts::ContactDetails {
                reports_to: boss,
                ..db::contacts::ContactDetails::named(
                    kamdesk::domain::user::PersonName::parse(name).unwrap(),
                )
            },
            last_contact_on: None,
            gone_on: None,
            created_at: None,
        };
        let mut conn = self.pool().acquire().await.unwrap();
        db::contacts::insert(&mut conn, &contact).await.unwrap();
        contact.id
    }

    /// Recomputes the key list now (what the worker does after a commit).
    pub async fn recompute(&self) {
        db::scoring::request_recompute(self.pool()).await.unwrap();
        let today = chrono::Utc::now().date_naive();
        // The worker of the running server may hold the lock a moment: retry until done.
        for _ in 0..200 {
            if let Some(seq) = kamdesk::scoring_worker::run_pending(self.pool(), today)
                .await
                .unwrap()
            {
                let (requested, _, _) = db::scoring::sequences(self.pool(), today).await.unwrap();
                if seq >= requested {
                    return;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("recompute did not finish");
    }
}

/// A browser-like HTTP client.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl Client {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn get_with_language(&self, path: &str, accept_language: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .header("accept-language", accept_language)
            .send()
            .await
            .unwrap()
    }

    pub async fn text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// The CSRF token from a page's form.
    pub async fn csrf(&self, path: &str) -> String {
        let html = self.text(path).await;
        extract_csrf(&html).unwrap_or_else(|| panic!("no csrf token on {path}"))
    }

    /// The session's CSRF token, from the sign-in page when signed out or the home page when
    /// signed in (every page carries the same token).
    pub async fn session_csrf(&self) -> String {
        let res = self.get("/login").await;
        let html = if res.status() == StatusCode::SEE_OTHER {
            self.text("/").await
        } else {
            res.text().await.unwrap()
        };
        extract_csrf(&html).expect("a page with a form")
    }

    /// Posts a form with the session's CSRF token, from this site's origin (as a browser does).
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.session_csrf().await;
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.post_without_csrf(path, &form).await
    }

    /// Uploads a file as a browser's form does (multipart, the token in the action's query
    /// string), from this site's origin. `fields` are the form's other fields.
    pub async fn upload(
        &self,
        path: &str,
        file_name: &str,
        bytes: Vec<u8>,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.session_csrf().await;
        let mut form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(file_name.to_string())
                .mime_str("text/csv")
                .unwrap(),
        );
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        self.http
            .post(format!("{}{path}?csrf_token={token}", self.base))
            .header("origin", &self.base)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// Posts a form as it is (no CSRF token added), from this site's origin.
    pub async fn post_without_csrf(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Posts a form with the session's CSRF token and the given extra headers only (no
    /// `Origin` unless given).
    pub async fn post_with_headers(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.session_csrf().await;
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        let mut req = self.http.post(format!("{}{path}", self.base)).form(&form);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        req.send().await.unwrap()
    }

    /// The settings version the scoring settings form was loaded from (its `base_id`).
    pub async fn settings_base_id(&self) -> String {
        self.text("/settings/scoring")
            .await
            .split("name=\"base_id\" value=\"")
            .nth(1)
            .expect("a settings form")
            .split('"')
            .next()
            .unwrap()
            .to_string()
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post("/login", &[("email", email), ("password", password)])
            .await
    }

    /// The session cookie's value, if any.
    pub fn session_cookie(&self, res: &reqwest::Response) -> Option<String> {
        res.cookies()
            .find(|c| c.name() == "kamdesk_session")
            .map(|c| c.value().to_string())
    }
}

pub fn extract_csrf(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// The default settings as typed, with `overrides` applied.
pub fn settings_form<'a>(overrides: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("cap_pct", "20"),
        ("weight_potential", "0.7"),
        ("gold_min", "60"),
        ("silver_min", "30"),
        ("abc_a_pct", "80"),
        ("abc_b_pct", "95"),
        ("xyz_x_cv", "0.1"),
        ("xyz_y_cv", "0.25"),
        ("at_risk_days", "60"),
        ("lost_days", "180"),
        ("breadwinner_pct", "10"),
        ("horizon_years", "3"),
        ("action", "save"),
    ];
    for (k, v) in overrides {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v,
            None => f.push((k, v)),
        }
    }
    f
}

/// Parses a decimal literal.
pub fn dec(s: &str) -> rust_decimal::Decimal {
    rust_decimal::Decimal::from_str(s).unwrap()
}
