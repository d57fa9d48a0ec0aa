-- Back to English words: codes and keys are written out with the English names and wording
-- they had when the up migration ran (text typed by people is kept as it is).

-- ---------------------------------------------------------------- system text
ALTER TABLE orders DROP CONSTRAINT orders_description_typed_or_key;
ALTER TABLE orders DISABLE TRIGGER orders_touch;
UPDATE orders o
   SET description = concat_ws(', ', coalesce(p.product, o.description_args #>> '{product,key}'),
                               o.description_args #>> '{site,text}')
  FROM (VALUES
        ('product-dry-mixes', 'Dry building mixes'), ('product-insulation-boards', 'Insulation boards'),
        ('product-fasteners', 'Fasteners'), ('product-formwork-hire', 'Formwork hire'),
        ('product-waterproofing', 'Waterproofing'), ('product-core-range', 'Core range'),
        ('product-seasonal-range', 'Seasonal range'), ('product-private-label', 'Private label'),
        ('product-promo-batch', 'Promo batch'), ('product-shop-fittings', 'Shop fittings'),
        ('product-spare-parts', 'Spare parts'), ('product-consumables', 'Consumables'),
        ('product-lubricants', 'Lubricants'), ('product-tooling', 'Tooling'),
        ('product-maintenance-kits', 'Maintenance kits'), ('product-new-listings', 'New listings'),
        ('product-pallet-lot', 'Bulk pallet lot'), ('product-packaging-materials', 'Packaging materials'),
        ('product-lab-consumables', 'Lab consumables'), ('product-cleanroom-supplies', 'Cleanroom supplies'),
        ('product-cold-chain-containers', 'Cold-chain containers'), ('product-tableware', 'Tableware'),
        ('product-cleaning-supplies', 'Cleaning supplies'), ('product-kitchen-consumables', 'Kitchen consumables'),
        ('product-textiles', 'Textiles'), ('product-stretch-film', 'Stretch film and pallets'),
        ('product-racking-parts', 'Racking spare parts'), ('product-packaging', 'Packaging'),
        ('product-forklift-parts', 'Forklift parts'), ('product-packaging-film', 'Packaging film'),
        ('product-ingredients', 'Ingredients'), ('product-sanitation-chemicals', 'Sanitation chemicals'),
        ('product-labels', 'Labels'), ('product-cable-products', 'Cable products'),
        ('product-valves', 'Valves'), ('product-insulation', 'Insulation'),
        ('product-oils-and-fluids', 'Oils and fluids'), ('product-tyres', 'Tyres'),
        ('product-workshop-equipment', 'Workshop equipment')
       ) AS p(key, product)
 WHERE o.description_key IS NOT NULL
   AND p.key = o.description_args #>> '{product,key}';
ALTER TABLE orders ENABLE TRIGGER orders_touch;
ALTER TABLE orders DROP COLUMN description_key, DROP COLUMN description_args;

ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_title_typed_or_key;
ALTER TABLE follow_ups DISABLE TRIGGER follow_ups_touch;
UPDATE follow_ups
   SET title = CASE title_key
        WHEN 'fu-find-owner' THEN 'Find an owner for this account'
        WHEN 'fu-win-back' THEN 'Win-back call: present the new terms'
        WHEN 'fu-send-proposal' THEN 'Send the revised proposal'
        WHEN 'fu-prepare-tender' THEN 'Prepare tender documents'
        WHEN 'fu-agree-final-price' THEN 'Agree the final price with purchasing'
        WHEN 'fu-chase-delivery' THEN 'Chase delivery of the order of '
            || to_char((title_args #>> '{date,date}')::date, 'DD.MM.YYYY')
        WHEN 'fu-call-about-volumes' THEN 'Call ' || (title_args #>> '{name,text}') || ' about next quarter''s volumes'
        WHEN 'fu-send-certificates' THEN 'Send ' || (title_args #>> '{name,text}') || ' the certificates'
        WHEN 'fu-meet-contact' THEN 'Meeting with ' || (title_args #>> '{name,text}')
        WHEN 'fu-agree-price-list' THEN 'Agree next year''s price list'
        WHEN 'fu-visit-main-site' THEN 'Visit the main site'
        WHEN 'fu-update-development-plans' THEN 'Update the development plans in the dossier'
        WHEN 'fu-check-payments' THEN 'Check overdue payments with finance'
        WHEN 'fu-prepare-business-review' THEN 'Prepare the quarterly business review'
        ELSE title_key END
 WHERE title_key IS NOT NULL;
ALTER TABLE follow_ups ENABLE TRIGGER follow_ups_touch;
ALTER TABLE follow_ups DROP COLUMN title_key, DROP COLUMN title_args;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_title_check CHECK (btrim(title) <> '');

-- ---------------------------------------------------------------- places
ALTER TABLE account_locations
    DROP CONSTRAINT account_locations_continent_code,
    DROP CONSTRAINT account_locations_country_code;
UPDATE account_locations l
   SET country = n.name,
       continent = CASE l.continent
            WHEN 'AF' THEN 'Africa' WHEN 'AN' THEN 'Antarctica' WHEN 'AS' THEN 'Asia'
            WHEN 'EU' THEN 'Europe' WHEN 'NA' THEN 'North America' WHEN 'OC' THEN 'Oceania'
            ELSE 'South America' END
  FROM (VALUES
    ('AD', 'Andorra'),
    ('AE', 'United Arab Emirates'),
    ('AF', 'Afghanistan'),
    ('AG', 'Antigua and Barbuda'),
    ('AI', 'Anguilla'),
    ('AL', 'Albania'),
    ('AM', 'Armenia'),
    ('AO', 'Angola'),
    ('AQ', 'Antarctica'),
    ('AR', 'Argentina'),
    ('AS', 'American Samoa'),
    ('AT', 'Austria'),
    ('AU', 'Australia'),
    ('AW', 'Aruba'),
    ('AX', 'Åland Islands'),
    ('AZ', 'Azerbaijan'),
    ('BA', 'Bosnia and Herzegovina'),
    ('BB', 'Barbados'),
    ('BD', 'Bangladesh'),
    ('BE', 'Belgium'),
    ('BF', 'Burkina Faso'),
    ('BG', 'Bulgaria'),
    ('BH', 'Bahrain'),
    ('BI', 'Burundi'),
    ('BJ', 'Benin'),
    ('BL', 'Saint Barthélemy'),
    ('BM', 'Bermuda'),
    ('BN', 'Brunei'),
    ('BO', 'Bolivia'),
    ('BQ', 'Caribbean Netherlands'),
    ('BR', 'Brazil'),
    ('BS', 'Bahamas'),
    ('BT', 'Bhutan'),
    ('BV', 'Bouvet Island'),
    ('BW', 'Botswana'),
    ('BY', 'Belarus'),
    ('BZ', 'Belize'),
    ('CA', 'Canada'),
    ('CC', 'Cocos (Keeling) Islands'),
    ('CD', 'Democratic Republic of the Congo'),
    ('CF', 'Central African Republic'),
    ('CG', 'Republic of the Congo'),
    ('CH', 'Switzerland'),
    ('CI', 'Côte d’Ivoire'),
    ('CK', 'Cook Islands'),
    ('CL', 'Chile'),
    ('CM', 'Cameroon'),
    ('CN', 'China'),
    ('CO', 'Colombia'),
    ('CR', 'Costa Rica'),
    ('CU', 'Cuba'),
    ('CV', 'Cape Verde'),
    ('CW', 'Curaçao'),
    ('CX', 'Christmas Island'),
    ('CY', 'Cyprus'),
    ('CZ', 'Czechia'),
    ('DE', 'Germany'),
    ('DJ', 'Djibouti'),
    ('DK', 'Denmark'),
    ('DM', 'Dominica'),
    ('DO', 'Dominican Republic'),
    ('DZ', 'Algeria'),
    ('EC', 'Ecuador'),
    ('EE', 'Estonia'),
    ('EG', 'Egypt'),
    ('EH', 'Western Sahara'),
    ('ER', 'Eritrea'),
    ('ES', 'Spain'),
    ('ET', 'Ethiopia'),
    ('FI', 'Finland'),
    ('FJ', 'Fiji'),
    ('FK', 'Falkland Islands'),
    ('FM', 'Micronesia'),
    ('FO', 'Faroe Islands'),
    ('FR', 'France'),
    ('GA', 'Gabon'),
    ('GB', 'United Kingdom'),
    ('GD', 'Grenada'),
    ('GE', 'Georgia'),
    ('GF', 'French Guiana'),
    ('GG', 'Guernsey'),
    ('GH', 'Ghana'),
    ('GI', 'Gibraltar'),
    ('GL', 'Greenland'),
    ('GM', 'Gambia'),
    ('GN', 'Guinea'),
    ('GP', 'Guadeloupe'),
    ('GQ', 'Equatorial Guinea'),
    ('GR', 'Greece'),
    ('GS', 'South Georgia and the South Sandwich Islands'),
    ('GT', 'Guatemala'),
    ('GU', 'Guam'),
    ('GW', 'Guinea-Bissau'),
    ('GY', 'Guyana'),
    ('HK', 'Hong Kong'),
    ('HM', 'Heard and McDonald Islands'),
    ('HN', 'Honduras'),
    ('HR', 'Croatia'),
    ('HT', 'Haiti'),
    ('HU', 'Hungary'),
    ('ID', 'Indonesia'),
    ('IE', 'Ireland'),
    ('IL', 'Israel'),
    ('IM', 'Isle of Man'),
    ('IN', 'India'),
    ('IO', 'British Indian Ocean Territory'),
    ('IQ', 'Iraq'),
    ('IR', 'Iran'),
    ('IS', 'Iceland'),
    ('IT', 'Italy'),
    ('JE', 'Jersey'),
    ('JM', 'Jamaica'),
    ('JO', 'Jordan'),
    ('JP', 'Japan'),
    ('KE', 'Kenya'),
    ('KG', 'Kyrgyzstan'),
    ('KH', 'Cambodia'),
    ('KI', 'Kiribati'),
    ('KM', 'Comoros'),
    ('KN', 'Saint Kitts and Nevis'),
    ('KP', 'North Korea'),
    ('KR', 'South Korea'),
    ('KW', 'Kuwait'),
    ('KY', 'Cayman Islands'),
    ('KZ', 'Kazakhstan'),
    ('LA', 'Laos'),
    ('LB', 'Lebanon'),
    ('LC', 'Saint Lucia'),
    ('LI', 'Liechtenstein'),
    ('LK', 'Sri Lanka'),
    ('LR', 'Liberia'),
    ('LS', 'Lesotho'),
    ('LT', 'Lithuania'),
    ('LU', 'Luxembourg'),
    ('LV', 'Latvia'),
    ('LY', 'Libya'),
    ('MA', 'Morocco'),
    ('MC', 'Monaco'),
    ('MD', 'Moldova'),
    ('ME', 'Montenegro'),
    ('MF', 'Saint Martin'),
    ('MG', 'Madagascar'),
    ('MH', 'Marshall Islands'),
    ('MK', 'North Macedonia'),
    ('ML', 'Mali'),
    ('MM', 'Myanmar'),
    ('MN', 'Mongolia'),
    ('MO', 'Macao'),
    ('MP', 'Northern Mariana Islands'),
    ('MQ', 'Martinique'),
    ('MR', 'Mauritania'),
    ('MS', 'Montserrat'),
    ('MT', 'Malta'),
    ('MU', 'Mauritius'),
    ('MV', 'Maldives'),
    ('MW', 'Malawi'),
    ('MX', 'Mexico'),
    ('MY', 'Malaysia'),
    ('MZ', 'Mozambique'),
    ('NA', 'Namibia'),
    ('NC', 'New Caledonia'),
    ('NE', 'Niger'),
    ('NF', 'Norfolk Island'),
    ('NG', 'Nigeria'),
    ('NI', 'Nicaragua'),
    ('NL', 'Netherlands'),
    ('NO', 'Norway'),
    ('NP', 'Nepal'),
    ('NR', 'Nauru'),
    ('NU', 'Niue'),
    ('NZ', 'New Zealand'),
    ('OM', 'Oman'),
    ('PA', 'Panama'),
    ('PE', 'Peru'),
    ('PF', 'French Polynesia'),
    ('PG', 'Papua New Guinea'),
    ('PH', 'Philippines'),
    ('PK', 'Pakistan'),
    ('PL', 'Poland'),
    ('PM', 'Saint Pierre and Miquelon'),
    ('PN', 'Pitcairn Islands'),
    ('PR', 'Puerto Rico'),
    ('PS', 'Palestinian Territories'),
    ('PT', 'Portugal'),
    ('PW', 'Palau'),
    ('PY', 'Paraguay'),
    ('QA', 'Qatar'),
    ('RE', 'Réunion'),
    ('RO', 'Romania'),
    ('RS', 'Serbia'),
    ('RU', 'Russia'),
    ('RW', 'Rwanda'),
    ('SA', 'Saudi Arabia'),
    ('SB', 'Solomon Islands'),
    ('SC', 'Seychelles'),
    ('SD', 'Sudan'),
    ('SE', 'Sweden'),
    ('SG', 'Singapore'),
    ('SH', 'Saint Helena'),
    ('SI', 'Slovenia'),
    ('SJ', 'Svalbard and Jan Mayen'),
    ('SK', 'Slovakia'),
    ('SL', 'Sierra Leone'),
    ('SM', 'San Marino'),
    ('SN', 'Senegal'),
    ('SO', 'Somalia'),
    ('SR', 'Suriname'),
    ('SS', 'South Sudan'),
    ('ST', 'São Tomé and Príncipe'),
    ('SV', 'El Salvador'),
    ('SX', 'Sint Maarten'),
    ('SY', 'Syria'),
    ('SZ', 'Eswatini'),
    ('TC', 'Turks and Caicos Islands'),
    ('TD', 'Chad'),
    ('TF', 'French Southern Territories'),
    ('TG', 'Togo'),
    ('TH', 'Thailand'),
    ('TJ', 'Tajikistan'),
    ('TK', 'Tokelau'),
    ('TL', 'Timor-Leste'),
    ('TM', 'Turkmenistan'),
    ('TN', 'Tunisia'),
    ('TO', 'Tonga'),
    ('TR', 'Türkiye'),
    ('TT', 'Trinidad and Tobago'),
    ('TV', 'Tuvalu'),
    ('TW', 'Taiwan'),
    ('TZ', 'Tanzania'),
    ('UA', 'Ukraine'),
    ('UG', 'Uganda'),
    ('UM', 'U.S. Outlying Islands'),
    ('US', 'United States'),
    ('UY', 'Uruguay'),
    ('UZ', 'Uzbekistan'),
    ('VA', 'Vatican City'),
    ('VC', 'Saint Vincent and the Grenadines'),
    ('VE', 'Venezuela'),
    ('VG', 'British Virgin Islands'),
    ('VI', 'U.S. Virgin Islands'),
    ('VN', 'Vietnam'),
    ('VU', 'Vanuatu'),
    ('WF', 'Wallis and Futuna'),
    ('WS', 'Samoa'),
    ('YE', 'Yemen'),
    ('YT', 'Mayotte'),
    ('ZA', 'South Africa'),
    ('ZM', 'Zambia'),
    ('ZW', 'Zimbabwe')
       ) AS n(code, name)
 WHERE n.code = l.country;

-- ---------------------------------------------------------------- industries
DROP INDEX accounts_industry_idx;
ALTER TABLE accounts DROP CONSTRAINT accounts_industry_code;
ALTER TABLE accounts DISABLE TRIGGER accounts_touch;
UPDATE accounts
   SET industry = CASE industry
        WHEN 'agriculture' THEN 'Agriculture' WHEN 'automotive' THEN 'Automotive'
        WHEN 'chemicals' THEN 'Chemicals' WHEN 'construction' THEN 'Construction'
        WHEN 'education' THEN 'Education' WHEN 'energy' THEN 'Energy and utilities'
        WHEN 'finance' THEN 'Banking and finance' WHEN 'food' THEN 'Food production'
        WHEN 'healthcare' THEN 'Healthcare' WHEN 'horeca' THEN 'HoReCa'
        WHEN 'it_telecom' THEN 'IT and telecom' WHEN 'logistics' THEN 'Logistics'
        WHEN 'manufacturing' THEN 'Manufacturing' WHEN 'mining' THEN 'Mining and metals'
        WHEN 'oil_gas' THEN 'Oil and gas' WHEN 'pharma' THEN 'Pharmaceuticals'
        WHEN 'public_sector' THEN 'Public sector' WHEN 'real_estate' THEN 'Real estate'
        WHEN 'retail' THEN 'Retail' WHEN 'wholesale' THEN 'Wholesale and distribution'
        WHEN 'other' THEN 'Other' ELSE '' END;
ALTER TABLE accounts ENABLE TRIGGER accounts_touch;
ALTER TABLE accounts ALTER COLUMN industry SET DEFAULT '', ALTER COLUMN industry SET NOT NULL;
-- The audit entries the up migration wrote for unmappable industries stay: they are history.
