package io.solcial.exchange.bitswap;

import io.solcial.multiformats.Cid;

/** A finished {@link Bitswap#fetchDag}: every block of the DAG under {@code root} is in the sink. */
public record DagFetchResult(Cid root, long blocks, long bytes, long fetchedFromNetwork) {
}
