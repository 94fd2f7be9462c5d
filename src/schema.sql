-- schema.sql - the corpus database (imr2xml --db; docs/database.md).
--
-- Embedded in the binary (src/sql_blob.S) and run on an empty database;
-- PRAGMA user_version is its version, and a database of another version
-- is refused.  Every row comes from a letter's validated XML, read by the
-- table in src/db.c: the names here are the XML's, in snake_case.  Dates
-- are ISO 8601 text (YYYY-MM-DD), booleans 0 or 1, absent values NULL.

PRAGMA user_version = 2;

-- One row per letter.  sha256 is the input's (the PDF's or the text's, as
-- the XML's @sha256 says) and letter the letter's ordinal in it (1 but for
-- letters joined in one input): the same letter is never loaded twice.
-- Version 1 had sha256 UNIQUE and no letter; db.c migrates it (its copy of
-- this table must stay this one: tests/db.sh compares them).
CREATE TABLE letters (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL,
	source TEXT,
	variant TEXT NOT NULL,
	outcome TEXT,              -- upheld, overturned, partially-overturned
	complete INTEGER NOT NULL, -- 0: some of it is in <unparsed>
	items INTEGER NOT NULL,    -- how many items (rows of the items table)
	warnings INTEGER NOT NULL, -- how many warnings, the letter's and its items'
	case_number TEXT,
	date_assigned TEXT,
	decision_date TEXT,
	priority TEXT,             -- standard, expedited
	date_of_injury TEXT,
	ur_denial_date TEXT,
	application_received TEXT,
	employee_name TEXT,
	claim_number TEXT,
	provider_name TEXT,
	reviewer_role TEXT,        -- expert, physician
	patient_age INTEGER,
	patient_sex TEXT,
	injury_date TEXT,          -- the case summary's date of injury
	generator TEXT,
	letter INTEGER NOT NULL DEFAULT 1,
	UNIQUE (sha256, letter)
);
CREATE INDEX letters_decision_date ON letters(decision_date);
CREATE INDEX letters_case_number ON letters(case_number);

-- One row per disputed item.
CREATE TABLE items (
	id INTEGER PRIMARY KEY,
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	n INTEGER NOT NULL,        -- the item's number in the letter
	line INTEGER,
	page INTEGER,
	decision TEXT NOT NULL,    -- upheld, overturned
	complete INTEGER NOT NULL,
	conclusion TEXT,           -- the rationale's: medically-necessary, not-medically-necessary
	category TEXT,
	subcategory TEXT,
	service TEXT NOT NULL,     -- the item as the letter names it
	request_name TEXT,         -- the request's parts (docs/request.md)
	generic TEXT,
	strength TEXT,             -- values joined by "; ", as are the lists below
	strength_unit TEXT,
	form TEXT,
	quantity REAL,
	quantity_unit TEXT,
	dose REAL,
	dose_unit TEXT,
	refills INTEGER,
	frequency TEXT,            -- the words: "two times a week"
	frequency_times REAL,      -- and the numbers: 2 per week
	frequency_every REAL,      -- every 4 to 6 hours: times NULL, every 4
	frequency_per TEXT,        -- hour, day, week, month, year
	as_needed INTEGER,
	duration_count REAL,
	duration_unit TEXT,
	sessions INTEGER,
	body_region TEXT,
	laterality TEXT,
	levels TEXT,
	retrospective INTEGER,
	perioperative TEXT,
	date_of_service TEXT,
	original_request TEXT,     -- a modified request: what was asked
	authorized TEXT,           -- and what the claims administrator authorized
	UNIQUE (letter_id, n)
);
CREATE INDEX items_category ON items(category, subcategory);
CREATE INDEX items_request_name ON items(request_name);
CREATE INDEX items_generic ON items(generic);

-- The guidelines cited for an item, by the claims administrator's UR
-- (side 'claims-administrator') and by the reviewer ('reviewer').
CREATE TABLE citations (
	id INTEGER PRIMARY KEY,
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	side TEXT NOT NULL,
	body TEXT NOT NULL,        -- MTUS, ODG, ACOEM, other
	document TEXT,
	chapter TEXT,
	year INTEGER,
	topic TEXT,
	line INTEGER
);
CREATE INDEX citations_item ON citations(item_id);
CREATE INDEX citations_document ON citations(body, document);

CREATE TABLE citation_sections (
	citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	section TEXT NOT NULL
);
CREATE INDEX citation_sections_section ON citation_sections(section);
CREATE INDEX citation_sections_citation ON citation_sections(citation_id);

CREATE TABLE citation_pages (
	citation_id INTEGER NOT NULL REFERENCES citations(id) ON DELETE CASCADE,
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	first INTEGER NOT NULL,
	last INTEGER NOT NULL
);
CREATE INDEX citation_pages_citation ON citation_pages(citation_id);

CREATE TABLE diagnoses (
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	diagnosis TEXT NOT NULL,
	code TEXT, -- the ICD code printed with it (@code), or NULL
	line INTEGER
);
CREATE INDEX diagnoses_letter ON diagnoses(letter_id);

CREATE TABLE medications (
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	class TEXT NOT NULL,
	generic TEXT,
	form TEXT,
	line INTEGER
);
CREATE INDEX medications_letter ON medications(letter_id);
CREATE INDEX medications_class ON medications(class);

-- The reviewer's board certifications, subspecialties and licenses.
CREATE TABLE credentials (
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,        -- certification, subspecialty, license
	value TEXT NOT NULL        -- a specialty, or a license's state
);
CREATE INDEX credentials_value ON credentials(kind, value);
CREATE INDEX credentials_letter ON credentials(letter_id);

-- Warnings (docs/imr2xml.5): the letter's (item_id NULL) and its items'.
CREATE TABLE warnings (
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
	code TEXT NOT NULL,
	line INTEGER,
	message TEXT
);
CREATE INDEX warnings_letter ON warnings(letter_id);
CREATE INDEX warnings_code ON warnings(code);

-- The list of documents reviewed (letters that have one).
CREATE TABLE documents_reviewed (
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	document TEXT NOT NULL,
	date TEXT,
	date_from TEXT,
	date_to TEXT,
	line INTEGER
);
CREATE INDEX documents_reviewed_letter ON documents_reviewed(letter_id);

-- The prose, for full-text search: case summaries (item_id NULL),
-- rationales, guideline paragraphs and item titles, one row a paragraph.
CREATE TABLE texts (
	id INTEGER PRIMARY KEY,
	letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
	item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
	kind TEXT NOT NULL,        -- summary, rationale, guideline, title
	line INTEGER,
	body TEXT NOT NULL
);
CREATE INDEX texts_letter ON texts(letter_id);

-- The index over texts.body: external content, so the text is stored
-- once.  imr2xml indexes each row as it inserts it (a trigger would make
-- every insert a statement with a savepoint, and FTS5 writes its pending
-- terms out at each: ten times slower); deleting a letter's texts takes
-- them out of the index by the trigger below.
CREATE VIRTUAL TABLE texts_fts USING fts5(
	body, content = 'texts', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER texts_ad AFTER DELETE ON texts BEGIN
	INSERT INTO texts_fts(texts_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
