package org.sipdrop.transport.msrp.internal.codec;

/**
 * Bounds the reader enforces so that a peer cannot make it buffer without limit.
 *
 * @param maxLineLength longest start line or header line, CRLF excluded
 * @param maxHeaderCount most header fields after To-Path and From-Path
 * @param maxHeaderBlockBytes most bytes from the start line to the end of the headers
 * @param maxPathUris most URIs in one To-Path or From-Path (RFC 4976 relays make paths longer)
 * @param maxBodyBytes most body bytes in one chunk; more is answered 413 (RFC 4975 §10.5)
 */
public record MsrpCodecLimits(int maxLineLength, int maxHeaderCount, int maxHeaderBlockBytes, int maxPathUris,
        long maxBodyBytes) {

    /** Checks that every limit is positive and the line limit fits in the block limit. */
    public MsrpCodecLimits {
        if (maxLineLength < 64 || maxHeaderCount < 1 || maxHeaderBlockBytes < maxLineLength || maxPathUris < 1
                || maxBodyBytes < 0) {
            throw new IllegalArgumentException("Codec limits out of range: lines >= 64, block >= line, others >= 1");
        }
    }

    /**
     * @return 4 KiB lines, 64 fields, 32 KiB header block, 16 URIs per path, unlimited bodies
     *         (the session layer bounds messages by Byte-Range total)
     */
    public static MsrpCodecLimits defaults() {
        return new MsrpCodecLimits(4096, 64, 32 * 1024, 16, Long.MAX_VALUE);
    }

    /**
     * @param max most body bytes per chunk
     * @return a copy with that body limit
     */
    public MsrpCodecLimits withMaxBodyBytes(long max) {
        return new MsrpCodecLimits(maxLineLength, maxHeaderCount, maxHeaderBlockBytes, maxPathUris, max);
    }
}
