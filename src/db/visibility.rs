//! Which accounts a user may see, in SQL: the one building block that every list, search,
//! export and count of account data uses (see docs/architecture.md, "Visibility").
//!
//! The rule itself is the permission gate's: a role that [`sees_all_accounts`] sees every
//! account, any other role only the accounts whose *current* team it is on. [`AccountScope`]
//! carries that decision from Rust into SQL; [`AccountScope::push_visible`] writes the condition
//! into a query. Nothing else in `src/db` may restate "on the account's current team".
//!
//! ```
//! use kamdesk::db::visibility::AccountScope;
//! use kamdesk::domain::{ids::UserId, user::Role};
//! use sqlx::{Postgres, QueryBuilder};
//!
//! let scope = AccountScope::for_user(UserId::new(), Role::Kam); // in a handler: me.scope()
//! let mut q = QueryBuilder::<Postgres>::new("SELECT c.id, c.name FROM contacts c WHERE ");
//! scope.push_visible(&mut q, "c.account_id");
//! q.push(" ORDER BY c.name LIMIT ").push_bind(50_i64);
//! assert!(q.sql().contains("vis_t.account_id = c.account_id"));
//! // then: q.build_query_as::<ContactRow>().fetch_all(db).await
//! ```
//!
//! Each scope writes its own SQL text: `TRUE` for those who see everything, an `EXISTS` on the
//! team's partial index (`account_team_one_current`, `account_team_user_idx`) for the others.
//! Different texts are different prepared statements, so PostgreSQL plans each case for what
//! it is (a director's list walks the name index; a KAM's starts from their few team rows)
//! instead of one generic plan with an `$1 IS NULL OR ...` it cannot simplify.

use crate::domain::ids::UserId;
use crate::domain::permissions::{Action, Relation, allows, sees_all_accounts};
use crate::domain::user::Role;
use sqlx::{Postgres, QueryBuilder};

/// The accounts a query may return rows of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountScope {
    /// Every account: the roles that see all accounts.
    All,
    /// Only the accounts whose current team this user is on.
    TeamOf(UserId),
}

impl AccountScope {
    /// What a user with `role` may see: derived from the permission gate, never restated.
    pub fn for_user(user: UserId, role: Role) -> AccountScope {
        if sees_all_accounts(role) {
            AccountScope::All
        } else {
            AccountScope::TeamOf(user)
        }
    }

    /// Whether an account standing in `relation` to the user is inside the scope: the pure
    /// mirror of the SQL [`push_visible`](Self::push_visible) writes.
    pub fn admits(self, relation: Relation) -> bool {
        match self {
            AccountScope::All => true,
            AccountScope::TeamOf(_) => relation == Relation::OnTeam,
        }
    }

    /// Appends a boolean SQL condition that holds when the account whose id is the SQL
    /// expression `account` is in this scope. Binds its own parameters; use it after `WHERE`,
    /// `AND`, or inside `CASE WHEN` (to show a field only for visible accounts).
    pub fn push_visible(self, q: &mut QueryBuilder<'_, Postgres>, account: &str) {
        match self {
            AccountScope::All => {
                q.push("TRUE");
            }
            AccountScope::TeamOf(user) => {
                q.push(format!(
                    "EXISTS (SELECT 1 FROM account_team vis_t WHERE vis_t.account_id = {account} \
                     AND vis_t.ended_on IS NULL AND vis_t.user_id = "
                ));
                q.push_bind(user);
                q.push(")");
            }
        }
    }
}

/// Appends a boolean SQL condition that holds when the account `account` is a key client (as
/// the last recompute stored it) without a current owner: the alarm the gate's
/// [`Relation::UnownedKey`] answers. The one place that says so in SQL.
pub fn push_unowned_key(q: &mut QueryBuilder<'_, Postgres>, account: &str) {
    q.push(format!(
        "(EXISTS (SELECT 1 FROM scoring_results uk_r WHERE uk_r.account_id = {account} AND uk_r.is_key) \
         AND NOT EXISTS (SELECT 1 FROM account_team uk_o WHERE uk_o.account_id = {account} \
         AND uk_o.team_role = 'owner' AND uk_o.ended_on IS NULL))"
    ));
}

/// The accounts whose *key profile* (header, why key or not, team: [`Action::ViewKeyProfile`])
/// a user may see: their [`AccountScope`], and, for a role the gate lets see unowned key
/// clients (a KAM), every key client nobody owns. Lists use it for their links to a client's
/// team page; the gate's [`Relation::UnownedKey`] is its single-account mirror.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileScope {
    scope: AccountScope,
    unowned_key: bool,
}

impl ProfileScope {
    /// What a user with `role` may see the key profile of, derived from the gate.
    pub fn for_user(user: UserId, role: Role) -> ProfileScope {
        let scope = AccountScope::for_user(user, role);
        ProfileScope {
            scope,
            unowned_key: scope != AccountScope::All
                && allows(role, Action::ViewKeyProfile, Relation::UnownedKey),
        }
    }

    /// Whether an account standing in `relation` to the user is inside: the pure mirror of
    /// [`push_visible`](Self::push_visible).
    pub fn admits(self, relation: Relation) -> bool {
        self.scope.admits(relation) || (self.unowned_key && relation == Relation::UnownedKey)
    }

    /// Appends the SQL condition, as [`AccountScope::push_visible`] does.
    pub fn push_visible(self, q: &mut QueryBuilder<'_, Postgres>, account: &str) {
        if !self.unowned_key {
            return self.scope.push_visible(q, account);
        }
        q.push("(");
        self.scope.push_visible(q, account);
        q.push(" OR ");
        push_unowned_key(q, account);
        q.push(")");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_admits_exactly_the_accounts_the_gate_lets_a_role_view() {
        let me = UserId::new();
        for role in Role::ALL {
            let scope = AccountScope::for_user(me, role);
            for relation in [Relation::OnTeam, Relation::NotOnTeam, Relation::UnownedKey] {
                assert_eq!(
                    scope.admits(relation),
                    allows(role, Action::ViewAccount, relation),
                    "{role:?} {relation:?}"
                );
            }
        }
    }

    #[test]
    fn the_profile_scope_admits_exactly_the_key_profiles_the_gate_lets_a_role_see() {
        let me = UserId::new();
        for role in Role::ALL {
            let scope = ProfileScope::for_user(me, role);
            for relation in [Relation::OnTeam, Relation::NotOnTeam, Relation::UnownedKey] {
                assert_eq!(
                    scope.admits(relation),
                    allows(role, Action::ViewKeyProfile, relation),
                    "{role:?} {relation:?}"
                );
            }
        }
    }

    #[test]
    fn only_a_kams_profile_scope_reaches_unowned_key_clients_in_sql() {
        let me = UserId::new();
        let sql = |role| {
            let mut q = QueryBuilder::<Postgres>::new("SELECT 1 WHERE ");
            ProfileScope::for_user(me, role).push_visible(&mut q, "a.id");
            q.sql().to_string()
        };
        assert!(sql(Role::Kam).contains("uk_r.is_key"));
        assert!(!sql(Role::Assistant).contains("uk_r"));
        assert_eq!(sql(Role::Director), "SELECT 1 WHERE TRUE");
    }

    #[test]
    fn a_kam_is_scoped_to_their_teams_and_a_director_to_everything() {
        let me = UserId::new();
        assert_eq!(
            AccountScope::for_user(me, Role::Kam),
            AccountScope::TeamOf(me)
        );
        assert_eq!(
            AccountScope::for_user(me, Role::Director),
            AccountScope::All
        );
    }

    #[test]
    fn each_scope_writes_its_own_sql() {
        let mut all = QueryBuilder::<Postgres>::new("SELECT 1 WHERE ");
        AccountScope::All.push_visible(&mut all, "a.id");
        assert_eq!(all.sql(), "SELECT 1 WHERE TRUE");
        let mut team = QueryBuilder::<Postgres>::new("SELECT 1 WHERE ");
        AccountScope::TeamOf(UserId::new()).push_visible(&mut team, "a.id");
        assert!(
            team.sql().contains("vis_t.account_id = a.id"),
            "{}",
            team.sql()
        );
        assert!(
            team.sql().ends_with("vis_t.user_id = $1)"),
            "{}",
            team.sql()
        );
    }
}
