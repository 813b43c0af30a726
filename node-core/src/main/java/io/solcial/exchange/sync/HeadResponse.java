package io.solcial.exchange.sync;

import io.solcial.multiformats.Cid;
import java.util.List;

/**
 * What a seeder holds of an author's log.
 *
 * @param heads   its heads
 * @param seq     the largest seq it holds, 0 when it holds nothing
 * @param count   entries it holds
 * @param entries CIDs of held entries after the requested seq, by (seq, CID)
 * @param more    {@code entries} was cut short
 */
public record HeadResponse(List<Cid> heads, long seq, long count, List<Cid> entries, boolean more) {
    public HeadResponse {
        heads = List.copyOf(heads);
        entries = List.copyOf(entries);
    }

    public static HeadResponse empty() {
        return new HeadResponse(List.of(), 0, 0, List.of(), false);
    }
}
