package io.solcial.content;

import io.solcial.multiformats.Cid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link Blockstore} in memory, for tests and tools. Same semantics as the database store,
 * including recursive pins and garbage collection through {@link BlockLinks}.
 *
 * <p>Puts, reads and pin changes run concurrently; {@link #delete} and {@link #garbageCollect}
 * take an exclusive lock so that no block can become pinned between their reachability check and
 * the removal.
 */
public final class MemoryBlockstore implements Blockstore {

    private record Entry(Block block, Set<Cid> links) {
    }

    private final Map<Cid, Entry> blocks = new ConcurrentHashMap<>();
    private final Set<Cid> pins = ConcurrentHashMap.newKeySet();
    private final AtomicLong sizeBytes = new AtomicLong();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    @Override
    public void put(Block block) throws StoreException {
        Set<Cid> links = BlockLinks.of(block);
        lock.readLock().lock();
        try {
            requireOpen();
            Entry entry = new Entry(block, links);
            if (blocks.putIfAbsent(BlockLinks.key(block.cid()), entry) == null) {
                sizeBytes.addAndGet(block.size());
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<Block> get(Cid cid) throws StoreException, CorruptBlockException {
        requireOpen();
        Entry entry = blocks.get(BlockLinks.key(cid));
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.block().cid().equals(cid)) {
            return Optional.of(entry.block());
        }
        return Optional.of(Block.verified(cid, entry.block().bytes()));
    }

    @Override
    public boolean has(Cid cid) throws StoreException {
        requireOpen();
        return blocks.containsKey(BlockLinks.key(cid));
    }

    @Override
    public OptionalInt blockSize(Cid cid) throws StoreException {
        requireOpen();
        Entry entry = blocks.get(BlockLinks.key(cid));
        return entry == null ? OptionalInt.empty() : OptionalInt.of(entry.block().size());
    }

    @Override
    public boolean delete(Cid cid) throws StoreException {
        lock.writeLock().lock();
        try {
            requireOpen();
            Cid key = BlockLinks.key(cid);
            if (!blocks.containsKey(key)) {
                return false;
            }
            if (reachableFromPins().contains(key)) {
                throw new StoreException("cannot delete " + cid + ": it is pinned");
            }
            remove(key);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long count() throws StoreException {
        requireOpen();
        return blocks.size();
    }

    @Override
    public long sizeBytes() throws StoreException {
        requireOpen();
        return sizeBytes.get();
    }

    @Override
    public void pin(Cid root) throws StoreException {
        lock.readLock().lock();
        try {
            requireOpen();
            pins.add(BlockLinks.key(root));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean unpin(Cid root) throws StoreException {
        requireOpen();
        return pins.remove(BlockLinks.key(root));
    }

    @Override
    public Set<Cid> pins() throws StoreException {
        requireOpen();
        return Set.copyOf(pins);
    }

    @Override
    public boolean isPinned(Cid cid) throws StoreException {
        requireOpen();
        return reachableFromPins().contains(BlockLinks.key(cid));
    }

    @Override
    public long garbageCollect() throws StoreException {
        lock.writeLock().lock();
        try {
            requireOpen();
            Set<Cid> keep = reachableFromPins();
            long deleted = 0;
            for (Cid key : List.copyOf(blocks.keySet())) {
                if (!keep.contains(key)) {
                    remove(key);
                    deleted++;
                }
            }
            return deleted;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private Set<Cid> reachableFromPins() {
        return BlockLinks.reachable(List.copyOf(pins), key -> {
            Entry entry = blocks.get(key);
            return entry == null ? Set.of() : entry.links();
        });
    }

    private void remove(Cid key) {
        Entry removed = blocks.remove(key);
        if (removed != null) {
            sizeBytes.addAndGet(-removed.block().size());
        }
    }

    private void requireOpen() throws StoreException {
        if (closed) {
            throw new StoreException("block store is closed");
        }
    }
}
