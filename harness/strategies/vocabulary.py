"""Word lists for generated pages: names, organizations, places and plain newsy words.

Everything here is written for this project; the names are common given
names and surnames, combined at random, naming nobody in particular.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Abby", "Kirby", "Maria", "Jane", "Tomasz", "Aoife", "Kwame", "Priya", "Lukas", "Sofia", "Hiroshi", "Amara",
    "Diego", "Ingrid", "Mei-Lin", "Oluwaseun", "Renata", "Sean", "Niamh", "Yusuf", "Chloé", "Mateo", "Hannah",
    "Dmitri", "Fatima", "Jonas", "Isabel", "Kai", "Leila", "Marcus",
)  # fmt: skip
LAST_NAMES = (
    "Roe", "Bybee", "Fromm", "O'Brien", "van der Berg", "de la Cruz", "Okafor", "Brennan", "Nakamura", "Castellanos",
    "Whitfield", "Obermeier", "Delaney", "Mensah", "Rahman", "Schmidt", "Lindqvist", "Haddad", "Petrov",
    "Al-Sayed", "Moreau", "Kowalski", "Tran", "García", "Ng", "Abernathy-Lowe", "Ferreira", "Achterberg",
)  # fmt: skip
AGENCIES = ("CNN", "Associated Press", "Reuters", "AFP", "dpa", "The Canadian Press", "Bloomberg")
SITES = (
    ("The Harbor Gazette", "harborgazette"), ("Valley Courier", "valleycourier"), ("Neckar Bote", "neckarbote"),
    ("Riverside Tribune", "riversidetribune"), ("Prairie 7 News", "prairie7"), ("Coastal Ledger", "coastalledger"),
)  # fmt: skip
PLACES = (
    "the river district", "the county board", "the old harbour", "the city council", "the regional hospital",
    "the northern bypass", "the school board", "the water authority", "the port", "the university",
)  # fmt: skip
SUBJECTS = (
    "Officials", "Residents", "Engineers", "The mayor", "Council members", "Inspectors", "Volunteers",
    "Business owners", "Researchers", "Police", "Parents", "The committee",
)  # fmt: skip
VERBS = (
    "approved", "delayed", "questioned", "announced", "reviewed", "postponed", "welcomed", "rejected",
    "funded", "inspected", "debated", "praised",
)  # fmt: skip
OBJECTS = (
    "a plan to repair the bridge", "new rules for parking", "the budget for next year", "a study of flood risk",
    "changes to bus routes", "a proposal for a new library", "the closure of two schools", "higher water rates",
    "a pilot program for bike lanes", "the sale of public land", "a ban on overnight construction",
)  # fmt: skip
CLAUSES = (
    "after a long meeting on Tuesday", "citing rising costs", "despite strong objections",
    "following months of complaints", "to the surprise of many", "ahead of the winter season",
    "according to a statement released late in the day", "in a narrow vote", "pending a final review",
)  # fmt: skip
HEADLINE_NOUNS = (
    "bridge", "budget", "bus routes", "library", "flood plan", "water rates", "harbour project", "school closures",
)  # fmt: skip
TEASER_HEADLINES = (
    "Storm knocks out power across the valley", "Local bakery wins regional award",
    "Traffic changes planned for the festival weekend", "High school team reaches state final",
    "New clinic opens on the east side", "Museum reopens after two-year renovation",
    "Ferry service resumes after repairs", "Farmers market moves to new location",
)  # fmt: skip
SPONSORED_HEADLINES = (
    "Doctors stunned by this one simple trick", "The smartest way to refinance your home this year",
    "Why everyone is switching to this mattress", "These shoes are selling out everywhere",
    "Retire early with this little-known plan", "Homeowners are replacing their windows for less",
)  # fmt: skip
ADVERTISERS = ("Brightline Finance", "DreamNest Sleep", "Summit Windows", "PeakStride", "Lumen Insurance")
NEWSLETTER = (
    "Sign up for our Morning Briefing", "Get the day's top stories in your inbox every morning.",
)  # fmt: skip
COOKIE = ("We use cookies to improve your experience on our site.", "Accept all cookies")
COMMENTERS = ("riverwatcher77", "J. Patel", "concerned_parent", "Old Timer", "M. Kowalczyk")
