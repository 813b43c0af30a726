/**
 * The beacon's HTTP gateway: {@link io.solcial.beacon.gateway.Gateway} composes the web mirror
 * ({@code web}), the JSON API ({@code api}), the IPFS trustless gateway ({@code ipfs}) and the
 * metrics ({@code metrics}) on a small Netty HTTP server ({@code http}), all reading through
 * {@link io.solcial.node.SocialReader}. Shared view models live in {@code model}.
 */
package io.solcial.beacon.gateway;
