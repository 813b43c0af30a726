/**
 * A user's node driven from the command line: {@link io.solcial.cli.control.UserActions} (post,
 * like, follow, profile, feed, status) implemented on a {@link io.solcial.node.Node} in this process
 * ({@link io.solcial.cli.control.NodeActions}) or on the local control API of a node running in
 * another process ({@link io.solcial.cli.control.ControlClient}); the API's server
 * ({@link io.solcial.cli.control.ControlServer}) and the token file that finds and unlocks it
 * ({@link io.solcial.cli.control.ControlFile}). The API is documented in docs/control-api.md.
 */
package io.solcial.cli.control;
