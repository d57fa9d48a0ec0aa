//! Imports from files: where a job stands, and what is wrong with a line of the file. Problems
//! name the line (1 is the header), the column and a message key, so the page shows them in
//! the reader's language and the command line in English.

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

/// One thing wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The line of the file (1: the header).
    pub line: u64,
    /// The column's name as the file has it (empty when the whole line is wrong).
    pub column: String,
    /// The message key (`error-…`, optionally `#N` with a limit).
    pub reason: String,
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
        self.count += 1;
        if self.first.len() < MAX_PROBLEMS {
            self.first.push(Problem {
                line,
                column: column.to_string(),
                reason: reason.into(),
            });
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
