/**
 * HyParView membership per overlay topic: {@link io.solcial.overlay.hyparview.HyParView}, its
 * messages, configuration, and the chain gate ({@link io.solcial.overlay.hyparview.Admission}).
 */
package io.solcial.overlay.hyparview;
