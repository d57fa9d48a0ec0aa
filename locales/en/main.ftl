# KAM Desk — English catalog. Every key here must exist in ru/main.ftl too (a test checks).

## Layout and navigation
skip-to-content = Skip to content
nav-label = Main navigation
nav-home = Home
nav-accounts = Clients
nav-key-clients = Key clients
nav-follow-ups = Follow-ups
nav-orders = Orders
nav-director = Director
nav-admin = System
nav-profile = Profile
nav-dashboard = Cockpit
nav-reviews = Key-list reviews
nav-scoring-settings = Scoring settings
nav-users = Users
sign-out = Sign out
save = Save
any = Any
filter = Filter
planned = planned
no-owner = No owner
no-owner-yet = No owner yet
badge-key = Key
badge-pinned = pinned
badge-overdue = overdue

## Sign-in
login-title = Sign in to KAM Desk
login-submit = Sign in
login-invalid = Wrong e-mail or password. After several failed attempts sign-in pauses for a while: wait a few minutes, or ask an administrator to reset your password.
field-email = E-mail
field-password = Password
field-name = Name
field-role = Role
field-language = Language
field-initial-password = Initial password (at least 10 characters)
field-account-name = Client name
field-importance = Strategic importance
field-decision-making = Decision making

## Roles and values
role-admin = Administrator
role-director = Sales director
role-kam = Key account manager
role-assistant = KAM assistant
status-prospect = Prospect
status-active = Active
status-lost = Lost
status-archived = Archived
dm-centralized = Centralized
dm-decentralized = Decentralized (each outlet decides)
segment-gold = Gold
segment-silver = Silver
segment-bronze = Bronze
league-premier = Premier league
league-first = First league
league-second = Second league
league-third = Third league
league-qualifying = Qualifying league
league-none = No league (footprint unknown)
churn-ok = Buying regularly
churn-at-risk = At risk: no orders for a while
churn-lost-candidate = Likely lost: no orders for a long time
pin-none = No pin (decided by score)
pin-key = Pinned key
pin-not-key = Pinned not key
team-role-owner = Owner
team-role-assistant = Assistant
team-role-member = Team member
location-current = Current
location-planned = Planned
order-status-placed = Placed
order-status-confirmed = Confirmed
order-status-shipped = Shipped
order-status-delivered = Delivered
order-status-cancelled = Cancelled
review-status-draft = Draft
review-status-signed-off = Agreed
type-breadwinner = Breadwinner
type-prospective = Prospective
type-image-maker = Image maker
type-expert = Expert

## Reasons (scoring contract)
reason-key-pinned = Key: pinned by a director
reason-key-by-score = Key on its score
reason-pin-over-cap = Pinned key, but over the cap
reason-below-cut = Not key: below the cut line
reason-segment-bronze = Not key: bronze segment
reason-pinned-not-key = Not key: excluded by a director
reason-not-in-base = Not in the client base
reason-explain-key-pinned = A director pinned it as key, with the reason shown beside.
reason-explain-key-by-score = Its score is within the best places the cap allows.
reason-explain-pin-over-cap = There are more key pins than places under the cap; the pins with the best scores stay key.
reason-explain-below-cut = It is gold or silver, but every place under the cap is taken by clients with better scores.
reason-explain-segment-bronze = Only gold and silver clients may become key.
reason-explain-pinned-not-key = A director decided it is not a key client, with the reason shown beside.
reason-explain-not-in-base = Lost and archived clients are outside the client base and are never key.
reason-not-in-base-explain = This client is lost or archived: it is outside the client base, has no score and is never key.
reason-pin-over-cap-explain = Pinned, but the pins exceed the cap

## Home
home-title = Home
home-my-accounts = My clients
home-my-follow-ups = My follow-ups
home-no-accounts = You are not on any client's team yet.
home-key-list = Key list
home-key-places = key places taken
home-unowned-key = key clients without an owner
home-churn-risks = clients at risk of leaving

## Accounts
accounts-title = Clients
accounts-new = New client
accounts-create = Create client
accounts-search = Search
accounts-new-owner-hint = You will be the owner of this client.
accounts-count = { $count ->
    [one] { $count } client
   *[other] { $count } clients
}
account-created = Client created.
col-client = Client
col-industry = Industry
col-status = Status
col-owner = Owner
col-score = Score
col-segment = Segment
col-league = League
col-projected-league = Projected league
col-rank = Rank
col-types = Types
col-key = Key
col-state = State
col-due = Due
col-task = Task
col-assignee = Assignee
col-date = Date
col-description = What
col-amount = Amount
col-margin = Margin
col-logged-by = Logged by
col-title = Title
col-rows = Clients
col-when = When
col-who = Who
col-field = Change
col-old = Before
col-new = After
col-place = Place
col-kind = Kind

## Accounts list: search, filters, sorting, pages, export (accounts-list)
accounts-search-hint = A name in either script (also part of a word), the beginning of a tax id, or a city
accounts-key-yes = Key
accounts-key-no = Not key
accounts-count-about = { $count ->
    [one] about { $count } client
   *[other] about { $count } clients
}
accounts-none = No clients yet.
accounts-none-match = No client matches this filter.
accounts-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
accounts-no-orders = no orders
accounts-sheet-name = Clients
col-abc = ABC
col-churn = Activity
col-tax-id = Tax id
col-last-order = Last order
col-completeness = Dossier
col-days-since-order = Since last order
pager-first = First page
home-all-my-accounts = All my clients

## Importing clients (accounts-list)
error-tax-id-format = A tax id is 5 to 20 digits (spaces, dashes, dots and slashes may group them).
error-headcount-range = A whole number of people from 0 to 10,000,000.
error-import-unknown-country = Unknown country code (two letters, e.g. RU, DE).
error-import-empty = The file is empty: it needs a header line with at least the "name" column.
error-import-no-rows = The file has a header but no clients below it.
error-import-not-utf8 = The file is not UTF-8 text. Save it as "CSV UTF-8" and upload it again.
error-import-unreadable = This line cannot be read as CSV (an unclosed quote?).
error-import-line-too-long = This line is far too long for a client (a broken file?).
error-import-field-count = This line has a different number of cells from the header (cells / header).
error-import-column-unknown = Unknown column (see the list of columns).
error-import-column-repeated = This column appears twice in the header.
error-import-column-missing = A required column is missing.
error-import-repeated = Already used on line { $max } of this file.
error-import-location-format = Write places as country/region/city, separated by ";" (e.g. RU/Tatarstan/Kazan).
error-import-unknown-owner = No active KAM has this e-mail.
error-import-ids-disagree = The tax id and the external id belong to two different clients.
error-import-too-large = The file is larger than { $max } MB.
error-import-no-file = Choose a CSV file to upload.
import-title = Import clients
import-intro = Upload a CSV file of clients (UTF-8, separated by commas or semicolons). A client whose tax id or external id is already known is updated; the others are created. Empty cells keep what is stored.
import-columns = Columns
import-sample = Download a sample file
import-file = CSV file
import-dry-run = Dry run: check the file and show what would change, save nothing
import-submit = Import
import-check = Check the file
import-refused = Nothing was imported: the file has problems. Fix them and upload it again.
import-problems-count = { $count ->
    [one] { $count } problem
   *[other] { $count } problems
}
import-problems-more = Only the first { $shown } are listed.
import-col-line = Line
import-col-column = Column
import-col-problem = Problem
import-col-value = Value
import-col-action = Action
import-dry-run-done = Dry run: nothing was saved. This is what the import would do.
import-done = Imported.
import-created = { $count ->
    [one] { $count } client created
   *[other] { $count } clients created
}
import-updated = { $count ->
    [one] { $count } client updated
   *[other] { $count } clients updated
}
import-action-created = new
import-action-updated = update
import-unchanged = { $count ->
    [one] { $count } client unchanged
   *[other] { $count } clients unchanged
}
import-action-unchanged = unchanged
import-rows-more = Only the first { $shown } lines are listed.
import-run-for-real = Import this file now
import-progress = Importing { $done } of { $total } rows…
handover-imported-from = Imported from { $file }
import-upload-again = Upload the file to import it
import-all-or-nothing = All or nothing: if any row is wrong, nothing is saved and every wrong cell is listed with its line, column and reason.
import-columns-lead = The first row names the columns, in any order; only "name" is required. A column left out, or a cell left empty, keeps the stored value (a new client takes the default).
import-column-name = required: the client's name, at most 200 characters
import-column-status = prospect (default for a new client), active, lost or archived
import-column-tax-id = 5 to 20 digits (spaces, dashes, dots, slashes may group them); a stored client with this tax id is updated
import-column-external-id = the client's id in your ERP, at most 100 characters; matches a stored client when there is no tax id
import-column-industry = an industry code, one of:
import-column-headcount = a whole number of people
import-column-annual-revenue = the client's own yearly revenue: money, at most two decimals ("1 250 000,50" or "1250000.50")
import-column-strategic-importance = 0 to 5 (default 0)
import-column-owner-email = the e-mail of an active KAM, who becomes the owner (a change of owner is a handover)
import-column-locations = current places as country code/region/city, separated by ";" (RU/Tatarstan/Kazan; DE/Bavaria); replaces the stored ones
import-column-potential = this year's potential: what the client could buy from us, money
import-column-potential-basis = how the potential was estimated, at most 300 characters
nav-import = Import clients

## Why key / why not
why-title = Why key / why not
why-potential = Potential (per year)
why-of-largest = of the largest
why-score = Score
why-cut-line = Cut line
why-places = { $cap ->
    [one] { $cap } key place
   *[other] { $cap } key places
}
why-taken = { $count } taken
why-lacks = Needs { $points } more points to reach the cut line.
why-sales-not-counted = Current sales are not part of this decision: a client is key for what it could bring, not for what it buys today.
why-league = League by footprint
why-projected = after planned expansion
why-planned-gaps = The client plans to open where we are not present yet:
why-analyses = Orders over the last 12 months
why-not-computed = The key list has not been computed for this client yet.

## Pins
pin-title = Director's decision
pin-current = Pinned
pin-decision = Decision
pin-reason = Reason (required for a pin)
pin-save = Save decision
pin-saved = Decision saved; the key list is updated.
pin-could-unpin = Key pins already fill every place. These could be unpinned:

## Team, footprint, history
team-title = Team
team-none = No one is on this client's team.
footprint-title = Footprint
footprint-none = No locations recorded.
history-title = History
history-none = No changes recorded yet.
field-created = Created
field-pin = Pin
field-pin-reason = Pin reason

field-industry = Industry

## Industries (stored codes: src/domain/industry.rs)

industry-not-set = Not set
industry-agriculture = Agriculture
industry-automotive = Automotive
industry-chemicals = Chemicals
industry-construction = Construction
industry-education = Education
industry-energy = Energy and utilities
industry-finance = Banking and finance
industry-food = Food production
industry-healthcare = Healthcare
industry-horeca = Hotels and restaurants (HoReCa)
industry-it-telecom = IT and telecom
industry-logistics = Logistics
industry-manufacturing = Manufacturing
industry-mining = Mining and metals
industry-oil-gas = Oil and gas
industry-pharma = Pharmaceuticals
industry-public-sector = Public sector
industry-real-estate = Real estate
industry-retail = Retail
industry-wholesale = Wholesale and distribution
industry-other = Other

## Text the system writes into rows (src/domain/system_text.rs). These keys are stored: never rename
## or remove one; the wording may change.

fu-find-owner = Find an owner for this account
fu-win-back = Win-back call: present the new terms
fu-send-proposal = Send the revised proposal
fu-prepare-tender = Prepare tender documents
fu-agree-final-price = Agree the final price with purchasing
fu-chase-delivery = Chase delivery of the order of { $date }
fu-call-about-volumes = Call { $name } about next quarter's volumes
fu-send-certificates = Send { $name } the certificates
fu-meet-contact = Meeting with { $name }
fu-agree-price-list = Agree next year's price list
fu-visit-main-site = Visit the main site
fu-update-development-plans = Update the development plans in the dossier
fu-check-payments = Check overdue payments with finance
fu-prepare-business-review = Prepare the quarterly business review
order-for-site = { $product }, { $site }
product-dry-mixes = Dry building mixes
product-insulation-boards = Insulation boards
product-fasteners = Fasteners
product-formwork-hire = Formwork hire
product-waterproofing = Waterproofing
product-core-range = Core range
product-seasonal-range = Seasonal range
product-private-label = Private label
product-promo-batch = Promo batch
product-shop-fittings = Shop fittings
product-spare-parts = Spare parts
product-consumables = Consumables
product-lubricants = Lubricants
product-tooling = Tooling
product-maintenance-kits = Maintenance kits
product-new-listings = New listings
product-pallet-lot = Bulk pallet lot
product-packaging-materials = Packaging materials
product-lab-consumables = Lab consumables
product-cleanroom-supplies = Cleanroom supplies
product-cold-chain-containers = Cold-chain containers
product-tableware = Tableware
product-cleaning-supplies = Cleaning supplies
product-kitchen-consumables = Kitchen consumables
product-textiles = Textiles
product-stretch-film = Stretch film and pallets
product-racking-parts = Racking spare parts
product-packaging = Packaging
product-forklift-parts = Forklift parts
product-packaging-film = Packaging film
product-ingredients = Ingredients
product-sanitation-chemicals = Sanitation chemicals
product-labels = Labels
product-cable-products = Cable products
product-valves = Valves
product-insulation = Insulation
product-oils-and-fluids = Oils and fluids
product-tyres = Tyres
product-workshop-equipment = Workshop equipment

## Key list
keylist-title = Key clients
keylist-sheet-name = Key clients
keylist-cap = { $taken } of
keylist-cap-of = { $cap ->
    [one] { $cap } place taken
   *[other] { $cap } places taken
}
keylist-cap-base = { $pct }% of
keylist-cap-clients = { $n ->
    [one] { $n } client
   *[other] { $n } clients
}
keylist-cut-line = You need a score of { $score } to be key.
keylist-no-cut-line = No client is key on its score alone yet.
keylist-empty = No key clients.
keylist-unowned = { $count ->
    [one] { $count } key client has no owner
   *[other] { $count } key clients have no owner
}
keylist-candidates = Next candidates below the cut
keylist-no-candidates = No gold or silver client is waiting below the cut.
keylist-lacks = What it lacks
keylist-lacks-points = { $points } points
keylist-lacks-tie = Equal score; lost the tie-break on potential or id
export-csv = Export CSV
export-xlsx = Export Excel

## Scoring settings
settings-title = Scoring settings
settings-lead = How key clients are chosen. Every change is kept in the history below with who made it and when.
settings-note = Note on the change
settings-do-preview = Preview the effect
settings-preview = Effect of these settings
settings-preview-key = Key clients now: { $now }
settings-preview-gaining = { $count ->
    [one] { $count } client would become key
   *[other] { $count } clients would become key
}
settings-preview-losing = { $count ->
    [one] { $count } client would stop being key
   *[other] { $count } clients would stop being key
}
settings-preview-segments = { $count ->
    [one] { $count } client would change segment
   *[other] { $count } clients would change segment
}
settings-preview-hint = Nothing is saved until you press Save.
settings-saved = Settings saved; the key list is recomputed.
settings-history-changes = What changed
settings-history-by-system = KAM Desk
settings-history-installed = The method's default values, set at installation.
settings-history-no-change = Saved without changes
settings-history = History of changes
setting-cap-pct = Cap, % of the client base
setting-weight-potential = Weight of potential
setting-gold-min = Gold from score
setting-silver-min = Silver from score
setting-horizon-years = Forecast horizon, years
setting-abc-a-pct = ABC: A up to, % of sales
setting-abc-b-pct = ABC: B up to, % of sales
setting-xyz-x-cv = XYZ: X up to variation
setting-xyz-y-cv = XYZ: Y up to variation
setting-at-risk-days = At risk after, days without orders
setting-lost-days = Likely lost after, days without orders
setting-breadwinner-pct = Breadwinner from, % of total margin
settings-hint-cap-pct = Whole number from 1 to 20 (20% is the method's ceiling).
settings-hint-weight-potential = From 0 to 1; strategic importance gets the rest.
settings-hint-gold-min = From 0 to 100, above the silver threshold.
settings-hint-silver-min = From 0 to 100.
settings-hint-horizon-years = Whole number from 1 to 10, starting with this year.
settings-hint-abc-a-pct = Above 0 and below the B threshold.
settings-hint-abc-b-pct = Above the A threshold and below 100.
settings-hint-xyz-x-cv = Above 0 and below the Y threshold.
settings-hint-xyz-y-cv = Above the X threshold.
settings-hint-at-risk-days = Whole number of days, at most 3,650, fewer than "likely lost".
settings-hint-lost-days = Whole number of days, at most 3,650, more than "at risk".
settings-hint-breadwinner-pct = From 1 to 100.

## Lists
follow-ups-title = Follow-ups
follow-up-account-hidden = A client outside your teams
follow-ups-none = No open follow-ups.
orders-title = Orders
orders-none = No orders yet.
reviews-title = Key-list reviews
reviews-lead = The meetings where the key list and its owners are agreed, each with a frozen snapshot.
reviews-none = No reviews held yet.
dashboard-title = Cockpit
dashboard-client-base = clients in the base

## Profile
profile-title = My profile
profile-language = Interface language
profile-password = Password
profile-current-password = Current password
profile-new-password = New password (at least 10 characters)
profile-confirm-password = Repeat the new password
profile-change-password = Change password
profile-password-changed = Password changed. Your other sessions have been signed out.

## Administration
admin-users-title = Users
admin-add-user = Add user
admin-edit-user = Name and role
admin-last-sign-in = Last sign-in
admin-active = Active
admin-inactive = Deactivated
admin-locked = locked after failed sign-ins
admin-user-added = User added.
admin-user-saved = User saved.
admin-user-activated = User reactivated.
admin-user-deactivated = User deactivated; their sessions have ended.
admin-reset-password = Reset password
admin-reset-hint = The user's sessions end; tell them the new password in person.
admin-password-reset = Password reset; the user's sessions have ended.
admin-access = Access
admin-deactivate = Deactivate
admin-activate = Reactivate
admin-deactivate-hint = A deactivated user cannot sign in and is signed out at once. Their history stays.

## Errors beside fields
error-required = Please fill this in.
error-too-long = Too long: at most { $max } { $max ->
    [one] character
   *[other] characters
}, please.
error-control-character = This contains a control character (such as a null character, or a line break or tab where only one line fits). Please remove it.
error-invisible-character = This contains an invisible formatting character (such as a right-to-left override or a zero-width space) that would make it look different from what it is. Please retype it.
error-invalid-email = This does not look like an e-mail address.
error-email-taken = A user with this e-mail already exists.
error-password-too-short = At least 10 characters, please.
error-password-mismatch = The two passwords differ.
error-wrong-password = The current password is wrong (after several failed attempts the check pauses for a while: wait a few minutes).
error-invalid-choice = Please choose one of the options.
error-last-admin = The last active administrator must stay an administrator.
error-cannot-deactivate = You cannot deactivate yourself or the last active administrator.
admin-stored-now = Stored now:
error-edit-conflict = Someone else changed this in the meantime. What is stored now is shown on this page, and the form keeps what you entered: check it and save again.
error-settings-conflict = Someone else saved new settings in the meantime. Check the history below, then save again.
error-importance-range = A whole number from 0 to 5.
error-not-a-number = Please enter a number, such as 0.7.
error-not-a-whole-number = Please enter a whole number.
error-out-of-range = Outside the allowed range.
error-gold-not-above-silver = Gold must start above silver.
error-a-not-below-b = A must end below B.
error-x-not-below-y = X must end below Y.
error-at-risk-not-below-lost = "At risk" must come before "likely lost".
error-too-precise-2 = At most two decimals.
error-too-precise-3 = At most three decimals.
error-pin-reason-required = A pin needs a written reason.
error-pin-bronze = A bronze client cannot be pinned as key: only gold and silver clients may become key. Raise its potential or importance first.
error-pin-not-in-base = A lost or archived client cannot be key.
error-pin-cap-full = Every key place under the cap is already taken by pinned clients. Unpin one of them first.

## Error pages
error-go-home = Go to the home page
error-400-title = This request could not be understood
error-400-body = Please go back and try again.
error-403-title = Not allowed
error-403-body = Your role does not allow this. Ask a sales director or an administrator if you need it.
error-csrf-title = This form has expired
error-csrf-body = For your safety the form was refused. Please reload the page and submit it again.
error-404-title = Page not found
error-404-body = There is no such page, or you do not have access to it.
error-500-title = Something went wrong
error-500-body = The error has been logged. Please try again in a moment.
error-503-title = Temporarily unavailable
error-503-body = The database cannot be reached right now. Please try again in a moment.

## Deals and tenders (issue 10: deals)
pipeline-title = Pipeline
pipeline-lead = Running deals and tenders of the clients you can see, by stage.
deals-search = Title or client
pipeline-close-from = Decision from
pipeline-close-to = Decision until
sort-by = Sort by
pipeline-sort-stage = Stage, then expected decision
pipeline-sort-amount = Largest amount first
pipeline-by-stage = By stage
pipeline-deals = Deals
pipeline-total = Total
pipeline-sums-hint = Sums are per currency; deals without an amount are counted but add nothing.
pipeline-sheet-name = Pipeline
tenders-title = Tender register
tenders-upcoming = upcoming deadlines
tenders-due-30 = deadlines within 30 days
tenders-avg-gap = average gap of our bid over the winner's (lost tenders)
tenders-views = Views of the register
tenders-view-all = All tenders
tenders-view-upcoming = Upcoming deadlines
tenders-view-open = Running
tenders-view-won = Won
tenders-view-lost = Lost
tenders-view-closed = Results
tenders-deadline-from = Deadline from
tenders-deadline-to = Deadline until
tenders-sort-default = Deadline (this view's order)
tenders-sort-deadline = Soonest deadline first
tenders-sort-latest = Latest deadline first
tenders-sort-gap = Largest price gap first
tenders-none = No tenders match.
tenders-days-left = { $days ->
    [0] today
    [one] in { $days } day
   *[other] in { $days } days
}
tenders-awaiting-result = deadline passed, awaiting the result
tenders-sheet-name = Tenders
nav-sales = Sales
nav-pipeline = Pipeline
nav-tenders = Tenders
deals-title = Deals and tenders
deals-new = New deal or tender
deals-list = All deals and tenders
deals-none = No deals or tenders match.
deals-record = Win/loss record
deals-open = Running
deals-won = Won
deals-lost = Lost
deals-win-rate = Win rate
deals-won-sum = Won in total
deals-reasons = Why we won or lost
deals-stages-open = Running (any open stage)
deals-stages-closed = Decided (won or lost)
deals-col-dates = Dates
deals-col-tender = Tender
deals-col-outcome = Outcome
deals-lots = { $count ->
    [one] { $count } lot
   *[other] { $count } lots
}
deals-gap-pct = Our bid vs the winning one: { $pct } %
deals-close = Close as won or lost
deals-tender-fields = Tender
deals-tender-hint = Only for tenders: the submission deadline, how many lots we bid for, our bid and, once known, the winning bid.
deals-closing-fields = Outcome
deals-closing-hint = Needed when the stage is won or lost: the reason from the list, the reason in your words and the date it was decided. The winner (a competitor from the dossier, or another company) belongs to a lost deal.
deals-sheet-name = Deals
deal-created = The deal is recorded.
deal-saved = The deal is saved.
deal-field-kind = Kind
deal-field-title = Title
deal-field-stage = Stage
deal-field-amount = Amount
deal-field-currency = Currency
deal-field-opened-on = Opened
deal-field-expected-close-on = Expected decision
deal-field-owner = Run by
deal-field-deadline-on = Deadline
deal-field-lots = Lots
deal-field-our-bid = Our bid
deal-field-winning-bid = Winning bid
deal-field-outcome-reason = Reason
deal-field-outcome-note = The reason in words
deal-field-closed-on = Decided on
deal-field-winner = Winner
deal-field-winner-name = …or another company
deal-col-gap = Price gap
deal-col-gap-pct = Price gap, %
deal-col-id = Deal id
col-client-id = Client id
deal-kind-deal = Deal
deal-kind-tender = Tender
deal-stage-lead = Lead
deal-stage-qualification = Qualification
deal-stage-proposal = Proposal
deal-stage-negotiation = Negotiation
deal-stage-won = Won
deal-stage-lost = Lost
outcome-reason-price = Price
outcome-reason-quality = Quality
outcome-reason-terms = Terms
outcome-reason-relationship = Relationship
outcome-reason-no-decision = No decision
outcome-reason-competitor-incumbent = Competitor incumbent
outcome-reason-other = Other
pager-label = Pages
pager-rows = Rows { $first }
pager-of = of { $total }
pager-page = Page { $page }
pager-previous = Previous
pager-next = Next
field-deal-created = Deal recorded
field-deal-kind = Deal kind
field-deal-title = Deal title
field-deal-stage = Deal stage
field-deal-amount = Deal amount
field-deal-currency = Deal currency
field-deal-opened-on = Deal opened
field-deal-expected-close-on = Deal's expected decision
field-deal-owner = Deal run by
field-deal-deadline-on = Tender deadline
field-deal-lots = Tender lots
field-deal-our-bid = Our bid
field-deal-winning-bid = Winning bid
field-deal-outcome-reason = Deal outcome reason
field-deal-outcome-note = Deal outcome, in words
field-deal-closed-on = Deal decided on
field-deal-winner = Deal winner
field-deal-winner-id = Deal winner (dossier)
error-invalid-date = Please enter a date.
error-lots-range = A whole number of lots from 1 to 999.
error-money-negative = An amount cannot be negative.
error-winner-both = Pick a competitor or type another company, not both.
error-deal-closed-is-final = This deal is already decided: its stage stays as it is.
error-deal-tender-field = Only a tender has this. Choose the kind "Tender", or leave it empty.
error-deal-reason-required = A won or lost deal needs its reason.
error-deal-note-required = Say in a few words why.
error-deal-closed-on-required = When was it decided?
error-deal-outcome-on-open = An outcome belongs to a won or lost deal: set the stage to won or lost, or leave this empty.
error-deal-winner-only-lost = Only a lost deal has a winner.
error-deal-winner-required = Name the incumbent competitor who kept the business.
error-deal-opened-in-future = A deal cannot be opened in the future.
error-deal-expected-before-opened = The expected decision cannot come before the deal was opened.
error-deal-closed-before-opened = A deal cannot be decided before it was opened.
error-deal-closed-in-future = A deal cannot be decided in the future.
## Teams, ownership, workload, offers, the key list's filters (engineer `teams`)
nav-ownership = Who owns whom
choose = — choose —
search = Search
team-open = Team, ownership history and handover
team-page-title = Team
team-rank = rank { $rank }
team-unowned-alarm = This key client has no owner
team-unowned-explain = Every key client needs exactly one owner. A director assigns one here; a KAM may offer to take it on.
team-owner-title = Owner
team-handover-title = Hand over
team-new-owner = New owner (a KAM)
team-handover-reason = Reason
team-handover-note = Handover note
team-handover-hint = The note is what the new owner reads first: open deals, promises made, the people to call.
team-handover-save = Hand over
team-history-title = Ownership history
team-history-none = Nobody has owned this client yet.
team-history-unrecorded = not recorded
team-current = now
team-members-title = Team
team-members-none = Nobody besides the owner.
team-add-member = Add to the team
team-function-none = — (assistants) —
team-add = Add
team-past-title = Earlier on the team
team-owner-saved = The owner is changed and the handover is recorded.
team-member-saved = The team is saved.
col-from = From
col-to = To
col-person = Person
col-team-role = Role on the team
col-function = Function
col-change = Change
col-team = Team
col-kam = KAM
col-key-accounts = Key clients
col-load = Load
team-function-logistics = Logistics
team-function-finance = Finance
team-function-trade-marketing = Trade marketing
team-function-category-management = Category management
team-function-legal = Legal
team-function-other = Other
handover-reason-unowned = Nobody owned it
handover-reason-rebalance = Evening out the workload
handover-reason-owner-left = The owner left or changed role
handover-reason-expertise = Knows the industry or region
handover-reason-client-request = The client asked
handover-reason-review = Decided at the key-list review
handover-reason-offer-accepted = The KAM offered to take it on
handover-reason-other = Other (see the note)
offer-status-open = Waiting for a director
offer-status-accepted = Accepted
offer-status-declined = Declined
offer-status-superseded = Closed: the client got an owner
offers-title = Offers to take it on
offers-none = No offers.
offer-note = Why you should own this client
offer-send = Offer to take it on
offer-answer = Answer
offer-accept = Accept: make them the owner
offer-decline = Decline
offer-kam-load = { $count ->
    [one] owns { $count } key client now
   *[other] owns { $count } key clients now
}
offer-sent = Your offer is sent to the directors.
offer-accepted = The offer is accepted: the KAM owns the client now.
offer-declined = The offer is declined; the KAM sees your answer.
offers-open-title = Offers waiting for you
offers-open-none = No open offers.
error-handover-reason-required = A handover needs a reason.
error-owner-changed = Someone else changed the owner in the meantime. The current owner is shown on this page; the form keeps what you entered.
error-owner-not-kam = Only a key account manager can own a client.
error-owner-inactive = This user is deactivated.
error-owner-same = This KAM already owns the client.
error-owner-by-handover = The owner changes only through a handover.
error-member-not-assistant = Only a KAM assistant can join as an assistant.
error-ends-before-start = The end cannot come before the start.
error-already-on-team = This person is already on the team.
error-function-required = A team member needs a function.
error-offer-has-owner = This client has an owner now.
error-offer-not-key = Only a key client nobody owns can be offered for.
error-offer-open = You have already offered to take this client on.
error-offer-decided = Someone else decided on this offer in the meantime.
error-decline-answer-required = Tell the KAM why.
error-assistant-not-kam = An assistant works for KAMs only.
assistants-title = Assistants and their KAMs
assistants-lead = Which assistant works for which KAM. When a client is handed over, the new owner's assistants join its team and the previous owner's leave it.
assistants-none = There are no assistants.
assistants-no-kams = There are no KAMs.
assistants-works-for = Works for
assistants-kam-load = { $count ->
    [one] { $count } key client
   *[other] { $count } key clients
}
assistants-saved = Saved.
banner-unowned-key = { $count ->
    [one] { $count } key client has no owner. Assign one.
   *[other] { $count } key clients have no owner. Assign them.
}
keylist-show-unowned = Show them
keylist-none-match = No key client matches the filter.
filter-all = All
filter-unowned = Without an owner
filter-at-risk = At risk of leaving
filter-apply = Show
filter-clear = Clear the filter
ownership-title = Who owns whom
ownership-lead = Every key client with its owner and team. Key clients without an owner come first.
ownership-assign = Assign an owner
ownership-hand-over = Hand over
ownership-sheet-name = Ownership
workload-title = Workload
workload-guidance = Guidance: { $low }
workload-guidance-high = to { $high } key clients per KAM.
workload-no-kams = There are no KAMs.
load-idle = Idle
load-light = Room for more
load-within = Within the guidance
load-overloaded = Overloaded
field-owner = Owner
field-joined = Joined the team
field-left = Left the team
field-started-on = On the team from
field-ended-on = On the team until
field-function = Function
field-offer = Offer to take it on
field-status = Status
## Contact map (contacts: src/web/contacts.rs, src/web/interactions.rs)
history-section-contacts = Contacts
field-interaction = Interaction logged
overview-contacts-count = { $count ->
    [0] No current contact at this client.
    [one] One current contact.
   *[other] { $count } current contacts.
}
overview-no-gaps = No coverage gaps.
overview-map-link = The contact map
dashboard-gaps-title = Contact map: coverage gaps
dashboard-gap = Gap
dashboard-gaps-key = Key clients
dashboard-gaps-all = All clients in the base
gap-kind-uncovered-decider = A decision maker or economic buyer nobody on our side covers
gap-kind-no-champion = No champion
gap-kind-strong-blocker = A blocker with high influence
gap-kind-stale = A contact without an interaction for more than 90 days
gap-kind-no-contact = No contact at all
dashboard-gap-any = At least one of these gaps
dashboard-gaps-note = Clients counted, not people: a client with two gaps counts once in each row and once in the last. Prospects and active clients only; each client's map shows who is concerned.
contacts-title = Contacts
contacts-new = New contact
contacts-search = Search contacts
contacts-state = Show
contacts-state-current = Still at the client
contacts-state-gone = Gone
contacts-state-all = All
contacts-count = { $count ->
    [one] { $count } contact
   *[other] { $count } contacts
}
contacts-see-map = see them on the map
contacts-none = No contacts here yet.
contacts-sheet-name = Contacts
col-name = Name
col-created = Recorded
field-full-name = Full name
field-title = Job title
field-department = Department
field-phone = Phone
field-decision-role = Role in the decision
field-influence = Influence
field-attitude = Attitude to us
field-reports-to = Reports to
field-covered-by = Covered by (our side)
field-last-contact = Last contact
field-gone-on = Left the client on
field-measured-on = Measured on
field-motivation = What motivates them
field-notes = Notes
field-change-note = Why the attitude or influence changed
hint-phone = Digits, spaces and + ( ) - . / only.
hint-change-note = Kept with the change in the contact's timeline.
reports-to-nobody = Nobody (top of the chart)
map-not-known = Not known
map-nobody = Nobody
never = Never
edit = Edit
cancel = Cancel
contact-gone-badge = gone
contact-edit-title = Edit contact
contact-saved = Contact saved.
contact-gone = The contact is marked as gone. They stay in the history.
contact-back = The contact is back at the client.
contact-about = About them
contact-timeline = Attitude and influence over time
contact-timeline-empty = No change recorded yet.
contact-gone-title = Left the client
contact-gone-hint = The contact is not deleted: they stay in the history, the timeline and past interactions, and leave the map.
contact-gone-action = Mark as gone
contact-back-title = Back at the client
contact-back-hint = Returned, or marked as gone by mistake?
contact-back-action = Mark as back at the client
role-short-decision-maker = Decision maker
role-short-economic-buyer = Economic buyer
role-short-technical-buyer = Technical buyer
role-short-user = User
role-short-influencer = Influencer
role-short-gatekeeper = Gatekeeper
role-short-champion = Champion
role-short-blocker = Blocker
decision-role-decision-maker = Decision maker
decision-role-economic-buyer = Economic buyer
decision-role-technical-buyer = Technical buyer
decision-role-user = User
decision-role-influencer = Influencer
decision-role-gatekeeper = Gatekeeper
decision-role-champion = Champion
decision-role-blocker = Blocker
influence-high = High
influence-medium = Medium
influence-low = Low
attitude-supporter = Supporter
attitude-neutral = Neutral
attitude-opponent = Opponent
interaction-kind-call = Call
interaction-kind-meeting = Meeting
interaction-kind-email = E-mail
interaction-kind-visit = Visit
interaction-kind-other = Other
map-title = Contact map
map-table-view = Table view
map-empty = No current contacts to draw yet.
map-desc-people = { $count ->
    [one] An organisation chart of { $count } person at the client.
   *[other] An organisation chart of { $count } people at the client.
}
map-desc-roots = { $count ->
    [one] { $count } of them has no manager on the map.
   *[other] { $count } of them have no manager on the map.
}
map-desc-table = The table view lists the same people with every detail.
map-gone-not-shown = { $count ->
    [one] { $count } contact who left the client is not on the map.
   *[other] { $count } contacts who left the client are not on the map.
}
map-see-gone = Show them
gaps-title = Coverage gaps
gaps-none = No gaps: the people who decide are covered, there is a champion, no strong blocker, and everyone was in touch within 90 days.
gap-no-contact = No contact at this client at all.
gap-uncovered-decider = { $count ->
    [one] { $count } decision maker or economic buyer nobody on our side covers
   *[other] { $count } decision makers or economic buyers nobody on our side covers
}
gap-strong-blocker = { $count ->
    [one] { $count } blocker with high influence
   *[other] { $count } blockers with high influence
}
gap-no-champion = Nobody sells for us inside: no champion.
gap-stale = { $count ->
    [one] { $count } contact without an interaction for more than 90 days
   *[other] { $count } contacts without an interaction for more than 90 days
}
gap-stale-badge = 90+ days
gap-uncovered-decider-one = Gap: this person decides or holds the budget, and nobody on our side covers them.
gap-strong-blocker-one = Gap: a blocker with high influence.
gap-stale-one = Gap: no interaction with them for more than 90 days.
legend-title = Legend
legend-attitude-unknown = Attitude not known
legend-influence-high = Thick border: high influence
legend-influence-medium = Medium border: medium influence
legend-influence-low = Thin border: low influence (dashed: not known)
legend-role = Role in the decision
legend-initials = Initials of the colleague who covers them
legend-nobody = Nobody on our side covers them
legend-gap = Part of a coverage gap
legend-stale = No interaction for more than 90 days
interactions-title = Interactions
interactions-new = Log an interaction
interactions-search = Search summaries
interactions-none = No interactions logged yet.
interactions-count = { $count ->
    [one] { $count } interaction
   *[other] { $count } interactions
}
interactions-all-of-contact = All { $count } interactions with them
interactions-follow-up = Follow-up
interactions-sheet-name = Interactions
interactions-make-follow-up = Make the next step a follow-up
interaction-logged = Interaction logged; the participants' last contact is updated.
field-date = Date
field-time = Time (optional)
field-kind = Type
field-their-side = Their side
field-our-side = Our side
field-summary = Summary
field-next-step = Next step
field-follow-up-due = Follow-up due
field-assignee = Assigned to
error-invalid-phone = A phone number holds digits, spaces and + ( ) - . / only, with at least five digits.
error-invalid-time = Please enter a time as hours and minutes.
error-date-in-future = This date is in the future.
error-date-in-past = This date is in the past.
error-reports-to-self = A contact cannot report to themselves.
error-reports-to-other-account = Choose a current contact of this client.
error-reports-to-loop = This would close a loop: the chosen manager already reports to this contact
error-our-side-required = Tick at least one person on our side.
error-next-step-for-follow-up = Write the next step to make it a follow-up.
## Account hub: header, tabs, overview, status, history (account-hub)
tabs-label = Sections of this client
tab-group-overview = Overview
tab-group-dossier = Dossier
tab-group-contacts = Contacts
tab-group-sales = Sales
tab-group-team = Team
tab-group-planning = Planning
tab-group-history = History
tab-overview = Overview
tab-why = Key decision
tab-general = General
tab-footprint = Footprint
tab-potential = Potential
tab-importance = Importance
tab-needs = Needs
tab-competitors = Competitors
tab-qualification = Qualification (3P)
tab-types = Client types
tab-contacts = Contacts
tab-map = Contact map
tab-interactions = Interactions
tab-deals = Deals and tenders
tab-orders = Orders
tab-follow-ups = Follow-ups
tab-timeline = Timeline
tab-analysis = Analysis
tab-team = Team
tab-plan = Account plan
tab-competitive = Competitive analysis
tab-special-offers = Offers
tab-budget = Budget
tab-brief = Meeting brief
tab-history = History
header-key = Key decision
header-completeness = Dossier
header-missing = Empty sections:
section-general = General
section-footprint = Footprint
section-development = Development plans
section-potential = Potential
section-importance = Strategic importance
section-needs = Needs
section-competitors = Competitors
section-qualification = Qualification (3P)
section-types = Client types
section-status = Status
three-p-need = Need
three-p-ability-to-pay = Ability to pay
three-p-authority = Authority
qualification-not-ready = Not ready
overview-why-link = Why key / why not, and the director's pin →
overview-dossier = Dossier
overview-no-description = No description yet.
overview-dossier-complete = Every section of the dossier is filled in.
overview-recent = Latest changes
overview-history-link = The whole history →
field-headcount = Headcount
status-change-link = Change the status…
status-change-title = Change the status
status-current = Status now:
status-new = New status
status-reason = Reason
status-reason-hint = Why the status changes: for a lost client, why we lost it. The client keeps its whole dossier.
status-save = Change the status
status-saved = The status is changed.
status-closed-since = Closed on { $date }.
error-status-unchanged = The client already has this status.
conflict-title = Someone else saved this first
conflict-removed = Someone else removed this in the meantime. Nothing was saved.
conflict-saved-by = Saved by { $name }.
conflict-yours-kept = Your input (kept in the form below)
conflict-theirs = Saved now
history-section = Section
history-all = All sections
history-section-general = General
history-section-footprint = Footprint
history-section-development = Development plans
history-section-potential = Potential
history-section-importance = Strategic importance
history-section-needs = Needs
history-section-competitors = Competitors
history-section-qualification = Qualification (3P)
history-section-types = Client types
history-section-status = Status
history-section-pin = Director's pin
history-section-account = Client record
history-section-plan = Account plan
history-system = the system
pager-newer = Newer
pager-older = Older
field-status-reason = Reason for the status
bool-true = yes
bool-false = no
footprint-current = Where the client is today
footprint-note = What is there
footprint-projected = League after the plans
footprint-planned-dm = Decision making after the plans
footprint-planned-on = Planned for
footprint-our-presence = Our company there
footprint-present = present
footprint-not-present = not present: plan ours
footprint-no-plans = No planned places.
field-strategy = Strategy
field-investments = Investments


## The account timeline (deals)
timeline-title = Timeline
timeline-filter = Show
timeline-all = Everything
timeline-oldest-first = Oldest first
timeline-newest-first = Newest first
timeline-none = Nothing has happened here yet.
timeline-col-day = Date
timeline-col-time = Time
timeline-col-kind = Kind
timeline-col-event = What happened
timeline-col-what = About
timeline-col-detail = Details
timeline-col-amount = Amount
timeline-col-currency = Currency
timeline-overdue = Overdue
timeline-sheet-name = Timeline
timeline-stage-now = Stage now
timeline-winner = won by { $name }
timeline-with = with { $name }
timeline-kind-order = Orders
timeline-kind-deal = Deals and tenders
timeline-kind-interaction = Interactions
timeline-kind-follow-up = Follow-ups
timeline-kind-dossier = Dossier changes
timeline-kind-team = Team
timeline-kind-pin = Pins
timeline-event-order-placed = Order placed
timeline-event-deal-opened = { $kind ->
    [tender] Tender opened
   *[deal] Deal opened
}
timeline-event-deal-closed = { $kind ->
    [tender] { $stage ->
        [won] Tender won
       *[lost] Tender lost
    }
   *[deal] { $stage ->
        [won] Deal won
       *[lost] Deal lost
    }
}
timeline-event-deal-stage = Stage moved
timeline-event-follow-up-due = Follow-up due
timeline-event-follow-up-done = Follow-up done
timeline-event-dossier-change = Dossier changed
timeline-event-team-change = Team matter
timeline-event-team-joined = Joined the team
timeline-event-team-left = Left the team
timeline-event-pinned = Director's pin

## The analyses (deals)
analysis-title = Analysis
analysis-matrix-link = ABC–XYZ matrix
analysis-window = Analysis window
analysis-abc = ABC class
analysis-revenue = Revenue
analysis-base-revenue = Revenue of the client base
analysis-share = Share of the base
analysis-before = Share of the clients ranked above
analysis-base-size = Clients in the base
analysis-abc-rule-a = A while the clients ranked above hold less than { $a } % of the base's revenue;
analysis-abc-rule-b = B while they hold less than { $b } %; C otherwise and without revenue.
analysis-not-in-base = Only prospects and active clients are ranked: this client has no ABC class.
analysis-xyz = XYZ class
analysis-no-class = none (no revenue in the window)
analysis-mean = Average month
analysis-cv = Coefficient of variation
analysis-xyz-rule-x = X up to a variation of { $x };
analysis-xyz-rule-y = Y up to { $y }; Z above.
analysis-months = Revenue per month
analysis-month = Month
analysis-churn = Churn signal
analysis-last-order = Last order
analysis-never = never
analysis-days-since = Days since (or since the client was created)
analysis-churn-rule-risk = At risk after { $days ->
    [one] { $days } day
   *[other] { $days } days
} without an order;
analysis-churn-rule-lost = a lost candidate after { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
analysis-refusals = Refusal trend
analysis-refusals-total = { $count ->
    [one] { $count } deal lost in the last eight quarters
   *[other] { $count } deals lost in the last eight quarters
}
analysis-quarter = Quarter
analysis-lost = Lost deals
analysis-matrix-title = ABC–XYZ matrix
analysis-matrix-intro = The clients you can see, by ABC class (share of revenue) and XYZ class (how steadily they buy), from the last key-list computation. Choose a cell to list its clients.
analysis-accounts = { $count ->
    [one] { $count } client
   *[other] { $count } clients
}
analysis-total = Total
analysis-cell = Clients in cell
analysis-cell-empty = No client of yours is in this cell.
analysis-col-abc = ABC
analysis-col-xyz = XYZ
analysis-col-accounts = Clients
analysis-col-revenue = Revenue in the window
analysis-sheet-name = ABC-XYZ
nav-analysis = ABC–XYZ matrix
## Account planning (engineer `planning`: src/web/plan.rs; issue 12)
plan-title = Account plan { $year }
plan-edit = Edit goals and meeting
plan-start = Start the plan
plan-year = Year
plan-show-year = Show
plan-client-goals = The client's strategic goals
plan-client-goals-hint = What the client wants to achieve, as agreed at the joint planning meeting.
plan-field-meeting-on = Planning meeting on
plan-field-participants = Participants (both sides)
plan-field-client-goals = The client's strategic goals
plan-progress = Progress of the plan
plan-overdue = Overdue actions
plan-no-goals = The client's goals are not written down yet.
plan-none = There is no plan for { $year } yet.
plan-objectives = Our objectives for the client
plan-objective = Objective
plan-objective-new = New objective
plan-no-objectives = No objectives yet. Objectives are measurable: a target revenue, a share of wallet, a new product line or a new region.
plan-field-kind = Measured as
plan-field-title = Objective
plan-field-target = Target
plan-field-actual = Reached so far
plan-field-objective-due = Due by
plan-figures-hint = Revenue in roubles, share of wallet in percent (0–100); a new product line or region has no figures: its progress is its done actions.
plan-col-objective = Objective
plan-col-unit = Unit
plan-col-progress = Progress
plan-col-action = Action
plan-no-actions = No actions under this objective yet.
plan-action = Action
plan-action-new = Add an action
plan-field-action-title = Action
plan-field-owner = Owner
plan-field-action-due = Due on
plan-field-status = Status
plan-action-overdue = overdue
plan-export-client = Client
plan-sheet-name = Account plan
plan-saved = The plan is saved.
plan-objective-saved = The objective is saved.
plan-action-saved = The action is saved.
objective-kind-revenue = Target revenue
objective-kind-share-of-wallet = Share of wallet
objective-kind-product-line = New product line
objective-kind-region = New region
action-status-planned = Planned
action-status-in-progress = In progress
action-status-done = Done
action-status-cancelled = Cancelled
error-plan-target-required = A revenue or share-of-wallet objective needs its target.
error-percent-over-100 = A percentage of at most 100.
error-plan-no-figure = A new product line or region has no figures: leave this empty.
field-plan-created = Plan started
field-plan-meeting-on = Planning meeting on
field-plan-participants = Planning meeting participants
field-plan-client-goals = The client's strategic goals
field-objective-created = Objective added
field-objective-kind = Objective measured as
field-objective-title = Objective
field-objective-target = Objective target
field-objective-actual = Objective reached
field-objective-due-on = Objective due by
field-action-created = Action added
field-action-title = Action
field-action-owner = Action owner
field-action-due-on = Action due on
field-action-status = Action status
## Dossier sections: view and edit (account-hub)
dossier-edit = Edit
dossier-save = Save
dossier-saved = Saved; the dossier and the key list are updated.
dossier-empty-field = Not written yet.
dossier-saved-at = Last saved
three-p-not-judged = Not judged yet
qualification-readiness = Ready to be worked as a key client?
qualification-prospects-only = The three "P" decide for prospects; this client is not a prospect, so its judgement is for the record.
qualification-ready = Ready: all three "P" met
qualification-failed = Failed:
qualification-open = Nothing failed so far; still to judge:
types-computed = Computed types
types-computed-hint = Breadwinner and prospective are computed from orders and potential at every recompute; image maker and expert are set by hand below.
competitors-title = Competitors at this client
competitors-none = No competitors recorded.
competitor-new = Add a competitor
competitor-edit = Edit the competitor
competitor-remove = Remove this competitor
competitor-saved = The competitor is saved.
competitor-removed = The competitor is removed.
location-new = Add a place
location-new-planned = Add a planned place
location-edit = Edit the place
location-remove = Remove this place
location-planned-on-hint = For a planned place only: when the client plans to be there (today or later).
location-saved = The place is saved; the league is updated.
location-removed = The place is removed; the league is updated.
footprint-planned = Planned places
footprint-no-dm-change = No change planned
potential-title = Potential by year
potential-horizon = Planning horizon:
potential-none = No forecast yet.
potential-outside = outside the horizon
potential-annual = Annual potential
potential-annual-how = the average revenue potential of the forecast years inside the horizon
potential-scored = In the key decision now
potential-form-hint = One row per year: revenue and margin potential and how they were estimated. A row left empty removes its year.
potential-forecast = Forecast
col-year = Year
field-description = Description
field-history = Company history
field-org-structure = Organisational structure
field-staff-structure = Staff structure
field-customers = Its customers
field-suppliers = Its suppliers
field-partners = Its partners
field-annual-revenue = Annual revenue
field-decision-note = How decisions on our category are made
field-planned-decision-making = Decision making after the plans
field-strategic-importance = Strategic importance (0–5)
field-importance-rationale = Why this importance
field-business-needs = Business needs: how we can help it earn more, beat its competitors, gain share
field-counterpart-measures = What our counterparts are measured on (their bonus)
field-competition-note = The competitive picture as a whole
field-need = Need for our offering
field-ability-to-pay = Ability to pay
field-authority = Authority to decide
field-qualified-on = Judged on
field-qualification-note = What the judgement rests on
field-is-image-maker = Image maker: a well-known name that lends us reputation
field-is-expert = Expert: demanding on quality and service, knows the market deeply
field-competitor-name = Competitor
field-offering = What they offer
field-strengths = Where they are strong
field-our-position = Our position against them
field-country = Country
field-region = Region
field-city = City
field-planned-on = Planned for
field-note = What is there
field-revenue = Revenue potential
field-margin = Margin potential
field-basis = How it was estimated
error-planned-on-current = Only a planned place has a planned date.
error-unknown-country = Choose a country from the list.
## Key-list reviews and the director's cockpit (engineer `teams`)
review-open-title = Open a review
review-open-hint = Opening a review freezes today's key list with owners, scores, segments, leagues and reasons; the meeting then records its decisions on that snapshot.
review-open = Open the review
review-held-on = Meeting date
review-held-on-date = Meeting on { $date }
review-agreed-on = Agreed on
review-agreed-on-date = Agreed on { $date }
review-opened-by = opened by { $name }
review-decided = Decided
review-rows = key clients in the snapshot
review-undecided = Not decided yet
review-entered = entered the list
review-left = left the list
review-owner-changed = changed owner
review-compared-with = Compared with the previous agreed review:
review-no-previous = No agreed review before this one: nothing to compare with.
review-participants = Participants
review-participants-users = Who took part
review-guests = Other participants
review-participants-none = Nobody recorded.
review-agree-title = Agree the list
review-agree-hint = Once agreed, the review is the record of the meeting: its decisions and participants no longer change.
review-agree = Mark as agreed
review-none-match = No row matches the filter.
review-empty = The key list was empty when this review was opened.
review-owner-before = before
review-left-no-decision = Not on this list
review-stored = Saved now
review-sheet-name = Key-list review
review-opened = The review is open: the key list is frozen.
review-row-saved = Decision saved.
review-participants-saved = Participants saved.
review-agreed = The review is agreed.
review-decision-keep = Keep
review-decision-drop = Drop
review-decision-reassign = Reassign
review-decision-watch = Watch
review-change-entered = Entered
review-change-left = Left
review-change-owner-changed = Owner changed
col-decision = Decision
col-review-change = Change since the previous review
col-note = Note
col-reason = Why key
error-review-agreed = This review is agreed: it no longer changes.
error-review-row-changed = Someone else changed this row meanwhile. What is saved now is shown; your input is kept in the form.
error-review-changed = Someone else changed this review meanwhile. Reload to see it; your input is kept.
error-agreed-before-meeting = A review cannot be agreed before its meeting.
dashboard-as-of = Figures as of the last recompute, { $at }.
dashboard-key-at-risk = key clients at risk of leaving
dashboard-overdue-follow-ups = overdue follow-ups across the teams
dashboard-pareto-title = Potential against clients (Pareto)
dashboard-pareto-top20 = The first 20% of clients hold { $pct }% of the total potential.
dashboard-pareto-link = Open the key clients
dashboard-pareto-mark = { $count ->
    [one] { $count } key client
   *[other] { $count } key clients
}
dashboard-pareto-curve = Share of total potential
dashboard-pareto-key = Key clients along the ranking
dashboard-data = The data behind the chart
dashboard-col-clients-pct = Clients (by potential)
dashboard-col-potential-pct = Share of potential
dashboard-col-key-in-tenth = Key clients in this tenth
dashboard-sales-title = Key clients' share of the last 12 months' sales
dashboard-sales-link = Open the key clients
dashboard-band-below = below the 30–55% band
dashboard-band-within = within the 30–55% band
dashboard-band-above = above the 30–55% band
dashboard-no-sales = No sales in the last 12 months.
dashboard-sales-key = Key clients' sales
dashboard-sales-all = All clients' sales
dashboard-leagues-title = Clients and key clients per league
dashboard-clients = Clients
dashboard-key-clients = Key clients
dashboard-abc-xyz-title = ABC–XYZ matrix
dashboard-abc-xyz-hint = Clients with sales per cell, key clients in brackets; a count opens its clients.
dashboard-workload-title = Key clients per KAM
dashboard-workload-none = No active KAM.
dashboard-guidance = Guidance: 4–10 key clients per KAM
keylist-gap = Contact map
dashboard-gaps-hint = How many key clients show each gap; a bar opens them. The table adds the whole base.
dashboard-gap-short-no-contact = No contact at all
dashboard-gap-short-uncovered-decider = A decider nobody covers
dashboard-gap-short-strong-blocker = A strong blocker
dashboard-gap-short-no-champion = No champion
dashboard-gap-short-stale = Silent for 90+ days
budget-title = KAM budget { $year }
budget-edit = Edit the budget
budget-start = Draw up the budget
budget-none = There is no budget for { $year } yet.
budget-cost = Planned cost of serving the client
budget-total-cost = Total cost
budget-margin = Margin
budget-planned = Planned
budget-actual = Actual
budget-net = Margin after the cost
budget-cost-share = Cost in % of the planned margin
budget-margin-reached = Actual margin in % of the planned
budget-field-people = People's time
budget-field-marketing = Marketing support
budget-field-discounts = Discounts
budget-field-logistics = Logistics
budget-field-planned-margin = Planned margin
budget-field-actual-margin = Actual margin
budget-field-note = Note
budget-hint = Amounts in roubles. A cost left empty counts as zero; the actual margin is filled in as the year goes.
budget-saved = The budget is saved.
history-section-budget = KAM budget
field-budget-created = Budget drawn up
field-budget-people = Budget: people's time
field-budget-marketing = Budget: marketing support
field-budget-discounts = Budget: discounts
field-budget-logistics = Budget: logistics
field-budget-planned-margin = Budget: planned margin
field-budget-actual-margin = Budget: actual margin
field-budget-note = Budget: note
grid-title = Competitive analysis from the client's point of view
grid-edit = Save a new version
grid-start = Draw up the grid
grid-save = Save as a new version
grid-none = No grid yet. Compare us with the competitors at this client on at least 10 criteria, weighted as the client weighs them.
grid-version = Version { $version }
grid-version-col = Version
grid-show-latest = show the current version
grid-incomplete = Incomplete: { $count ->
    [one] { $count } criterion
   *[other] { $count } criteria
}; the analysis needs at least 10.
grid-incomplete-badge = incomplete
grid-totals = Weighted totals
grid-totals-hint = Each party's scores (1–10) weighted by what matters to the client.
grid-criteria = Criteria
grid-criterion = Criterion
grid-weight = Weight, %
grid-us = Us
grid-rival = Competitor
grid-standing = Against the best competitor
grid-win = we win
grid-tie = level
grid-lose = we lose
grid-weighted-total = Weighted total
grid-order-hint = Weak points first: the criteria where we lose, the costliest (weight × gap) on top.
grid-trend = Earlier versions (the trend)
grid-best-rival = Best competitor
grid-form-hint = Name the competitors at the top, then per criterion its weight (all weights sum to 100) and a score from 1 to 10 for us and each competitor. Empty rows are left out; under { $count } criteria the grid is marked incomplete.
grid-stored-now = Saved in the meantime: version { $version }
grid-saved = The grid is saved as a new version.
grid-criterion-price = Price
grid-criterion-quality = Quality
grid-criterion-delivery = Delivery reliability
grid-criterion-payment-terms = Payment terms
grid-criterion-range = Range
grid-criterion-service = Service
grid-criterion-innovation = Innovation
grid-criterion-brand = Brand
grid-criterion-ordering = Ease of ordering
grid-criterion-relationship = Relationship
error-grid-score = A whole score from 1 to 10.
error-grid-no-criteria = Fill in at least one criterion.
error-grid-too-many-criteria = Too many criteria.
error-grid-no-rivals = Name at least one competitor.
error-grid-weights-sum = The weights must sum to 100.
error-grid-duplicate-criterion = This criterion is already in the grid.
error-grid-duplicate-rival = This competitor is already in the grid.
error-grid-conflict = Someone saved a new version of the grid in the meantime (shown below). Your input is kept: check it and save again.
history-section-competitive = Competitive analysis
field-grid-saved = Grid version saved (criteria / totals)
## Orders and follow-ups (issue 10)
col-currency = Currency
col-order-id = Order id
col-notes = Notes
col-done-at = Done at
col-done-by = Done by
export-label = Export
filter-from = From
filter-to = To
sort-label = Sort
order-sort-date-desc = Newest first
order-sort-date-asc = Oldest first
order-sort-amount-desc = Largest first
order-sort-amount-asc = Smallest first
section-tabs-label = Client sections
none-chosen = (none)
order-new = Log an order
order-import = Import orders
order-title = Order
order-save = Save order
order-saved = Order saved. The form is ready for the next one.
order-saved-line = Saved
order-open = open
order-updated = Order saved.
order-status-moved = Order status changed.
order-client-hint = Type part of the client's name and pick it from the list, or press Enter to search.
order-which-client = Several clients match. Which one?
order-move-to = Move to
order-logged-by-system = the system
order-status-title = Status
order-status-final = This order is delivered or cancelled: its status does not change any more.
order-history-none = No status changes yet.
order-edit-title = Edit the order
order-description-system-hint = This description was written by the system; saving it changed makes it your text.
error-not-a-date = Please enter a date, such as 2026-11-25 or 25.11.2026.
error-date-too-early = A date before 2000 is surely a typo.
error-order-after-tomorrow = An order cannot be dated after tomorrow.
error-margin-above-amount = The margin cannot be larger than the amount.
error-order-status-unchanged = The order already has this status.
error-status-final = A delivered or cancelled order does not change status any more.
error-status-not-next = An order moves one step at a time (placed, confirmed, shipped, delivered) or is cancelled.
error-status-conflict = Someone else changed this order in the meantime. Its current state is shown here: check it and try again.
error-client-not-found = No client of yours has a name containing this.
error-client-ambiguous = Several clients match: pick one below, or type more of the name.
order-import-title = Import orders
order-import-lead = Upload a CSV file of orders. Either every row is imported or none: if any row is wrong, nothing is saved and every wrong row is listed with its line, column and reason.
order-import-file = File
order-import-file-hint = UTF-8 CSV with a header row, columns separated by commas or semicolons; at most { $max } MB.
order-import-dry-run = Only check the file (import nothing)
order-import-start = Upload and import
order-import-columns-title = Columns
order-import-columns-lead = The first row names the columns, in any order.
order-import-sample = Download a sample file for your clients
order-import-column = Column
order-import-meaning = What it holds
order-import-column-account-id = required: the client's id (as in the address of its page)
order-import-column-ordered-on = required: the order date, 2026-11-25 or 25.11.2026
order-import-column-amount = required: the amount, not negative, at most two decimals ("1234.50" or "1 234,50")
order-import-column-margin = the margin, not above the amount (empty: 0)
order-import-column-currency = RUB, EUR, USD, CNY, KZT or BYN (empty: RUB)
order-import-column-description = what was ordered, at most 300 characters
order-import-column-status = required: placed, confirmed, shipped, delivered or cancelled
order-import-recent = Your recent imports
order-import-rows = Rows
order-import-dry-run-badge = check only
order-import-state-running = running
order-import-state-succeeded = done
order-import-state-refused = refused
order-import-state-failed = failed
order-import-state-interrupted = interrupted
order-import-refreshes = This page refreshes itself until the import ends; you may leave it and come back.
order-import-interrupted = The server stopped while this import ran. Nothing was imported: please upload the file again.
order-import-failed = The import stopped because of an error on our side. Nothing was imported; the error has been logged.
order-import-checked = { $count ->
    [one] { $count } row checked: no problems. Nothing was imported (check only).
   *[other] { $count } rows checked: no problems. Nothing was imported (check only).
}
order-import-done = { $count ->
    [one] { $count } order imported.
   *[other] { $count } orders imported.
}
order-import-refused = { $count ->
    [one] The file has { $count } problem, so nothing was imported. Correct it and upload the file again.
   *[other] The file has { $count } problems, so nothing was imported. Correct them and upload the file again.
}
order-import-more-problems = { $count ->
    [one] …and { $count } more problem.
   *[other] …and { $count } more problems.
}
order-import-line = Line
order-import-reason = Problem
error-order-import-unknown-column = Unknown column (see the list of columns).
error-order-import-duplicate-column = This column appears twice.
error-order-import-missing-column = This required column is missing.
error-order-import-empty-file = The file is empty.
error-order-import-no-rows = The file has a header but no orders.
error-order-import-not-utf8 = This line is not UTF-8 text: save the file as "CSV UTF-8".
error-order-import-field-count = This line has a different number of values than the header.
error-order-import-bad-account-id = Not a client id.
error-order-import-unknown-account = No client of yours has this id.
error-order-import-unreadable = The file could not be read from this line on.
error-order-import-no-file = Please choose a file (it must not be empty).
follow-ups-whose = Whose
follow-ups-whose-mine = Assigned to me
follow-ups-whose-team = My teams' clients
follow-up-state-open = Open
follow-up-state-done = Done
bucket-overdue = Overdue
bucket-today = Today
bucket-week = This week
bucket-later = Later
follow-up-done = Done
follow-up-undone = Reopen
follow-up-done-flash = Follow-up done.
follow-up-undone-flash = Follow-up reopened.
follow-up-changed = Someone else changed this follow-up in the meantime: check it and try again.
follow-up-created = Follow-up added.
follow-up-saved = Follow-up saved.
follow-up-new = New follow-up
follow-up-title = Follow-up
follow-up-edit-title = Edit the follow-up
follow-up-raised-by = Raised by
follow-up-system-title-hint = The system wrote this title; saving it changed makes it your text.
follow-up-no-team = This client has no team yet
follow-up-about-contact = About a contact
follow-up-about-deal = About a deal or tender
follow-up-about-order = About an order
error-assignee-not-on-team = Choose someone on this client's team.
home-overdue = Overdue: { $count }
home-today = Today: { $count }
home-none-overdue = Nothing overdue.
home-none-today = Nothing due today.
home-all-overdue = All { $count } overdue
home-all-today = All { $count } due today
home-all-follow-ups = All my follow-ups
field-order-logged = Order logged
field-order-ordered-on = Order date
field-order-amount = Order amount
field-order-margin = Order margin
field-order-currency = Order currency
field-order-description = Order description
field-order-status = Order status
field-orders-imported = Orders imported
field-follow-up-created = Follow-up added
field-follow-up-done = Follow-up done
field-follow-up-title = Follow-up task
field-follow-up-due-on = Follow-up due date
field-follow-up-assignee = Follow-up assignee
field-follow-up-notes = Follow-up notes

## Likely duplicate accounts (engineer `accounts-dups`)
accounts-new-tax-id-hint = Optional: 5 to 20 digits (ИНН, VAT number …). Another client with the same tax id cannot be created.
error-tax-id-taken = A client with this tax id already exists.
dup-warning-title = This client may already exist
dup-tax-id-title = A client with this tax id already exists
dup-warning-lead = Nothing is saved yet. Open the client below if it is the one you mean.
dup-same-tax-id = same tax id
dup-hidden = { $count ->
    [one] One more likely duplicate exists that you cannot see; ask a director before creating it.
   *[other] { $count } more likely duplicates exist that you cannot see; ask a director before creating it.
}
dup-create-anyway = This is a different client: create it anyway
dup-confirm-needed = Tick the box to create the client anyway, or open the existing one.
status-merged-into = Merged into { $name }.
field-tax-id = Tax id
field-merged-into = Merged into
field-merged-from = Merged in
field-duplicate-dismissed = Not a duplicate of
duplicates-title = Likely duplicates
duplicates-link = Likely duplicates
duplicates-lead = Pairs of clients whose names are one spelling in either script, legal forms aside ("LiderSemya LLC" and "ООО «ЛидерСемья»"). Keep one and merge the other into it, or dismiss the pair if they are two clients. Tax ids are unique, so two clients never share one.
duplicates-count = { $count ->
    [one] { $count } pair
   *[other] { $count } pairs
}
duplicates-none = No likely duplicates.
duplicates-search = Name
duplicates-sort = Order
duplicates-sort-name = By name
duplicates-sort-newest = Newest first
duplicates-show = Show
duplicates-pair = Pair { $n }
duplicates-fact = Fact
duplicates-first = First client
duplicates-second = Second client
duplicates-contacts = Contacts
duplicates-orders = Orders
duplicates-deals = Deals and tenders
duplicates-last-order = Last order
duplicates-created = Created
duplicates-keep = Keep { $name }, merge the other into it
duplicates-dismiss = Two different clients: dismiss
duplicates-merge-explain = A merge moves places, contacts, interactions, deals and tenders, competitors, orders, follow-ups and special offers to the client you keep, with forecasts, plans and budgets of the years it has none of, and the competitive grid if it has none. The other client's people join the kept client's team (a second owner as a member), and its tax id moves when the kept client has none. The other client is archived as "merged into …" and keeps its history.
duplicates-merged = Merged: the other client is archived, everything else is on this client now.
duplicates-dismissed = The pair is dismissed and no longer listed.
duplicates-stale = One of the two clients changed after you opened the list: look at the pair again.
duplicates-stale-row = { $name }: you saw the version of { $seen }, now it is the version of { $now }.
duplicates-gone = This pair is no longer listed: merged, dismissed or renamed in the meantime.
duplicates-export-first = First client
duplicates-export-second = Second client
field-legal-name = Legal name
duplicates-merge-title = Merge two clients
duplicates-merge-lead = Keep { $name } and merge the other into it
duplicates-kept = Kept
duplicates-archived = Merged in, then archived
duplicates-what-title = What the merge does
duplicates-what = Records
duplicates-moves = Move to the kept client
duplicates-stays = Stay with the archived one
duplicates-what-places = Places
duplicates-what-contacts = Contacts
duplicates-what-interactions = Interactions
duplicates-what-competitors = Competitors
duplicates-what-deals = Deals and tenders
duplicates-what-orders = Orders
duplicates-what-follow-ups = Follow-ups
duplicates-what-special-offers = Special offers
duplicates-what-forecasts = Potential forecasts (years the kept client has none of)
duplicates-what-plans = Account plans (years the kept client has none of)
duplicates-what-budgets = KAM budgets (years the kept client has none of)
duplicates-what-grids = Competitive grids (only when the kept client has none)
duplicates-team-joins = { $count ->
    [one] One person of the other client's team joins the kept client's team.
   *[other] { $count } people of the other client's team join the kept client's team.
}
duplicates-tax-id-moves = The tax id moves to the kept client (it has none).
duplicates-external-id-moves = The external id moves to the kept client (it has none).
duplicates-offers-closed = { $count ->
    [one] One open offer to take on the other client is closed.
   *[other] { $count } open offers to take on the other client are closed.
}
duplicates-stays-note = The other client keeps its dossier texts, its history, its team's past and the key-list reviews it was in; it is archived as "merged into …".
duplicates-merge-confirm = Merge { $name } into it
## Special offers and the meeting brief (engineer `planning-finish`: src/web/offers.rs, src/web/brief.rs; issue 12)
special-offers-title = Special offers
special-offers-new = New special offer
special-offers-edit = Special offer
special-offers-hint = Two or three variants per offer, each with its value to the client beyond a discount. Offers that are only ever larger discounts teach the client to wait for the next one.
special-offers-none = No special offers yet.
special-offers-variant = Variant
special-offers-discount-share = Discount share of the value
special-offers-discount-only = discount only
special-offers-discount-only-variant = discount only
special-offers-chosen = chosen
special-offers-chosen-by-client = The client chose this variant
special-offers-not-chosen = No variant chosen yet
special-offers-no-feedback = no feedback recorded
special-offers-form-hint = Fill in two or three variants; an empty variant is left out. Amounts in roubles; the margin effect is negative when our margin shrinks.
special-offer-field-title = What the offer is about
special-offer-field-offered-on = Offered on
special-offer-field-chosen = Chosen variant
special-offer-field-description = What is offered
special-offer-field-value-note = Value beyond the discount, in words
special-offer-field-discount = Discount (value to the client)
special-offer-field-extra-value = Value beyond the discount
special-offer-field-cost = Cost to us
special-offer-field-margin-effect = Effect on our margin
special-offer-field-feedback = The client's feedback
special-offer-saved = The offer is saved.
error-special-offer-variant-count = An offer has two or three variants.
error-special-offer-choice-feedback = Record the client's feedback on the chosen variant.
history-section-offers = Special offers
field-special-offer-created = Offer made
field-special-offer-title = Offer
field-special-offer-offered-on = Offered on
field-special-offer-chosen = Chosen variant
field-special-offer-variant-1 = Variant 1
field-special-offer-variant-2 = Variant 2
field-special-offer-variant-3 = Variant 3
brief-title = Meeting brief
brief-subtitle = Prepared { $date }
brief-back = Back to the client
brief-pdf = PDF
brief-print-hint = prints on one A4 page
brief-status = Key status and why
brief-key-yes = Key client
brief-key-no = Not a key client
brief-not-scored = Not scored yet.
brief-score = Score
brief-rank = rank
brief-owner = Owner
brief-no-owner = nobody: the client has no owner
brief-team = team
brief-people = People
brief-people-none = No contacts recorded yet: find out who decides before the meeting.
brief-people-more = { $count ->
    [one] and { $count } more person on the contacts tab
   *[other] and { $count } more people on the contacts tab
}
brief-col-person = Person
brief-col-attitude = Attitude and its history
brief-deals = Open deals and tenders
brief-deals-none = No open deals or tenders.
brief-more = { $count ->
    [one] and { $count } more
   *[other] and { $count } more
}
brief-deadline = deadline
brief-expected = expected to close
brief-orders = Last orders and the trend
brief-orders-none = No orders yet.
brief-trend-up = Orders are growing
brief-trend-flat = Orders are steady
brief-trend-down = Orders are falling
brief-trend-unknown = No orders in the last six months
brief-trend-recent = the last three months
brief-trend-before = the three before
brief-col-date = Date
brief-col-order = Order
brief-col-amount = Amount
brief-col-status = Status
brief-follow-ups = Open follow-ups
brief-follow-ups-none = No open follow-ups.
brief-follow-ups-more = More on the follow-ups tab.
brief-plan = Plan objectives { $year }
brief-plan-none = No plan objectives for this year yet.
brief-client-goals = The client's goals
brief-progress = progress
brief-plan-overdue = { $count ->
    [one] { $count } action is overdue
   *[other] { $count } actions are overdue
}
brief-grid = Where the competitors beat us
brief-grid-none = No competitive grid yet.
brief-grid-no-weak = The current grid shows no criterion where a competitor beats us.
brief-weight = weight
brief-pdf-missing-title = The PDF cannot be made here
brief-pdf-missing-body = The server has no Chromium to print the brief with (set KAMDESK_CHROME, or install Chromium). The brief itself works: open it and print it from your browser.
brief-pdf-missing-back = Open the brief
keylist-plan = Account plan this year
plan-check-missing = No plan
plan-check-overdue = Overdue actions
plan-check-budget = With a KAM budget
dashboard-planning-title = Account planning { $year }
dashboard-planning-hint = Every key client needs a plan agreed with the client and a budget of the effort. Each figure opens the key clients behind it.
dashboard-plans-key = Key clients
dashboard-plans-missing = Without a plan this year
dashboard-plans-overdue = With overdue plan actions
dashboard-budgets-title = KAM budgets of the key clients
dashboard-budgets-none = No KAM budgets for this year yet.
dashboard-budget-kam = KAM
dashboard-budget-clients = Clients
dashboard-budget-cost = Planned cost
dashboard-budget-unowned = No owner
dashboard-budget-company = The company
merged-open-survivor = Open the client it was merged into

## director-finish (session 4): the timeline's order status moves
timeline-event-order-status = Order status changed
