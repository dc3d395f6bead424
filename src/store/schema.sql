-- komunikat's archive store (DIR/komunikat.sqlite). Every table is meant to be queried;
-- see README.md, "The archive store". Rows of documents and events are kept after their
-- files or events are gone (present = 0, active = 0): their ids are never given again.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run          INTEGER PRIMARY KEY,
    finished     TEXT NOT NULL,          -- UTC, RFC 3339
    summary      TEXT NOT NULL           -- summary.json of the run
);
CREATE TABLE IF NOT EXISTS documents (
    id           TEXT PRIMARY KEY,
    path_key     TEXT NOT NULL UNIQUE,   -- input root (absolute) + '//' + path below it
    root         TEXT NOT NULL,          -- the input root, absolute
    path         TEXT NOT NULL,          -- below the root, '/'-separated, %XX where not UTF-8
    stem         TEXT NOT NULL,          -- the file stem (ids are stems where unique)
    source       TEXT NOT NULL,          -- as the record gives it
    content_hash TEXT NOT NULL,          -- xxh3-128 of the file's bytes
    format       TEXT, encoding TEXT, language TEXT,
    polish       INTEGER NOT NULL,
    title        TEXT,
    published    TEXT,                   -- the release's own date, ISO
    bytes        INTEGER,
    first_run    INTEGER NOT NULL,
    last_run     INTEGER NOT NULL,
    present      INTEGER NOT NULL        -- 1: among the last run's inputs
);
CREATE TABLE IF NOT EXISTS records (      -- apart from documents, whose rows a run touches
    doc_id       TEXT PRIMARY KEY REFERENCES documents(id),
    record       TEXT NOT NULL,          -- the document record as documents.jsonl has it
    patches      TEXT,                   -- years the event stage filled: [[date index, value before, year_inferred before]]
    sketch       BLOB                    -- the event stage's features (internal)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id       TEXT NOT NULL REFERENCES documents(id),
    kind         TEXT NOT NULL,          -- date | official | sum | institution | gmina | locality
    start        INTEGER NOT NULL,       -- UTF-8 byte offsets into the decoded source
    end          INTEGER NOT NULL,
    text         TEXT NOT NULL,          -- the words as they stand in the source
    value        TEXT,                   -- ISO date, decimal sum, or the name in the nominative
    role         TEXT,                   -- officials
    teryt        TEXT, powiat TEXT, voivodeship TEXT,   -- gminas (localities: gmina_teryt)
    currency     TEXT, purpose TEXT,     -- sums
    sum_kind     TEXT                    -- sums: grant | own_contribution | total_cost | ...
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE TABLE IF NOT EXISTS events (
    id           TEXT PRIMARY KEY,
    date         TEXT,
    title        TEXT,
    record       TEXT NOT NULL,          -- the event record as events.jsonl has it
    replaces     TEXT NOT NULL,          -- JSON list of absorbed ids
    first_run    INTEGER NOT NULL,
    last_run     INTEGER NOT NULL,       -- the last run that changed it
    active       INTEGER NOT NULL        -- 1: an event of the last run
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_id     TEXT NOT NULL REFERENCES events(id),
    doc_id       TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources(doc_id);
CREATE TABLE IF NOT EXISTS event_facts (
    event_id     TEXT NOT NULL REFERENCES events(id),
    kind         TEXT NOT NULL,          -- official | gmina | institution | sum | date
    value        TEXT,                   -- name, ISO date or decimal sum
    role         TEXT, teryt TEXT, currency TEXT,
    sources      TEXT NOT NULL           -- JSON list of document ids
);
CREATE INDEX IF NOT EXISTS event_facts_event ON event_facts(event_id);
CREATE TABLE IF NOT EXISTS conflicts (
    event_id     TEXT NOT NULL REFERENCES events(id),
    field        TEXT NOT NULL,
    "values"     TEXT NOT NULL,          -- JSON list
    sources      TEXT NOT NULL           -- JSON list of document ids
);
CREATE INDEX IF NOT EXISTS conflicts_event ON conflicts(event_id);
CREATE TABLE IF NOT EXISTS redirects (
    old_id       TEXT NOT NULL,
    new_id       TEXT,                   -- NULL: its releases are gone
    reason       TEXT NOT NULL,          -- merged | split | removed
    run          INTEGER NOT NULL
);
