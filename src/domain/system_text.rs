//! Text shown to people: either what a person typed, kept as typed, or what the system wrote,
//! kept as a message key with arguments and rendered in the reader's language.
//!
//! A stored row says which one it holds with a pair of columns beside the text column: for
//! `follow_ups.title` they are `title_key` and `title_args`. The key is NULL for typed text; when
//! it is set, the text column is empty and the arguments are a JSON object. The keys the system
//! may store are the [`SystemMessage`] values: they are a stable contract (rows outlive
//! releases), so a key is never renamed or removed, only added; its wording may change freely.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::scoring::named_enum;

named_enum! {
    /// Every message the system writes into a row. Each is a key of both catalogs.
    pub enum SystemMessage as "system message" {
        /// Follow-up raised for an account nobody owns.
        FindOwner => "fu-find-owner",
        /// Follow-up on a lost client.
        WinBack => "fu-win-back",
        /// Follow-up on an open deal.
        SendProposal => "fu-send-proposal",
        /// Follow-up on an open tender.
        PrepareTender => "fu-prepare-tender",
        /// Follow-up on an open deal.
        AgreeFinalPrice => "fu-agree-final-price",
        /// Follow-up on a recent order; `date` is the order's date.
        ChaseDelivery => "fu-chase-delivery",
        /// Follow-up with a contact; `name` is the contact's name.
        CallAboutVolumes => "fu-call-about-volumes",
        /// Follow-up with a contact; `name`.
        SendCertificates => "fu-send-certificates",
        /// Follow-up with a contact; `name`.
        MeetContact => "fu-meet-contact",
        /// General follow-up.
        AgreePriceList => "fu-agree-price-list",
        /// General follow-up.
        VisitMainSite => "fu-visit-main-site",
        /// General follow-up.
        UpdateDevelopmentPlans => "fu-update-development-plans",
        /// General follow-up.
        CheckPayments => "fu-check-payments",
        /// General follow-up.
        PrepareBusinessReview => "fu-prepare-business-review",
        /// An order line: `product` (a product key) delivered to `site` (a city as typed).
        OrderForSite => "order-for-site",
        /// Product line.
        DryMixes => "product-dry-mixes",
        /// Product line.
        InsulationBoards => "product-insulation-boards",
        /// Product line.
        Fasteners => "product-fasteners",
        /// Product line.
        FormworkHire => "product-formwork-hire",
        /// Product line.
        Waterproofing => "product-waterproofing",
        /// Product line.
        CoreRange => "product-core-range",
        /// Product line.
        SeasonalRange => "product-seasonal-range",
        /// Product line.
        PrivateLabel => "product-private-label",
        /// Product line.
        PromoBatch => "product-promo-batch",
        /// Product line.
        ShopFittings => "product-shop-fittings",
        /// Product line.
        SpareParts => "product-spare-parts",
        /// Product line.
        Consumables => "product-consumables",
        /// Product line.
        Lubricants => "product-lubricants",
        /// Product line.
        Tooling => "product-tooling",
        /// Product line.
        MaintenanceKits => "product-maintenance-kits",
        /// Product line.
        NewListings => "product-new-listings",
        /// Product line.
        PalletLot => "product-pallet-lot",
        /// Product line.
        PackagingMaterials => "product-packaging-materials",
        /// Product line.
        LabConsumables => "product-lab-consumables",
        /// Product line.
        CleanroomSupplies => "product-cleanroom-supplies",
        /// Product line.
        ColdChainContainers => "product-cold-chain-containers",
        /// Product line.
        Tableware => "product-tableware",
        /// Product line.
        CleaningSupplies => "product-cleaning-supplies",
        /// Product line.
        KitchenConsumables => "product-kitchen-consumables",
        /// Product line.
        Textiles => "product-textiles",
        /// Product line.
        StretchFilm => "product-stretch-film",
        /// Product line.
        RackingParts => "product-racking-parts",
        /// Product line.
        Packaging => "product-packaging",
        /// Product line.
        ForkliftParts => "product-forklift-parts",
        /// Product line.
        PackagingFilm => "product-packaging-film",
        /// Product line.
        Ingredients => "product-ingredients",
        /// Product line.
        SanitationChemicals => "product-sanitation-chemicals",
        /// Product line.
        Labels => "product-labels",
        /// Product line.
        CableProducts => "product-cable-products",
        /// Product line.
        Valves => "product-valves",
        /// Product line.
        Insulation => "product-insulation",
        /// Product line.
        OilsAndFluids => "product-oils-and-fluids",
        /// Product line.
        Tyres => "product-tyres",
        /// Product line.
        WorkshopEquipment => "product-workshop-equipment",
        /// Status reason of an account archived by a merge; `name` is the surviving account's.
        MergedInto => "status-merged-into",
        /// A handover made by a client-base import; `file` is the file's name.
        ImportedFrom => "handover-imported-from",
    }
}

/// An argument of a system message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextArg {
    /// Text shown as it is (a person's or a city's name, as typed).
    Text(String),
    /// A date, formatted for the reader.
    Date(NaiveDate),
    /// Another system message, rendered in the reader's language (a product line).
    Key(SystemMessage),
}

/// A message the system wrote: a key and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemText {
    /// Which message.
    pub key: SystemMessage,
    /// Its arguments by name (sorted, so the stored JSON is the same for the same text).
    pub args: BTreeMap<String, TextArg>,
}

impl SystemText {
    /// A message without arguments.
    pub fn plain(key: SystemMessage) -> SystemText {
        SystemText {
            key,
            args: BTreeMap::new(),
        }
    }

    /// Adds an argument.
    pub fn with(mut self, name: &str, value: TextArg) -> SystemText {
        self.args.insert(name.to_owned(), value);
        self
    }

    /// The arguments as stored (a JSON object).
    pub fn args_json(&self) -> String {
        serde_json::to_string(&self.args).unwrap_or_else(|_| "{}".to_owned())
    }
}

/// Text shown to people: typed by a person, or written by the system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// As typed (already parsed by the field's rule of `domain::text`).
    Typed(String),
    /// Written by the system: rendered per reader.
    System(SystemText),
}

/// A stored text that cannot be read back: an unknown key or malformed arguments.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("stored system text {key:?} cannot be read: {reason}")]
pub struct StoredTextError {
    /// The stored key.
    pub key: String,
    /// What is wrong.
    pub reason: String,
}

impl Text {
    /// The three stored columns: text, key, arguments (JSON).
    pub fn to_stored(&self) -> (&str, Option<&'static str>, Option<String>) {
        match self {
            Text::Typed(s) => (s.as_str(), None, None),
            Text::System(m) => ("", Some(m.key.as_str()), Some(m.args_json())),
        }
    }

    /// Reads the three stored columns back; an unknown key is an error, never a blank.
    pub fn from_stored(
        text: String,
        key: Option<&str>,
        args: Option<&str>,
    ) -> Result<Text, StoredTextError> {
        let Some(key) = key else {
            return Ok(Text::Typed(text));
        };
        let fail = |reason: String| StoredTextError {
            key: key.to_owned(),
            reason,
        };
        let key: SystemMessage = key.parse().map_err(|e| fail(format!("{e}")))?;
        let args = match args {
            None => BTreeMap::new(),
            Some(json) => serde_json::from_str(json).map_err(|e| fail(e.to_string()))?,
        };
        Ok(Text::System(SystemText { key, args }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_stored_as_typed_without_a_key() {
        let t = Text::Typed("Call Ivan".into());
        assert_eq!(t.to_stored(), ("Call Ivan", None, None));
        assert_eq!(
            Text::from_stored("Call Ivan".into(), None, None),
            Ok(Text::Typed("Call Ivan".into()))
        );
    }

    #[test]
    fn system_text_round_trips_through_its_stored_columns() {
        let t = Text::System(
            SystemText::plain(SystemMessage::OrderForSite)
                .with("product", TextArg::Key(SystemMessage::SpareParts))
                .with("site", TextArg::Text("Казань".into())),
        );
        let (text, key, args) = t.to_stored();
        assert_eq!((text, key), ("", Some("order-for-site")));
        let args = args.unwrap();
        assert_eq!(
            args,
            r#"{"product":{"key":"product-spare-parts"},"site":{"text":"Казань"}}"#
        );
        assert_eq!(Text::from_stored(String::new(), key, Some(&args)), Ok(t));
        let dated = Text::System(SystemText::plain(SystemMessage::ChaseDelivery).with(
            "date",
            TextArg::Date(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()),
        ));
        let (_, key, args) = dated.to_stored();
        assert_eq!(
            Text::from_stored(String::new(), key, args.as_deref()),
            Ok(dated)
        );
    }

    #[test]
    fn an_unknown_stored_key_is_an_error_not_a_blank() {
        assert!(Text::from_stored(String::new(), Some("fu-no-such"), None).is_err());
        assert!(Text::from_stored(String::new(), Some("fu-find-owner"), Some("[1]")).is_err());
    }
}
