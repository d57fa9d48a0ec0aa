//! Name keys: how a company name is searched for and how two accounts are recognised as likely
//! the same client, in either script.
//!
//! A client base imported from an ERP and typed by several people holds the same company as
//! "ООО «ЛидерСемья»", "LiderSemya LLC" and "Lidersemja". Two keys are derived from a name and
//! stored beside it (`accounts.search_key`, `accounts.duplicate_key`):
//!
//! - [`search_key`]: the name folded to one Latin spelling: transliterated (by the `deunicode`
//!   crate, which covers every script), lower-cased, punctuation to spaces, and the spelling
//!   variants of transliteration made one (`я` = `ya` = `ja` = `ia`, `х` = `kh` = `h`, `x` =
//!   `ks`, doubled letters once). The list folds the query the same way and looks for it as a
//!   substring, so "лидер", "Lider" and "semya" all find both spellings.
//! - [`duplicate_key`]: the search key without legal forms (ООО, OOO, LLC, GmbH, "общество с
//!   ограниченной ответственностью" ...) and without spaces. Equal keys are likely duplicates
//!   (the directors' list of pairs reads them through an index); [`likely_duplicates`] also
//!   accepts a near match (a typo) for the warning shown when an account is created.
//!
//! The fold is a heuristic, not a standard transliteration: it only has to map the usual
//! spellings of one name to one key, both ways. Known limits: `c` is read as `k` (or `s`
//! before e, i, y), so "Цемент"/"Cement" stay apart; the key never changes a name, it only
//! finds candidates that a person then merges or dismisses.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The name folded for searching: one Latin spelling, lower case, words separated by one space.
///
/// ```
/// use kamdesk::domain::duplicate::search_key;
/// assert_eq!(search_key("ООО «ЛидерСемья»"), "o lidersemia");
/// assert_eq!(search_key("LiderSemya"), "lidersemia");
/// ```
pub fn search_key(name: &str) -> String {
    words(name).join(" ")
}

/// The name folded for duplicate detection: the search key without legal forms and spaces.
/// A name that is nothing but a legal form keeps it (so "ООО" is not everyone's twin).
/// Doubled letters are written once, so "ООО" folds to "o".
///
/// ```
/// use kamdesk::domain::duplicate::duplicate_key;
/// assert_eq!(duplicate_key("ООО «ЛидерСемья»"), duplicate_key("LiderSemya LLC"));
/// ```
pub fn duplicate_key(name: &str) -> String {
    let all = words(name);
    let kept = strip_legal_forms(&all);
    if kept.is_empty() {
        all.concat()
    } else {
        kept.concat()
    }
}

/// How alike two duplicate keys are, from 0 (nothing in common) to 1 (equal): one minus the
/// edit distance over the longer length.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    strsim::normalized_damerau_levenshtein(a, b)
}

/// The least [`similarity`] of two keys of at least [`MIN_FUZZY_LEN`] letters for the names to
/// be likely duplicates: one typo in eight letters ("Lidersemia" / "Lidersemie").
pub const SIMILAR: f64 = 0.85;

/// Shorter keys must be equal: "abc" and "abd" are different companies.
pub const MIN_FUZZY_LEN: usize = 6;

/// Whether two company names are likely the same client: their duplicate keys are equal, or
/// both are long enough and [`SIMILAR`].
pub fn likely_duplicates(a: &str, b: &str) -> bool {
    keys_likely_duplicates(&duplicate_key(a), &duplicate_key(b))
}

/// [`likely_duplicates`] over keys already derived (as stored).
pub fn keys_likely_duplicates(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b
        || (a.chars().count() >= MIN_FUZZY_LEN
            && b.chars().count() >= MIN_FUZZY_LEN
            && similarity(a, b) >= SIMILAR)
}

/// The folded words of a text.
fn words(text: &str) -> Vec<String> {
    // Russian writes ё as е as often as not ("Василёк" / "Василек" / "Vasilek").
    let text = text.replace('ё', "е").replace('Ё', "Е");
    let ascii = deunicode::deunicode(&text).to_lowercase();
    // The soft and hard signs come out as apostrophes: they are not word breaks ("Sem'ia").
    let joined: String = ascii
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | '`'))
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    joined.split_whitespace().map(canonical).collect()
}

/// One word's spelling variants made one.
fn canonical(word: &str) -> String {
    let w = word
        .replace("shch", "sh")
        .replace("sch", "sh")
        .replace("kh", "h")
        .replace("ck", "k")
        .replace("ph", "f")
        .replace('x', "ks")
        .replace('w', "v")
        .replace('q', "k");
    let bytes = w.as_bytes();
    let mut out = String::with_capacity(w.len());
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            b'c' => match bytes.get(i + 1) {
                Some(b'e' | b'i' | b'y') => 's',
                _ => 'k',
            },
            b'j' | b'y' => 'i',
            _ => b as char,
        };
        // Doubled letters once: "Kommersant" = "Komersant", "ii" (from "ий") = "i".
        if !(c.is_ascii_alphabetic() && out.ends_with(c)) {
            out.push(c);
        }
    }
    out
}

/// Legal forms, each as the words it folds to, longest first.
static LEGAL_FORMS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut forms: Vec<Vec<String>> = [
        "общество с ограниченной ответственностью",
        "публичное акционерное общество",
        "открытое акционерное общество",
        "закрытое акционерное общество",
        "непубличное акционерное общество",
        "акционерное общество",
        "индивидуальный предприниматель",
        "товарищество с ограниченной ответственностью",
        "группа компаний",
        "limited liability company",
        "public limited company",
        "ооо",
        "оао",
        "зао",
        "пао",
        "нао",
        "ао",
        "ип",
        "тоо",
        "ук",
        "гк",
        "фгуп",
        "гуп",
        "муп",
        "ано",
        "нко",
        "llc",
        "llp",
        "ltd",
        "limited",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "plc",
        "oy",
        "ab",
        "as",
        "pjsc",
        "ojsc",
        "cjsc",
        "jsc",
        "group",
    ]
    .iter()
    .map(|f| words(f))
    .collect::<HashSet<_>>()
    .into_iter()
    .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms
});

/// The words without the legal forms among them.
fn strip_legal_forms(words: &[String]) -> Vec<String> {
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    'outer: while i < words.len() {
        for form in LEGAL_FORMS.iter() {
            if words[i..].starts_with(form) {
                i += form.len();
                continue 'outer;
            }
        }
        kept.push(words[i].clone());
        i += 1;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transliterated_twin_is_a_likely_duplicate() {
        assert!(likely_duplicates("LiderSemya", "ЛидерСемья"));
        assert!(likely_duplicates("ООО «ЛидерСемья»", "Lidersemja LLC"));
        assert!(likely_duplicates("Яндекс", "Yandex"));
        assert!(likely_duplicates("Химпром", "Khimprom"));
        assert!(likely_duplicates("Коммерсант", "Kommersant"));
    }

    #[test]
    fn legal_forms_in_either_script_do_not_make_names_different() {
        let key = duplicate_key("Ромашка");
        for name in [
            "ООО Ромашка",
            "OOO Romashka",
            "Romashka LLC",
            "Ромашка, ООО",
            "Общество с ограниченной ответственностью «Ромашка»",
            "АО \"Ромашка\"",
            "Romashka Ltd.",
        ] {
            assert_eq!(duplicate_key(name), key, "{name}");
        }
    }

    #[test]
    fn a_one_letter_typo_in_a_long_name_is_a_likely_duplicate() {
        assert!(likely_duplicates("Северсталь", "Severstal"));
        assert!(likely_duplicates("Severstal", "Severstall Group"));
        assert!(likely_duplicates("Transneft", "Transnieft"));
    }

    #[test]
    fn different_companies_are_not_duplicates() {
        assert!(!likely_duplicates("Ромашка", "Василёк"));
        assert!(!likely_duplicates("Alfa", "Alba"));
        assert!(!likely_duplicates("ООО Альфа", "ООО Бета"));
        assert!(!likely_duplicates("Северсталь", "Северный завод"));
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_keeps_it() {
        assert_eq!(duplicate_key("ООО"), "o");
        assert!(!likely_duplicates("ООО", "АО"));
        assert!(!likely_duplicates("", "ООО"));
    }

    #[test]
    fn the_search_key_folds_case_script_and_punctuation() {
        assert_eq!(search_key("  ЗАО «Химки-Авто»  "), "zao himki avto");
        assert_eq!(search_key("Khimki AVTO"), "himki avto");
        assert_eq!(search_key("лидер"), "lider");
        assert!(search_key("ООО «ЛидерСемья»").contains(&search_key("семья")));
        assert!(search_key("LiderSemya").contains(&search_key("Семья")));
        assert_eq!(search_key("50% скидка"), "50 skidka");
        assert_eq!(search_key("Василёк"), search_key("Vasilek"));
    }

    #[test]
    fn similarity_is_one_for_equal_keys_and_falls_with_edits() {
        assert_eq!(similarity("abcdef", "abcdef"), 1.0);
        assert!(similarity("abcdef", "abcdeg") < 1.0);
        assert_eq!(similarity("", ""), 1.0);
    }
}
