/**
 * The overlay's wire format: strict protobuf codecs for {@code /solcial/hyparview/1.0.0} and
 * {@code /solcial/plumtree/1.0.0} (docs/protocol.md), mapping to and from the state machines'
 * message records.
 */
package io.solcial.overlay.wire;
