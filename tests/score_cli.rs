//! End-to-end tests of `kamdesk score`: the real binary on CSV files, checking the exact
//! standard output, the summary on standard error and the exit status.
//!
//! The expected outputs in `tests/fixtures/score/*.expected.csv` were worked out by hand from the
//! contract (see the comments in each test), not recorded from a run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const HEADER: &str = "id,name,status,potential,strategic_importance,pin,decision_making,locations";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/score")
        .join(name)
}

fn kamdesk_score(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kamdesk"))
        .arg("score")
        .args(args)
        .output()
        .expect("the kamdesk binary runs")
}

fn score_fixture(name: &str, extra: &[&str]) -> Output {
    let path = fixture(name);
    let mut args = vec!["--input", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    kamdesk_score(&args)
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).unwrap()
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).unwrap()
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// An input file written for one test and removed when the test ends.
struct TempInput(PathBuf);

impl TempInput {
    fn new(name: &str, bytes: impl AsRef<[u8]>) -> Self {
        let path =
            std::env::temp_dir().join(format!("kamdesk-score-{}-{name}.csv", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempInput(path)
    }

    fn run(&self, extra: &[&str]) -> Output {
        let mut args = vec!["--input", self.0.to_str().unwrap()];
        args.extend_from_slice(extra);
        kamdesk_score(&args)
    }
}

impl Drop for TempInput {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Asserts the run was refused: exit status 2, nothing on standard output, and every `needle`
/// in the messages.
fn assert_refused(output: &Output, needles: &[&str]) {
    assert_eq!(output.status.code(), Some(2), "stderr: {}", stderr(output));
    assert!(
        output.stdout.is_empty(),
        "stdout should be empty: {}",
        stdout(output)
    );
    for needle in needles {
        assert!(
            stderr(output).contains(needle),
            "stderr lacks {needle:?}: {}",
            stderr(output)
        );
    }
}

fn refused_row(name: &str, row: &str, needle: &str) {
    let input = TempInput::new(name, format!("{HEADER}\nOK1,fine,active,100,3,,,\n{row}\n"));
    assert_refused(&input.run(&[]), &[needle]);
}

#[test]
fn scores_the_reference_fixture_exactly() {
    // 22 rows, 20 in the base (A09 lost, A10 archived): C = floor(20 · 20 / 100) = 4.
    // Max potential 1,000,000 (A09's 2,000,000 is outside the base). Order of the eligible:
    // A01 100, A02 74, A19 70 (potential 1,000,000), A03 70.00 (= 70.00003, potential 571,429),
    // A20 63.5, A16 59, A07 55 / A08 55 (same potential, id order), A04 54 (pinned), A15 52.5,
    // A17 51, A22 44.5, A11 30.00 (29.995 rounded up), A13 30. The pin A04 takes one slot;
    // A01, A02, A19 take the other three; A03 ties A19's rounded 70.00 but has less potential.
    // A05 is gold but pinned not_key; A06 is pinned key but bronze. Leagues cover case, spaces,
    // repeats, Cyrillic and decentralized networks of one and two places.
    let output = score_fixture("accounts.csv", &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), expected("accounts.expected.csv"));
    assert_eq!(stderr(&output), "N=20 cap=4 key=4 cut_line=70.00\n");
}

#[test]
fn overrides_change_cap_weight_and_thresholds() {
    // 10 in the base; --cap-pct 10 gives C = 1. Weight 0.5 with max potential 400,000:
    // B9 = 0.5 · 87.5 + 0.5 · 80 = 83.75, the only key; B1 = 70.00 is gold at the inclusive
    // --gold-min 70; B4 and B11 = 40.00 are silver at the inclusive --silver-min 40 (B11 first on
    // potential); B5 = 37.50 is bronze; B6 = 0.5 · 3.08625 + 10 = 11.543125 → 11.54.
    let output = score_fixture(
        "overrides.csv",
        &[
            "--cap-pct",
            "10",
            "--weight-potential",
            "0.5",
            "--gold-min",
            "70",
            "--silver-min",
            "40",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), expected("overrides.expected.csv"));
    assert_eq!(stderr(&output), "N=10 cap=1 key=1 cut_line=83.75\n");
}

#[test]
fn the_same_file_with_default_settings() {
    // Defaults: C = 2, weight 0.7: B9 85.25 and B1 82.00 are key; B6 = 2.160375 + 6 → 8.16.
    let output = score_fixture("overrides.csv", &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), expected("overrides.defaults.expected.csv"));
    assert_eq!(stderr(&output), "N=10 cap=2 key=2 cut_line=82.00\n");
}

#[test]
fn a_bom_crlf_quoted_fields_and_extra_columns_are_read() {
    let input = TempInput::new(
        "bom-crlf",
        format!(
            "\u{feff}{HEADER},extra\r\n\
             \"A,1\",\"Name with \"\"quotes\"\"\r\nand a newline\",active,1000,5,,,\"Europe/Russia/Moscow;Asia/China/Beijing\",\"x, y\"\r\n\
             \r\n\
             B2,b,prospect,500.50,1,,decentralized,Europe/Russia/Moscow;Europe/Russia/Tver,z\r\n"
        ),
    );
    let output = input.run(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // N = 2, so C = 0: nobody is key, but both are ranked. B2: 0.7 · 50.05 + 6 = 41.035 → 41.04.
    assert_eq!(
        stdout(&output),
        "id,score,segment,key,reason,rank,league\n\
         \"A,1\",100.00,gold,false,below_cut,1,premier\n\
         B2,41.04,silver,false,below_cut,2,qualifying\n"
    );
    assert_eq!(stderr(&output), "N=2 cap=0 key=0 cut_line=\n");
}

#[test]
fn a_header_alone_scores_nothing() {
    let input = TempInput::new("header-only", format!("{HEADER}\n"));
    let output = input.run(&[]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "id,score,segment,key,reason,rank,league\n");
    assert_eq!(stderr(&output), "N=0 cap=0 key=0 cut_line=\n");
}

#[test]
fn a_key_pin_on_a_bronze_account_is_not_an_error() {
    let input = TempInput::new(
        "bronze-pin",
        format!("{HEADER}\nbig,Big,active,1000,5,,,\nsmall,Small,active,1,0,key,,\n"),
    );
    let output = input.run(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "id,score,segment,key,reason,rank,league\n\
         big,100.00,gold,false,below_cut,1,\n\
         small,0.07,bronze,false,segment_bronze,,\n"
    );
}

#[test]
fn a_missing_file_is_refused_with_its_name() {
    let output = kamdesk_score(&["--input", "/no/such/dir/accounts.csv"]);
    assert_refused(
        &output,
        &[
            "error: cannot read \"/no/such/dir/accounts.csv\"",
            "No such file",
        ],
    );
}

#[test]
fn a_directory_is_refused_as_unreadable() {
    let dir = std::env::temp_dir();
    let output = kamdesk_score(&["--input", dir.to_str().unwrap()]);
    assert_refused(&output, &["error: cannot read"]);
}

#[test]
fn an_empty_file_is_refused() {
    let input = TempInput::new("empty", "");
    assert_refused(&input.run(&[]), &["line 1: the file is empty"]);
}

#[test]
fn a_missing_column_is_named() {
    let input = TempInput::new(
        "missing-column",
        "id,name,status,potential,strategic_importance,pin,locations\nA,a,active,1,1,,\n",
    );
    assert_refused(
        &input.run(&[]),
        &["line 1: missing column \"decision_making\""],
    );
}

#[test]
fn several_missing_columns_are_all_named() {
    let input = TempInput::new("missing-columns", "id,name,status\nA,a,active\n");
    assert_refused(
        &input.run(&[]),
        &[
            "line 1: missing columns \"potential\", \"strategic_importance\", \"pin\", \"decision_making\", \"locations\"",
        ],
    );
}

#[test]
fn an_unknown_status_is_refused() {
    refused_row(
        "status",
        "A,a,Active,1,1,,,",
        "line 3, column status: \"Active\" is not one of prospect, active, lost, archived",
    );
}

#[test]
fn an_unknown_pin_is_refused() {
    refused_row(
        "pin",
        "A,a,active,1,1,yes,,",
        "line 3, column pin: \"yes\" is not one of key, not_key (or empty)",
    );
}

#[test]
fn an_unknown_decision_making_is_refused() {
    refused_row(
        "dm",
        "A,a,active,1,1,,central,",
        "line 3, column decision_making: \"central\" is not one of centralized, decentralized (or empty)",
    );
}

#[test]
fn a_non_numeric_potential_is_refused() {
    refused_row(
        "potential-text",
        "A,a,active,abc,1,,,",
        "line 3, column potential: \"abc\" is not a non-negative number",
    );
}

#[test]
fn a_negative_potential_is_refused() {
    refused_row(
        "potential-negative",
        "A,a,active,-10,1,,,",
        "line 3, column potential: \"-10\" is not a non-negative number",
    );
}

#[test]
fn a_decimal_comma_is_refused() {
    refused_row(
        "potential-comma",
        "A,a,active,\"1,5\",1,,,",
        "line 3, column potential: \"1,5\" is not a non-negative number",
    );
}

#[test]
fn an_importance_out_of_range_is_refused() {
    refused_row(
        "importance-6",
        "A,a,active,1,6,,,",
        "line 3, column strategic_importance: \"6\" is not a whole number from 0 to 5",
    );
    refused_row(
        "importance-fraction",
        "A,a,active,1,2.5,,,",
        "line 3, column strategic_importance: \"2.5\" is not a whole number from 0 to 5",
    );
}

#[test]
fn a_duplicate_id_names_both_lines() {
    let input = TempInput::new(
        "duplicate",
        format!("{HEADER}\nA,a,active,1,1,,,\nB,b,active,1,1,,,\nA,again,active,2,2,,,\n"),
    );
    assert_refused(
        &input.run(&[]),
        &["line 4, column id: duplicate id \"A\", already used on line 2"],
    );
}

#[test]
fn a_location_without_three_non_empty_parts_is_refused() {
    for (name, cell) in [
        ("two-parts", "Europe/Russia"),
        ("four-parts", "Europe/Russia/Moscow/Center"),
        ("empty-part", "Europe/ /Moscow"),
    ] {
        refused_row(
            name,
            &format!("A,a,active,1,1,,,Asia/China/Beijing;{cell}"),
            &format!(
                "line 3, column locations: location {:?} is not continent/country/region with three non-empty parts",
                cell
            ),
        );
    }
}

#[test]
fn a_row_with_too_few_fields_is_refused() {
    refused_row(
        "ragged",
        "A,a,active",
        "line 3: 3 fields, but the header has 8",
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let mut bytes = format!("{HEADER}\nA,a,active,1,1,,,\nB,").into_bytes();
    bytes.extend_from_slice(b"\xff\xfe,active,1,1,,,\n");
    let input = TempInput::new("utf8", bytes);
    assert_refused(&input.run(&[]), &["line 3: field 2 is not valid UTF-8"]);
}

#[test]
fn every_bad_row_is_reported_at_once() {
    let input = TempInput::new(
        "many",
        format!("{HEADER}\nA,a,gone,1,1,,,\nB,b,active,x,1,,,\nC,c,active,1,9,,,\n"),
    );
    let output = input.run(&[]);
    assert_refused(
        &output,
        &[
            "line 2, column status",
            "line 3, column potential",
            "line 4, column strategic_importance",
        ],
    );
    assert_eq!(stderr(&output).lines().count(), 3);
}

#[test]
fn a_cap_above_twenty_percent_is_refused() {
    let output = score_fixture("overrides.csv", &["--cap-pct", "25"]);
    assert_refused(
        &output,
        &["error: --cap-pct 25: must be a whole number from 1 to 20"],
    );
}

#[test]
fn a_weight_outside_zero_to_one_is_refused() {
    let output = score_fixture("overrides.csv", &["--weight-potential", "1.5"]);
    assert_refused(
        &output,
        &["error: --weight-potential 1.5: must be from 0 to 1"],
    );
    let output = score_fixture("overrides.csv", &["--weight-potential", "-0.5"]);
    assert_refused(
        &output,
        &["error: --weight-potential -0.5: must be from 0 to 1"],
    );
}

#[test]
fn gold_not_above_silver_is_refused() {
    let output = score_fixture("overrides.csv", &["--gold-min", "30"]);
    assert_refused(
        &output,
        &["error: --gold-min 30: must be greater than silver_min"],
    );
    let output = score_fixture("overrides.csv", &["--silver-min", "60"]);
    assert_refused(
        &output,
        &["error: --gold-min 60 (default): must be greater than silver_min"],
    );
}

#[test]
fn a_threshold_above_a_hundred_is_refused() {
    let output = score_fixture("overrides.csv", &["--gold-min", "101"]);
    assert_refused(&output, &["error: --gold-min 101: must be from 0 to 100"]);
}

#[test]
fn a_malformed_flag_value_is_refused_by_the_parser() {
    let output = score_fixture("overrides.csv", &["--cap-pct", "ten"]);
    assert_refused(&output, &["--cap-pct"]);
    let output = score_fixture("overrides.csv", &["--gold-min", "lots"]);
    assert_refused(&output, &["--gold-min"]);
}

#[test]
fn bad_settings_and_a_bad_file_are_reported_together() {
    let output = kamdesk_score(&["--input", "/no/such/file.csv", "--cap-pct", "0"]);
    assert_refused(
        &output,
        &[
            "error: --cap-pct 0: must be a whole number from 1 to 20",
            "error: cannot read \"/no/such/file.csv\"",
        ],
    );
}
