package org.sipdrop.negotiation.internal.sdp;

import java.util.OptionalLong;

/**
 * The value of {@code a=file-range} (RFC 5547 §6): the octets of the file to transfer, counted
 * from 1 for the first octet, both ends included; a stop of {@code *} means "to the end of the
 * file" when its size is unknown. Used to resume an interrupted transfer.
 *
 * <pre>
 * file-range-attr = "file-range:" start-offset "-" stop-offset
 * start-offset    = integer        ; RFC 4566
 * stop-offset     = integer / "*"
 * </pre>
 *
 * @param start first octet, 1-based
 * @param stop last octet, inclusive; -1 for {@code *}
 */
public record FileRange(long start, long stop) {

    /** The stop value that stands for {@code *}. */
    public static final long TO_END = -1;

    public FileRange {
        if (start < 1) {
            throw new IllegalArgumentException("file-range starts at octet 1 or later (RFC 5547 §6), got " + start);
        }
        if (stop != TO_END && stop < start) {
            throw new IllegalArgumentException("file-range stop " + stop + " is before its start " + start);
        }
    }

    /** @return the range of a whole file of {@code size} octets, {@code 1-size} */
    public static FileRange whole(long size) {
        return new FileRange(1, size);
    }

    /** @return the range that resumes after {@code received} octets of a file of {@code size} octets */
    public static FileRange resumeAfter(long received, long size) {
        return new FileRange(received + 1, size);
    }

    /** @return the stop octet, empty for {@code *} */
    public OptionalLong stopOctet() {
        return stop == TO_END ? OptionalLong.empty() : OptionalLong.of(stop);
    }

    /** @return whether this range lies within {@code outer} */
    public boolean within(FileRange outer) {
        return start >= outer.start && (outer.stop == TO_END || (stop != TO_END && stop <= outer.stop));
    }

    /** Parses the value after {@code a=file-range:}. */
    public static FileRange parse(String value) throws SdpException {
        int dash = value.indexOf('-');
        String a = dash < 0 ? value : value.substring(0, dash);
        String b = dash < 0 ? "" : value.substring(dash + 1);
        if (!Tokens.isDigits(a) || !(b.equals("*") || Tokens.isDigits(b))) {
            throw SdpException.malformed("bad a=file-range, expected <start>-<stop> or <start>-* (RFC 5547 §6): "
                    + SdpException.quote(value));
        }
        try {
            return new FileRange(Long.parseLong(a), b.equals("*") ? TO_END : Long.parseLong(b));
        } catch (IllegalArgumentException e) {
            throw SdpException.malformed("bad a=file-range " + SdpException.quote(value) + ": " + e.getMessage());
        }
    }

    /** @return the attribute value */
    public String format() {
        return start + "-" + (stop == TO_END ? "*" : Long.toString(stop));
    }

    @Override
    public String toString() {
        return format();
    }
}
