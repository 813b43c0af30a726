/**
 * The gossip overlay: HyParView membership ({@code hyparview}) and Plumtree broadcast
 * ({@code plumtree}) as pure state machines driven through {@link io.solcial.overlay.OverlayEnvironment},
 * so the same code runs over real connections and inside the deterministic simulator.
 */
package io.solcial.overlay;
