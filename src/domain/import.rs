//! Imports from files: where a job stands, and what is wrong with a line of the file. Problems
//! name the line (1 is the header), the column and a message key, so the page shows them in
//! the reader's language and the command line in English. Every kind of import ([`JobKind`])
//! runs as a job of the one jobs table (`db::import_jobs`) with the one job page.

use crate::domain::scoring::named_enum;
use serde::{Deserialize, Serialize};

named_enum! {
    /// Where an import stands.
    pub enum JobState as "import state" {
        /// Reading and writing.
        Running => "running",
        /// Every row was good: imported (or, for a dry run, checked).
        Succeeded => "succeeded",
        /// Bad rows: nothing was imported; the problems say why.
        Refused => "refused",
        /// Stopped by an error of ours or the server's (or the server stopped): nothing was
        /// imported.
        Failed => "failed",
    }
}

named_enum! {
    /// What an import job loads.
    pub enum JobKind as "import kind" {
        /// Orders (`kamdesk import orders`, the orders' upload page).
        Orders => "orders",
        /// The client base (`kamdesk import accounts`, the accounts' upload page).
        Accounts => "accounts",
    }
}

/// One thing wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The line of the file (1: the header).
    pub line: u64,
    /// The column's name as the file has it (empty when the whole line is wrong).
    pub column: String,
    /// The message key (`error-…`, optionally `#N` with a limit).
    pub reason: String,
    /// The offending value or name as the file has it (shortened; may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// How much of an offending value a problem keeps.
const DETAIL_CHARS: usize = 60;

impl Problem {
    /// A problem of a whole line (or of the file, at line 1).
    pub fn line(line: u64, reason: impl Into<String>, detail: &str) -> Problem {
        Problem::cell(line, "", reason, detail)
    }

    /// A problem of one cell.
    pub fn cell(line: u64, column: &str, reason: impl Into<String>, detail: &str) -> Problem {
        Problem {
            line,
            column: column.to_string(),
            reason: reason.into(),
            detail: detail.chars().take(DETAIL_CHARS).collect(),
        }
    }
}

/// Problems kept for the report: beyond these only the count grows (a file with a million bad
/// rows must not make a report of a million lines).
pub const MAX_PROBLEMS: usize = 1000;

/// The problems of an import: the first [`MAX_PROBLEMS`] and how many there were in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problems {
    /// The first problems, in file order.
    pub first: Vec<Problem>,
    /// How many there were.
    pub count: u64,
}

impl Problems {
    /// Records a problem.
    pub fn add(&mut self, line: u64, column: &str, reason: impl Into<String>) {
        self.push(Problem::cell(line, column, reason, ""));
    }

    /// Records a problem built by the caller.
    pub fn push(&mut self, problem: Problem) {
        self.count += 1;
        if self.first.len() < MAX_PROBLEMS {
            self.first.push(problem);
        }
    }

    /// Whether there were none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// How many are not in [`Problems::first`].
    pub fn more(&self) -> u64 {
        self.count - self.first.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_beyond_the_cap_are_counted_not_kept() {
        let mut p = Problems::default();
        for line in 0..(MAX_PROBLEMS as u64 + 5) {
            p.add(line + 2, "amount", "error-money-negative");
        }
        assert_eq!(p.first.len(), MAX_PROBLEMS);
        assert_eq!(p.count, MAX_PROBLEMS as u64 + 5);
        assert_eq!(p.more(), 5);
        assert_eq!(p.first[0].line, 2);
    }
}
