-- parley store, schema 2: near-duplicate detection.
-- Each article's MinHash signature (of its clean text) and its LSH band keys; an article
-- whose text is nearly the same as an earlier one's is stored with articles.duplicate_of
-- set to the first copy (see parley/ingest/dedupe.py).

CREATE TABLE article_minhash (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    scheme      TEXT NOT NULL,               -- how the signature was made, e.g. minhash.w5.p128.b32.v1
    signature   BLOB NOT NULL                -- 128 little-endian uint64 values
);

CREATE TABLE article_bands (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;

CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
