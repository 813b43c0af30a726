/**
 * The node as a product: {@code Node} wires identity, store, log, net, overlay and exchange from a
 * {@code NodeConfig} and exposes the facade every front end (CLI, desktop, beacon, gateway) uses.
 * {@link io.solcial.node.SocialReader} is the read side of that facade.
 */
package io.solcial.node;
