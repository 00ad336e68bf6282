package org.sipdrop.transport.msrp.internal.codec;

/**
 * What {@link MsrpFrameWriter} put on the wire for a request.
 *
 * @param transactionId the transaction id actually used; match responses against this one
 * @param bodyBytes body bytes written
 * @param flag the continuation flag written
 * @param interrupted true if the writer ended the chunk early because the body contained its
 *        end-line; the caller sends the remaining bytes in a new chunk (RFC 4975 §7.1)
 */
public record WriteResult(String transactionId, long bodyBytes, ContinuationFlag flag, boolean interrupted) {
}
