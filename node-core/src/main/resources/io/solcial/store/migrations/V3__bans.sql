-- Peers banned permanently by the gossip overlay (a message that failed validation): never
-- admitted to any active view again, disconnected on sight. peer_id is the binary multihash.

CREATE TABLE IF NOT EXISTS bans (
    peer_id   BYTEA        NOT NULL PRIMARY KEY,
    reason    VARCHAR(512) NOT NULL,
    banned_at TIMESTAMP    NOT NULL
);
