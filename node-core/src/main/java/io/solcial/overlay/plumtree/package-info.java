/**
 * Plumtree (Epidemic Broadcast Trees, Leitão, Pereira and Rodrigues, SRDS 2007): per topic, full
 * messages travel over an eager-push spanning tree embedded in the HyParView active view, while
 * the remaining active links carry batched message ids (IHAVE) for repair. A missing id triggers
 * a GRAFT, a duplicate a PRUNE, and a much shorter lazy path replaces the eager parent.
 *
 * <p>{@link io.solcial.overlay.plumtree.Plumtree} is a pure state machine driven through
 * {@link io.solcial.overlay.OverlayEnvironment}; it is told about active-view changes as a
 * {@link io.solcial.overlay.NeighborListener}.
 */
package io.solcial.overlay.plumtree;
