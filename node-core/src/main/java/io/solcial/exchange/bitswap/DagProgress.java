package io.solcial.exchange.bitswap;

import io.solcial.content.Block;

/** Progress of {@link Bitswap#fetchDag}: called on the service's thread after each stored block; must not block. */
@FunctionalInterface
public interface DagProgress {
    DagProgress NONE = (block, blocks, bytes) -> { };

    /** {@code block} was verified and stored; {@code blocks}/{@code bytes} are the totals so far. */
    void onBlock(Block block, long blocks, long bytes);
}
