/**
 * Yamux {@code /yamux/1.0.0} (libp2p/specs yamux/README.md) on Netty: {@link
 * io.solcial.net.yamux.YamuxMuxer#install} turns a {@link io.solcial.net.transport.SecuredChannel}
 * into a {@link io.solcial.net.Connection}.
 *
 * <p>Decisions where the spec leaves room:
 * <ul>
 *   <li>Threading: all session and stream state lives on the channel's event loop; public
 *       methods hop onto it. Handler callbacks run there, in order.</li>
 *   <li>Receive window: 256 KiB per stream (more if configured, announced with SYN/ACK). Bytes
 *       count as consumed when the handler has taken them, and half a window consumed is granted
 *       back with one WindowUpdate; a paused stream therefore buffers at most one window.</li>
 *   <li>Sending: writes queue per stream and go out as the peer's window allows, in frames of at
 *       most {@code maxFramePayload}; a write's future completes when its last frame was written
 *       to the channel.</li>
 *   <li>A Data frame longer than the stream's remaining window, an unknown version or type, a
 *       stream frame on id 0, and a SYN for a stream that is open: GoAway(protocol error), close.</li>
 *   <li>Unknown stream ids (the spec is silent): Data is answered with RST and dropped;
 *       WindowUpdate and RST are ignored (late updates after a close are normal).</li>
 *   <li>A SYN on an id of our own parity, past {@code maxInboundStreams}, past the 256-stream ACK
 *       backlog or after GoAway is refused with RST; the connection goes on. Inbound streams are
 *       ACKed with our first frame, the multistream-select header, sent at once.</li>
 *   <li>GoAway received: no new streams either way; the connection closes once the last stream
 *       ends (at once for a non-zero code). {@code close()} sends GoAway(0) and closes.</li>
 *   <li>Keepalive: a Ping every {@code keepaliveInterval}; one unanswered within
 *       {@code pingTimeout} closes the connection with GoAway(internal error).</li>
 * </ul>
 */
package io.solcial.net.yamux;
