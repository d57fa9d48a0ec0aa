//! The one permission gate. Every access decision in KAM Desk is `permissions::allows(...)`;
//! handlers and queries ask it and never re-implement it. The matrix is the foundation issue's.

use super::user::Role;

/// Something a user wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the key-client list with owners.
    ViewKeyList,
    /// See an account and its dossier.
    ViewAccount,
    /// Edit an account's dossier, contacts, deals, potential or footprint.
    EditAccount,
    /// Log orders, interactions and follow-ups on an account.
    LogActivity,
    /// Create a new account.
    CreateAccount,
    /// Assign an account's owner and team.
    AssignTeam,
    /// Pin key / not key, change scoring settings, run key-list reviews.
    ManageKeyList,
    /// Add, change and deactivate users.
    ManageUsers,
    /// See an account's key profile: its header, why it is key or not, and its team (less than
    /// [`Action::ViewAccount`]: no dossier, contacts, deals or orders).
    ViewKeyProfile,
    /// Offer to take on an unowned key client (a director then accepts or declines).
    OfferToOwn,
    /// Import orders from a file (each row only on accounts the user may see).
    ImportOrders,
    /// See the likely duplicate accounts of the whole base, merge a pair or dismiss it.
    MergeAccounts,
    /// Import the client base from a file (creates and updates any account, sets owners).
    ImportAccounts,
}

impl Action {
    /// Every action (for the matrix test and the route walk).
    pub const ALL: [Action; 13] = [
        Action::ViewKeyList,
        Action::ViewAccount,
        Action::EditAccount,
        Action::LogActivity,
        Action::CreateAccount,
        Action::AssignTeam,
        Action::ManageKeyList,
        Action::ManageUsers,
        Action::ViewKeyProfile,
        Action::OfferToOwn,
        Action::ImportOrders,
        Action::MergeAccounts,
        Action::ImportAccounts,
    ];
}

/// How the user relates to the account the action is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The action is not about one account (a list, the settings, users).
    NoAccount,
    /// The user is on the account's current team (owner, assistant or member).
    OnTeam,
    /// The user is not on the account's team.
    NotOnTeam,
    /// The user is not on the account's team, and the account is a key client that nobody
    /// owns. The alarm must reach the people who can end it: a KAM may see such a client's key
    /// profile and offer to take it on, but nothing more (see [`Action::ViewKeyProfile`]).
    UnownedKey,
}

impl Relation {
    /// Every relation (for the matrix test).
    pub const ALL: [Relation; 4] = [
        Relation::NoAccount,
        Relation::OnTeam,
        Relation::NotOnTeam,
        Relation::UnownedKey,
    ];
}

/// Whether `role`, standing in `relation` to the account, may do `action`.
pub fn allows(role: Role, action: Action, relation: Relation) -> bool {
    use Action::*;
    use Role::*;
    let on_team = relation == Relation::OnTeam;
    match (role, action) {
        (_, ViewKeyList) => true,
        (Admin | Director, ViewAccount | EditAccount | LogActivity) => true,
        (Kam, ViewAccount | EditAccount | LogActivity) => on_team,
        (Assistant, ViewAccount | LogActivity) => on_team,
        (Assistant, EditAccount) => false,
        (Admin | Director | Kam, CreateAccount) => true,
        (Assistant, CreateAccount) => false,
        (Admin | Director, AssignTeam | ManageKeyList) => true,
        (Kam | Assistant, AssignTeam | ManageKeyList) => false,
        (Admin, ManageUsers) => true,
        (Director | Kam | Assistant, ManageUsers) => false,
        (Admin | Director, ViewKeyProfile) => true,
        (Kam, ViewKeyProfile) => on_team || relation == Relation::UnownedKey,
        (Assistant, ViewKeyProfile) => on_team,
        // A KAM offers; a director assigns directly. Whether the client is still unowned and
        // key is checked with the offer, under the account's lock.
        (Kam, OfferToOwn) => relation != Relation::NotOnTeam,
        (Admin | Director | Assistant, OfferToOwn) => false,
        // Assistants log the orders (issue 10): the upload is theirs and the directors'; a KAM
        // logs orders one by one.
        (Admin | Director | Assistant, ImportOrders) => true,
        (Kam, ImportOrders) => false,
        // A merge moves a client's whole history and sees pairs across every team.
        (Admin | Director, MergeAccounts) => true,
        (Kam | Assistant, MergeAccounts) => false,
        // Loading the client base touches every account and sets owners: a director's or an
        // admin's job (issue 8).
        (Admin | Director, ImportAccounts) => true,
        (Kam | Assistant, ImportAccounts) => false,
    }
}

/// Whether the role sees every account, or only those whose team it is on; derived from the
/// gate so that list queries and the gate can never disagree.
pub fn sees_all_accounts(role: Role) -> bool {
    allows(role, Action::ViewAccount, Relation::NotOnTeam)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Relation::*;
    use Role::*;

    /// The matrix of the foundation issue, written out cell by cell as (action, relation) →
    /// [admin, director, kam, assistant].
    fn expected(action: Action, relation: Relation) -> [bool; 4] {
        match (action, relation) {
            (ViewKeyList, _) => [true, true, true, true],
            (ViewAccount, OnTeam) => [true, true, true, true],
            (ViewAccount, _) => [true, true, false, false],
            (EditAccount, OnTeam) => [true, true, true, false],
            (EditAccount, _) => [true, true, false, false],
            (LogActivity, OnTeam) => [true, true, true, true],
            (LogActivity, _) => [true, true, false, false],
            (CreateAccount, _) => [true, true, true, false],
            (AssignTeam, _) => [true, true, false, false],
            (ManageKeyList, _) => [true, true, false, false],
            (ManageUsers, _) => [true, false, false, false],
            (ViewKeyProfile, OnTeam) => [true, true, true, true],
            (ViewKeyProfile, UnownedKey) => [true, true, true, false],
            (ViewKeyProfile, _) => [true, true, false, false],
            (OfferToOwn, NotOnTeam) => [false, false, false, false],
            (OfferToOwn, _) => [false, false, true, false],
            (ImportOrders, _) => [true, true, false, true],
            (MergeAccounts, _) => [true, true, false, false],
            (ImportAccounts, _) => [true, true, false, false],
        }
    }

    #[test]
    fn the_gate_follows_the_matrix_in_every_cell() {
        let mut cells = 0;
        for action in Action::ALL {
            for relation in Relation::ALL {
                let want = expected(action, relation);
                for (i, role) in Role::ALL.into_iter().enumerate() {
                    assert_eq!(
                        allows(role, action, relation),
                        want[i],
                        "{role:?} {action:?} {relation:?}"
                    );
                    cells += 1;
                }
            }
        }
        assert_eq!(cells, 13 * 4 * 4);
    }

    #[test]
    fn an_unowned_key_client_shows_a_kam_its_key_profile_and_nothing_more() {
        assert!(allows(Kam, ViewKeyProfile, UnownedKey));
        assert!(allows(Kam, OfferToOwn, UnownedKey));
        for action in [
            ViewAccount,
            EditAccount,
            LogActivity,
            AssignTeam,
            ManageKeyList,
        ] {
            assert!(!allows(Kam, action, UnownedKey), "{action:?}");
        }
        assert!(!allows(Assistant, ViewKeyProfile, UnownedKey));
    }

    #[test]
    fn whoever_may_view_an_account_may_see_its_key_profile() {
        for role in Role::ALL {
            for relation in Relation::ALL {
                if allows(role, ViewAccount, relation) {
                    assert!(
                        allows(role, ViewKeyProfile, relation),
                        "{role:?} {relation:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn assistant_cannot_edit_even_their_own_accounts() {
        assert!(!allows(Assistant, EditAccount, OnTeam));
        assert!(allows(Assistant, LogActivity, OnTeam));
    }

    #[test]
    fn kam_cannot_reach_accounts_of_other_teams() {
        assert!(!allows(Kam, ViewAccount, NotOnTeam));
        assert!(!allows(Kam, LogActivity, NotOnTeam));
    }

    #[test]
    fn only_directors_and_admins_see_every_account() {
        assert!(sees_all_accounts(Admin));
        assert!(sees_all_accounts(Director));
        assert!(!sees_all_accounts(Kam));
        assert!(!sees_all_accounts(Assistant));
    }
}
