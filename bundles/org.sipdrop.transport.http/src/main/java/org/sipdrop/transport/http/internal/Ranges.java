package org.sipdrop.transport.http.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * HTTP range requests as a resumed download needs them (RFC 9110 §14): the {@code Range}
 * request header for one byte range, the {@code Content-Range} response header, and the
 * decision whether a response lets the download append to what it already has.
 * <p>
 * Parsing is strict: one range only, no suffix ranges ({@code bytes=-500}), no white space
 * inside the value, digits only, values that fit a {@code long}. Errors are
 * {@link IllegalArgumentException}s that quote the value and say what was expected.
 */
public final class Ranges {

    /** RFC 9110 §14.1: the only range unit we use; unit names are case-insensitive. */
    public static final String BYTES = "bytes";

    /** Longest header value we look at; a longer one is rejected before any parsing. */
    static final int MAX_VALUE_LENGTH = 200;

    private Ranges() {
    }

    /** One byte range of a {@code Range} request header: {@code bytes=first-[last]}. */
    public record ByteRange(long first, OptionalLong last) {

        public ByteRange {
            Objects.requireNonNull(last, "last");
            if (first < 0) {
                throw new IllegalArgumentException("Range start must be >= 0, was " + first);
            }
            if (last.isPresent() && last.getAsLong() < first) {
                // RFC 9110 §14.1.1: an int-range with last-pos < first-pos is invalid
                throw new IllegalArgumentException("Range end " + last.getAsLong() + " is before its start " + first);
            }
        }

        /** @return {@code bytes=first-}: from {@code first} to the end (a resumed download) */
        public static ByteRange from(long first) {
            return new ByteRange(first, OptionalLong.empty());
        }

        /** @return {@code bytes=first-last}, both inclusive */
        public static ByteRange of(long first, long last) {
            return new ByteRange(first, OptionalLong.of(last));
        }

        /** @return the header value, e.g. {@code bytes=1000-} or {@code bytes=0-499} */
        public String format() {
            return BYTES + "=" + first + "-" + (last.isPresent() ? Long.toString(last.getAsLong()) : "");
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * A {@code Content-Range} response header (RFC 9110 §14.4): either a satisfied range
     * {@code bytes first-last/complete} (complete length possibly unknown: {@code *}), or, in a
     * 416 response, the unsatisfied form {@code bytes *}{@code /complete}.
     */
    public record ContentRange(long first, long last, OptionalLong completeLength, boolean unsatisfied) {

        public ContentRange {
            Objects.requireNonNull(completeLength, "completeLength");
            if (unsatisfied) {
                if (completeLength.isEmpty() || first != -1 || last != -1) {
                    throw new IllegalArgumentException("Unsatisfied Content-Range carries only the complete length");
                }
            } else if (first < 0 || last < first) {
                // §14.4: invalid if last-pos is less than first-pos
                throw new IllegalArgumentException("Content-Range " + first + "-" + last + " has its end before its start");
            }
            if (completeLength.isPresent() && (completeLength.getAsLong() < 0
                    || (!unsatisfied && completeLength.getAsLong() <= last))) {
                // §14.4: invalid if complete-length is less than or equal to last-pos
                throw new IllegalArgumentException("Content-Range complete length " + completeLength.getAsLong()
                        + " must be greater than the range end " + last);
            }
        }

        /** @return {@code bytes first-last/complete} */
        public static ContentRange of(long first, long last, long completeLength) {
            return new ContentRange(first, last, OptionalLong.of(completeLength), false);
        }

        /** @return {@code bytes first-last/*} (complete length unknown) */
        public static ContentRange ofUnknownLength(long first, long last) {
            return new ContentRange(first, last, OptionalLong.empty(), false);
        }

        /** @return {@code bytes *}{@code /complete}, as a 416 response carries it (§15.5.17) */
        public static ContentRange unsatisfied(long completeLength) {
            return new ContentRange(-1, -1, OptionalLong.of(completeLength), true);
        }

        /** @return the number of bytes the range covers (0 when unsatisfied) */
        public long length() {
            return unsatisfied ? 0 : last - first + 1;
        }

        /** @return the header value */
        public String format() {
            String complete = completeLength.isPresent() ? Long.toString(completeLength.getAsLong()) : "*";
            return unsatisfied ? BYTES + " */" + complete : BYTES + " " + first + "-" + last + "/" + complete;
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /**
     * Parses a {@code Range} header value holding one range (RFC 9110 §14.1.1/§14.2):
     * {@code bytes=N-} or {@code bytes=N-M}.
     *
     * @throws IllegalArgumentException for another unit, several ranges, a suffix range, or
     *         anything that is not the grammar
     */
    public static ByteRange parseRange(String value) {
        String v = checkedValue("Range", value);
        int eq = v.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("Range header '" + v + "' is not 'bytes=start-[end]'");
        }
        checkUnit("Range", v, v.substring(0, eq));
        String spec = v.substring(eq + 1);
        if (spec.indexOf(',') >= 0) {
            throw new IllegalArgumentException("Range header '" + v + "' asks for several ranges; only one is supported");
        }
        if (spec.startsWith("-")) {
            throw new IllegalArgumentException("Range header '" + v + "' is a suffix range (bytes=-N); only bytes=start-[end] is supported");
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("Range header '" + v + "' lacks the '-' after the start position");
        }
        long first = digits("Range", v, spec.substring(0, dash));
        String lastText = spec.substring(dash + 1);
        if (lastText.isEmpty()) {
            return ByteRange.from(first);
        }
        return ByteRange.of(first, digits("Range", v, lastText));
    }

    /**
     * Parses a {@code Content-Range} header value (RFC 9110 §14.4): {@code bytes N-M/T},
     * {@code bytes N-M/*} or {@code bytes *}{@code /T}.
     *
     * @throws IllegalArgumentException for another unit or anything that is not the grammar,
     *         including the invalid cases §14.4 names (end before start, length not beyond end)
     */
    public static ContentRange parseContentRange(String value) {
        String v = checkedValue("Content-Range", value);
        int sp = v.indexOf(' ');
        if (sp <= 0) {
            throw new IllegalArgumentException("Content-Range '" + v + "' is not 'bytes start-end/length'");
        }
        checkUnit("Content-Range", v, v.substring(0, sp));
        String rest = v.substring(sp + 1);
        int slash = rest.indexOf('/');
        if (slash < 0 || rest.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("Content-Range '" + v + "' needs exactly one '/' before the complete length");
        }
        String range = rest.substring(0, slash);
        String complete = rest.substring(slash + 1);
        if (range.equals("*")) {
            return ContentRange.unsatisfied(digits("Content-Range", v, complete));
        }
        int dash = range.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("Content-Range '" + v + "' lacks the '-' between start and end");
        }
        long first = digits("Content-Range", v, range.substring(0, dash));
        long last = digits("Content-Range", v, range.substring(dash + 1));
        OptionalLong length = complete.equals("*") ? OptionalLong.empty() : OptionalLong.of(digits("Content-Range", v, complete));
        try {
            return new ContentRange(first, last, length, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Content-Range '" + v + "' is invalid: " + e.getMessage(), e);
        }
    }

    /** What a resumed download does with a response to {@code Range: bytes=offset-}. */
    public enum Resume {
        /** 206 starting exactly at the offset: append the body to the part file. */
        APPEND,
        /**
         * The body does not continue the part file: discard the part file. On a 200 the body
         * is the whole object from byte 0 and can be written as is; otherwise ask again
         * without a {@code Range}.
         */
        RESTART,
        /** 416 saying the object is exactly {@code offset} bytes long: the part file is whole. */
        COMPLETE,
        /** The stored object is not the offered file (another length) or the status is not a download. */
        FAIL
    }

    /** A {@link Resume} decision with the reason, for logs and the user. */
    public record ResumeVerdict(Resume action, String reason) {
        public ResumeVerdict {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Decides from the response to {@code Range: bytes=offset-} whether the download may append.
     * A server may ignore {@code Range} and send 200 (RFC 9110 §14.2); a 206 to a single-range
     * request must carry {@code Content-Range} (§15.3.7); a 416 should carry
     * {@code bytes *}{@code /length} (§15.5.17).
     *
     * @param status the HTTP status code
     * @param contentRange the {@code Content-Range} value, or {@code null} if absent
     * @param offset the bytes already in the part file (the range start asked for)
     * @param expectedLength the offered file size, or -1 when unknown
     */
    public static ResumeVerdict decide(int status, String contentRange, long offset, long expectedLength) {
        if (offset < 0 || expectedLength < -1) {
            throw new IllegalArgumentException("offset must be >= 0 and expectedLength >= -1, were " + offset + ", " + expectedLength);
        }
        ContentRange range = null;
        String invalid = null;
        if (contentRange != null) {
            try {
                range = parseContentRange(contentRange);
            } catch (IllegalArgumentException e) {
                invalid = e.getMessage();
            }
        }
        switch (status) {
        case 200:
            return new ResumeVerdict(Resume.RESTART, "server ignored the range and sent the whole file (200)");
        case 206:
            if (range == null || range.unsatisfied()) {
                return new ResumeVerdict(Resume.RESTART, "206 without a usable Content-Range"
                        + (invalid == null ? "" : ": " + invalid));
            }
            if (lengthDiffers(range, expectedLength)) {
                return lengthMismatch(range, expectedLength);
            }
            if (range.first() != offset) {
                return new ResumeVerdict(Resume.RESTART, "server sent " + range + " but byte " + offset + " was asked for");
            }
            return new ResumeVerdict(Resume.APPEND, "server honoured the range: " + range);
        case 416:
            if (range == null || !range.unsatisfied()) {
                return new ResumeVerdict(Resume.RESTART, "416 without 'bytes */length'" + (invalid == null ? "" : ": " + invalid));
            }
            if (lengthDiffers(range, expectedLength)) {
                return lengthMismatch(range, expectedLength);
            }
            long length = range.completeLength().getAsLong();
            if (length == offset) {
                return new ResumeVerdict(Resume.COMPLETE, "all " + length + " bytes are already here");
            }
            return new ResumeVerdict(Resume.RESTART, "stored object has " + length + " bytes, part file has " + offset);
        default:
            return new ResumeVerdict(Resume.FAIL, "HTTP status " + status + " is not a download response");
        }
    }

    private static boolean lengthDiffers(ContentRange range, long expectedLength) {
        return expectedLength >= 0 && range.completeLength().isPresent() && range.completeLength().getAsLong() != expectedLength;
    }

    private static ResumeVerdict lengthMismatch(ContentRange range, long expectedLength) {
        return new ResumeVerdict(Resume.FAIL, "stored object is " + range.completeLength().getAsLong()
                + " bytes long but the offered file has " + expectedLength);
    }

    private static String checkedValue(String header, String value) {
        if (value == null) {
            throw new IllegalArgumentException(header + " header is missing");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(header + " header is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        // RFC 9110 §5.5: leading and trailing OWS (SP / HTAB) is not part of a field value
        int from = 0;
        int to = value.length();
        while (from < to && (value.charAt(from) == ' ' || value.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (value.charAt(to - 1) == ' ' || value.charAt(to - 1) == '\t')) {
            to--;
        }
        return value.substring(from, to);
    }

    private static void checkUnit(String header, String value, String unit) {
        if (!unit.toLowerCase(Locale.ROOT).equals(BYTES)) {
            throw new IllegalArgumentException(header + " '" + value + "' uses unit '" + unit + "'; only 'bytes' is supported");
        }
    }

    private static long digits(String header, String value, String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(header + " '" + value + "': '" + digits + "' is not a byte position (1 to 18 digits)");
        }
        return Long.parseLong(digits);
    }
}
