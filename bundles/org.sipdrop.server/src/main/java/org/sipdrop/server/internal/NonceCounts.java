package org.sipdrop.server.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest nonce count seen per nonce, so a replayed request is refused (RFC 7616 §3.4:
 * the server should check that nc is greater than any it has seen for the nonce, §5.5 replay
 * attacks). Bounded: at most {@code capacity} nonces are remembered. When one is forgotten to
 * make room, every nonce issued at or before it becomes "forgotten" too (a watermark), and the
 * client is sent {@code stale=true} for a fresh nonce instead of being trusted, so eviction can
 * never let a replay through.
 */
final class NonceCounts {

    /** Result of presenting a nonce count. */
    enum Result {
        /** Greater than any seen for this nonce: accepted and remembered. */
        ACCEPTED,
        /** Not greater than one seen before: a replay. */
        REPLAYED,
        /** This nonce may have been forgotten: ask for a new one. */
        FORGOTTEN
    }

    private static final class Entry {
        final long issuedAt;
        long highest;

        Entry(long issuedAt, long highest) {
            this.issuedAt = issuedAt;
            this.highest = highest;
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Entry> seen = new LinkedHashMap<>();
    private long watermark = Long.MIN_VALUE;

    NonceCounts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * @param nonce a nonce of ours
     * @param issuedAt when it was issued (from {@link Nonces#issuedAt})
     * @param nc the nonce count the client sent, &gt;= 1
     * @param expiredBefore nonces issued before this instant are past their lifetime and may be dropped
     */
    synchronized Result present(String nonce, long issuedAt, long nc, long expiredBefore) {
        Entry entry = seen.get(nonce);
        if (entry == null) {
            if (seen.size() >= capacity) {
                dropExpired(expiredBefore);
            }
            if (seen.size() >= capacity) {
                Iterator<Map.Entry<String, Entry>> eldest = seen.entrySet().iterator();
                watermark = Math.max(watermark, eldest.next().getValue().issuedAt);
                eldest.remove();
            }
            if (issuedAt <= watermark) {
                return Result.FORGOTTEN;
            }
            seen.put(nonce, new Entry(issuedAt, nc));
            return Result.ACCEPTED;
        }
        if (nc <= entry.highest) {
            return Result.REPLAYED;
        }
        entry.highest = nc;
        return Result.ACCEPTED;
    }

    /** Expired nonces are refused as stale anyway; the watermark keeps that true if the clock goes back. */
    private void dropExpired(long expiredBefore) {
        Iterator<Entry> it = seen.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.issuedAt < expiredBefore) {
                watermark = Math.max(watermark, e.issuedAt);
                it.remove();
            }
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
