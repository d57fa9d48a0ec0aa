//! Field errors for forms that are shown again with a message beside each bad field.

use std::collections::BTreeMap;

/// Message keys by field name; empty means the form was valid.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(BTreeMap<&'static str, String>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error (message key) for a field; the first one per field wins.
    pub fn add(&mut self, field: &'static str, key: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| key.into());
    }

    /// The message key for a field, if it has an error.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.get(field).map(String::as_str)
    }

    /// Whether there are no errors.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Parses a value, recording the error under `field` and giving `None` when it fails.
    pub fn check<T>(&mut self, field: &'static str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(key) => {
                self.add(field, format!("error-{}", key.replace('_', "-")));
                None
            }
        }
    }
}

/// A path to return to after a form, accepted only when it stays on this site.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_a_form() {
        assert_eq!(local_path(Some("/accounts?q=1")), "/accounts?q=1");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn parse_errors_become_message_keys_beside_the_field() {
        let mut e = FieldErrors::new();
        assert_eq!(e.check::<u8>("email", Err("invalid_email")), None);
        assert_eq!(e.get("email"), Some("error-invalid-email"));
        assert!(!e.is_empty());
    }
}
