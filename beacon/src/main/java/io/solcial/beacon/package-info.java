/**
 * Headless node roles. {@link io.solcial.beacon.Beacon} is the beacon's composition root: a
 * {@link io.solcial.node.Node} in the beacon role (replicates and serves every log) with the HTTP
 * gateway of {@code io.solcial.beacon.gateway} (web mirror, JSON API, IPFS trustless gateway,
 * metrics) on top of it.
 */
package io.solcial.beacon;
