//! Two people saving the same part of an account at once: the second save is refused and its
//! form comes back (409) with both versions side by side — what the reader typed, kept in the
//! form, beside what is stored now and who saved it — so nothing typed is lost and nothing is
//! silently overwritten. The form then carries the stored version, so saving again is a
//! deliberate choice made after seeing the other edit.
//!
//! Any form can use it: fill a [`ConflictView`] with one row per field (values as the page
//! shows them, in the reader's language), put it in the page struct as
//! `conflict: Option<ConflictView>`, `{% include "conflict.html" %}` above the form, and answer
//! `Err(AppError::conflict(page))`. The versions themselves come from `db::dossier::claim`
//! (parts of an account) or a `version` column (records of a list, such as competitors).

use chrono::{DateTime, Utc};

/// The stored version beside the reader's input.
#[derive(Debug, Clone, Default)]
pub struct ConflictView {
    /// Who saved the stored version.
    pub by: Option<String>,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// One row per field of the form.
    pub rows: Vec<ConflictRow>,
    /// The record was removed in the meantime (nothing is stored to show).
    pub removed: bool,
}

/// One field: the reader's input and the stored value.
#[derive(Debug, Clone)]
pub struct ConflictRow {
    /// Message key of the field's name.
    pub label: String,
    /// What the reader typed (kept in the form as well).
    pub yours: String,
    /// What is stored now.
    pub theirs: String,
}

impl ConflictRow {
    /// Whether the two versions differ in this field (highlighted).
    pub fn differs(&self) -> bool {
        self.yours.trim() != self.theirs.trim()
    }
}

impl ConflictView {
    /// A conflict with the version saved by `by` at `at`.
    pub fn new(by: Option<String>, at: Option<DateTime<Utc>>) -> ConflictView {
        ConflictView {
            by,
            at,
            ..ConflictView::default()
        }
    }

    /// The record the form edits is gone.
    pub fn removed() -> ConflictView {
        ConflictView {
            removed: true,
            ..ConflictView::default()
        }
    }

    /// Adds a field's two values.
    pub fn row(
        mut self,
        label: impl Into<String>,
        yours: impl Into<String>,
        theirs: impl Into<String>,
    ) -> ConflictView {
        self.rows.push(ConflictRow {
            label: label.into(),
            yours: yours.into(),
            theirs: theirs.into(),
        });
        self
    }
}
