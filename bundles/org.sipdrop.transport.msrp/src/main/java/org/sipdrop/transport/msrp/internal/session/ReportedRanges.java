package org.sipdrop.transport.msrp.internal.session;

import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of one sent message that the receiver's success REPORTs confirmed: the union of the
 * reported Byte-Ranges. RFC 4975 §7.1.3 lets a receiver report the whole message at the end,
 * "as it receives each chunk", or "on any other received range", and says "The sending client
 * cannot depend on the Byte-Range header field in a given success report matching that of a
 * particular SEND request"; so no single REPORT need start at byte 1 or reach the last byte.
 * Overlapping and adjacent ranges merge, so in-order reports keep one interval.
 */
final class ReportedRanges {

    private final long total;
    /** start → end, 1-based and inclusive, disjoint and not adjacent. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long covered;

    /** @param total the message's length in bytes */
    ReportedRanges(long total) {
        if (total < 0) {
            throw new IllegalArgumentException("A message length is 0 or more, was " + total);
        }
        this.total = total;
    }

    /**
     * Adds the bytes {@code start}..{@code end} (1-based, inclusive, as in Byte-Range, RFC 4975
     * §9); the part outside the message is ignored.
     *
     * @return the bytes confirmed so far
     */
    long add(long start, long end) {
        long s = Math.max(1, start);
        long e = Math.min(total, end);
        if (s > e) {
            return covered;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(s);
        if (before != null && before.getValue() >= s - 1) {
            s = before.getKey();
            e = Math.max(e, before.getValue());
            remove(before.getKey());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(s); next != null && next.getKey() <= e + 1;
                next = ranges.ceilingEntry(s)) {
            e = Math.max(e, next.getValue());
            remove(next.getKey());
        }
        ranges.put(s, e);
        covered += e - s + 1;
        return covered;
    }

    private void remove(long start) {
        Long end = ranges.remove(start);
        covered -= end - start + 1;
    }

    /** @return the bytes confirmed so far */
    long covered() {
        return covered;
    }

    /** @return true once every byte of the message is confirmed */
    boolean isWhole() {
        return covered == total;
    }
}
