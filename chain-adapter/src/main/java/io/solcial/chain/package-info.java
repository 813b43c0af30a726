/**
 * node-core's chain port ({@link io.solcial.membership.MembershipOracle}) against Solana and
 * offline.
 *
 * <p>On-chain model (standard programs only): a membership mint (decimals 0, Token-2022 with the
 * NonTransferable extension); a wallet is registered iff it holds at least one of it, exactly one
 * is minted per registered wallet, and the estimated network size N is the mint's supply. Token
 * gates are plain SPL balances of any mint (legacy Token or Token-2022).
 *
 * <p>{@link io.solcial.chain.SolanaMembershipOracle} reads through a small JSON-RPC client on
 * {@code java.net.http} (timeouts, retries, and a clean line between "unreachable" and
 * "malformed"); {@link io.solcial.chain.Registrar} builds and signs transactions with solanaj.
 * {@link io.solcial.chain.LocalRegistry} is the embedded H2 stand-in for demos and offline work.
 */
package io.solcial.chain;
