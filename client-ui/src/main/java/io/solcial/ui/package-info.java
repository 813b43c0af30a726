/**
 * Placeholder: this module's code arrives with its own issue. It exists now so the build,
 * its dependency direction and its enforcer rules are in place from the start.
 */
package io.solcial.ui;
