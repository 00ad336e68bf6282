package org.sipdrop.transport.msrp.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * Serialises start lines, header blocks and end-lines (RFC 4975 §9): To-Path and From-Path
 * first, Content-Type last and followed by the blank line when a body follows.
 */
final class FrameFormatter {

    private static final String CRLF = "\r\n";

    private FrameFormatter() {
    }

    static byte[] head(MsrpFrame frame, String transactionId, boolean hasBody) {
        StringBuilder sb = new StringBuilder(256).append("MSRP ").append(transactionId).append(' ');
        if (frame instanceof MsrpRequest) {
            sb.append(((MsrpRequest) frame).method());
        } else {
            MsrpResponse r = (MsrpResponse) frame;
            sb.append(String.format("%03d", r.statusCode()));
            r.reason().ifPresent(c -> sb.append(' ').append(c));
        }
        sb.append(CRLF);
        MsrpHeaders h = frame.headers();
        sb.append(MsrpHeaders.TO_PATH).append(": ").append(MsrpUri.formatPath(h.toPath())).append(CRLF);
        sb.append(MsrpHeaders.FROM_PATH).append(": ").append(MsrpUri.formatPath(h.fromPath())).append(CRLF);
        for (MsrpHeaders.Field f : h.fields()) {
            if (!f.name().equalsIgnoreCase(MsrpHeaders.CONTENT_TYPE)) {
                sb.append(f.name()).append(": ").append(f.value()).append(CRLF);
            }
        }
        h.contentType().ifPresent(ct -> sb.append(MsrpHeaders.CONTENT_TYPE).append(": ").append(ct).append(CRLF));
        if (hasBody) {
            sb.append(CRLF);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code end-line = "-------" transact-id continuation-flag CRLF}, after the body's CRLF (§9). */
    static byte[] endLine(String transactionId, ContinuationFlag flag, boolean afterBody) {
        return ((afterBody ? CRLF : "") + "-------" + transactionId + flag.symbol() + CRLF)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
