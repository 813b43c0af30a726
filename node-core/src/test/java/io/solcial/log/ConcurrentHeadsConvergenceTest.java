package io.solcial.log;

import static io.solcial.log.LogFixtures.T0;
import static io.solcial.log.LogFixtures.clockAt;
import static io.solcial.log.LogFixtures.key;
import static io.solcial.log.LogFixtures.rawCid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solcial.identity.Ed25519KeyPair;
import io.solcial.multiformats.Cid;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two devices share one key, write concurrent branches with random actions, sync now and then,
 * and finally merge. Folding the entries in any arrival order must give the same state.
 */
class ConcurrentHeadsConvergenceTest {
    private static final Ed25519KeyPair KEY = key(3);
    private static final List<Ed25519KeyPair> FRIENDS = List.of(key(4), key(5));
    /** Two popular posts (of other authors) both devices like and unlike, so that branches conflict. */
    private static final List<Cid> HOT = List.of(rawCid("hot 1"), rawCid("hot 2"));

    /** One device: the entries it knows and a clock that may run behind the other device's. */
    private static final class Device {
        final Map<Cid, LogEntry> known = new TreeMap<>();
        long clock;

        Device(long clock) {
            this.clock = clock;
        }

        List<LogEntry> heads() {
            Set<Cid> referenced = new HashSet<>();
            known.values().forEach(e -> referenced.addAll(e.entry().prev()));
            return known.values().stream().filter(e -> !referenced.contains(e.cid())).toList();
        }

        LogEntry write(Action action, Params params) {
            LogEntry e = new EntryWriter(KEY, clockAt(clock)).append(heads(), action, params);
            known.put(e.cid(), e);
            return e;
        }
    }

    @Test
    void foldIsIndependentOfArrivalOrder() throws Exception {
        Random random = new Random(42);
        Device a = new Device(T0);
        Device b = new Device(T0 - 60_000);
        a.write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("genesis")));
        b.known.putAll(a.known);
        for (int round = 0; round < 60; round++) {
            for (Device d : List.of(a, b)) {
                d.clock += random.nextInt(5_000);
                if (random.nextInt(4) > 0) {
                    writeRandom(d, random);
                }
            }
            if (random.nextInt(10) == 0) {
                Device from = random.nextBoolean() ? a : b;
                (from == a ? b : a).known.putAll(from.known);
            }
        }
        // Finally, from a common state, both devices make conflicting changes at the same seq.
        a.known.putAll(b.known);
        b.known.putAll(a.known);
        a.write(Action.LIKE, LogFixtures.target(HOT.get(0)));
        b.write(Action.UNLIKE, LogFixtures.target(HOT.get(0)));
        a.write(Action.UPDATE_PROFILE, Params.builder().text("name", "from a").build());
        b.write(Action.UPDATE_PROFILE, Params.builder().text("name", "from b").build());
        a.write(Action.FOLLOW, Params.builder().address("author", FRIENDS.get(0).publicKey()).build());
        b.write(Action.UNFOLLOW, Params.builder().address("author", FRIENDS.get(0).publicKey()).build());
        a.known.putAll(b.known);
        int branchHeads = a.heads().size();
        LogEntry merge = a.write(Action.UPDATE_PROFILE, Params.builder().text("bio", "merged").build());
        assertTrue(branchHeads >= 2, "the devices should end on concurrent heads, got " + branchHeads);
        assertEquals(branchHeads, merge.entry().prev().size());

        List<LogEntry> entries = new ArrayList<>(a.known.values());
        validateInTopologicalOrder(entries);
        ProfileState expected = ProfileState.fold(KEY.publicKey(), entries);
        assertEquals(Set.of(merge.cid()), expected.heads());
        assertEquals(merge.seq(), expected.seq());
        assertTrue(expected.deleted().size() > 0 && expected.posts().size() > 0 && expected.liked().size() > 0,
                "the random log should exercise deletes, posts and likes: " + expected);
        for (int i = 0; i < 200; i++) {
            List<LogEntry> shuffled = new ArrayList<>(entries);
            Collections.shuffle(shuffled, new Random(1000 + i));
            assertEquals(expected, ProfileState.fold(KEY.publicKey(), shuffled), "permutation " + i);
        }
    }

    private static void writeRandom(Device d, Random random) {
        List<LogEntry> own = new ArrayList<>(d.known.values());
        LogEntry some = own.get(random.nextInt(own.size()));
        Ed25519KeyPair friend = FRIENDS.get(random.nextInt(FRIENDS.size()));
        switch (random.nextInt(9)) {
            case 0, 1 -> d.write(Action.APPEND_FEED_POST, LogFixtures.content(rawCid("post " + random.nextInt())));
            case 2 -> d.write(Action.REPLY, Params.builder().cid("content", rawCid("reply " + random.nextInt()))
                    .cid("parent", some.cid()).build());
            case 3 -> d.write(Action.LIKE, LogFixtures.target(random.nextBoolean() ? some.cid() : HOT.get(random.nextInt(2))));
            case 4 -> d.write(Action.UNLIKE, LogFixtures.target(HOT.get(random.nextInt(2))));
            case 5 -> d.write(Action.FOLLOW, Params.builder().address("author", friend.publicKey()).build());
            case 6 -> d.write(Action.UNFOLLOW, Params.builder().address("author", friend.publicKey()).build());
            case 7 -> d.write(Action.UPDATE_PROFILE, Params.builder().text("name", "name " + random.nextInt(3)).build());
            default -> d.write(Action.DELETE, LogFixtures.target(some.cid()));
        }
    }

    private static void validateInTopologicalOrder(List<LogEntry> entries) throws InvalidEntryException {
        EntryValidator validator = new EntryValidator(clockAt(Long.MAX_VALUE / 4));
        Map<Cid, Entry> validated = new HashMap<>();
        List<LogEntry> ordered = new ArrayList<>(entries);
        ordered.sort(LogFold.ORDER);
        for (LogEntry e : ordered) {
            LogEntry checked = validator.validate(EntryCodec.encode(e.entry()), KEY.publicKey(),
                    PrevLookup.of(validated));
            validated.put(checked.cid(), checked.entry());
        }
    }
}
