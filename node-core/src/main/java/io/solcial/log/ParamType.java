package io.solcial.log;

/** How a param value is typed, written in JSON and (for content) linked from the entry block. */
public enum ParamType {
    /** A CID of a block this entry owns (content, avatar): a JSON string and a "param/NAME" link. */
    LINKED_CID,
    /** A CID that refers to another entry (parent, root, target): a JSON string, no link. */
    REF_CID,
    /** A wallet address (base58 of an Ed25519 key): a JSON string. */
    ADDRESS,
    /** Free text: a JSON string. */
    TEXT,
    /** A signed integer in +-(2^53 - 1): a JSON number. */
    INTEGER
}
