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
