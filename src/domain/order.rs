//! Orders logged by assistants, tracked until delivered.

use crate::domain::scoring::named_enum;

named_enum! {
    /// An order's progress until delivery.
    pub enum OrderStatus as "order status" {
        /// Logged.
        Placed => "placed",
        /// Confirmed by us.
        Confirmed => "confirmed",
        /// On its way.
        Shipped => "shipped",
        /// Delivered.
        Delivered => "delivered",
        /// Called off.
        Cancelled => "cancelled",
    }
}
