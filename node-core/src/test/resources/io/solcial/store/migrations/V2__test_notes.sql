-- Test-only second migration: a table and a row, to check ordering and single application.
CREATE TABLE IF NOT EXISTS test_notes (
    id   INTEGER NOT NULL PRIMARY KEY,
    note VARCHAR(100) NOT NULL
);
INSERT INTO test_notes (id, note) VALUES (1, 'applied once; a second run would violate the key');
