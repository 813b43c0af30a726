-- Blocks, the links between them, and recursive pin roots.
-- Portable on purpose: the same script runs on H2 2.x and on PostgreSQL (BYTEA is H2's alias
-- for BINARY VARYING). IF NOT EXISTS lets a migration that H2 half-applied (H2 commits each DDL
-- statement on its own) be re-run safely.
-- Every CID column holds the binary CIDv1 (a CIDv0 is stored as its v1 form).

CREATE TABLE IF NOT EXISTS blocks (
    cid        BYTEA   NOT NULL PRIMARY KEY,
    codec      BIGINT  NOT NULL,
    size_bytes INTEGER NOT NULL,
    data       BYTEA   NOT NULL
);

-- Filled at put time from the block's own links; child may name a block not (yet) present.
CREATE TABLE IF NOT EXISTS block_links (
    parent BYTEA NOT NULL REFERENCES blocks (cid) ON DELETE CASCADE,
    child  BYTEA NOT NULL,
    PRIMARY KEY (parent, child)
);

CREATE INDEX IF NOT EXISTS block_links_child ON block_links (child);

-- A pin root may name a block not (yet) present: what arrives later under it is pinned too.
CREATE TABLE IF NOT EXISTS pins (
    root BYTEA NOT NULL PRIMARY KEY
);

-- Scratch space for garbage collection: the mark phase writes every reachable CID here, the
-- sweep deletes blocks not marked, and the marks are cleared in the same transaction.
-- (Sweeping against the recursive query directly is quadratic on H2.)
CREATE TABLE IF NOT EXISTS gc_reachable (
    cid BYTEA NOT NULL PRIMARY KEY
);
