-- parley store, schema 1: articles, actors, quotes, signals, errors, full-text search.
-- Offsets: start_char/end_char index the article's raw input text (articles.raw);
-- clean_start/clean_end index its clean body (articles.text).

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,          -- content hash of the input text
    ref           TEXT,                      -- the id or path the user gave
    url           TEXT,
    outlet        TEXT,
    title         TEXT,
    authors       TEXT NOT NULL DEFAULT '[]', -- JSON array of names
    date          TEXT,                      -- ISO date of publication
    dateline      TEXT,
    language      TEXT,
    text          TEXT NOT NULL,             -- clean article body
    raw           TEXT NOT NULL,             -- the input text as given
    segments      TEXT NOT NULL DEFAULT '[]', -- JSON [[clean_start, raw_start, length], ...]
    source        TEXT,                      -- file (and line or record) it came from
    input_format  TEXT,
    duplicate_of  TEXT REFERENCES articles(id),
    extractors    TEXT NOT NULL DEFAULT '{}', -- JSON {what: versioned step name}
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE actors (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    kind  TEXT,
    side  TEXT
);

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL,             -- direct | partial | indirect
    quote         TEXT NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    clean_start   INTEGER NOT NULL,
    clean_end     INTEGER NOT NULL,
    speaker_id    INTEGER REFERENCES actors(id),
    speaker       TEXT,
    speaker_side  TEXT,
    speaker_role  TEXT,
    cue           TEXT,
    medium        TEXT,
    extractor     TEXT NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE signals (
    id                INTEGER PRIMARY KEY,
    article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    holder_id         INTEGER REFERENCES actors(id),
    holder            TEXT NOT NULL,
    holder_side       TEXT,
    counterpart_id    INTEGER REFERENCES actors(id),
    counterpart       TEXT,
    counterpart_side  TEXT,
    stance            TEXT NOT NULL,
    conditions        TEXT NOT NULL DEFAULT '[]', -- JSON array of phrases
    reasons           TEXT NOT NULL DEFAULT '[]', -- JSON array of reason codes
    evidence          TEXT NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    clean_start       INTEGER NOT NULL,
    clean_end         INTEGER NOT NULL,
    date              TEXT,
    explanation       TEXT,
    confidence        REAL,
    extractor         TEXT NOT NULL,
    UNIQUE (article_id, seq)
);
CREATE INDEX signals_holder ON signals(holder);
CREATE INDEX signals_side ON signals(holder_side);
CREATE INDEX signals_stance ON signals(stance);
CREATE INDEX signals_date ON signals(date);

CREATE TABLE errors (
    id          INTEGER PRIMARY KEY,
    article_id  TEXT REFERENCES articles(id) ON DELETE CASCADE,
    source      TEXT NOT NULL DEFAULT '',
    location    TEXT NOT NULL DEFAULT '',
    code        TEXT NOT NULL,
    message     TEXT NOT NULL,
    step        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (source, location, code, step)
);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles", content_rowid="rowid");
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
