//! The one way a list is exported: build a [`Table`] of typed [`Cell`]s once, then answer it as
//! CSV ([`Table::csv_response`]) or XLSX ([`Table::xlsx_response`]). Every export goes through
//! here, so that every export is safe to open in a spreadsheet:
//!
//! - CSV: a text cell that begins with `=`, `+`, `-`, `@`, tab, CR or LF is prefixed with `'`
//!   (OWASP's advice on CSV injection): a spreadsheet shows it as text instead of running it as
//!   a formula. Numbers are [`Cell::Int`] / [`Cell::Decimal`], written as numbers (a negative
//!   number stays a number). A UTF-8 byte-order mark makes Excel read Cyrillic correctly.
//! - XLSX: text is always written as a string cell (never a formula), numbers as numbers.
//!
//! ```
//! use kamdesk::web::export::{Cell, Table};
//! use rust_decimal::Decimal;
//! let mut table = Table::new(["Client", "Score"].map(String::from));
//! table.row(vec![Cell::text("=1+1"), Cell::decimal(Some(Decimal::new(8800, 2)), 2)]);
//! let csv = String::from_utf8(table.to_csv().unwrap()).unwrap();
//! assert!(csv.ends_with("'=1+1,88.00\n"));
//! // In a handler: `table.csv_response("accounts")` or `table.xlsx_response("accounts", &sheet)`.
//! ```

use crate::error::{AppError, AppResult};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text, as typed by someone: neutralised in CSV, a string cell in XLSX.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A decimal number shown with `places` decimals (a `.` decimal point in CSV).
    Decimal {
        /// The number.
        value: Decimal,
        /// Decimals shown.
        places: u32,
    },
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A text cell, or empty.
    pub fn opt_text(s: Option<impl Into<String>>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    /// A decimal cell, or empty.
    pub fn decimal(value: Option<Decimal>, places: u32) -> Cell {
        value.map_or(Cell::Empty, |value| Cell::Decimal { value, places })
    }

    /// A stored value's name in `lang` (a status, a segment …), or empty.
    pub fn named(
        lang: crate::domain::user::Language,
        value: Option<impl crate::i18n::Named>,
    ) -> Cell {
        Cell::opt_text(value.map(|v| crate::i18n::name(lang, &v)))
    }

    /// About how many characters the cell shows (for column widths).
    fn width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => s.chars().count(),
            Cell::Int(n) => n.to_string().len(),
            Cell::Decimal { value, places } => {
                value.trunc().to_string().len() + 1 + *places as usize
            }
        }
    }

    /// A whole-number cell, or empty.
    pub fn int(value: Option<i64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Int)
    }

    /// The CSV field.
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => neutralise(s),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Decimal { value, places } => {
                let rounded = value.round_dp_with_strategy(
                    *places,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                Cow::Owned(format!("{:.*}", *places as usize, rounded))
            }
        }
    }
}

/// A text as a spreadsheet must see it: a leading `'` when it would otherwise start a formula
/// (`=`, `+`, `-`, `@`) or be trimmed into one (tab, CR, LF).
pub fn neutralise(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// Headers and rows of an export.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these column headers (already in the viewer's language).
    pub fn new(headers: impl IntoIterator<Item = String>) -> Table {
        Table {
            headers: headers.into_iter().collect(),
            rows: vec![],
        }
    }

    /// Adds a row (one cell per header).
    pub fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.headers.len(), "one cell per column");
        self.rows.push(cells);
    }

    /// The CSV bytes: a byte-order mark, then the headers and rows.
    pub fn to_csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        w.write_record(
            self.headers
                .iter()
                .map(|h| neutralise(h))
                .map(|c| c.into_owned()),
        )?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| c.csv().into_owned()))?;
        }
        w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
    }

    /// The XLSX bytes: one sheet named `sheet`, bold headers, autofit columns.
    pub fn to_xlsx(&self, sheet: &str) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(sheet)?;
        let bold = Format::new().set_bold();
        for (col, h) in self.headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, h, &bold)?;
        }
        for (i, row) in self.rows.iter().enumerate() {
            let r = (i + 1) as u32;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    Cell::Empty => {}
                    // A string cell is never evaluated, whatever it starts with.
                    Cell::Text(s) => {
                        ws.write_string(r, col, s)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number(r, col, *n as f64)?;
                    }
                    Cell::Decimal { value, places } => {
                        let pattern = match places {
                            0 => "0".to_string(),
                            p => format!("0.{}", "0".repeat(*p as usize)),
                        };
                        ws.write_number_with_format(
                            r,
                            col,
                            (*value).try_into().unwrap_or(0.0),
                            &Format::new().set_num_format(pattern),
                        )?;
                    }
                }
            }
        }
        ws.autofit();
        book.save_to_buffer()
    }

    /// The download a request `path` asks for by its extension: `….xlsx` is
    /// [`Table::xlsx_response`], anything else [`Table::csv_response`]. One handler then serves
    /// both of a list's export routes.
    pub fn response_for(&self, path: &str, stem: &str, sheet: &str) -> AppResult<Response> {
        if path.ends_with(".xlsx") {
            self.xlsx_response(stem, sheet)
        } else {
            self.csv_response(stem)
        }
    }

    /// The table as a CSV download named `<stem>.csv`.
    pub fn csv_response(&self, stem: &str) -> AppResult<Response> {
        let body = self.to_csv().map_err(AppError::Internal)?;
        Ok(attachment(
            &format!("{stem}.csv"),
            "text/csv; charset=utf-8",
            body,
        ))
    }

    /// The table as an XLSX download named `<stem>.xlsx` with one sheet named `sheet`.
    pub fn xlsx_response(&self, stem: &str, sheet: &str) -> AppResult<Response> {
        let body = self
            .to_xlsx(sheet)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("xlsx: {e}")))?;
        Ok(attachment(
            &format!("{stem}.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            body,
        ))
    }
}

/// One CSV record (header or row) as bytes, fields neutralised as in [`Table::to_csv`].
fn csv_record<I: IntoIterator<Item = String>>(fields: I) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields)?;
    w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))
}

/// A CSV download streamed as its rows arrive (from a database cursor, say), for lists too
/// long to hold in memory: the same byte-order mark, neutralising and number format as
/// [`Table::csv_response`]. A failure midway ends the download early and is logged; the
/// status line has gone out by then.
pub fn csv_stream<S>(stem: &str, headers: Vec<String>, rows: S) -> Response
where
    S: futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send + 'static,
{
    use futures_util::StreamExt;
    let head = csv_record(headers.iter().map(|h| neutralise(h).into_owned())).map(|mut bytes| {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        out.append(&mut bytes);
        out
    });
    let body = futures_util::stream::once(async move { head })
        .chain(rows.map(|row| {
            row.and_then(|cells| csv_record(cells.iter().map(|c| c.csv().into_owned())))
        }))
        .map(|chunk| {
            chunk.map(axum::body::Bytes::from).map_err(|e| {
                tracing::error!(error = %e, "export stopped midway");
                std::io::Error::other(e.to_string())
            })
        });
    attachment(
        &format!("{stem}.csv"),
        "text/csv; charset=utf-8",
        axum::body::Body::from_stream(body),
    )
}

/// Rows read before an XLSX's column widths are chosen (autofit needs every row in memory).
const WIDTH_SAMPLE: usize = 200;

/// Rows of data one worksheet holds: Excel's limit of 1,048,576 rows, less the header.
pub const XLSX_SHEET_ROWS: u32 = 1_048_575;

/// An XLSX download of rows that arrive as a stream, in little memory: rows go to a
/// rust_xlsxwriter low-memory worksheet (spooled to a temporary file as they are written, so
/// 100,000 rows never sit in memory; only the table of distinct strings stays), and the
/// finished file, also temporary, is streamed.
/// Columns are as wide as the header and the first [`WIDTH_SAMPLE`] rows need. Same cells and
/// number formats as [`Table::to_xlsx`]. A list longer than a worksheet holds
/// ([`XLSX_SHEET_ROWS`]) continues on further sheets, `sheet (2)`, `sheet (3)` ..., each with
/// the header row: nothing is cut.
pub async fn xlsx_from_stream<S>(
    stem: &str,
    sheet: &str,
    headers: Vec<String>,
    rows: S,
) -> AppResult<Response>
where
    S: futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send,
{
    let file = xlsx_file(sheet, &headers, rows, XLSX_SHEET_ROWS).await?;
    let body = tokio_util::io::ReaderStream::new(tokio::fs::File::from_std(file));
    Ok(attachment(
        &format!("{stem}.xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        axum::body::Body::from_stream(body),
    ))
}

/// The name of the `n`th sheet (from 1) of a workbook whose first is `sheet`: Excel's 31
/// characters at most.
fn nth_sheet_name(sheet: &str, n: u32) -> String {
    if n == 1 {
        return sheet.chars().take(31).collect();
    }
    let suffix = format!(" ({n})");
    let head: String = sheet.chars().take(31 - suffix.len()).collect();
    format!("{head}{suffix}")
}

/// [`xlsx_from_stream`]'s workbook, written to a temporary file (rewound) with at most
/// `per_sheet` data rows on a sheet.
async fn xlsx_file<S>(
    sheet: &str,
    headers: &[String],
    rows: S,
    per_sheet: u32,
) -> AppResult<std::fs::File>
where
    S: futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send,
{
    use futures_util::TryStreamExt;
    use rust_xlsxwriter::{Format, Workbook, Worksheet};
    use std::io::{Seek, SeekFrom};
    let xlsx = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("xlsx: {e}"));
    let mut rows = std::pin::pin!(rows);
    let mut first = Vec::new();
    while first.len() < WIDTH_SAMPLE {
        match rows.try_next().await.map_err(AppError::Internal)? {
            Some(row) => first.push(row),
            None => break,
        }
    }
    let widths: Vec<f64> = headers
        .iter()
        .enumerate()
        .map(|(col, h)| {
            let widest = first
                .iter()
                .filter_map(|row| row.get(col))
                .map(Cell::width)
                .chain([h.chars().count()])
                .max()
                .unwrap_or(8);
            (widest.clamp(6, 60) + 2) as f64
        })
        .collect();
    let bold = Format::new().set_bold();
    // A new sheet with the header row and the column widths.
    let start = |ws: &mut Worksheet, n: u32| -> Result<(), rust_xlsxwriter::XlsxError> {
        ws.set_name(nth_sheet_name(sheet, n))?;
        for (col, (h, w)) in headers.iter().zip(&widths).enumerate() {
            ws.set_column_width(col as u16, *w)?;
            ws.write_string_with_format(0, col as u16, h, &bold)?;
        }
        Ok(())
    };
    let mut book = Workbook::new();
    let mut sheets = 1;
    let mut ws = book.add_worksheet_with_low_memory();
    start(ws, sheets).map_err(xlsx)?;
    let mut formats = Vec::new();
    let mut r = 1;
    let mut first = first.into_iter();
    loop {
        let row = match first.next() {
            Some(row) => row,
            None => match rows.try_next().await.map_err(AppError::Internal)? {
                Some(row) => row,
                None => break,
            },
        };
        if r > per_sheet {
            sheets += 1;
            ws = book.add_worksheet_with_low_memory();
            start(ws, sheets).map_err(xlsx)?;
            r = 1;
        }
        write_xlsx_row(ws, r, &row, &mut formats).map_err(xlsx)?;
        r += 1;
    }
    let mut file = tempfile::tempfile().map_err(|e| AppError::Internal(e.into()))?;
    book.save_to_writer(&mut file).map_err(xlsx)?;
    file.seek(SeekFrom::Start(0))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(file)
}

/// One row of a streamed worksheet; `formats` keeps one number format per decimal places.
fn write_xlsx_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    row: &[Cell],
    formats: &mut Vec<(u32, rust_xlsxwriter::Format)>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (col, cell) in row.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Empty => {}
            // A string cell is never evaluated, whatever it starts with.
            Cell::Text(s) => {
                ws.write_string(r, col, s)?;
            }
            Cell::Int(n) => {
                ws.write_number(r, col, *n as f64)?;
            }
            Cell::Decimal { value, places } => {
                if !formats.iter().any(|(p, _)| p == places) {
                    let pattern = match places {
                        0 => "0".to_string(),
                        p => format!("0.{}", "0".repeat(*p as usize)),
                    };
                    formats.push((
                        *places,
                        rust_xlsxwriter::Format::new().set_num_format(pattern),
                    ));
                }
                let format = &formats.iter().find(|(p, _)| p == places).expect("pushed").1;
                ws.write_number_with_format(r, col, (*value).try_into().unwrap_or(0.0), format)?;
            }
        }
    }
    Ok(())
}

/// The download a request `path` asks for by its extension, of a list without a bound on its
/// length: `….xlsx` is [`xlsx_from_stream`], anything else [`csv_stream`] (the streamed
/// counterpart of [`Table::response_for`]: one handler serves both of a list's export routes).
pub async fn stream_response_for<S>(
    path: &str,
    stem: &str,
    sheet: &str,
    headers: Vec<String>,
    rows: S,
) -> AppResult<Response>
where
    S: futures_util::Stream<Item = anyhow::Result<Vec<Cell>>> + Send + 'static,
{
    if path.ends_with(".xlsx") {
        xlsx_from_stream(stem, sheet, headers, rows).await
    } else {
        Ok(csv_stream(stem, headers, rows))
    }
}

/// The rows of an export produced by a task of its own (one that reads them through a
/// callback, say `db::orders::each`), as the stream [`csv_stream`] and [`xlsx_from_stream`]
/// take: the task sends into the [`RowSink`], the download reads the stream. The channel's
/// bound makes a slow download slow the reading down.
pub fn row_channel() -> (RowSink, RowStream) {
    let (tx, rx) = tokio::sync::mpsc::channel(1024);
    let stream =
        futures_util::stream::unfold(
            rx,
            |mut rx| async move { rx.recv().await.map(|row| (row, rx)) },
        );
    // Fused: main's xlsx_from_stream may poll once more after the end (its width sample).
    (RowSink(tx), Box::pin(futures_util::StreamExt::fuse(stream)))
}

/// A stream of export rows (see [`row_channel`]).
pub type RowStream = futures_util::stream::BoxStream<'static, anyhow::Result<Vec<Cell>>>;

/// Where a producer task sends the rows of an export (see [`row_channel`]).
#[derive(Clone)]
pub struct RowSink(tokio::sync::mpsc::Sender<anyhow::Result<Vec<Cell>>>);

impl RowSink {
    /// Sends a row; `false` when the download was abandoned (stop producing).
    pub async fn send(&self, row: Vec<Cell>) -> bool {
        self.0.send(Ok(row)).await.is_ok()
    }

    /// Reports that the rows could not all be read: the download ends early (and is logged).
    pub async fn fail(&self, e: anyhow::Error) {
        let _ = self.0.send(Err(e)).await;
    }
}

/// A download. `name` is chosen by the code (never by input), ASCII without quotes.
fn attachment(
    name: &str,
    content_type: &'static str,
    body: impl Into<axum::body::Body>,
) -> Response {
    debug_assert!(name.bytes().all(|b| b.is_ascii_graphic() && b != b'"'));
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body.into(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_of(cells: Vec<Cell>) -> String {
        let mut t = Table::new((0..cells.len()).map(|i| format!("c{i}")));
        t.row(cells);
        String::from_utf8(t.to_csv().unwrap()).unwrap()
    }

    #[test]
    fn a_text_cell_that_would_start_a_formula_is_written_as_text() {
        let out = csv_of(vec![
            Cell::text("=HYPERLINK(\"http://evil.example\",\"x\")"),
            Cell::text("+1"),
            Cell::text("-2+3"),
            Cell::text("@SUM(A1)"),
            Cell::text("\tx"),
            Cell::text("\r=1"),
            Cell::text("ООО Ромашка"),
        ]);
        let row = out.lines().nth(1).unwrap();
        assert!(
            row.starts_with(
                "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1,'-2+3,'@SUM(A1),"
            ),
            "{row}"
        );
        assert!(out.contains("ООО Ромашка"));
        assert!(out.starts_with('\u{FEFF}'), "a byte-order mark for Excel");
    }

    #[test]
    fn numbers_stay_numbers_even_when_negative() {
        let out = csv_of(vec![
            Cell::Int(-3),
            Cell::decimal(Some(Decimal::new(-12345, 3)), 2),
            Cell::Empty,
        ]);
        assert_eq!(out.lines().nth(1), Some("-3,-12.35,"));
    }

    #[test]
    fn the_xlsx_of_a_table_is_a_zip_file() {
        let mut t = Table::new(["a".to_string()]);
        t.row(vec![Cell::text("=1+1")]);
        let bytes = t.to_xlsx("Sheet").unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn further_sheets_are_named_after_the_first_within_excels_31_characters() {
        assert_eq!(nth_sheet_name("Orders", 1), "Orders");
        assert_eq!(nth_sheet_name("Orders", 2), "Orders (2)");
        let long = "A very long sheet name of a list here";
        assert_eq!(nth_sheet_name(long, 1).chars().count(), 31);
        let third = nth_sheet_name(long, 3);
        assert!(
            third.ends_with(" (3)") && third.chars().count() == 31,
            "{third}"
        );
    }

    /// Past a sheet's rows the export goes on on a second and third sheet, each with the header
    /// row; every row is written once (a small sheet size stands in for Excel's 1,048,575).
    #[test]
    fn a_list_longer_than_a_sheet_continues_on_further_sheets() {
        use std::io::Read;
        let rows: Vec<anyhow::Result<Vec<Cell>>> = (1..=7)
            .map(|i| Ok(vec![Cell::text(format!("row {i}")), Cell::Int(i)]))
            .collect();
        let headers = vec!["Name".to_string(), "N".to_string()];
        let file = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(xlsx_file(
                "Orders",
                &headers,
                futures_util::stream::iter(rows),
                3,
            ))
            .unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut read = |name: &str| {
            let mut s = String::new();
            if let Ok(mut f) = zip.by_name(name) {
                f.read_to_string(&mut s).unwrap();
            }
            s
        };
        let book = read("xl/workbook.xml");
        for name in ["\"Orders\"", "\"Orders (2)\"", "\"Orders (3)\""] {
            assert!(book.contains(name), "{name} in {book}");
        }
        assert!(!book.contains("Orders (4)"));
        let mut texts = String::new();
        for (n, rows) in [(1, 4), (2, 4), (3, 2)] {
            let sheet = read(&format!("xl/worksheets/sheet{n}.xml"));
            assert_eq!(sheet.matches("<row ").count(), rows, "sheet {n}: {sheet}");
            texts.push_str(&sheet);
        }
        let strings = read("xl/sharedStrings.xml");
        for i in 1..=7 {
            assert!(
                strings.contains(&format!(">row {i}<")) || texts.contains(&format!(">row {i}<")),
                "row {i} written"
            );
        }
    }
}
