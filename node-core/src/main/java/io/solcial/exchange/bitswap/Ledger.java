package io.solcial.exchange.bitswap;

/**
 * What we exchanged with one peer since this service started (kept across reconnects).
 *
 * @param wantlistSize entries currently in the peer's wantlist with us
 * @param pendingBytesToSend bytes of blocks the peer wants from us that we have and not yet sent
 *        (what our responses tell it in {@code pendingBytes})
 * @param pendingBytesToReceive the {@code pendingBytes} of the last response the peer sent us: the
 *        bytes it still has queued for us
 */
public record Ledger(long bytesSent, long bytesReceived, long blocksSent, long blocksReceived, int wantlistSize,
                     long pendingBytesToSend, long pendingBytesToReceive) {
}
