-- Test-only migration that fails half-way.
INSERT INTO schema_version (version, script, applied_at) VALUES (99, 'smuggled', CURRENT_TIMESTAMP);
INSERT INTO no_such_table (x) VALUES (1);
