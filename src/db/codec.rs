//! How the domain's enumerations and reference codes travel to and from PostgreSQL: as their
//! stable text (the columns are `text` with a CHECK), so a row struct simply has
//! `pub status: Status`. Decoding a text the CHECK should have refused is an error that names
//! the value, never a default.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgHasArrayType, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

/// Implements `Type`, `Encode`, `Decode` (and arrays) for enumerations stored as their name;
/// `$name` is the method that gives the stored name.
macro_rules! text_codec {
    ($($ty:ty => $name:ident),+ $(,)?) => {$(
        impl Type<Postgres> for $ty {
            fn type_info() -> PgTypeInfo {
                <&str as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <&str as Type<Postgres>>::compatible(ty)
            }
        }

        impl PgHasArrayType for $ty {
            fn array_type_info() -> PgTypeInfo {
                <&str as PgHasArrayType>::array_type_info()
            }
        }

        impl Encode<'_, Postgres> for $ty {
            fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                <&str as Encode<Postgres>>::encode_by_ref(&self.$name(), buf)
            }
        }

        impl<'r> Decode<'r, Postgres> for $ty {
            fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                let text = <&str as Decode<Postgres>>::decode(value)?;
                text.parse::<$ty>().map_err(|e| {
                    format!(
                        "the database holds {text:?}, which is not a {}: {e}",
                        stringify!($ty)
                    )
                    .into()
                })
            }
        }
    )+};
}

text_codec!(
    crate::domain::industry::Industry => as_str,
    crate::domain::geo::Continent => as_str,
    crate::domain::geo::CountryCode => as_str,
    crate::domain::geo::LocationKind => as_str,
    crate::domain::user::Role => as_str,
    crate::domain::user::Language => code,
    crate::domain::scoring::Status => as_str,
    crate::domain::scoring::Pin => as_str,
    crate::domain::scoring::DecisionMaking => as_str,
    crate::domain::scoring::Segment => as_str,
    crate::domain::scoring::Reason => as_str,
    crate::domain::league::League => as_str,
    crate::domain::analysis::Abc => as_str,
    crate::domain::analysis::Xyz => as_str,
    crate::domain::analysis::Churn => as_str,
    crate::domain::team::TeamRole => as_str,
    crate::domain::team::TeamFunction => as_str,
    crate::domain::team::HandoverReason => as_str,
    crate::domain::team::OfferStatus => as_str,
    crate::domain::order::OrderStatus => as_str,
    crate::domain::import::JobState => as_str,
    crate::domain::import::JobKind => as_str,
    crate::domain::review::ReviewStatus => as_str,
    crate::domain::review::Decision => as_str,
    crate::domain::review::Change => as_str,
    crate::domain::deal::DealKind => as_str,
    crate::domain::deal::DealStage => as_str,
    crate::domain::deal::OutcomeReason => as_str,
    crate::domain::money::Currency => as_str,
    crate::domain::timeline::Event => as_str,
    crate::domain::contact::DecisionRole => as_str,
    crate::domain::contact::Influence => as_str,
    crate::domain::contact::Attitude => as_str,
    crate::domain::interaction::InteractionKind => as_str,
    crate::domain::dossier::Section => as_str,
    crate::domain::plan::ObjectiveKind => as_str,
    crate::domain::plan::ActionStatus => as_str,
);
