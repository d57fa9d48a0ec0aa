DROP TABLE offer_variants;
DROP TABLE special_offers;
