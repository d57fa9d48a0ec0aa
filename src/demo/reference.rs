//! The demo's reference data: its people, industries, names in both scripts, places,
//! competitors, org charts and the phrases its people type.

use crate::domain::contact::{Attitude, DecisionRole};
use crate::domain::industry::Industry;
use crate::domain::system_text::SystemMessage as M;
use crate::domain::team::{HandoverReason, TeamFunction};
use crate::domain::user::{Language, Role};

/// One demo user: fixed so that the sign-in page can list them.
pub(crate) struct DemoUser {
    pub(crate) email: &'static str,
    pub(crate) name: &'static str,
    pub(crate) role: Role,
    pub(crate) language: Language,
}

/// Index layout relied on below: 0 admin, 1-2 directors, 3-8 kam1..kam6, 9-11 assistants.
#[rustfmt::skip]
pub(crate) const DEMO_USERS: [DemoUser; 12] = [
    DemoUser { email: "admin@demo.test", name: "Alexandra Smirnova", role: Role::Admin, language: Language::En },
    DemoUser { email: "director@demo.test", name: "Dmitry Volkov", role: Role::Director, language: Language::En },
    DemoUser { email: "director2@demo.test", name: "Елена Морозова", role: Role::Director, language: Language::Ru },
    DemoUser { email: "kam1@demo.test", name: "Anna Kuznetsova", role: Role::Kam, language: Language::En },
    DemoUser { email: "kam2@demo.test", name: "Сергей Лебедев", role: Role::Kam, language: Language::Ru },
    DemoUser { email: "kam3@demo.test", name: "Maxim Orlov", role: Role::Kam, language: Language::En },
    DemoUser { email: "kam4@demo.test", name: "Olga Petrova", role: Role::Kam, language: Language::En },
    DemoUser { email: "kam5@demo.test", name: "Pavel Novikov", role: Role::Kam, language: Language::En },
    DemoUser { email: "kam6@demo.test", name: "Natalia Fedorova", role: Role::Kam, language: Language::En },
    DemoUser { email: "assistant1@demo.test", name: "Yulia Belova", role: Role::Assistant, language: Language::En },
    DemoUser { email: "assistant2@demo.test", name: "Ирина Соколова", role: Role::Assistant, language: Language::Ru },
    DemoUser { email: "assistant3@demo.test", name: "Artem Zaitsev", role: Role::Assistant, language: Language::En },
];
pub(crate) const DIRECTORS: [usize; 2] = [1, 2];
pub(crate) const FIRST_KAM: usize = 3;
pub(crate) const KAMS: usize = 6;
pub(crate) const FIRST_ASSISTANT: usize = 9;

/// Strategic importance 0..5 before the bump for big clients: most accounts matter little.
pub(crate) const IMPORTANCE_WEIGHTS: [u32; 6] = [17, 22, 22, 17, 13, 9];

/// The largest potential is at most this many times the median one (see `plan_accounts`).
pub(crate) const POTENTIAL_CAP_MEDIANS: f64 = 20.0;

/// Uneven KAM load on purpose: kam4 is overloaded and kam6 light, so the workload chart has
/// something to say.
pub(crate) const KAM_WEIGHTS: [u32; KAMS] = [12, 10, 6, 15, 9, 5];

/// What a client industry looks like: names, size, rhythm of purchases.
pub(crate) struct IndustryProfile {
    pub(crate) industry: Industry,
    pub(crate) describe: &'static str,
    /// The same in Russian, for the dossiers of clients named in Cyrillic.
    pub(crate) describe_ru: &'static str,
    pub(crate) weight: u32,
    /// Second halves of Russian company names (Latin, Cyrillic).
    pub(crate) ru_parts: &'static [(&'static str, &'static str)],
    /// The industry word in German, French, Italian and Polish company names.
    pub(crate) eu_words: [&'static str; 4],
    pub(crate) median_potential: f64,
    pub(crate) median_headcount: f64,
    /// Share of networks whose outlets still buy on their own.
    pub(crate) decentralized_share: f64,
    /// Relative order volume per calendar month (January first).
    pub(crate) season: [f64; 12],
    /// Product lines (message key, and the English word people type in deal titles).
    pub(crate) products: &'static [(M, &'static str)],
    /// How the potential was estimated; `{n}` becomes potential / `basis_unit`.
    pub(crate) basis: &'static str,
    pub(crate) basis_unit: f64,
}

pub(crate) const FLAT: [f64; 12] = [1.0; 12];

#[rustfmt::skip]
pub(crate) const INDUSTRIES: [IndustryProfile; 10] = [
    IndustryProfile {
        industry: Industry::Construction,
        describe: "residential and commercial developer",
        describe_ru: "девелопер жилой и коммерческой недвижимости",
        weight: 16,
        ru_parts: &[("Monolit", "Монолит"), ("StroyInvest", "СтройИнвест"), ("Development", "Девелопмент"), ("Dom", "Дом"), ("Proekt", "Проект"), ("Beton", "Бетон"), ("Kapital", "Капитал"), ("Kvartal", "Квартал")],
        eu_words: ["Bau", "Construction", "Costruzioni", "Budownictwo"],
        median_potential: 40e6,
        median_headcount: 600.0,
        decentralized_share: 0.05,
        season: [0.4, 0.5, 0.8, 1.1, 1.3, 1.4, 1.4, 1.4, 1.3, 1.1, 0.8, 0.5],
        products: &[(M::DryMixes, "Dry building mixes"), (M::InsulationBoards, "Insulation boards"), (M::Fasteners, "Fasteners"), (M::FormworkHire, "Formwork hire"), (M::Waterproofing, "Waterproofing")],
        basis: "Planned completions of {n} thousand m² a year at about 2,500 RUB of our category per m²",
        basis_unit: 2_500_000.0,
    },
    IndustryProfile {
        industry: Industry::Retail,
        describe: "retail chain",
        describe_ru: "розничная сеть",
        weight: 14,
        ru_parts: &[("Market", "Маркет"), ("Torg", "Торг"), ("Univermag", "Универмаг"), ("Mart", "Март"), ("Lavka", "Лавка"), ("Optima", "Оптима"), ("Semya", "Семья")],
        eu_words: ["Handel", "Commerce", "Commercio", "Handel"],
        median_potential: 60e6,
        median_headcount: 2500.0,
        decentralized_share: 0.3,
        season: [0.7, 0.7, 1.1, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.4, 1.6],
        products: &[(M::CoreRange, "Core range"), (M::SeasonalRange, "Seasonal range"), (M::PrivateLabel, "Private label"), (M::PromoBatch, "Promo batch"), (M::ShopFittings, "Shop fittings")],
        basis: "{n} stores at about 1.2 mln RUB per store a year",
        basis_unit: 1_200_000.0,
    },
    IndustryProfile {
        industry: Industry::Manufacturing,
        describe: "manufacturing plant",
        describe_ru: "производственное предприятие",
        weight: 14,
        ru_parts: &[("Metall", "Металл"), ("Agregat", "Агрегат"), ("Profil", "Профиль"), ("Kabel", "Кабель"), ("Polimer", "Полимер"), ("Tekh", "Тех"), ("Zavod", "Завод")],
        eu_words: ["Werke", "Industries", "Industrie", "Zakłady"],
        median_potential: 35e6,
        median_headcount: 1200.0,
        decentralized_share: 0.05,
        season: FLAT,
        products: &[(M::SpareParts, "Spare parts"), (M::Consumables, "Consumables"), (M::Lubricants, "Lubricants"), (M::Tooling, "Tooling"), (M::MaintenanceKits, "Maintenance kits")],
        basis: "Consumables and spare parts for {n} production lines at about 6 mln RUB per line",
        basis_unit: 6_000_000.0,
    },
    IndustryProfile {
        industry: Industry::Wholesale,
        describe: "wholesale distributor",
        describe_ru: "оптовый дистрибьютор",
        weight: 14,
        ru_parts: &[("Snab", "Снаб"), ("Trade", "Трейд"), ("Distribution", "Дистрибьюшн"), ("Komplekt", "Комплект"), ("Opt", "Опт"), ("Sklad", "Склад")],
        eu_words: ["Vertrieb", "Distribution", "Distribuzione", "Dystrybucja"],
        median_potential: 30e6,
        median_headcount: 300.0,
        decentralized_share: 0.1,
        season: FLAT,
        products: &[(M::CoreRange, "Core range"), (M::NewListings, "New listings"), (M::PromoBatch, "Promo batch"), (M::PalletLot, "Bulk pallet lot")],
        basis: "Category turnover of {n} mln RUB a year with a 35% target share for us",
        basis_unit: 350_000.0,
    },
    IndustryProfile {
        industry: Industry::Pharma,
        describe: "pharmaceutical producer with its own pharmacy network",
        describe_ru: "фармацевтический производитель с собственной аптечной сетью",
        weight: 8,
        ru_parts: &[("Farm", "Фарм"), ("Med", "Мед"), ("Apteka", "Аптека"), ("Bio", "Био"), ("Vita", "Вита"), ("Zdrav", "Здрав")],
        eu_words: ["Pharma", "Pharma", "Farmaceutici", "Farmacja"],
        median_potential: 25e6,
        median_headcount: 900.0,
        decentralized_share: 0.3,
        season: [1.2, 1.2, 1.1, 1.0, 0.9, 0.8, 0.8, 0.8, 1.0, 1.1, 1.1, 1.0],
        products: &[(M::PackagingMaterials, "Packaging materials"), (M::LabConsumables, "Lab consumables"), (M::CleanroomSupplies, "Cleanroom supplies"), (M::ColdChainContainers, "Cold-chain containers")],
        basis: "{n} pharmacies at about 0.9 mln RUB per pharmacy a year",
        basis_unit: 900_000.0,
    },
    IndustryProfile {
        industry: Industry::Horeca,
        describe: "restaurant and hotel group",
        describe_ru: "ресторанно-гостиничная группа",
        weight: 8,
        ru_parts: &[("Hospitality", "Хоспитэлити"), ("Restoran", "Ресторан"), ("Food", "Фуд"), ("Kafe", "Кафе"), ("Otel", "Отель")],
        eu_words: ["Gastronomie", "Hôtellerie", "Ristorazione", "Gastronomia"],
        median_potential: 8e6,
        median_headcount: 400.0,
        decentralized_share: 0.35,
        season: [0.8, 0.7, 0.8, 0.9, 1.1, 1.4, 1.5, 1.4, 1.0, 0.8, 0.8, 1.2],
        products: &[(M::Tableware, "Tableware"), (M::CleaningSupplies, "Cleaning supplies"), (M::KitchenConsumables, "Kitchen consumables"), (M::Textiles, "Textiles")],
        basis: "{n} venues at about 0.6 mln RUB per venue a year",
        basis_unit: 600_000.0,
    },
    IndustryProfile {
        industry: Industry::Logistics,
        describe: "logistics operator",
        describe_ru: "логистический оператор",
        weight: 7,
        ru_parts: &[("Logistik", "Логистик"), ("Trans", "Транс"), ("Express", "Экспресс"), ("Terminal", "Терминал")],
        eu_words: ["Logistik", "Logistique", "Logistica", "Logistyka"],
        median_potential: 12e6,
        median_headcount: 500.0,
        decentralized_share: 0.05,
        season: [0.9, 0.9, 1.0, 1.0, 1.0, 1.0, 0.9, 1.0, 1.1, 1.1, 1.1, 1.0],
        products: &[(M::StretchFilm, "Stretch film and pallets"), (M::RackingParts, "Racking spare parts"), (M::Packaging, "Packaging"), (M::ForkliftParts, "Forklift parts")],
        basis: "{n} warehouses at about 4 mln RUB of packaging and equipment a year",
        basis_unit: 4_000_000.0,
    },
    IndustryProfile {
        industry: Industry::Food,
        describe: "food producer",
        describe_ru: "производитель продуктов питания",
        weight: 9,
        ru_parts: &[("Produkt", "Продукт"), ("Moloko", "Молоко"), ("Khleb", "Хлеб"), ("Agro", "Агро"), ("Konserv", "Консерв")],
        eu_words: ["Lebensmittel", "Alimentaire", "Alimentari", "Żywność"],
        median_potential: 20e6,
        median_headcount: 700.0,
        decentralized_share: 0.05,
        season: [0.8, 0.8, 0.9, 1.0, 1.0, 1.1, 1.1, 1.2, 1.3, 1.2, 0.9, 0.8],
        products: &[(M::PackagingFilm, "Packaging film"), (M::Ingredients, "Ingredients"), (M::SanitationChemicals, "Sanitation chemicals"), (M::Labels, "Labels")],
        basis: "Output of {n} thousand tonnes a year at about 1,800 RUB of our category per tonne",
        basis_unit: 1_800_000.0,
    },
    IndustryProfile {
        industry: Industry::Energy,
        describe: "energy and utilities company",
        describe_ru: "энергетическая компания",
        weight: 5,
        ru_parts: &[("Energo", "Энерго"), ("Teplo", "Тепло"), ("Set", "Сеть"), ("Svet", "Свет")],
        eu_words: ["Energie", "Énergie", "Energia", "Energetyka"],
        median_potential: 30e6,
        median_headcount: 1500.0,
        decentralized_share: 0.05,
        season: [1.3, 1.2, 1.1, 0.9, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3],
        products: &[(M::CableProducts, "Cable products"), (M::Valves, "Valves"), (M::SpareParts, "Spare parts"), (M::Insulation, "Insulation")],
        basis: "Repair and modernisation programme: {n} sites at about 7 mln RUB each",
        basis_unit: 7_000_000.0,
    },
    IndustryProfile {
        industry: Industry::Automotive,
        describe: "car dealer group",
        describe_ru: "группа автодилеров",
        weight: 5,
        ru_parts: &[("Avto", "Авто"), ("Motors", "Моторс"), ("Kar", "Кар"), ("Drive", "Драйв")],
        eu_words: ["Automobile", "Automobiles", "Auto", "Motoryzacja"],
        median_potential: 10e6,
        median_headcount: 350.0,
        decentralized_share: 0.25,
        season: [0.7, 0.8, 1.1, 1.2, 1.1, 1.0, 1.0, 1.0, 1.0, 1.1, 1.0, 1.0],
        products: &[(M::SpareParts, "Spare parts"), (M::OilsAndFluids, "Oils and fluids"), (M::Tyres, "Tyres"), (M::WorkshopEquipment, "Workshop equipment")],
        basis: "{n} dealerships at about 2.5 mln RUB a year",
        basis_unit: 2_500_000.0,
    },
];

/// First halves of Russian company names (Latin, Cyrillic).
#[rustfmt::skip]
pub(crate) const RU_ROOTS: [(&str, &str); 32] = [
    ("Stroy", "Строй"),
    ("Techno", "Техно"),
    ("Euro", "Евро"),
    ("Sib", "Сиб"),
    ("Ural", "Урал"),
    ("Volga", "Волга"),
    ("Neva", "Нева"),
    ("Trans", "Транс"),
    ("Prom", "Пром"),
    ("Mega", "Мега"),
    ("Alfa", "Альфа"),
    ("Grand", "Гранд"),
    ("Nova", "Нова"),
    ("Rus", "Рус"),
    ("Eko", "Эко"),
    ("Vektor", "Вектор"),
    ("Meridian", "Меридиан"),
    ("Sever", "Север"),
    ("Yug", "Юг"),
    ("Baltika", "Балтика"),
    ("Zenit", "Зенит"),
    ("Kristall", "Кристалл"),
    ("Orion", "Орион"),
    ("Taiga", "Тайга"),
    ("Amur", "Амур"),
    ("Don", "Дон"),
    ("Kama", "Кама"),
    ("Altai", "Алтай"),
    ("Polyus", "Полюс"),
    ("Start", "Старт"),
    ("Vostok", "Восток"),
    ("Lider", "Лидер"),
];

#[rustfmt::skip]
pub(crate) const RU_SUFFIXES: [(&str, &str); 10] = [
    (" Group", " Групп"),
    (" Holding", " Холдинг"),
    (" Plus", " Плюс"),
    ("-Center", "-Центр"),
    (" Trade", " Трейд"),
    ("-M", "-М"),
    (" Region", " Регион"),
    (" Invest", " Инвест"),
    (" Service", " Сервис"),
    (" Pro", " Про"),
];

/// Russian legal forms (Latin, Cyrillic) with their weights.
pub(crate) const RU_FORMS: [(&str, &str, u32); 3] =
    [("LLC", "ООО", 60), ("JSC", "АО", 30), ("PJSC", "ПАО", 10)];

#[rustfmt::skip]
pub(crate) const RU_MALE: [(&str, &str); 16] = [
    ("Aleksandr", "Александр"),
    ("Dmitry", "Дмитрий"),
    ("Sergey", "Сергей"),
    ("Andrey", "Андрей"),
    ("Alexey", "Алексей"),
    ("Mikhail", "Михаил"),
    ("Ivan", "Иван"),
    ("Nikolay", "Николай"),
    ("Vladimir", "Владимир"),
    ("Pavel", "Павел"),
    ("Oleg", "Олег"),
    ("Igor", "Игорь"),
    ("Konstantin", "Константин"),
    ("Roman", "Роман"),
    ("Yevgeny", "Евгений"),
    ("Viktor", "Виктор"),
];

#[rustfmt::skip]
pub(crate) const RU_FEMALE: [(&str, &str); 14] = [
    ("Elena", "Елена"),
    ("Olga", "Ольга"),
    ("Natalia", "Наталья"),
    ("Tatiana", "Татьяна"),
    ("Irina", "Ирина"),
    ("Anna", "Анна"),
    ("Maria", "Мария"),
    ("Svetlana", "Светлана"),
    ("Yulia", "Юлия"),
    ("Ekaterina", "Екатерина"),
    ("Marina", "Марина"),
    ("Anastasia", "Анастасия"),
    ("Victoria", "Виктория"),
    ("Galina", "Галина"),
];

/// Male forms; every one takes the feminine ending "-a" in both scripts.
#[rustfmt::skip]
pub(crate) const RU_SURNAMES: [(&str, &str); 38] = [
    ("Ivanov", "Иванов"),
    ("Smirnov", "Смирнов"),
    ("Kuznetsov", "Кузнецов"),
    ("Popov", "Попов"),
    ("Vasiliev", "Васильев"),
    ("Petrov", "Петров"),
    ("Sokolov", "Соколов"),
    ("Mikhailov", "Михайлов"),
    ("Novikov", "Новиков"),
    ("Fedorov", "Фёдоров"),
    ("Morozov", "Морозов"),
    ("Volkov", "Волков"),
    ("Alekseev", "Алексеев"),
    ("Lebedev", "Лебедев"),
    ("Semenov", "Семёнов"),
    ("Egorov", "Егоров"),
    ("Pavlov", "Павлов"),
    ("Kozlov", "Козлов"),
    ("Stepanov", "Степанов"),
    ("Nikolaev", "Николаев"),
    ("Orlov", "Орлов"),
    ("Andreev", "Андреев"),
    ("Makarov", "Макаров"),
    ("Zaitsev", "Зайцев"),
    ("Belov", "Белов"),
    ("Gusev", "Гусев"),
    ("Titov", "Титов"),
    ("Kiselev", "Киселёв"),
    ("Frolov", "Фролов"),
    ("Borisov", "Борисов"),
    ("Romanov", "Романов"),
    ("Vinogradov", "Виноградов"),
    ("Karpov", "Карпов"),
    ("Tikhonov", "Тихонов"),
    ("Zakharov", "Захаров"),
    ("Gromov", "Громов"),
    ("Ilyin", "Ильин"),
    ("Kalinin", "Калинин"),
];

/// A European naming culture: German, French, Italian, Polish.
pub(crate) struct Culture {
    pub(crate) country: &'static str,
    pub(crate) tld: &'static str,
    pub(crate) phone: &'static str,
    pub(crate) surnames: &'static [&'static str],
    pub(crate) first_names: &'static [&'static str],
    pub(crate) forms: &'static [&'static str],
}

#[rustfmt::skip]
pub(crate) const CULTURES: [Culture; 4] = [
    Culture {
        country: "DE",
        tld: "de",
        phone: "+49",
        surnames: &["Baumann", "Keller", "Richter", "Hoffmann", "Schäfer", "Vogel", "Brandt", "Krüger", "Lang", "Winkler"],
        first_names: &["Thomas", "Stefan", "Andrea", "Julia", "Markus", "Katrin", "Jan", "Sabine"],
        forms: &["GmbH", "AG", "GmbH & Co. KG"],
    },
    Culture {
        country: "FR",
        tld: "fr",
        phone: "+33",
        surnames: &["Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Mercier", "Lambert"],
        first_names: &["Pierre", "Claire", "Julien", "Sophie", "Nicolas", "Camille", "Antoine", "Élodie"],
        forms: &["SAS", "SA"],
    },
    Culture {
        country: "IT",
        tld: "it",
        phone: "+39",
        surnames: &["Conti", "Marino", "Greco", "Bruno", "Gallo", "Costa", "Fontana", "Rinaldi"],
        first_names: &["Marco", "Giulia", "Luca", "Francesca", "Matteo", "Chiara", "Paolo", "Elena"],
        forms: &["S.p.A.", "S.r.l."],
    },
    Culture {
        country: "PL",
        tld: "pl",
        phone: "+48",
        surnames: &["Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Zając", "Król", "Wieczorek"],
        first_names: &["Piotr", "Anna", "Tomasz", "Katarzyna", "Marek", "Magdalena", "Paweł", "Agnieszka"],
        forms: &["Sp. z o.o.", "S.A."],
    },
];

/// A region of a client's footprint. `present` says whether our own company works there,
/// which is what makes a planned client region an alarm or not.
pub(crate) struct Geo {
    /// ISO 3166-1 alpha-2 code of the country.
    pub(crate) country: &'static str,
    pub(crate) region: &'static str,
    pub(crate) cities: &'static [&'static str],
    pub(crate) present: bool,
    /// How likely a Russian client is headquartered here.
    pub(crate) home_weight: u32,
}

pub(crate) const fn geo(
    country: &'static str,
    region: &'static str,
    cities: &'static [&'static str],
    present: bool,
    home_weight: u32,
) -> Geo {
    Geo {
        country,
        region,
        cities,
        present,
        home_weight,
    }
}

/// Countries by code; their continents come from `domain::geo` (where Russia is Europe, so a
/// client in Moscow and Novosibirsk plays in the second league, not the premier).
#[rustfmt::skip]
pub(crate) const GEO: [Geo; 56] = [
    geo("RU", "Moscow", &["Moscow", "Zelenograd"], true, 20),
    geo("RU", "Moscow Oblast", &["Khimki", "Podolsk", "Mytishchi", "Balashikha"], true, 8),
    geo("RU", "Saint Petersburg", &["Saint Petersburg"], true, 10),
    geo("RU", "Leningrad Oblast", &["Gatchina", "Vsevolozhsk"], true, 2),
    geo("RU", "Tatarstan", &["Kazan", "Naberezhnye Chelny"], true, 4),
    geo("RU", "Sverdlovsk Oblast", &["Yekaterinburg", "Nizhny Tagil"], true, 4),
    geo("RU", "Novosibirsk Oblast", &["Novosibirsk", "Berdsk"], true, 4),
    geo("RU", "Krasnoyarsk Krai", &["Krasnoyarsk", "Norilsk"], true, 3),
    geo("RU", "Irkutsk Oblast", &["Irkutsk", "Bratsk"], false, 2),
    geo("RU", "Samara Oblast", &["Samara", "Tolyatti"], true, 3),
    geo("RU", "Nizhny Novgorod Oblast", &["Nizhny Novgorod", "Dzerzhinsk"], true, 3),
    geo("RU", "Rostov Oblast", &["Rostov-on-Don", "Taganrog"], true, 3),
    geo("RU", "Krasnodar Krai", &["Krasnodar", "Sochi", "Novorossiysk"], true, 4),
    geo("RU", "Bashkortostan", &["Ufa", "Sterlitamak"], false, 2),
    geo("RU", "Perm Krai", &["Perm", "Berezniki"], false, 2),
    geo("RU", "Voronezh Oblast", &["Voronezh"], true, 2),
    geo("RU", "Chelyabinsk Oblast", &["Chelyabinsk", "Magnitogorsk"], false, 2),
    geo("RU", "Omsk Oblast", &["Omsk"], false, 1),
    geo("RU", "Tyumen Oblast", &["Tyumen", "Tobolsk"], false, 2),
    geo("RU", "Primorsky Krai", &["Vladivostok", "Nakhodka"], false, 1),
    geo("RU", "Khabarovsk Krai", &["Khabarovsk"], false, 1),
    geo("RU", "Kaliningrad Oblast", &["Kaliningrad"], false, 1),
    geo("RU", "Yaroslavl Oblast", &["Yaroslavl", "Rybinsk"], true, 1),
    geo("RU", "Tula Oblast", &["Tula", "Novomoskovsk"], true, 1),
    geo("RU", "Volgograd Oblast", &["Volgograd", "Volzhsky"], false, 1),
    geo("BY", "Minsk Region", &["Minsk", "Borisov"], true, 0),
    geo("DE", "Bavaria", &["Munich", "Nuremberg"], false, 0),
    geo("DE", "North Rhine-Westphalia", &["Düsseldorf", "Cologne"], false, 0),
    geo("DE", "Berlin", &["Berlin"], false, 0),
    geo("FR", "Île-de-France", &["Paris"], false, 0),
    geo("FR", "Auvergne-Rhône-Alpes", &["Lyon", "Grenoble"], false, 0),
    geo("IT", "Lombardy", &["Milan", "Bergamo"], false, 0),
    geo("IT", "Lazio", &["Rome"], false, 0),
    geo("PL", "Masovia", &["Warsaw"], false, 0),
    geo("PL", "Lesser Poland", &["Kraków"], false, 0),
    geo("ES", "Catalonia", &["Barcelona"], false, 0),
    geo("ES", "Madrid", &["Madrid"], false, 0),
    geo("NL", "North Holland", &["Amsterdam"], false, 0),
    geo("AT", "Vienna", &["Vienna"], false, 0),
    geo("CZ", "Prague", &["Prague"], false, 0),
    geo("FI", "Uusimaa", &["Helsinki"], false, 0),
    geo("RS", "Belgrade", &["Belgrade"], true, 0),
    geo("HU", "Budapest", &["Budapest"], false, 0),
    geo("KZ", "Almaty Region", &["Almaty"], true, 0),
    geo("KZ", "Astana", &["Astana"], true, 0),
    geo("UZ", "Tashkent", &["Tashkent"], false, 0),
    geo("CN", "Shanghai", &["Shanghai"], false, 0),
    geo("CN", "Guangdong", &["Shenzhen", "Guangzhou"], false, 0),
    geo("AE", "Dubai", &["Dubai"], false, 0),
    geo("IN", "Maharashtra", &["Mumbai", "Pune"], false, 0),
    geo("VN", "Ho Chi Minh City", &["Ho Chi Minh City"], false, 0),
    geo("EG", "Cairo", &["Cairo"], false, 0),
    geo("ZA", "Gauteng", &["Johannesburg"], false, 0),
    geo("US", "Texas", &["Houston"], false, 0),
    geo("CA", "Ontario", &["Toronto"], false, 0),
    geo("BR", "São Paulo", &["São Paulo"], false, 0),
];

#[rustfmt::skip]
pub(crate) const COMPETITORS: [(&str, &str); 16] = [
    ("PromSnab Supply", "Lowest list price in the region; weak on delivery times"),
    ("EuroDistrib", "Broad range including private label; 60-day payment terms"),
    ("Nordic Supply AB", "Premium quality and technical audits on site"),
    ("TechnoKomplekt", "Own fleet, next-day delivery in the region"),
    ("Baltic Trade House", "Aggressive rebates for volume commitments"),
    ("Alfa Supply", "Bundles installation and service with supplies"),
    ("Vector Industrial", "Consignment stock on the client's premises"),
    ("Sibirsky Standart", "Local warehouses across Siberia"),
    ("Interpack Group", "Integrated packaging and labelling"),
    ("Ural Komplekt", "Low prices on basic items; limited range"),
    ("MegaOpt", "Cash-and-carry prices for networks"),
    ("Kontinent Logistics", "Full logistics outsourcing with supplies"),
    ("Delta Chemicals", "Strong lab support and certification"),
    ("Global Source Ltd", "Direct imports from Asia at low prices"),
    ("Partner-Servis", "Personal relationship with the owner"),
    ("Severnaya Zvezda", "Long-standing incumbent, 90-day payment terms"),
];

/// Where a competitor is strong (picked by the competitor, so the demo's random draws stay as
/// they were).
pub(crate) const COMPETITOR_STRENGTHS: [&str; 5] = [
    "Logistics: their own warehouses in every region the client serves.",
    "Price: the lowest list prices on the core range.",
    "Relationships: years of personal contact with the purchasing director.",
    "Range: one catalogue covers the client's whole need.",
    "Payment terms: 60 to 90 days with no credit insurance.",
];

pub(crate) const OUR_POSITIONS: [&str; 6] = [
    "We win on service and on-time delivery; we lose on price by 5-8%.",
    "Comparable prices; our technical support is the deciding factor.",
    "They are the incumbent; we are the second source for now.",
    "We are cheaper on the core range but weaker on lead times in the regions.",
    "Strong with the technical team, weak with purchasing.",
    "Head-to-head in every tender; the client plays us against each other.",
];

/// (title, department, default decision role) by level of the org chart.
pub(crate) type Position = (&'static str, &'static str, DecisionRole);

#[rustfmt::skip]
pub(crate) const TOP_POSITIONS: [Position; 3] = [
    ("General Director", "Management", DecisionRole::DecisionMaker),
    ("CEO", "Management", DecisionRole::DecisionMaker),
    ("Owner and Chairman", "Management", DecisionRole::DecisionMaker),
];

#[rustfmt::skip]
pub(crate) const MIDDLE_POSITIONS: [Position; 9] = [
    ("Commercial Director", "Commercial", DecisionRole::DecisionMaker),
    ("Procurement Director", "Procurement", DecisionRole::EconomicBuyer),
    ("Finance Director", "Finance", DecisionRole::EconomicBuyer),
    ("Technical Director", "Engineering", DecisionRole::TechnicalBuyer),
    ("Operations Director", "Operations", DecisionRole::Influencer),
    ("Head of Logistics", "Logistics", DecisionRole::User),
    ("Category Manager", "Commercial", DecisionRole::Influencer),
    ("Chief Engineer", "Engineering", DecisionRole::TechnicalBuyer),
    ("Quality Director", "Quality", DecisionRole::TechnicalBuyer),
];

/// The third level of a large client's chart (heads of units under the directors).
#[rustfmt::skip]
pub(crate) const MANAGER_POSITIONS: [Position; 10] = [
    ("Head of Purchasing", "Procurement", DecisionRole::Influencer),
    ("Head of Supply Chain", "Logistics", DecisionRole::Influencer),
    ("Head of Controlling", "Finance", DecisionRole::EconomicBuyer),
    ("Chief Mechanic", "Engineering", DecisionRole::TechnicalBuyer),
    ("Head of Quality Control", "Quality", DecisionRole::TechnicalBuyer),
    ("Regional Sales Manager", "Commercial", DecisionRole::User),
    ("Head of Projects", "Projects", DecisionRole::Influencer),
    ("Plant Manager", "Operations", DecisionRole::User),
    ("Head of Warehousing", "Logistics", DecisionRole::User),
    ("Key Category Manager", "Commercial", DecisionRole::Influencer),
];

#[rustfmt::skip]
pub(crate) const JUNIOR_POSITIONS: [Position; 8] = [
    ("Senior Buyer", "Procurement", DecisionRole::User),
    ("Buyer", "Procurement", DecisionRole::Gatekeeper),
    ("Warehouse Manager", "Logistics", DecisionRole::User),
    ("Quality Engineer", "Quality", DecisionRole::TechnicalBuyer),
    ("Office Manager", "Management", DecisionRole::Gatekeeper),
    ("Project Manager", "Projects", DecisionRole::Influencer),
    ("Store Operations Manager", "Operations", DecisionRole::User),
    ("Accountant", "Finance", DecisionRole::User),
];

/// What a person at the client is measured on and what moves them, by department.
pub(crate) fn motivation_for(
    department: &str,
) -> (&'static [&'static str], &'static [&'static str]) {
    match department {
        "Management" => (
            &[
                "Wants growth without new capital expenditure",
                "Building the company for sale in three to five years",
                "Personal reputation in the industry association",
            ],
            &["EBITDA", "Revenue growth", "Market share in the region"],
        ),
        "Commercial" => (
            &[
                "Bonus tied to gross margin of the category",
                "Wants exclusive products to stand out from rival chains",
                "Career: aims to become commercial director of the holding",
            ],
            &[
                "Category gross margin",
                "Sales per square metre",
                "Share of private label",
            ],
        ),
        "Procurement" => (
            &[
                "Annual bonus tied to 5% savings on purchases",
                "Wants fewer suppliers and fewer invoices",
                "Avoids any risk of a supply disruption on his watch",
            ],
            &[
                "Savings against budget",
                "Number of suppliers",
                "Payment terms in days",
            ],
        ),
        "Finance" => (
            &[
                "Pushes for longer payment terms",
                "Wants predictable annual contracts",
                "Watches working capital every month",
            ],
            &[
                "Working capital",
                "Cash conversion cycle",
                "Budget discipline",
            ],
        ),
        "Engineering" | "Quality" => (
            &[
                "Wants zero line stops caused by supplies",
                "Values certificates and test reports",
                "Likes to try new technical solutions first",
            ],
            &["Equipment uptime", "Defect rate", "Audit results"],
        ),
        "Logistics" | "Operations" => (
            &[
                "Wants deliveries in time windows, not 'during the day'",
                "Short of warehouse space; prefers smaller, frequent drops",
                "Bonus depends on stock availability in outlets",
            ],
            &[
                "On-time deliveries",
                "Stock availability",
                "Warehouse cost per pallet",
            ],
        ),
        _ => (
            &[
                "Wants clear paperwork and quick answers",
                "Prefers suppliers who remember the details",
            ],
            &["Project deadlines", "Service level"],
        ),
    }
}

#[rustfmt::skip]
pub(crate) const ATTITUDE_NOTES: [(Attitude, &str); 8] = [
    (Attitude::Supporter, "Warmed up after the plant visit and the joint workshop."),
    (Attitude::Supporter, "Our rescue delivery during the peak season won them over."),
    (Attitude::Neutral, "First meeting; no stance yet."),
    (Attitude::Neutral, "Cooled down after our price increase in spring."),
    (Attitude::Opponent, "Upset by two late shipments in a row."),
    (Attitude::Opponent, "A competitor is lobbying hard; prefers their offer."),
    (Attitude::Supporter, "Champions our pilot internally."),
    (Attitude::Neutral, "New in the role; still learning the supplier base."),
];

pub(crate) const MEMBER_FUNCTIONS: [TeamFunction; 5] = [
    TeamFunction::Logistics,
    TeamFunction::Finance,
    TeamFunction::Legal,
    TeamFunction::TradeMarketing,
    TeamFunction::CategoryManagement,
];

/// Why the demo's accounts changed hands, and what the director wrote for the new owner (as
/// typed, in the language of the office).
pub(crate) const HANDOVERS: [(HandoverReason, &str); 4] = [
    (
        HandoverReason::Rebalance,
        "Evening out the portfolios. The buyer expects the spring price list by March.",
    ),
    (
        HandoverReason::Expertise,
        "Новый КАМ знает отрасль клиента. Закупщик ждёт визита до конца квартала.",
    ),
    (
        HandoverReason::ClientRequest,
        "The client asked for a contact in their own time zone. Open tender in progress.",
    ),
    (
        HandoverReason::Review,
        "Решение согласования: передать вместе с открытыми сделками.",
    ),
];
