//! Industries: a pick list, not free text, so that accounts can be filtered and counted by
//! industry and each is named in the reader's language (`industry-<code>` in the catalogs).

use crate::domain::scoring::named_enum;

named_enum! {
    /// The client's industry. Codes are stored; names come from the message catalogs.
    pub enum Industry as "industry" {
        /// Farming and agricultural holdings.
        Agriculture => "agriculture",
        /// Car dealers, service and parts.
        Automotive => "automotive",
        /// Chemical industry.
        Chemicals => "chemicals",
        /// Developers and builders.
        Construction => "construction",
        /// Schools, universities, training.
        Education => "education",
        /// Power, heat and water utilities.
        Energy => "energy",
        /// Banks, insurers, leasing.
        Finance => "finance",
        /// Food and drink producers.
        Food => "food",
        /// Hospitals and clinics.
        Healthcare => "healthcare",
        /// Hotels, restaurants, catering.
        Horeca => "horeca",
        /// Software, IT services, telecom operators.
        ItTelecom => "it_telecom",
        /// Transport, warehousing, 3PL.
        Logistics => "logistics",
        /// Plants and factories.
        Manufacturing => "manufacturing",
        /// Mining and metallurgy.
        Mining => "mining",
        /// Oil and gas.
        OilGas => "oil_gas",
        /// Pharmaceutical producers and pharmacy chains.
        Pharma => "pharma",
        /// Government bodies and state companies.
        PublicSector => "public_sector",
        /// Property developers and managers.
        RealEstate => "real_estate",
        /// Shops and retail chains.
        Retail => "retail",
        /// Wholesalers and distributors.
        Wholesale => "wholesale",
        /// Anything else.
        Other => "other",
    }
}

impl Industry {
    /// Parses a form's choice: empty means "not set", anything else must be a code.
    pub fn parse_choice(raw: &str) -> Result<Option<Industry>, &'static str> {
        match raw.trim() {
            "" => Ok(None),
            code => code.parse().map(Some).map_err(|_| "invalid_choice"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_industry_is_chosen_from_the_list_or_left_empty() {
        assert_eq!(
            Industry::parse_choice(" retail "),
            Ok(Some(Industry::Retail))
        );
        assert_eq!(Industry::parse_choice(""), Ok(None));
        assert_eq!(
            Industry::parse_choice("Retail chains"),
            Err("invalid_choice")
        );
    }
}
