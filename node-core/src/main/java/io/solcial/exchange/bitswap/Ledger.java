package io.solcial.exchange.bitswap;

/**
 * What we exchanged with one peer since this service started (kept across reconnects).
 *
 * @param wantlistSize entries currently in the peer's wantlist with us
 */
public record Ledger(long bytesSent, long bytesReceived, long blocksSent, long blocksReceived, int wantlistSize) {
}
