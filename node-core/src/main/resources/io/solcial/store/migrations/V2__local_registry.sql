-- The embedded local registry (chain-adapter's LocalRegistry): the offline/demo stand-in for the
-- on-chain membership mint and token balances. Wallets and mints are the raw 32-byte keys.
-- Amounts are token base units (u64 on chain; NUMERIC leaves room and is portable).

CREATE TABLE IF NOT EXISTS registry_members (
    wallet        BYTEA     NOT NULL PRIMARY KEY,
    registered_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS registry_balances (
    owner  BYTEA          NOT NULL,
    mint   BYTEA          NOT NULL,
    amount NUMERIC(40, 0) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (owner, mint)
);
