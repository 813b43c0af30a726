/**
 * multiformats: unsigned varint, multibase, multihash, CID and multiaddr, byte for byte per the
 * multiformats specs. Decoders are strict: truncated input, non-minimal varints and unknown codes
 * raise {@link io.solcial.multiformats.InvalidMultiformatException}.
 */
package io.solcial.multiformats;
