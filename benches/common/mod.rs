//! What every benchmark shares: the server's allocator, and the figures of a set of runs.

use std::time::Duration;

// The same allocator as the server binary (src/main.rs), so the figures are the server's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Median, min and max of `runs` in milliseconds with `places` decimals.
pub fn stats(mut runs: Vec<Duration>, places: usize) -> String {
    runs.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let width = places + 6;
    format!(
        "median {:>width$.places$} ms   min {:>width$.places$} ms   max {:>width$.places$} ms",
        ms(runs[runs.len() / 2]),
        ms(runs[0]),
        ms(runs[runs.len() - 1]),
    )
}

/// The form token on a page's HTML.
#[allow(dead_code)] // not every benchmark posts forms
pub fn csrf_token(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("a form") + marker.len();
    html[start..start + html[start..].find('"').unwrap()].to_string()
}

/// Starts the whole app (as `kamdesk serve` builds it, scoring worker included) over DATABASE_URL `url` on an ephemeral
/// port in this runtime, with a pool of `connections`; gives its base URL.
#[allow(dead_code)] // not every benchmark requests pages
pub async fn serve(url: &str, connections: u32) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let config = kamdesk::config::Config::for_tests(url).with_site_url(&base);
    let pool = kamdesk::db::pool(url, connections).unwrap();
    let app = kamdesk::build_app(pool, config);
    tokio::spawn(async move {
        axum::serve(listener, kamdesk::into_service(app))
            .await
            .unwrap();
    });
    base
}

/// A client of the server at `base` signed in as the demo user `email`, with a cookie jar and
/// not following redirects, as a browser is.
#[allow(dead_code)] // not every benchmark requests pages
pub async fn signed_in(base: &str, email: &str) -> reqwest::Client {
    let c = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = c.get(format!("{base}/login")).send().await.unwrap();
    let t = csrf_token(&login.text().await.unwrap());
    let res = c
        .post(format!("{base}/login"))
        .header("origin", base)
        .form(&[
            ("email", email),
            ("password", kamdesk::demo::DEMO_PASSWORD),
            ("csrf_token", &t),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303, "sign-in of {email}");
    c
}
