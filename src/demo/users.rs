//! The twelve demo people.

use anyhow::{Context, Result};
use sqlx::PgConnection;

use super::Generator;
use super::random::{at, days_before};
use super::reference::{DEMO_USERS, KAMS};
use crate::db;
use crate::domain::ids::UserId;

impl Generator {
    /// The demo users, in the order of `DEMO_USERS`.
    pub(crate) fn user_rows<'a>(&self, password_hash: &'a str) -> Vec<db::users::NewUser<'a>> {
        DEMO_USERS
            .iter()
            .map(|u| db::users::NewUser {
                email: u.email,
                name: u.name,
                role: u.role,
                language: u.language,
                password_hash,
            })
            .collect()
    }

    /// Their ids.
    pub(crate) fn user_ids(&self) -> Vec<UserId> {
        self.users.iter().copied().map(UserId).collect()
    }

    /// Writes the demo users; returns how many.
    pub(crate) async fn write_users(
        &self,
        conn: &mut PgConnection,
        password_hash: &str,
    ) -> Result<usize> {
        let created = at(days_before(self.today, 400), 7 * 3600);
        let rows = self.user_rows(password_hash);
        db::users::insert_many(&mut *conn, &self.user_ids(), &rows, Some(created))
            .await
            .context("inserting demo users")?;
        // Who assists whom, as the team generator places them (`assistant_of`).
        for kam in 0..KAMS {
            db::teams::assign_assistant(
                &mut *conn,
                UserId(self.assistant_of(kam)),
                &[UserId(self.kam(kam))],
                Some(days_before(self.today, 400)),
                None,
            )
            .await
            .context("assigning the demo assistants")?;
        }
        Ok(rows.len())
    }
}
