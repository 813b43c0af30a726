/**
 * The signed profile log: entries (DAG-PB blocks with canonical JSON, Ed25519-signed), their strict
 * codec, the writer that appends and merges heads, the validator that checks entries as they sync,
 * and the fold of a log into profile state. The format is specified in docs/protocol.md,
 * "Profile log entries".
 */
package io.solcial.log;
