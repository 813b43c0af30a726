/**
 * The overlay over libp2p: {@link io.solcial.overlay.net.OverlayService} runs HyParView and
 * Plumtree per topic on a {@link io.solcial.net.host.Libp2pHost}, on one overlay thread, with
 * persistent bans ({@link io.solcial.overlay.net.BanStore}).
 */
package io.solcial.overlay.net;
