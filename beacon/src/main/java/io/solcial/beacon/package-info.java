/**
 * Headless node roles. {@code io.solcial.beacon.gateway} is the HTTP gateway (web mirror, JSON API,
 * IPFS trustless gateway, metrics); the beacon's composition root arrives with the Node facade.
 */
package io.solcial.beacon;
