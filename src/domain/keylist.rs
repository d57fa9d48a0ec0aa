//! The key list as people work with it: the types a key client may carry (a filter).

use super::scoring::named_enum;

named_enum! {
    /// The labels a key client may carry (several at once).
    pub enum KeyType as "key client type" {
        /// Gives 10% or more of our total profit.
        Breadwinner => "breadwinner",
        /// Key, and buys much less than it could.
        Prospective => "prospective",
        /// A well-known name that lends us reputation.
        ImageMaker => "image_maker",
        /// Demanding on quality and service; knows the market.
        Expert => "expert",
    }
}
