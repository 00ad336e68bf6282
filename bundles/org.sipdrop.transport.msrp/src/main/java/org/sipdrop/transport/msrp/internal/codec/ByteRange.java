package org.sipdrop.transport.msrp.internal.codec;

/**
 * An MSRP {@code Byte-Range} value {@code range-start "-" range-end "/" total} (RFC 4975 §9;
 * semantics in §7.1.1): 1-based, inclusive positions; {@code *} for an end or total the sender
 * does not know yet, represented here as {@link #UNKNOWN}.
 *
 * @param start first byte position, at least 1
 * @param end last byte position, or {@link #UNKNOWN}; {@code start - 1} for an empty chunk
 * @param total total message size, or {@link #UNKNOWN}
 */
public record ByteRange(long start, long end, long total) {

    /** Stands for {@code *}: a range-end or total the sender does not know (RFC 4975 §7.1.1). */
    public static final long UNKNOWN = -1;

    /** Validates the positions (RFC 4975 §7.1.1: start is 1-based and end never exceeds total). */
    public ByteRange {
        if (start < 1) {
            throw new IllegalArgumentException("Byte-Range start must be at least 1, was " + start);
        }
        if (end != UNKNOWN && end < start - 1) {
            throw new IllegalArgumentException("Byte-Range end " + end + " is before start " + start);
        }
        if (total != UNKNOWN && total < 0) {
            throw new IllegalArgumentException("Byte-Range total must be >= 0 or unknown, was " + total);
        }
        if (end != UNKNOWN && total != UNKNOWN && end > total) {
            throw new IllegalArgumentException("Byte-Range end " + end + " exceeds total " + total);
        }
    }

    /**
     * @param offset 0-based offset of the chunk in the message
     * @param length chunk length in bytes
     * @param total message size, or {@link #UNKNOWN}
     * @return the range covering exactly those bytes
     */
    public static ByteRange ofChunk(long offset, long length, long total) {
        return new ByteRange(offset + 1, offset + length, total);
    }

    /** @return true if the range-end is a number rather than {@code *} */
    public boolean isEndKnown() {
        return end != UNKNOWN;
    }

    /** @return true if the total is a number rather than {@code *} */
    public boolean isTotalKnown() {
        return total != UNKNOWN;
    }

    /** @return the 0-based file offset where the first byte of the chunk belongs */
    public long offset() {
        return start - 1;
    }

    /**
     * Parses a header value.
     *
     * @param value e.g. {@code 1-25/25} or {@code 26-*}{@code /*}
     * @return the range
     * @throws IllegalArgumentException if the value does not follow RFC 4975 §9
     */
    public static ByteRange parse(String value) {
        int dash = value.indexOf('-');
        int slash = value.indexOf('/');
        if (dash <= 0 || slash < dash + 2 || slash == value.length() - 1) {
            throw new IllegalArgumentException("Byte-Range must be start-end/total, was '" + value + "'");
        }
        long start = number(value.substring(0, dash), false, value);
        long end = number(value.substring(dash + 1, slash), true, value);
        long total = number(value.substring(slash + 1), true, value);
        return new ByteRange(start, end, total);
    }

    private static long number(String part, boolean starAllowed, String value) {
        if (starAllowed && "*".equals(part)) {
            return UNKNOWN;
        }
        if (!Syntax.isNumber(part)) {
            throw new IllegalArgumentException("Byte-Range has a bad number '" + part + "' in '" + value + "'");
        }
        return Long.parseLong(part);
    }

    /** @return the header value, e.g. {@code 1-25/25} */
    @Override
    public String toString() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/"
                + (total == UNKNOWN ? "*" : Long.toString(total));
    }
}
