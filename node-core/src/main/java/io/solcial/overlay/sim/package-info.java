/**
 * A deterministic discrete-event network (virtual time, latency model, seeded randomness, crash
 * failures) that runs the overlay state machines unchanged; the engine behind {@code solcial sim}.
 */
package io.solcial.overlay.sim;
