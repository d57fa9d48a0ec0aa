//! Place names by code: the continents and the ISO 3166-1 countries, each named in English and
//! Russian. Locations store codes (`EU`, `RU`); pages name them in the reader's language. Regions
//! and cities are not listed here: they stay as the user typed them.
//!
//! Why a table of our own rather than a crate (looked at in November 2026):
//! - ICU4X has the CLDR display names, but only in `icu_experimental` (an unstable API) whose
//!   compiled data is 30 MB of generated source for every experimental component and locale,
//!   which would dominate the build on our two cores; and it has no country-to-continent mapping,
//!   which the league rule needs, so a table of codes would be needed anyway.
//! - `keshvar` has names and regions but is 280,000 lines and has not been released since early
//!   2024; `isocountry`, `celes` and `rust_iso3166` have English names only.
//!
//! So the reference list is this one file: 249 ISO 3166-1 alpha-2 codes with their continent and
//! their CLDR-style short names (Russian as Russian speakers write them in business: "США",
//! "ЮАР"). The codes are the stable contract; a name may be corrected at any time.
//!
//! **Continents** follow the usual seven-continent model of the UN geoscheme (M49). Decisions
//! where it is not obvious:
//! - **Russia is Europe**, as a whole: a country has one continent here, so a client in Moscow
//!   and Novosibirsk plays in the second league (several regions of one country), never in the
//!   premier league. Kazakhstan, Türkiye and the South Caucasus are Asia, as in M49.
//! - Cyprus is Europe (an EU member; M49 says Western Asia).
//! - Central America and the Caribbean are North America; Antarctica and the sub-Antarctic
//!   islands (Bouvet, Heard, South Georgia, the French Southern Territories) are Antarctica.
//!
//! The continent of a location is always the continent of its country: the writers derive it,
//! so a user cannot put Novosibirsk in Asia and Moscow in Europe and land in the premier league.

use std::fmt;
use std::str::FromStr;

use crate::domain::scoring::named_enum;
use crate::domain::user::Language;

named_enum! {
    /// A continent, by its two-letter code.
    pub enum Continent as "continent" {
        /// Africa.
        Africa => "AF",
        /// Antarctica.
        Antarctica => "AN",
        /// Asia.
        Asia => "AS",
        /// Europe (with all of Russia).
        Europe => "EU",
        /// North America, with Central America and the Caribbean.
        NorthAmerica => "NA",
        /// Oceania.
        Oceania => "OC",
        /// South America.
        SouthAmerica => "SA",
    }
}

impl Continent {
    /// The continent's name in `lang`.
    pub fn name(self, lang: Language) -> &'static str {
        let (en, ru) = match self {
            Continent::Africa => ("Africa", "Африка"),
            Continent::Antarctica => ("Antarctica", "Антарктида"),
            Continent::Asia => ("Asia", "Азия"),
            Continent::Europe => ("Europe", "Европа"),
            Continent::NorthAmerica => ("North America", "Северная Америка"),
            Continent::Oceania => ("Oceania", "Океания"),
            Continent::SouthAmerica => ("South America", "Южная Америка"),
        };
        match lang {
            Language::En => en,
            Language::Ru => ru,
        }
    }
}

/// An ISO 3166-1 alpha-2 country code that is in the reference list (so it always has a
/// continent and names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode(&'static Country);

impl PartialEq for Country {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}
impl Eq for Country {}
impl std::hash::Hash for Country {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}
impl PartialOrd for Country {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Country {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.code.cmp(other.code)
    }
}

/// One row of the reference list.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case.
    pub code: &'static str,
    /// The continent its locations count on.
    pub continent: Continent,
    /// English short name.
    pub en: &'static str,
    /// Russian short name.
    pub ru: &'static str,
}

/// A text that is not a country code of the reference list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an ISO 3166-1 alpha-2 country code")]
pub struct UnknownCountry(pub String);

impl CountryCode {
    /// The country of an upper-case alpha-2 code ("RU"), as stored and submitted.
    pub fn parse(code: &str) -> Result<CountryCode, UnknownCountry> {
        COUNTRIES
            .binary_search_by(|c| c.code.cmp(code))
            .map(|i| CountryCode(&COUNTRIES[i]))
            .map_err(|_| UnknownCountry(code.to_owned()))
    }

    /// The country of a code known at compile time; panics on a code not in the list (for
    /// reference data and tests, never for input).
    pub fn of(code: &str) -> CountryCode {
        match CountryCode::parse(code) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    /// The two-letter code.
    pub fn as_str(self) -> &'static str {
        self.0.code
    }

    /// The continent its locations count on.
    pub fn continent(self) -> Continent {
        self.0.continent
    }

    /// The country's name in `lang`.
    pub fn name(self, lang: Language) -> &'static str {
        match lang {
            Language::En => self.0.en,
            Language::Ru => self.0.ru,
        }
    }

    /// Every country, by code.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        COUNTRIES.iter().map(CountryCode)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for CountryCode {
    type Err = UnknownCountry;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CountryCode::parse(s)
    }
}

named_enum! {
    /// Current or planned presence of the client.
    pub enum LocationKind as "location kind" {
        /// The client is there today.
        Current => "current",
        /// The client plans to open there (feeds the projected league and the gaps).
        Planned => "planned",
    }
}

const fn c(
    code: &'static str,
    continent: Continent,
    en: &'static str,
    ru: &'static str,
) -> Country {
    Country {
        code,
        continent,
        en,
        ru,
    }
}

use Continent::{
    Africa as AF, Antarctica as AN, Asia as AS, Europe as EU, NorthAmerica as NA, Oceania as OC,
    SouthAmerica as SA,
};

/// The reference list, sorted by code (a test checks the order, the count and that every code
/// is two upper-case letters).
#[rustfmt::skip]
static COUNTRIES: [Country; 249] = [
    c("AD", EU, "Andorra", "Андорра"),
    c("AE", AS, "United Arab Emirates", "ОАЭ"),
    c("AF", AS, "Afghanistan", "Афганистан"),
    c("AG", NA, "Antigua and Barbuda", "Антигуа и Барбуда"),
    c("AI", NA, "Anguilla", "Ангилья"),
    c("AL", EU, "Albania", "Албания"),
    c("AM", AS, "Armenia", "Армения"),
    c("AO", AF, "Angola", "Ангола"),
    c("AQ", AN, "Antarctica", "Антарктида"),
    c("AR", SA, "Argentina", "Аргентина"),
    c("AS", OC, "American Samoa", "Американское Самоа"),
    c("AT", EU, "Austria", "Австрия"),
    c("AU", OC, "Australia", "Австралия"),
    c("AW", NA, "Aruba", "Аруба"),
    c("AX", EU, "Åland Islands", "Аландские острова"),
    c("AZ", AS, "Azerbaijan", "Азербайджан"),
    c("BA", EU, "Bosnia and Herzegovina", "Босния и Герцеговина"),
    c("BB", NA, "Barbados", "Барбадос"),
    c("BD", AS, "Bangladesh", "Бангладеш"),
    c("BE", EU, "Belgium", "Бельгия"),
    c("BF", AF, "Burkina Faso", "Буркина-Фасо"),
    c("BG", EU, "Bulgaria", "Болгария"),
    c("BH", AS, "Bahrain", "Бахрейн"),
    c("BI", AF, "Burundi", "Бурунди"),
    c("BJ", AF, "Benin", "Бенин"),
    c("BL", NA, "Saint Barthélemy", "Сен-Бартелеми"),
    c("BM", NA, "Bermuda", "Бермудские острова"),
    c("BN", AS, "Brunei", "Бруней"),
    c("BO", SA, "Bolivia", "Боливия"),
    c("BQ", NA, "Caribbean Netherlands", "Бонэйр, Синт-Эстатиус и Саба"),
    c("BR", SA, "Brazil", "Бразилия"),
    c("BS", NA, "Bahamas", "Багамские Острова"),
    c("BT", AS, "Bhutan", "Бутан"),
    c("BV", AN, "Bouvet Island", "Остров Буве"),
    c("BW", AF, "Botswana", "Ботсвана"),
    c("BY", EU, "Belarus", "Беларусь"),
    c("BZ", NA, "Belize", "Белиз"),
    c("CA", NA, "Canada", "Канада"),
    c("CC", OC, "Cocos (Keeling) Islands", "Кокосовые острова"),
    c("CD", AF, "Democratic Republic of the Congo", "Демократическая Республика Конго"),
    c("CF", AF, "Central African Republic", "Центрально-Африканская Республика"),
    c("CG", AF, "Republic of the Congo", "Республика Конго"),
    c("CH", EU, "Switzerland", "Швейцария"),
    c("CI", AF, "Côte d’Ivoire", "Кот-д’Ивуар"),
    c("CK", OC, "Cook Islands", "Острова Кука"),
    c("CL", SA, "Chile", "Чили"),
    c("CM", AF, "Cameroon", "Камерун"),
    c("CN", AS, "China", "Китай"),
    c("CO", SA, "Colombia", "Колумбия"),
    c("CR", NA, "Costa Rica", "Коста-Рика"),
    c("CU", NA, "Cuba", "Куба"),
    c("CV", AF, "Cape Verde", "Кабо-Верде"),
    c("CW", NA, "Curaçao", "Кюрасао"),
    c("CX", OC, "Christmas Island", "Остров Рождества"),
    c("CY", EU, "Cyprus", "Кипр"),
    c("CZ", EU, "Czechia", "Чехия"),
    c("DE", EU, "Germany", "Германия"),
    c("DJ", AF, "Djibouti", "Джибути"),
    c("DK", EU, "Denmark", "Дания"),
    c("DM", NA, "Dominica", "Доминика"),
    c("DO", NA, "Dominican Republic", "Доминиканская Республика"),
    c("DZ", AF, "Algeria", "Алжир"),
    c("EC", SA, "Ecuador", "Эквадор"),
    c("EE", EU, "Estonia", "Эстония"),
    c("EG", AF, "Egypt", "Египет"),
    c("EH", AF, "Western Sahara", "Западная Сахара"),
    c("ER", AF, "Eritrea", "Эритрея"),
    c("ES", EU, "Spain", "Испания"),
    c("ET", AF, "Ethiopia", "Эфиопия"),
    c("FI", EU, "Finland", "Финляндия"),
    c("FJ", OC, "Fiji", "Фиджи"),
    c("FK", SA, "Falkland Islands", "Фолклендские острова"),
    c("FM", OC, "Micronesia", "Микронезия"),
    c("FO", EU, "Faroe Islands", "Фарерские острова"),
    c("FR", EU, "France", "Франция"),
    c("GA", AF, "Gabon", "Габон"),
    c("GB", EU, "United Kingdom", "Великобритания"),
    c("GD", NA, "Grenada", "Гренада"),
    c("GE", AS, "Georgia", "Грузия"),
    c("GF", SA, "French Guiana", "Французская Гвиана"),
    c("GG", EU, "Guernsey", "Гернси"),
    c("GH", AF, "Ghana", "Гана"),
    c("GI", EU, "Gibraltar", "Гибралтар"),
    c("GL", NA, "Greenland", "Гренландия"),
    c("GM", AF, "Gambia", "Гамбия"),
    c("GN", AF, "Guinea", "Гвинея"),
    c("GP", NA, "Guadeloupe", "Гваделупа"),
    c("GQ", AF, "Equatorial Guinea", "Экваториальная Гвинея"),
    c("GR", EU, "Greece", "Греция"),
    c("GS", AN, "South Georgia and the South Sandwich Islands", "Южная Георгия и Южные Сандвичевы острова"),
    c("GT", NA, "Guatemala", "Гватемала"),
    c("GU", OC, "Guam", "Гуам"),
    c("GW", AF, "Guinea-Bissau", "Гвинея-Бисау"),
    c("GY", SA, "Guyana", "Гайана"),
    c("HK", AS, "Hong Kong", "Гонконг"),
    c("HM", AN, "Heard and McDonald Islands", "Остров Херд и острова Макдональд"),
    c("HN", NA, "Honduras", "Гондурас"),
    c("HR", EU, "Croatia", "Хорватия"),
    c("HT", NA, "Haiti", "Гаити"),
    c("HU", EU, "Hungary", "Венгрия"),
    c("ID", AS, "Indonesia", "Индонезия"),
    c("IE", EU, "Ireland", "Ирландия"),
    c("IL", AS, "Israel", "Израиль"),
    c("IM", EU, "Isle of Man", "Остров Мэн"),
    c("IN", AS, "India", "Индия"),
    c("IO", AS, "British Indian Ocean Territory", "Британская территория в Индийском океане"),
    c("IQ", AS, "Iraq", "Ирак"),
    c("IR", AS, "Iran", "Иран"),
    c("IS", EU, "Iceland", "Исландия"),
    c("IT", EU, "Italy", "Италия"),
    c("JE", EU, "Jersey", "Джерси"),
    c("JM", NA, "Jamaica", "Ямайка"),
    c("JO", AS, "Jordan", "Иордания"),
    c("JP", AS, "Japan", "Япония"),
    c("KE", AF, "Kenya", "Кения"),
    c("KG", AS, "Kyrgyzstan", "Киргизия"),
    c("KH", AS, "Cambodia", "Камбоджа"),
    c("KI", OC, "Kiribati", "Кирибати"),
    c("KM", AF, "Comoros", "Коморы"),
    c("KN", NA, "Saint Kitts and Nevis", "Сент-Китс и Невис"),
    c("KP", AS, "North Korea", "КНДР"),
    c("KR", AS, "South Korea", "Республика Корея"),
    c("KW", AS, "Kuwait", "Кувейт"),
    c("KY", NA, "Cayman Islands", "Острова Кайман"),
    c("KZ", AS, "Kazakhstan", "Казахстан"),
    c("LA", AS, "Laos", "Лаос"),
    c("LB", AS, "Lebanon", "Ливан"),
    c("LC", NA, "Saint Lucia", "Сент-Люсия"),
    c("LI", EU, "Liechtenstein", "Лихтенштейн"),
    c("LK", AS, "Sri Lanka", "Шри-Ланка"),
    c("LR", AF, "Liberia", "Либерия"),
    c("LS", AF, "Lesotho", "Лесото"),
    c("LT", EU, "Lithuania", "Литва"),
    c("LU", EU, "Luxembourg", "Люксембург"),
    c("LV", EU, "Latvia", "Латвия"),
    c("LY", AF, "Libya", "Ливия"),
    c("MA", AF, "Morocco", "Марокко"),
    c("MC", EU, "Monaco", "Монако"),
    c("MD", EU, "Moldova", "Молдова"),
    c("ME", EU, "Montenegro", "Черногория"),
    c("MF", NA, "Saint Martin", "Сен-Мартен"),
    c("MG", AF, "Madagascar", "Мадагаскар"),
    c("MH", OC, "Marshall Islands", "Маршалловы Острова"),
    c("MK", EU, "North Macedonia", "Северная Македония"),
    c("ML", AF, "Mali", "Мали"),
    c("MM", AS, "Myanmar", "Мьянма"),
    c("MN", AS, "Mongolia", "Монголия"),
    c("MO", AS, "Macao", "Макао"),
    c("MP", OC, "Northern Mariana Islands", "Северные Марианские острова"),
    c("MQ", NA, "Martinique", "Мартиника"),
    c("MR", AF, "Mauritania", "Мавритания"),
    c("MS", NA, "Montserrat", "Монтсеррат"),
    c("MT", EU, "Malta", "Мальта"),
    c("MU", AF, "Mauritius", "Маврикий"),
    c("MV", AS, "Maldives", "Мальдивы"),
    c("MW", AF, "Malawi", "Малави"),
    c("MX", NA, "Mexico", "Мексика"),
    c("MY", AS, "Malaysia", "Малайзия"),
    c("MZ", AF, "Mozambique", "Мозамбик"),
    c("NA", AF, "Namibia", "Намибия"),
    c("NC", OC, "New Caledonia", "Новая Каледония"),
    c("NE", AF, "Niger", "Нигер"),
    c("NF", OC, "Norfolk Island", "Остров Норфолк"),
    c("NG", AF, "Nigeria", "Нигерия"),
    c("NI", NA, "Nicaragua", "Никарагуа"),
    c("NL", EU, "Netherlands", "Нидерланды"),
    c("NO", EU, "Norway", "Норвегия"),
    c("NP", AS, "Nepal", "Непал"),
    c("NR", OC, "Nauru", "Науру"),
    c("NU", OC, "Niue", "Ниуэ"),
    c("NZ", OC, "New Zealand", "Новая Зеландия"),
    c("OM", AS, "Oman", "Оман"),
    c("PA", NA, "Panama", "Панама"),
    c("PE", SA, "Peru", "Перу"),
    c("PF", OC, "French Polynesia", "Французская Полинезия"),
    c("PG", OC, "Papua New Guinea", "Папуа — Новая Гвинея"),
    c("PH", AS, "Philippines", "Филиппины"),
    c("PK", AS, "Pakistan", "Пакистан"),
    c("PL", EU, "Poland", "Польша"),
    c("PM", NA, "Saint Pierre and Miquelon", "Сен-Пьер и Микелон"),
    c("PN", OC, "Pitcairn Islands", "Острова Питкэрн"),
    c("PR", NA, "Puerto Rico", "Пуэрто-Рико"),
    c("PS", AS, "Palestinian Territories", "Палестинские территории"),
    c("PT", EU, "Portugal", "Португалия"),
    c("PW", OC, "Palau", "Палау"),
    c("PY", SA, "Paraguay", "Парагвай"),
    c("QA", AS, "Qatar", "Катар"),
    c("RE", AF, "Réunion", "Реюньон"),
    c("RO", EU, "Romania", "Румыния"),
    c("RS", EU, "Serbia", "Сербия"),
    c("RU", EU, "Russia", "Россия"),
    c("RW", AF, "Rwanda", "Руанда"),
    c("SA", AS, "Saudi Arabia", "Саудовская Аравия"),
    c("SB", OC, "Solomon Islands", "Соломоновы Острова"),
    c("SC", AF, "Seychelles", "Сейшельские Острова"),
    c("SD", AF, "Sudan", "Судан"),
    c("SE", EU, "Sweden", "Швеция"),
    c("SG", AS, "Singapore", "Сингапур"),
    c("SH", AF, "Saint Helena", "Остров Святой Елены"),
    c("SI", EU, "Slovenia", "Словения"),
    c("SJ", EU, "Svalbard and Jan Mayen", "Шпицберген и Ян-Майен"),
    c("SK", EU, "Slovakia", "Словакия"),
    c("SL", AF, "Sierra Leone", "Сьерра-Леоне"),
    c("SM", EU, "San Marino", "Сан-Марино"),
    c("SN", AF, "Senegal", "Сенегал"),
    c("SO", AF, "Somalia", "Сомали"),
    c("SR", SA, "Suriname", "Суринам"),
    c("SS", AF, "South Sudan", "Южный Судан"),
    c("ST", AF, "São Tomé and Príncipe", "Сан-Томе и Принсипи"),
    c("SV", NA, "El Salvador", "Сальвадор"),
    c("SX", NA, "Sint Maarten", "Синт-Мартен"),
    c("SY", AS, "Syria", "Сирия"),
    c("SZ", AF, "Eswatini", "Эсватини"),
    c("TC", NA, "Turks and Caicos Islands", "Острова Тёркс и Кайкос"),
    c("TD", AF, "Chad", "Чад"),
    c("TF", AN, "French Southern Territories", "Французские Южные территории"),
    c("TG", AF, "Togo", "Того"),
    c("TH", AS, "Thailand", "Таиланд"),
    c("TJ", AS, "Tajikistan", "Таджикистан"),
    c("TK", OC, "Tokelau", "Токелау"),
    c("TL", AS, "Timor-Leste", "Восточный Тимор"),
    c("TM", AS, "Turkmenistan", "Туркменистан"),
    c("TN", AF, "Tunisia", "Тунис"),
    c("TO", OC, "Tonga", "Тонга"),
    c("TR", AS, "Türkiye", "Турция"),
    c("TT", NA, "Trinidad and Tobago", "Тринидад и Тобаго"),
    c("TV", OC, "Tuvalu", "Тувалу"),
    c("TW", AS, "Taiwan", "Тайвань"),
    c("TZ", AF, "Tanzania", "Танзания"),
    c("UA", EU, "Ukraine", "Украина"),
    c("UG", AF, "Uganda", "Уганда"),
    c("UM", OC, "U.S. Outlying Islands", "Внешние малые острова (США)"),
    c("US", NA, "United States", "США"),
    c("UY", SA, "Uruguay", "Уругвай"),
    c("UZ", AS, "Uzbekistan", "Узбекистан"),
    c("VA", EU, "Vatican City", "Ватикан"),
    c("VC", NA, "Saint Vincent and the Grenadines", "Сент-Винсент и Гренадины"),
    c("VE", SA, "Venezuela", "Венесуэла"),
    c("VG", NA, "British Virgin Islands", "Виргинские острова (Великобритания)"),
    c("VI", NA, "U.S. Virgin Islands", "Виргинские острова (США)"),
    c("VN", AS, "Vietnam", "Вьетнам"),
    c("VU", OC, "Vanuatu", "Вануату"),
    c("WF", OC, "Wallis and Futuna", "Уоллис и Футуна"),
    c("WS", OC, "Samoa", "Самоа"),
    c("YE", AS, "Yemen", "Йемен"),
    c("YT", AF, "Mayotte", "Майотта"),
    c("ZA", AF, "South Africa", "ЮАР"),
    c("ZM", AF, "Zambia", "Замбия"),
    c("ZW", AF, "Zimbabwe", "Зимбабве"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_reference_list_holds_every_iso_code_once_in_order() {
        assert!(
            COUNTRIES.windows(2).all(|w| w[0].code < w[1].code),
            "sorted by code, no repeats (parse relies on it)"
        );
        assert!(
            COUNTRIES
                .iter()
                .all(|c| c.code.len() == 2 && c.code.bytes().all(|b| b.is_ascii_uppercase()))
        );
        let names_en: HashSet<_> = COUNTRIES.iter().map(|c| c.en).collect();
        let names_ru: HashSet<_> = COUNTRIES.iter().map(|c| c.ru).collect();
        assert_eq!(names_en.len(), 249, "English names are unique");
        assert_eq!(names_ru.len(), 249, "Russian names are unique");
        assert!(
            COUNTRIES.iter().all(|c| c
                .ru
                .chars()
                .any(|ch| ('\u{0400}'..='\u{04FF}').contains(&ch))),
            "every Russian name is in Cyrillic"
        );
        let continents: HashSet<_> = COUNTRIES.iter().map(|c| c.continent).collect();
        assert_eq!(continents.len(), Continent::ALL.len());
    }

    #[test]
    fn codes_parse_exactly_and_name_the_country_per_language() {
        let ru = CountryCode::parse("RU").unwrap();
        assert_eq!(ru.name(Language::En), "Russia");
        assert_eq!(ru.name(Language::Ru), "Россия");
        assert_eq!(ru.continent(), Continent::Europe);
        assert_eq!(CountryCode::of("KZ").continent(), Continent::Asia);
        assert_eq!(CountryCode::of("US").name(Language::Ru), "США");
        assert!(CountryCode::parse("ru").is_err(), "codes are upper case");
        assert!(CountryCode::parse("XX").is_err());
        assert!(CountryCode::parse("Russia").is_err());
        assert_eq!(CountryCode::all().count(), 249);
    }

    #[test]
    fn continents_are_named_in_both_languages() {
        for c in Continent::ALL {
            assert!(!c.name(Language::En).is_empty());
            assert!(c.name(Language::Ru).chars().any(|ch| ch.is_alphabetic()));
        }
        assert_eq!(Continent::Europe.as_str(), "EU");
        assert_eq!("SA".parse::<Continent>(), Ok(Continent::SouthAmerica));
    }
}
