package org.sipdrop.transport.msrp.internal.session;

import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of a message received so far, merged, so that chunks that arrive out of
 * order or overlap (RFC 4975 §7.1.1: the receiver places each chunk by its Byte-Range) are
 * counted once. Bounded: a message split into more than {@link #MAX_GAPS} disjoint pieces is
 * refused, so a peer cannot make it grow without limit.
 */
final class ReceivedRanges {

    /** Most disjoint ranges kept at once. */
    static final int MAX_GAPS = 4096;

    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long covered;

    /**
     * @param offset 0-based first byte
     * @param length bytes
     * @return the number of bytes that were new
     * @throws IllegalStateException if the message is split into too many pieces
     */
    long add(long offset, long length) {
        if (length <= 0) {
            return 0;
        }
        long start = offset;
        long end = offset + length;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        long removed = 0;
        for (Map.Entry<Long, Long> e = ranges.ceilingEntry(start); e != null && e.getKey() <= end;
                e = ranges.ceilingEntry(start)) {
            end = Math.max(end, e.getValue());
            removed += e.getValue() - e.getKey();
            ranges.remove(e.getKey());
        }
        ranges.put(start, end);
        if (ranges.size() > MAX_GAPS) {
            throw new IllegalStateException("Message arrived in more than " + MAX_GAPS + " disjoint pieces");
        }
        long added = (end - start) - removed;
        covered += added;
        return added;
    }

    /** @return bytes received, overlaps counted once */
    long covered() {
        return covered;
    }

    /** @return the length of the gap-free prefix starting at byte 0 */
    long contiguous() {
        Map.Entry<Long, Long> first = ranges.firstEntry();
        return first != null && first.getKey() == 0 ? first.getValue() : 0;
    }
}
