-- The index of every validated log entry this node holds. The entry blocks themselves are in
-- `blocks` (they are served over bitswap like any block); this table says which blocks are
-- validated entries of which author, in which order, and which of them are the log's heads.
-- An entry is only ever inserted after its prev entries (sync validates oldest first), so every
-- author's indexed entries are closed under prev.

CREATE TABLE IF NOT EXISTS log_entries (
    cid     BYTEA   NOT NULL PRIMARY KEY,
    author  BYTEA   NOT NULL,
    seq     BIGINT  NOT NULL,
    ts      BIGINT  NOT NULL,
    action  VARCHAR(32) NOT NULL,
    is_head BOOLEAN NOT NULL
);

CREATE INDEX IF NOT EXISTS log_entries_author_seq ON log_entries (author, seq);
CREATE INDEX IF NOT EXISTS log_entries_heads ON log_entries (author, is_head);
