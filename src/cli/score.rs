//! `kamdesk score`: the batch form of the scoring engine, CSV in, CSV out.
//!
//! It reads a snapshot of accounts, runs [`score_accounts`] (the same function the web app uses)
//! and writes `id,score,segment,key,reason,rank,league`, one row per input row in input order.
//! The whole output is built in memory first so that bad input leaves standard output empty:
//! a half-written file is worse than none.
//!
//! Interpretations of the contract made here:
//! - All eight input columns must be in the header, `name` included, even though only the
//!   scoring columns are used; header names are matched after trimming, ignoring ASCII case.
//!   A required column named twice is an error (which one would count?).
//! - Every value is trimmed before it is parsed; the id is printed back trimmed. An empty id is
//!   an error. Ids are compared exactly (case-sensitive) for uniqueness.
//! - Names of values are the contract's lowercase ones, case-sensitive; `pin` also accepts
//!   `none`, the stored name of "no pin", besides the empty cell.
//! - `potential` is digits with at most one `.`; no sign, exponent, thousands separator or
//!   underscore (which `Decimal::from_str` would otherwise accept).
//! - In `locations`, empty segments between `;` (a trailing `;`) are ignored; each other segment
//!   must be exactly three non-empty `/`-separated parts. The parts are kept as entered; the
//!   league compares them trimmed and case-folded.
//! - Every problem in the file is reported (up to [`MAX_REPORTED`]), not just the first, so a
//!   file can be fixed in one pass. A row with a different number of fields from the header is
//!   an error. Exit status: 0 done, 2 bad input or settings, 1 when the output cannot be written.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::domain::league::league;
use crate::domain::scoring::{
    AccountInput, DecisionMaking, Location, Pin, ScoringOutcome, Settings, SettingsError, Status,
    score_accounts,
};

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the output could not be written (e.g. a closed pipe).
pub const EXIT_IO: i32 = 1;
/// Exit status: bad input file or bad settings; nothing was written to standard output.
pub const EXIT_BAD_INPUT: i32 = 2;
/// At most this many problems are listed; the rest are counted.
pub const MAX_REPORTED: usize = 20;

/// The input columns, in the contract's order (for messages).
const COLUMNS: [&str; 8] = [
    "id",
    "name",
    "status",
    "potential",
    "strategic_importance",
    "pin",
    "decision_making",
    "locations",
];

/// The output header, exactly as the contract gives it.
const OUTPUT_HEADER: [&str; 7] = ["id", "score", "segment", "key", "reason", "rank", "league"];

/// Arguments of `kamdesk score`.
#[derive(Debug, Clone, clap::Args)]
pub struct ScoreArgs {
    /// CSV file of accounts (UTF-8, header row; columns id, name, status, potential,
    /// strategic_importance, pin, decision_making, locations in any order).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// Key clients as a percentage of the client base, 1–20 [default: 20].
    #[arg(long, value_name = "N")]
    pub cap_pct: Option<u32>,
    /// Weight of potential in the score, 0–1 [default: 0.7].
    #[arg(long, value_name = "W", allow_negative_numbers = true)]
    pub weight_potential: Option<Decimal>,
    /// Lowest gold score, 0–100, above the silver one [default: 60].
    #[arg(long, value_name = "G", allow_negative_numbers = true)]
    pub gold_min: Option<Decimal>,
    /// Lowest silver score, 0–100 [default: 30].
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub silver_min: Option<Decimal>,
}

/// Runs the command: scored CSV on `out` and a one-line summary on `err`, or the problems on
/// `err` and nothing on `out`. Returns the exit status ([`EXIT_OK`], [`EXIT_BAD_INPUT`] or
/// [`EXIT_IO`]).
pub fn run(args: &ScoreArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    // Writing to `err` is the last resort: if that fails too there is no one left to tell.
    let (accounts, outcome) = match score_file(args) {
        Ok(scored) => scored,
        Err(problems) => {
            for problem in problems.iter().take(MAX_REPORTED) {
                let _ = writeln!(err, "error: {problem}");
            }
            if problems.len() > MAX_REPORTED {
                let more = problems.len() - MAX_REPORTED;
                let _ = writeln!(err, "error: ... and {more} more problems");
            }
            return EXIT_BAD_INPUT;
        }
    };
    let written = render(&accounts, &outcome)
        .and_then(|csv| out.write_all(&csv))
        .and_then(|()| out.flush());
    if let Err(e) = written {
        let _ = writeln!(err, "error: cannot write the output: {e}");
        return EXIT_IO;
    }
    let _ = writeln!(err, "{outcome}");
    EXIT_OK
}

/// One reason the command refuses to score.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// A settings override (or the default it clashes with) breaks a rule.
    #[error("{flag} {value}{given}: {message}", given = if *.given { "" } else { " (default)" })]
    Setting {
        /// The command-line flag, e.g. `--gold-min`.
        flag: &'static str,
        /// The value in effect.
        value: String,
        /// Whether it was given on the command line.
        given: bool,
        /// What is wrong with it.
        message: &'static str,
    },
    /// The input file could not be read at all.
    #[error("cannot read {path}: {reason}")]
    Unreadable {
        /// The path as given.
        path: String,
        /// The operating system's explanation.
        reason: String,
    },
    /// A problem with a whole line (the header, a ragged row, bad UTF-8).
    #[error("line {line}: {message}")]
    Line {
        /// 1-based line number (the header is line 1).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A bad value in one cell.
    #[error("line {line}, column {column}: {message}")]
    Field {
        /// 1-based line number.
        line: u64,
        /// The column's name.
        column: &'static str,
        /// What is wrong, quoting the value.
        message: String,
    },
}

/// Reads, parses and scores the input, or says everything that is wrong with it: bad settings
/// and a bad file are reported together, so one run shows every fix needed.
fn score_file(args: &ScoreArgs) -> Result<(Vec<AccountInput>, ScoringOutcome), Vec<Problem>> {
    let settings = settings_from(args);
    let accounts = std::fs::read(&args.input)
        .map_err(|e| {
            vec![Problem::Unreadable {
                path: format!("{:?}", args.input.display().to_string()),
                reason: e.to_string(),
            }]
        })
        .and_then(|bytes| parse_accounts(&bytes));
    match (settings, accounts) {
        (Ok(settings), Ok(accounts)) => {
            let outcome = score_accounts(&accounts, &settings);
            Ok((accounts, outcome))
        }
        (settings, accounts) => Err(settings
            .err()
            .into_iter()
            .chain(accounts.err())
            .flatten()
            .collect()),
    }
}

/// The contract's defaults with the command-line overrides applied, validated.
fn settings_from(args: &ScoreArgs) -> Result<Settings, Vec<Problem>> {
    let mut settings = Settings::default();
    if let Some(v) = args.cap_pct {
        settings.cap_pct = v;
    }
    if let Some(v) = args.weight_potential {
        settings.weight_potential = v;
    }
    if let Some(v) = args.gold_min {
        settings.gold_min = v;
    }
    if let Some(v) = args.silver_min {
        settings.silver_min = v;
    }
    settings.validate().map_err(|errors| {
        errors
            .iter()
            .map(|e| setting_problem(e, &settings, args))
            .collect::<Vec<_>>()
    })?;
    Ok(settings)
}

fn setting_problem(error: &SettingsError, settings: &Settings, args: &ScoreArgs) -> Problem {
    let (flag, value, given) = match error.field {
        "cap_pct" => (
            "--cap-pct",
            settings.cap_pct.to_string(),
            args.cap_pct.is_some(),
        ),
        "weight_potential" => (
            "--weight-potential",
            settings.weight_potential.to_string(),
            args.weight_potential.is_some(),
        ),
        "gold_min" => (
            "--gold-min",
            settings.gold_min.to_string(),
            args.gold_min.is_some(),
        ),
        "silver_min" => (
            "--silver-min",
            settings.silver_min.to_string(),
            args.silver_min.is_some(),
        ),
        // The other settings have no flag and valid defaults; kept total for future flags.
        other => (other, String::new(), false),
    };
    Problem::Setting {
        flag,
        value,
        given,
        message: error.message(),
    }
}

/// Parses the whole CSV into accounts, or every problem found.
pub fn parse_accounts(bytes: &[u8]) -> Result<Vec<AccountInput>, Vec<Problem>> {
    // A byte order mark (spreadsheets on Windows save "CSV UTF-8" with one) is skipped by
    // csv-core itself; a test keeps it that way.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.records();

    let header = match records.next() {
        None => {
            return Err(vec![Problem::Line {
                line: 1,
                message: format!(
                    "the file is empty; expected a header with {}",
                    COLUMNS.join(",")
                ),
            }]);
        }
        Some(Err(e)) => return Err(vec![csv_problem(&e, &mut LineCounter::new(bytes))]),
        Some(Ok(header)) => header,
    };
    let mut lines = LineCounter::new(bytes);
    let header_line = lines.line_of(header.position());
    let columns = Columns::locate(&header, header_line)?;

    let mut problems = Vec::new();
    let mut accounts = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(&e, &mut lines));
                continue;
            }
        };
        let line = lines.line_of(record.position());
        // Checked on the id cell alone, so a duplicate shows even when its row has other problems.
        let id = columns.get(&record, "id");
        if !id.is_empty() {
            if let Some(&first) = first_line_of.get(id) {
                problems.push(Problem::Field {
                    line,
                    column: "id",
                    message: format!("duplicate id {id:?}, already used on line {first}"),
                });
            } else {
                first_line_of.insert(id.to_owned(), line);
            }
        }
        match parse_row(&record, &columns) {
            Ok(account) => accounts.push(account),
            Err(errors) => {
                problems.extend(errors.into_iter().map(|(column, message)| Problem::Field {
                    line,
                    column,
                    message,
                }))
            }
        }
    }
    if problems.is_empty() {
        Ok(accounts)
    } else {
        Err(problems)
    }
}

/// Turns csv byte positions into 1-based line numbers. csv's own line count cannot be used: it
/// misses newlines inside quoted fields, and a record's position is the end of the previous
/// record, before any blank lines that csv then skips.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            counted_to: 0,
            line: 1,
        }
    }

    /// The line on which the record at `position` starts. Records come in file order, so the
    /// count only moves forward: linear in the file size overall.
    fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return self.line;
        };
        let len = self.bytes.len();
        let mut start = usize::try_from(position.byte()).map_or(len, |b| b.min(len));
        while start < len && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.counted_to {
            self.counted_to = 0;
            self.line = 1;
        }
        let newlines = self.bytes[self.counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.counted_to = start;
        self.line
    }
}

fn csv_problem(error: &csv::Error, lines: &mut LineCounter<'_>) -> Problem {
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields, but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("field {} is not valid UTF-8", err.field() + 1)
        }
        _ => error.to_string(),
    };
    Problem::Line {
        line: lines.line_of(error.position()),
        message,
    }
}

/// Where each required column is in the header.
struct Columns {
    index: HashMap<&'static str, usize>,
}

impl Columns {
    fn locate(header: &csv::StringRecord, line: u64) -> Result<Columns, Vec<Problem>> {
        let mut index = HashMap::new();
        let mut problems = Vec::new();
        for (position, raw) in header.iter().enumerate() {
            let name = raw.trim().to_ascii_lowercase();
            if let Some(&column) = COLUMNS.iter().find(|&&c| c == name)
                && index.insert(column, position).is_some()
            {
                problems.push(Problem::Line {
                    line,
                    message: format!("column {column:?} appears more than once in the header"),
                });
            }
        }
        let missing: Vec<String> = COLUMNS
            .iter()
            .filter(|c| !index.contains_key(*c))
            .map(|c| format!("{c:?}"))
            .collect();
        if !missing.is_empty() {
            let noun = if missing.len() == 1 {
                "column"
            } else {
                "columns"
            };
            problems.push(Problem::Line {
                line,
                message: format!("missing {noun} {}", missing.join(", ")),
            });
        }
        if problems.is_empty() {
            Ok(Columns { index })
        } else {
            Err(problems)
        }
    }

    /// The trimmed cell of `column` (every record has the header's length: the reader checks).
    fn get<'r>(&self, record: &'r csv::StringRecord, column: &'static str) -> &'r str {
        self.index
            .get(column)
            .and_then(|&i| record.get(i))
            .unwrap_or("")
            .trim()
    }
}

/// A problem with one cell: the column and the message.
type CellError = (&'static str, String);

fn parse_row(
    record: &csv::StringRecord,
    columns: &Columns,
) -> Result<AccountInput, Vec<CellError>> {
    let mut errors = Vec::new();
    // Every cell is parsed even after a bad one, so a row's problems all show at once.
    let cell = |column: &'static str| columns.get(record, column);
    let id = keep(&mut errors, "id", parse_id(cell("id")));
    let status = keep(&mut errors, "status", parse_status(cell("status")));
    let potential = keep(&mut errors, "potential", parse_potential(cell("potential")));
    let importance = keep(
        &mut errors,
        "strategic_importance",
        parse_importance(cell("strategic_importance")),
    );
    let pin = keep(&mut errors, "pin", parse_pin(cell("pin")));
    let decision_making = keep(
        &mut errors,
        "decision_making",
        parse_decision_making(cell("decision_making")),
    );
    let locations = keep(&mut errors, "locations", parse_locations(cell("locations")));
    match (
        id,
        status,
        potential,
        importance,
        pin,
        decision_making,
        locations,
    ) {
        (
            Some(id),
            Some(status),
            Some(potential),
            Some(strategic_importance),
            Some(pin),
            Some(decision_making),
            Some(locations),
        ) => Ok(AccountInput {
            id,
            status,
            potential,
            strategic_importance,
            pin,
            decision_making,
            locations,
        }),
        _ => Err(errors),
    }
}

/// The parsed value, or `None` with the problem added to `errors`.
fn keep<T>(
    errors: &mut Vec<CellError>,
    column: &'static str,
    parsed: Result<T, String>,
) -> Option<T> {
    parsed
        .map_err(|message| errors.push((column, message)))
        .ok()
}

/// An id: any non-empty text.
pub fn parse_id(s: &str) -> Result<String, String> {
    if s.is_empty() {
        Err("the id is empty".to_owned())
    } else {
        Ok(s.to_owned())
    }
}

fn one_of<T: FromStr>(s: &str, names: &[&str], empty_ok: bool) -> Result<T, String> {
    T::from_str(s).map_err(|_| {
        let empty = if empty_ok { " (or empty)" } else { "" };
        format!("{s:?} is not one of {}{empty}", names.join(", "))
    })
}

/// A status: prospect, active, lost or archived.
pub fn parse_status(s: &str) -> Result<Status, String> {
    one_of(s, Status::NAMES, false)
}

/// A potential: a non-negative decimal number with `.` as the decimal point.
pub fn parse_potential(s: &str) -> Result<Decimal, String> {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let points = s.bytes().filter(|&b| b == b'.').count();
    let plain = digits > 0 && points <= 1 && digits + points == s.len();
    let bad = || format!("{s:?} is not a non-negative number");
    if !plain {
        return Err(bad());
    }
    Decimal::from_str(s).map_err(|_| format!("{s:?} is too large"))
}

/// A strategic importance: a whole number from 0 to 5.
pub fn parse_importance(s: &str) -> Result<u8, String> {
    // Digits only: `u8::from_str` would also take a leading `+`.
    let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match s.parse::<u8>() {
        Ok(v) if digits && v <= 5 => Ok(v),
        _ => Err(format!("{s:?} is not a whole number from 0 to 5")),
    }
}

/// A pin: empty (or `none`), `key` or `not_key`.
pub fn parse_pin(s: &str) -> Result<Pin, String> {
    if s.is_empty() {
        return Ok(Pin::None);
    }
    one_of(s, &[Pin::Key.as_str(), Pin::NotKey.as_str()], true)
}

/// A decision-making: empty (centralized), `centralized` or `decentralized`.
pub fn parse_decision_making(s: &str) -> Result<DecisionMaking, String> {
    if s.is_empty() {
        return Ok(DecisionMaking::Centralized);
    }
    one_of(s, DecisionMaking::NAMES, true)
}

/// Locations: `continent/country/region` triples separated by `;`, possibly none.
pub fn parse_locations(s: &str) -> Result<Vec<Location>, String> {
    s.split(';')
        .filter(|segment| !segment.trim().is_empty())
        .map(|segment| {
            let parts: Vec<&str> = segment.split('/').collect();
            match parts[..] {
                [continent, country, region] if parts.iter().all(|p| !p.trim().is_empty()) => {
                    Ok(Location::new(continent, country, region))
                }
                _ => Err(format!(
                    "location {:?} is not continent/country/region with three non-empty parts",
                    segment.trim()
                )),
            }
        })
        .collect()
}

/// The output CSV. Writing to memory cannot fail, but the csv writer's API says it might.
fn render(accounts: &[AccountInput], outcome: &ScoringOutcome) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(OUTPUT_HEADER)?;
    for (account, result) in accounts.iter().zip(&outcome.results) {
        let score = result.score.map(|s| format!("{s:.2}")).unwrap_or_default();
        let segment = result.segment.map_or("", |s| s.as_str());
        let rank = result.rank.map(|r| r.to_string()).unwrap_or_default();
        let league = league(&account.locations, account.decision_making).map_or("", |l| l.as_str());
        writer.write_record([
            account.id.as_str(),
            &score,
            segment,
            if result.key { "true" } else { "false" },
            result.reason.as_str(),
            &rank,
            league,
        ])?;
    }
    writer.into_inner().map_err(|e| e.into_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    const HEADER: &str =
        "id,name,status,potential,strategic_importance,pin,decision_making,locations";

    fn problems(text: &[u8]) -> Vec<String> {
        match parse_accounts(text) {
            Ok(accounts) => panic!("expected problems, parsed {accounts:?}"),
            Err(problems) => problems.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn potential_is_a_plain_non_negative_decimal() {
        for (text, want) in [
            ("0", "0"),
            ("12.50", "12.50"),
            ("1000000", "1000000"),
            (".5", "0.5"),
        ] {
            assert_eq!(parse_potential(text), Ok(d(want)), "{text}");
        }
        for text in [
            "", "-1", "+1", "1,5", "1_000", "1e5", "1.2.3", "abc", ".", "NaN", "1 000",
        ] {
            assert_eq!(
                parse_potential(text),
                Err(format!("{text:?} is not a non-negative number")),
                "{text}"
            );
        }
        assert_eq!(
            parse_potential("99999999999999999999999999999999"),
            Err("\"99999999999999999999999999999999\" is too large".to_owned())
        );
    }

    #[test]
    fn importance_is_a_whole_number_from_zero_to_five() {
        assert_eq!(parse_importance("0"), Ok(0));
        assert_eq!(parse_importance("5"), Ok(5));
        assert_eq!(parse_importance("05"), Ok(5));
        for text in ["6", "-1", "+1", "2.5", "", "five", "256"] {
            assert_eq!(
                parse_importance(text),
                Err(format!("{text:?} is not a whole number from 0 to 5"))
            );
        }
    }

    #[test]
    fn empty_pin_and_decision_making_take_their_defaults() {
        assert_eq!(parse_pin(""), Ok(Pin::None));
        assert_eq!(parse_pin("none"), Ok(Pin::None));
        assert_eq!(parse_pin("key"), Ok(Pin::Key));
        assert_eq!(parse_pin("not_key"), Ok(Pin::NotKey));
        assert_eq!(
            parse_pin("Key"),
            Err("\"Key\" is not one of key, not_key (or empty)".to_owned())
        );
        assert_eq!(parse_decision_making(""), Ok(DecisionMaking::Centralized));
        assert_eq!(
            parse_decision_making("decentralized"),
            Ok(DecisionMaking::Decentralized)
        );
        assert!(parse_decision_making("central").is_err());
        assert_eq!(parse_status("lost"), Ok(Status::Lost));
        assert!(parse_status("").is_err());
    }

    #[test]
    fn locations_are_three_part_triples_separated_by_semicolons() {
        assert_eq!(parse_locations(""), Ok(vec![]));
        assert_eq!(parse_locations(" ; "), Ok(vec![]));
        assert_eq!(
            parse_locations("Europe/Russia/Moscow; Asia / Russia / Irkutsk;"),
            Ok(vec![
                Location::new("Europe", "Russia", "Moscow"),
                Location::new(" Asia ", " Russia ", " Irkutsk"),
            ])
        );
        for bad in [
            "Europe/Russia",
            "Europe//Moscow",
            "a/b/c/d",
            "a/b/ ",
            "Moscow",
        ] {
            let err = parse_locations(&format!("x/y/z;{bad}")).unwrap_err();
            assert!(err.contains(&format!("{:?}", bad.trim())), "{err}");
            assert!(err.contains("three non-empty parts"), "{err}");
        }
    }

    #[test]
    fn a_bom_crlf_quotes_blank_lines_and_extra_columns_are_all_read() {
        let text = "\u{feff}ID,Notes, Name ,status,potential,strategic_importance,pin,decision_making,locations\r\n\
                    A1,\"a, b\",\"Alpha \"\"A\"\"\",active,10.5,3,key,,\"Europe/Russia/Moscow;Asia/Russia/Omsk\"\r\n\
                    \r\n\
                    A2,x,\"two\r\nlines\",prospect,0,0,,decentralized,\r\n";
        let accounts = parse_accounts(text.as_bytes()).unwrap();
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].id, "A1");
        assert_eq!(accounts[0].potential, d("10.5"));
        assert_eq!(accounts[0].pin, Pin::Key);
        assert_eq!(accounts[0].locations.len(), 2);
        assert_eq!(accounts[1].status, Status::Prospect);
        assert_eq!(accounts[1].decision_making, DecisionMaking::Decentralized);
    }

    #[test]
    fn line_numbers_count_physical_lines_from_the_header() {
        // A quoted newline, a blank line and CRLF all count as the lines an editor shows.
        let text = format!(
            "{HEADER}\r\nA,\"two\r\nlines\",active,1,1,,,\r\n\r\nB,b,active,x,1,,,\r\nC,c\r\n"
        );
        assert_eq!(
            problems(text.as_bytes()),
            [
                "line 5, column potential: \"x\" is not a non-negative number",
                "line 6: 2 fields, but the header has 8",
            ]
        );
        let text = format!("\n\n{HEADER},potential\n");
        assert_eq!(
            problems(text.as_bytes()),
            ["line 3: column \"potential\" appears more than once in the header"]
        );
    }

    #[test]
    fn missing_and_repeated_header_columns_are_named() {
        assert_eq!(
            problems(b"id,name,status,potential,strategic_importance,pin,decision_making\n"),
            ["line 1: missing column \"locations\""]
        );
        assert_eq!(
            problems(format!("{HEADER},Potential\n").as_bytes()),
            ["line 1: column \"potential\" appears more than once in the header"]
        );
        assert_eq!(
            problems(b""),
            [
                "line 1: the file is empty; expected a header with id,name,status,potential,strategic_importance,pin,decision_making,locations"
            ]
        );
    }

    #[test]
    fn duplicate_ids_name_both_lines() {
        let text = format!("{HEADER}\nA,a,active,1,1,,,\nB,b,active,1,1,,,\n A ,c,active,1,1,,,\n");
        assert_eq!(
            problems(text.as_bytes()),
            ["line 4, column id: duplicate id \"A\", already used on line 2"]
        );
    }

    #[test]
    fn every_problem_of_every_row_is_reported() {
        let mut bytes = format!("{HEADER}\n,a,gone,-1,9,maybe,both,x\nB,b,active\nC,").into_bytes();
        bytes.push(0xff); // not UTF-8
        bytes.extend_from_slice(b",active,1,1,,,\n");
        assert_eq!(
            problems(&bytes),
            [
                "line 2, column id: the id is empty",
                "line 2, column status: \"gone\" is not one of prospect, active, lost, archived",
                "line 2, column potential: \"-1\" is not a non-negative number",
                "line 2, column strategic_importance: \"9\" is not a whole number from 0 to 5",
                "line 2, column pin: \"maybe\" is not one of key, not_key (or empty)",
                "line 2, column decision_making: \"both\" is not one of centralized, decentralized (or empty)",
                "line 2, column locations: location \"x\" is not continent/country/region with three non-empty parts",
                "line 3: 3 fields, but the header has 8",
                "line 4: field 2 is not valid UTF-8",
            ]
        );
    }

    #[test]
    fn run_writes_nothing_to_out_on_bad_input() {
        let args = ScoreArgs {
            input: PathBuf::from("/definitely/not/here.csv"),
            cap_pct: None,
            weight_potential: None,
            gold_min: None,
            silver_min: None,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), EXIT_BAD_INPUT);
        assert!(out.is_empty());
        let err = String::from_utf8(err).unwrap();
        assert!(
            err.starts_with("error: cannot read \"/definitely/not/here.csv\": "),
            "{err}"
        );
    }

    #[test]
    fn setting_problems_name_the_flag_and_say_when_a_default_is_involved() {
        let args = ScoreArgs {
            input: PathBuf::from("/no/such/unused.csv"),
            cap_pct: Some(0),
            weight_potential: None,
            gold_min: None,
            silver_min: Some(d("75")),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run(&args, &mut out, &mut err), EXIT_BAD_INPUT);
        assert!(out.is_empty());
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: --cap-pct 0: must be a whole number from 1 to 20\n\
             error: --gold-min 60 (default): must be greater than silver_min\n\
             error: cannot read \"/no/such/unused.csv\": No such file or directory (os error 2)\n"
        );
    }

    /// A writer that refuses everything, like a closed pipe.
    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "closed",
            ))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn run_reports_an_output_that_cannot_be_written() {
        let path =
            std::env::temp_dir().join(format!("kamdesk-score-unit-{}.csv", std::process::id()));
        std::fs::write(&path, format!("{HEADER}\nA,a,active,1,1,,,\n")).unwrap();
        let args = ScoreArgs {
            input: path.clone(),
            cap_pct: None,
            weight_potential: None,
            gold_min: None,
            silver_min: None,
        };
        let mut err = Vec::new();
        let code = run(&args, &mut Closed, &mut err);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(code, EXIT_IO);
        assert!(
            String::from_utf8(err)
                .unwrap()
                .contains("cannot write the output")
        );
    }
}
