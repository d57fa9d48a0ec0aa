//! The client-base import file, read: a CSV (as spreadsheets and ERPs save it) becomes rows of
//! parsed values, or every problem found, each with its line, column and a message key.
//!
//! Used by `kamdesk import accounts FILE.csv` and by the upload page; `db::account_import`
//! matches the rows with the stored accounts and writes them. The columns are documented in
//! README.md ("Importing clients") and in `docs/samples/accounts.csv`.
//!
//! Decisions where the issue is silent:
//! - Only `name` must be in the header; every other column is optional. A column left out, or
//!   a cell left empty, keeps what an existing account has (and takes the default for a new
//!   one), so a file with just `tax_id,headcount` updates headcounts. An unknown column is an
//!   error (a typo would otherwise drop a whole column silently).
//! - The separator is `,` or `;` (a Russian Excel saves `;`), told from the header line.
//! - The file must be UTF-8 (a BOM is fine); other encodings are refused with a report.
//! - A record longer than [`MAX_RECORD_BYTES`] is refused (a 10 MB line is a broken file).
//! - Two rows with the same tax id or external id are an error on the second one.

use super::account::{AccountName, ExternalId, Importance, TaxId};
use super::geo::CountryCode;
use super::import::{Problem, Problems};
use super::industry::Industry;
use super::money::Money;
use super::scoring::Status;
use super::text;
use super::user::Email;
use std::collections::HashMap;

/// The longest record read (bytes); a longer one is refused.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;

/// The columns of the file, in the order of the sample file.
pub const COLUMNS: [&str; 12] = [
    "name",
    "status",
    "tax_id",
    "external_id",
    "industry",
    "headcount",
    "annual_revenue",
    "strategic_importance",
    "owner_email",
    "locations",
    "potential",
    "potential_basis",
];

/// A place of a client's current footprint: `country code/region[/city]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLocation {
    /// Country.
    pub country: CountryCode,
    /// Region as written.
    pub region: String,
    /// City as written (may be empty).
    pub city: String,
}

/// One row of the file, parsed. `None` means "not given": keep the stored value, or the
/// default for a new account.
#[derive(Debug, Clone)]
pub struct ImportRow {
    /// Line of the file.
    pub line: u64,
    /// Display name.
    pub name: AccountName,
    /// Status.
    pub status: Option<Status>,
    /// Tax id (matches an existing account).
    pub tax_id: Option<TaxId>,
    /// Id in the source system (matches an existing account).
    pub external_id: Option<ExternalId>,
    /// Industry.
    pub industry: Option<Industry>,
    /// Headcount.
    pub headcount: Option<u32>,
    /// The client's own yearly revenue.
    pub annual_revenue: Option<Money>,
    /// Strategic importance.
    pub importance: Option<Importance>,
    /// The owner's e-mail (an active KAM).
    pub owner_email: Option<Email>,
    /// Current locations (replace the stored current ones when given).
    pub locations: Option<Vec<ImportLocation>>,
    /// This year's potential (revenue the client could bring us).
    pub potential: Option<Money>,
    /// How the potential was estimated.
    pub potential_basis: Option<String>,
}

/// What reading a file gave: its rows, or its problems.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// Every row is good.
    Rows(Vec<ImportRow>),
    /// At least one problem (the first [`MAX_PROBLEMS`](super::import::MAX_PROBLEMS) kept, all
    /// counted).
    Problems(Problems),
}

/// Reads a whole file.
pub fn parse(bytes: &[u8]) -> Parsed {
    let mut problems = Problems::default();
    let rows = read(bytes, &mut problems);
    if problems.is_empty() {
        Parsed::Rows(rows)
    } else {
        Parsed::Problems(problems)
    }
}

fn read(bytes: &[u8], problems: &mut Problems) -> Vec<ImportRow> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        problems.push(Problem::line(1, "error-import-empty", ""));
        return vec![];
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        problems.push(Problem::line(line, "error-import-not-utf8", ""));
        return vec![];
    }
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            problems.push(Problem::line(1, "error-import-empty", ""));
            return vec![];
        }
    };
    let Some(columns) = locate(&header, problems) else {
        return vec![];
    };
    let mut rows = vec![];
    let mut seen_tax: HashMap<String, u64> = HashMap::new();
    let mut seen_ext: HashMap<String, u64> = HashMap::new();
    let mut line = 1u64;
    let mut counted_to = header.position().map_or(0, |p| p.byte() as usize);
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(line + 1, |p| p.line());
                problems.push(Problem::line(at, "error-import-unreadable", &e.to_string()));
                continue;
            }
        };
        // The line a record starts on: newlines between the previous record and this one
        // (csv skips blank lines; quoted cells may hold newlines).
        // (csv's position of a record after blank lines is where the blank lines begin.)
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line += bytes[counted_to.min(start)..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        counted_to = start;
        if record.as_slice().len() > MAX_RECORD_BYTES {
            problems.push(Problem::line(line, "error-import-line-too-long", ""));
            continue;
        }
        if record.len() != header.len() {
            problems.push(Problem::line(
                line,
                "error-import-field-count",
                &format!("{} / {}", record.len(), header.len()),
            ));
            continue;
        }
        let cell = |column: &str| -> &str {
            columns
                .get(column)
                .and_then(|&i| record.get(i))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or("")
                .trim()
        };
        if let Some(row) = parse_row(line, &cell, problems) {
            if let Some(t) = &row.tax_id
                && let Some(first) = seen_tax.insert(t.as_str().to_string(), line)
            {
                problems.push(Problem::cell(
                    line,
                    "tax_id",
                    format!("error-import-repeated#{first}"),
                    t.as_str(),
                ));
            }
            if let Some(x) = &row.external_id
                && let Some(first) = seen_ext.insert(x.as_str().to_string(), line)
            {
                problems.push(Problem::cell(
                    line,
                    "external_id",
                    format!("error-import-repeated#{first}"),
                    x.as_str(),
                ));
            }
            rows.push(row);
        }
    }
    rows
}

/// Where each column is; None (with the problems) for a header without `name`, with an unknown
/// or a repeated column.
fn locate(
    header: &csv::ByteRecord,
    problems: &mut Problems,
) -> Option<HashMap<&'static str, usize>> {
    let mut index = HashMap::new();
    let mut ok = true;
    for (i, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw).trim().to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) => {
                if index.insert(*c, i).is_some() {
                    problems.push(Problem::line(1, "error-import-column-repeated", &name));
                    ok = false;
                }
            }
            None => {
                problems.push(Problem::line(1, "error-import-column-unknown", &name));
                ok = false;
            }
        }
    }
    if !index.contains_key("name") {
        problems.push(Problem::line(1, "error-import-column-missing", "name"));
        ok = false;
    }
    ok.then_some(index)
}

/// Message key of a form-style code ("invalid_choice" → "error-invalid-choice").
fn code_key(code: &str) -> String {
    format!("error-{}", code.replace('_', "-"))
}

fn text_key(e: text::TextError) -> String {
    match e {
        text::TextError::TooLong { max } => format!("{}#{max}", e.message_key()),
        e => e.message_key(),
    }
}

fn parse_row<'c>(
    line: u64,
    cell: &dyn Fn(&str) -> &'c str,
    problems: &mut Problems,
) -> Option<ImportRow> {
    let before = problems.count;
    let mut bad = |column: &str, key: String| {
        problems.push(Problem::cell(line, column, key, cell(column)));
    };
    let given = |column: &str| Some(cell(column)).filter(|s| !s.is_empty());
    let name = AccountName::parse(cell("name"))
        .map_err(|e| bad("name", text_key(e)))
        .ok();
    let status = given("status").and_then(|s| {
        s.to_ascii_lowercase()
            .parse::<Status>()
            .map_err(|_| bad("status", code_key("invalid_choice")))
            .ok()
    });
    let tax_id = TaxId::parse_optional(cell("tax_id"))
        .map_err(|c| bad("tax_id", code_key(c)))
        .ok()
        .flatten();
    let external_id = ExternalId::parse_optional(cell("external_id"))
        .map_err(|e| bad("external_id", text_key(e)))
        .ok()
        .flatten();
    let industry = Industry::parse_choice(&cell("industry").to_ascii_lowercase())
        .map_err(|c| bad("industry", code_key(c)))
        .ok()
        .flatten();
    let headcount = given("headcount").and_then(|s| {
        let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        compact
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= 10_000_000)
            .or_else(|| {
                bad("headcount", code_key("headcount_range"));
                None
            })
    });
    let money = |column: &str, bad: &mut dyn FnMut(&str, String)| {
        given(column).and_then(|s| {
            Money::parse(s)
                .map_err(|e| bad(column, code_key(e.code())))
                .ok()
        })
    };
    let annual_revenue = money("annual_revenue", &mut bad);
    let potential = money("potential", &mut bad);
    let importance = given("strategic_importance").and_then(|s| {
        Importance::parse(s)
            .map_err(|c| bad("strategic_importance", code_key(c)))
            .ok()
    });
    let owner_email = given("owner_email").and_then(|s| {
        Email::parse(s)
            .map_err(|e| bad("owner_email", text_key(e)))
            .ok()
    });
    let locations = given("locations")
        .and_then(|s| parse_locations(s).map_err(|key| bad("locations", key)).ok());
    let potential_basis = text::SHORT_NOTE
        .optional(cell("potential_basis"))
        .map_err(|e| bad("potential_basis", text_key(e)))
        .ok()
        .flatten();
    if problems.count != before {
        return None;
    }
    Some(ImportRow {
        line,
        name: name?,
        status,
        tax_id,
        external_id,
        industry,
        headcount,
        annual_revenue,
        importance,
        owner_email,
        locations,
        potential,
        potential_basis,
    })
}

/// `RU/Moscow region/Moscow; DE/Bavaria`: country code, region, optional city, places
/// separated by `;` (or `|`).
fn parse_locations(s: &str) -> Result<Vec<ImportLocation>, String> {
    s.split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|place| {
            let parts: Vec<&str> = place.split('/').map(str::trim).collect();
            let (code, region, city) = match parts[..] {
                [code, region] => (code, region, ""),
                [code, region, city] => (code, region, city),
                _ => return Err("error-import-location-format".to_string()),
            };
            let country = CountryCode::parse(&code.to_ascii_uppercase())
                .map_err(|_| "error-import-unknown-country".to_string())?;
            let region = text::LABEL
                .required(region)
                .map_err(|_| "error-import-location-format".to_string())?;
            let city = text::LABEL.required(city).unwrap_or_default();
            Ok(ImportLocation {
                country,
                region,
                city,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<ImportRow> {
        match parse(text.as_bytes()) {
            Parsed::Rows(rows) => rows,
            Parsed::Problems(problems) => panic!("{problems:?}"),
        }
    }

    fn problems(text: &[u8]) -> Vec<(u64, String, String)> {
        match parse(text) {
            Parsed::Rows(_) => panic!("no problem found"),
            Parsed::Problems(problems) => problems
                .first
                .into_iter()
                .map(|p| (p.line, p.column, p.reason))
                .collect(),
        }
    }

    #[test]
    fn a_good_file_gives_its_rows_with_empty_cells_as_not_given() {
        let r = rows(
            "\u{feff}Name,tax_id,status,headcount,annual_revenue,locations,owner_email\n\
             ЛидерСемья,7701 234-567,Active,1 200,\"1 250 000,50\",RU/Moscow/Moscow; DE/Bavaria,kam@x.test\n\
             \n\
             Beta,,,,,,\n",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].name.as_str(), "ЛидерСемья");
        assert_eq!(r[0].tax_id.as_ref().unwrap().as_str(), "7701234567");
        assert_eq!(r[0].status, Some(Status::Active));
        assert_eq!(r[0].headcount, Some(1200));
        assert_eq!(r[0].annual_revenue.unwrap().get().to_string(), "1250000.50");
        let places = r[0].locations.as_ref().unwrap();
        assert_eq!(places.len(), 2);
        assert_eq!(places[1].city, "");
        assert_eq!(r[1].line, 4, "a blank line still counts");
        assert!(r[1].status.is_none() && r[1].tax_id.is_none() && r[1].locations.is_none());
    }

    #[test]
    fn a_semicolon_file_from_a_russian_excel_is_read() {
        let r = rows("name;headcount\nАльфа;12\n");
        assert_eq!(r[0].headcount, Some(12));
    }

    #[test]
    fn every_bad_cell_is_reported_by_line_and_column() {
        let p = problems(
            "name,status,tax_id,strategic_importance,annual_revenue,locations\n\
             ,gone,12ab,7,-5,XX/Somewhere\n\
             Good,active,,,,\n\
             Also bad,active,,3,1.234,RU\n"
                .as_bytes(),
        );
        let cols: Vec<(u64, &str)> = p.iter().map(|(l, c, _)| (*l, c.as_str())).collect();
        assert_eq!(
            cols,
            [
                (2, "name"),
                (2, "status"),
                (2, "tax_id"),
                (2, "annual_revenue"),
                (2, "strategic_importance"),
                (2, "locations"),
                (4, "annual_revenue"),
                (4, "locations"),
            ]
        );
        assert_eq!(p[5].2, "error-import-unknown-country");
        assert_eq!(p[7].2, "error-import-location-format");
    }

    #[test]
    fn a_repeated_tax_id_names_the_first_line() {
        let p = problems(b"name,tax_id\nA,77012345\nB,77012345\n");
        assert_eq!(p, [(3, "tax_id".into(), "error-import-repeated#2".into())]);
    }

    #[test]
    fn a_malformed_file_is_refused_with_a_report() {
        assert_eq!(problems(b"")[0].2, "error-import-empty");
        assert_eq!(
            problems(b"name\n\xff\xfeabc\n")[0],
            (2, String::new(), "error-import-not-utf8".into())
        );
        assert_eq!(
            problems(b"nmae,tax_id\nA,1\n")[0].2,
            "error-import-column-unknown"
        );
        assert!(
            problems(b"tax_id\n12345\n")
                .iter()
                .any(|p| p.2 == "error-import-column-missing")
        );
        assert_eq!(
            problems(b"name,status\nA\n")[0].2,
            "error-import-field-count"
        );
        let mut long = b"name\n".to_vec();
        long.extend(std::iter::repeat_n(b'a', MAX_RECORD_BYTES + 1));
        long.push(b'\n');
        assert_eq!(
            problems(&long)[0],
            (2, String::new(), "error-import-line-too-long".into())
        );
    }
}
