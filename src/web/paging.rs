//! Numbered pages of a list: which rows a page shows, and links to the pages around it that
//! keep the list's filters.
//!
//! ```
//! use kamdesk::web::paging::Pager;
//! let p = Pager::new("/tenders", vec![("q", "Tyres".into())], Some("3"), 50, 260);
//! assert_eq!((p.offset(), p.pages()), (100, 6));
//! assert_eq!(p.href(4), "/tenders?q=Tyres&page=4");
//! ```

/// A list cut into pages of `per_page` rows.
#[derive(Debug, Clone)]
pub struct Pager {
    path: String,
    params: Vec<(&'static str, String)>,
    /// The page shown, from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// Rows in the whole list.
    pub total: i64,
}

impl Pager {
    /// Page `raw` (from the query string; anything unreadable is page 1, past the end the last
    /// page) of a list of `total` rows at `path`, whose filters are `params` (empty values are
    /// left out of the links).
    pub fn new(
        path: impl Into<String>,
        params: Vec<(&'static str, String)>,
        raw: Option<&str>,
        per_page: i64,
        total: i64,
    ) -> Pager {
        let per_page = per_page.max(1);
        let pages = ((total + per_page - 1) / per_page).max(1);
        let page = raw
            .and_then(|r| r.trim().parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        Pager {
            path: path.into(),
            params: params.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
            page,
            per_page,
            total,
        }
    }

    /// Page `raw` of a list at `path` (as [`Pager::new`]), counted by `count` and read by
    /// `rows(limit, offset)`. A list whose filter was refused (a message beside the search box)
    /// is empty and reads nothing.
    pub async fn load<T>(
        path: impl Into<String>,
        params: Vec<(&'static str, String)>,
        raw: Option<&str>,
        per_page: i64,
        refused: bool,
        count: impl Future<Output = sqlx::Result<i64>>,
        rows: impl AsyncFnOnce(i64, i64) -> sqlx::Result<Vec<T>>,
    ) -> sqlx::Result<(Pager, Vec<T>)> {
        let total = if refused { 0 } else { count.await? };
        let pager = Pager::new(path, params, raw, per_page, total);
        let rows = if refused {
            Vec::new()
        } else {
            rows(pager.per_page, pager.offset()).await?
        };
        Ok((pager, rows))
    }

    /// Rows before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    /// How many pages there are (at least one).
    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }

    /// The first row shown, counted from 1 (0 for an empty list).
    pub fn first_row(&self) -> i64 {
        if self.total == 0 {
            0
        } else {
            self.offset() + 1
        }
    }

    /// The last row shown.
    pub fn last_row(&self) -> i64 {
        (self.offset() + self.per_page).min(self.total)
    }

    /// The previous page, if any.
    pub fn previous(&self) -> Option<i64> {
        (self.page > 1).then(|| self.page - 1)
    }

    /// The next page, if any.
    pub fn next(&self) -> Option<i64> {
        (self.page < self.pages()).then(|| self.page + 1)
    }

    /// The link to `page` with the same filters.
    pub fn href(&self, page: i64) -> String {
        let mut params: Vec<(&str, String)> = self.params.clone();
        if page > 1 {
            params.push(("page", page.to_string()));
        }
        self.with(&params)
    }

    /// The list's filters as a query string (for its exports), starting with `?` when any.
    pub fn query(&self) -> String {
        let q = serde_urlencoded::to_string(&self.params).unwrap_or_default();
        if q.is_empty() { q } else { format!("?{q}") }
    }

    /// The first page of the list with each `(key, value)` of `changes` set (an empty value
    /// drops the key): the link of a sortable column's header.
    pub fn href_with(&self, changes: &[(&'static str, &str)]) -> String {
        let mut params = self.params.clone();
        for (key, value) in changes {
            params.retain(|(k, _)| k != key);
            if !value.is_empty() {
                params.push((key, (*value).to_string()));
            }
        }
        self.with(&params)
    }

    fn with(&self, params: &[(&str, String)]) -> String {
        let q = serde_urlencoded::to_string(params).unwrap_or_default();
        if q.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{q}", self.path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_out_of_range_is_the_nearest_one() {
        assert_eq!(Pager::new("/x", vec![], Some("0"), 10, 35).page, 1);
        assert_eq!(Pager::new("/x", vec![], Some("9"), 10, 35).page, 4);
        assert_eq!(Pager::new("/x", vec![], Some("zwei"), 10, 35).page, 1);
        assert_eq!(Pager::new("/x", vec![], None, 10, 0).pages(), 1);
    }

    #[test]
    fn links_keep_the_filters_and_encode_them() {
        let p = Pager::new(
            "/pipeline",
            vec![("q", "Тендер & Co".into()), ("kind", String::new())],
            Some("2"),
            10,
            25,
        );
        assert_eq!(p.previous(), Some(1));
        assert_eq!(p.next(), Some(3));
        assert_eq!(
            p.href(1),
            "/pipeline?q=%D0%A2%D0%B5%D0%BD%D0%B4%D0%B5%D1%80+%26+Co"
        );
        assert!(p.href(3).ends_with("&page=3"));
        assert_eq!((p.first_row(), p.last_row()), (11, 20));
        assert_eq!(Pager::new("/x", vec![], Some("3"), 10, 25).last_row(), 25);
        assert_eq!(Pager::new("/x", vec![], None, 10, 25).query(), "");
    }

    #[test]
    fn a_changed_link_goes_back_to_the_first_page_and_keeps_the_other_filters() {
        let p = Pager::new(
            "/c",
            vec![("q", "Anna".into()), ("dir", "desc".into())],
            Some("2"),
            10,
            25,
        );
        assert_eq!(
            p.href_with(&[("sort", "title"), ("dir", "")]),
            "/c?q=Anna&sort=title"
        );
    }
}
