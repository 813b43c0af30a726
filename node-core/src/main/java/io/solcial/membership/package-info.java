/**
 * The chain port: who may join the overlay (registered wallets), the estimated network size N
 * that sizes HyParView's views, and token balances for gated posts. node-core defines the port
 * and an in-memory implementation; chain-adapter implements it against Solana JSON-RPC and an
 * embedded local registry.
 */
package io.solcial.membership;
