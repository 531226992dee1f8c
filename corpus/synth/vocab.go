package synth

// The pools below are the generator's raw material. They are ordinary
// legal vocabulary (court names, statutes, reporters) written the way
// filings write them, so the taggers meet realistic text; the planted
// value of each is what the taggers should normalise it to.

// A court as a filing names it, with the id lexsearch's court facet uses.
type court struct {
	id      string
	caption string // as the caption of an opinion writes it
	pacer   string // as a PACER docket heading writes it ("" for appellate)
	cite    string // as a citation parenthetical writes it
	appeals bool
}

var courts = []court{
	{"cand", "UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF CALIFORNIA", "California Northern District (San Francisco)", "N.D. Cal.", false},
	{"ilnd", "UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF ILLINOIS", "Illinois Northern District (Chicago)", "N.D. Ill.", false},
	{"nysd", "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF NEW YORK", "New York Southern District (Foley Square)", "S.D.N.Y.", false},
	{"txsd", "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF TEXAS", "Texas Southern District (Houston)", "S.D. Tex.", false},
	{"flsd", "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF FLORIDA", "Florida Southern District (Miami)", "S.D. Fla.", false},
	{"wawd", "UNITED STATES DISTRICT COURT FOR THE WESTERN DISTRICT OF WASHINGTON", "Washington Western District (Seattle)", "W.D. Wash.", false},
	{"cacd", "UNITED STATES DISTRICT COURT FOR THE CENTRAL DISTRICT OF CALIFORNIA", "California Central District (Los Angeles)", "C.D. Cal.", false},
	{"paed", "UNITED STATES DISTRICT COURT FOR THE EASTERN DISTRICT OF PENNSYLVANIA", "Pennsylvania Eastern District (Philadelphia)", "E.D. Pa.", false},
	{"mad", "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF MASSACHUSETTS", "Massachusetts District (Boston)", "D. Mass.", false},
	{"ohsd", "UNITED STATES DISTRICT COURT FOR THE SOUTHERN DISTRICT OF OHIO", "Ohio Southern District (Columbus)", "S.D. Ohio", false},
	{"gand", "UNITED STATES DISTRICT COURT FOR THE NORTHERN DISTRICT OF GEORGIA", "Georgia Northern District (Atlanta)", "N.D. Ga.", false},
	{"dcd", "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA", "District of Columbia (Washington, DC)", "D.D.C.", false},
	{"ca9", "UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT", "", "9th Cir.", true},
	{"ca7", "UNITED STATES COURT OF APPEALS FOR THE SEVENTH CIRCUIT", "", "7th Cir.", true},
	{"ca2", "UNITED STATES COURT OF APPEALS FOR THE SECOND CIRCUIT", "", "2d Cir.", true},
	{"ca5", "UNITED STATES COURT OF APPEALS FOR THE FIFTH CIRCUIT", "", "5th Cir.", true},
	{"ca1", "UNITED STATES COURT OF APPEALS FOR THE FIRST CIRCUIT", "", "1st Cir.", true},
	{"ca11", "UNITED STATES COURT OF APPEALS FOR THE ELEVENTH CIRCUIT", "", "11th Cir.", true},
	{"cadc", "UNITED STATES COURT OF APPEALS FOR THE DISTRICT OF COLUMBIA CIRCUIT", "", "D.C. Cir.", true},
}

// A statute as written, with its canonical form.
type statute struct{ written, norm string }

var statutes = []statute{
	{"18 U.S.C. § 1591", "18 U.S.C. § 1591"},
	{"18 U.S.C. § 1595", "18 U.S.C. § 1595"},
	{"47 U.S.C. § 230", "47 U.S.C. § 230"},
	{"18 U.S.C. § 1589", "18 U.S.C. § 1589"},
	{"18 U.S.C. § 2255", "18 U.S.C. § 2255"},
	{"18 U.S.C. § 2421A", "18 U.S.C. § 2421A"},
	{"28 U.S.C. § 1331", "28 U.S.C. § 1331"},
	{"28 U.S.C. § 1332", "28 U.S.C. § 1332"},
	{"28 U.S.C. § 1441", "28 U.S.C. § 1441"},
	{"18 U.S.C. § 2422", "18 U.S.C. § 2422"},
	{"18 U.S.C. § 1590", "18 U.S.C. § 1590"},
	{"18 U.S.C. § 1594", "18 U.S.C. § 1594"},
	{"18 U.S.C. § 2423", "18 U.S.C. § 2423"},
	{"18 U.S.C. § 1962", "18 U.S.C. § 1962"},
	{"18 U.S.C. § 1964", "18 U.S.C. § 1964"},
	{"42 U.S.C. § 1983", "42 U.S.C. § 1983"},
	{"28 U.S.C. § 1292", "28 U.S.C. § 1292"},
	{"28 U.S.C. § 1367", "28 U.S.C. § 1367"},
	{"18 U.S.C. § 2252", "18 U.S.C. § 2252"},
	{"18 U.S.C. § 2251", "18 U.S.C. § 2251"},
	{"15 U.S.C. § 45", "15 U.S.C. § 45"},
	{"17 U.S.C. § 512", "17 U.S.C. § 512"},
	{"Pub. L. 115-164", "Pub. L. 115-164"},
	{"Fed. R. Civ. P. 12(b)(6)", "Fed. R. Civ. P. 12(b)(6)"},
}

// Companies that appear as defendants, written as a caption writes them.
var companies = []string{
	"Twitter, Inc.", "Salesforce.com, Inc.", "Backpage.com, LLC", "Meta Platforms, Inc.",
	"Wyndham Hotels & Resorts, Inc.", "Red Roof Inns, Inc.", "Reddit, Inc.", "Craigslist, Inc.",
	"Choice Hotels International, Inc.", "Marriott International, Inc.", "G6 Hospitality LLC",
	"Snap Inc.", "Google LLC", "Omegle.com LLC", "Pornhub Holdings Ltd.", "Village Voice Media Holdings, LLC",
	"Hilton Worldwide Holdings Inc.", "Motel 6 Operating L.P.", "Roblox Corporation", "Discord Inc.",
	"Tumblr, Inc.", "Yahoo Holdings, Inc.", "Microsoft Corporation", "Amazon.com, Inc.",
}

var firstNames = []string{
	"Andrea", "Robert", "Maria", "James", "Susan", "Michael", "Linda", "David", "Patricia", "William",
	"Elizabeth", "Richard", "Jennifer", "Thomas", "Barbara", "Charles", "Margaret", "Joseph", "Sandra", "Daniel",
	"Karen", "Edward", "Nancy", "Kenneth", "Lisa", "Steven", "Betty", "George", "Dorothy", "Brian",
	"Helen", "Ronald", "Carol", "Anthony", "Ruth", "Kevin", "Sharon", "Jason", "Michelle", "Matthew",
}

var lastNames = []string{
	"Wood", "Chen", "Alvarez", "Okafor", "Lindqvist", "Patel", "Moreno", "Fitzgerald", "Nakamura", "Brennan",
	"Delacroix", "Haddad", "Kowalski", "Ramirez", "Thornton", "Underwood", "Vasquez", "Whitfield", "Yamamoto", "Zimmerman",
	"Abernathy", "Baptiste", "Castellano", "Donnelly", "Eastwood", "Ferreira", "Gallagher", "Holloway", "Iverson", "Jablonski",
	"Kincaid", "Lombardi", "McAllister", "Novak", "Oyelaran", "Pemberton", "Quinlan", "Rasmussen", "Sorensen", "Tavares",
}

// Reporters with the years their citations can carry; a volume follows
// from the year, as it does in print.
type reporter struct {
	abbr       string
	from, to   int
	vol0       int     // the first volume of year from
	perYear    float64 // volumes a year
	courtParen bool    // the parenthetical names the court
	appellate  bool    // decisions of courts of appeals (else district courts)
}

var reporters = []reporter{
	{"U.S.", 1990, 2022, 494, 3.2, false, false},
	{"S. Ct.", 1990, 2023, 110, 1, false, false},
	{"F.3d", 1994, 2021, 1, 37, true, true},
	{"F.4th", 2021, 2024, 1, 30, true, true},
	{"F. Supp. 2d", 1998, 2014, 1, 62, true, false},
	{"F. Supp. 3d", 2014, 2024, 1, 70, true, false},
}

// Ordinary legal English for the running text. The generator also mixes
// in synthetic words (see words.go) whose frequencies it controls.
var legalWords = []string{
	"court", "plaintiff", "defendant", "motion", "dismiss", "complaint", "alleged", "allegations", "claim", "claims",
	"liability", "statute", "section", "immunity", "provider", "platform", "content", "users", "website", "advertisements",
	"trafficking", "victim", "venture", "benefit", "knowingly", "participation", "financially", "commercial", "sex", "act",
	"minor", "force", "fraud", "coercion", "recruited", "harbored", "transported", "advertised", "solicited", "obtained",
	"evidence", "record", "discovery", "jury", "trial", "verdict", "appeal", "district", "circuit", "judgment",
	"summary", "standard", "review", "de", "novo", "pleading", "plausible", "factual", "matter", "accepted",
	"true", "inference", "reasonable", "favor", "nonmoving", "party", "genuine", "dispute", "material", "fact",
	"congress", "enacted", "amendment", "legislative", "history", "purpose", "interpretation", "plain", "text", "meaning",
	"publisher", "speaker", "information", "interactive", "computer", "service", "third", "parties", "created", "developed",
	"hotel", "franchisor", "franchisee", "rooms", "rented", "employees", "staff", "signs", "red", "flags",
	"constructive", "knowledge", "actual", "should", "have", "known", "operation", "control", "policies", "training",
	"damages", "punitive", "compensatory", "attorney", "fees", "injunctive", "relief", "remedy", "civil", "criminal",
	"conviction", "sentence", "indictment", "counts", "guilty", "plea", "government", "prosecution", "defense", "witness",
	"testimony", "exhibit", "order", "opinion", "memorandum", "granted", "denied", "part", "remanded", "affirmed",
	"reversed", "vacated", "jurisdiction", "venue", "personal", "subject", "removal", "federal", "state", "law",
}

// Glue words so sentences read as English.
var glueWords = []string{
	"the", "of", "and", "to", "a", "in", "that", "is", "for", "on", "with", "as", "by", "was", "not", "be", "this", "which", "or", "its",
}

// Phrases planted at set rates, for the phrase query class.
var plantedPhrases = []struct {
	text string
	rate float64 // share of documents
}{
	{"beneficiary liability", 0.02},
	{"interactive computer service", 0.053},
	{"forum non conveniens", 0.01},
}
