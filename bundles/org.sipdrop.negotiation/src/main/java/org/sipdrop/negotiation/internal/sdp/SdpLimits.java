package org.sipdrop.negotiation.internal.sdp;

/**
 * Bounds on an SDP body the parser accepts, so that a hostile peer cannot make it hold or walk
 * an unbounded text. A body over a bound is answered with 400 (RFC 3261 §21.4.1).
 *
 * @param maxBytes most bytes in the whole body
 * @param maxLines most lines (RFC 4566 §5: one {@code <type>=<value>} field a line)
 * @param maxLineLength most characters in one line, without its CRLF
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength) {

    /** 64 KiB, 1024 lines of at most 4096 characters: far above any file-transfer offer. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 1024, 4096);

    public SdpLimits {
        if (maxBytes < 16 || maxLines < 5 || maxLineLength < 16) {
            throw new IllegalArgumentException("SDP limits too small to hold v=, o=, s=, c= and t= lines: "
                    + maxBytes + " bytes, " + maxLines + " lines, " + maxLineLength + " characters a line");
        }
    }
}
