package org.sipdrop.server.internal.storage;

/**
 * A {@code Range: bytes=...} request header applied to a representation of known length
 * (RFC 9110 §14.1.2, §14.2). Only a single range is served; a header the storage does not
 * understand, with several ranges or an invalid range is ignored, as §14.2 allows, and the whole
 * file is sent.
 *
 * @param kind what to answer
 * @param first first byte position (inclusive), for {@link Kind#PARTIAL}
 * @param last last byte position (inclusive), for {@link Kind#PARTIAL}
 */
public record ByteRange(Kind kind, long first, long last) {

    /** The answer a range leads to. */
    public enum Kind {
        /** 200 with the whole representation: no Range, or one to ignore. */
        WHOLE,
        /** 206 with {@code Content-Range: bytes first-last/size} (RFC 9110 §15.3.7). */
        PARTIAL,
        /** 416 with {@code Content-Range: bytes *}{@code /size} (RFC 9110 §15.5.17). */
        UNSATISFIABLE
    }

    private static final ByteRange WHOLE = new ByteRange(Kind.WHOLE, -1, -1);
    private static final ByteRange NONE = new ByteRange(Kind.UNSATISFIABLE, -1, -1);

    /** @return the number of bytes of a {@link Kind#PARTIAL} range */
    public long length() {
        return last - first + 1;
    }

    /**
     * @param header the {@code Range} value, or {@code null}
     * @param size the length of the representation
     */
    public static ByteRange parse(String header, long size) {
        if (header == null) {
            return WHOLE;
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE; // §14.2: ignore unknown range units
        }
        String spec = h.substring(6).strip();
        if (spec.indexOf(',') >= 0) {
            return WHOLE; // several ranges: §14.2 lets us ignore the header
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return WHOLE;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (!digits(a) && !a.isEmpty() || !digits(b) && !b.isEmpty() || a.isEmpty() && b.isEmpty()) {
            return WHOLE;
        }
        if (a.isEmpty()) { // suffix-range: the last N bytes (§14.1.2)
            long n = Long.parseLong(b);
            if (n == 0 || size == 0) {
                return NONE;
            }
            return new ByteRange(Kind.PARTIAL, Math.max(0, size - n), size - 1);
        }
        long first = Long.parseLong(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
        if (last < first) {
            return WHOLE; // invalid byte-range-spec (§14.1.1)
        }
        if (first >= size) {
            return NONE;
        }
        return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1));
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
