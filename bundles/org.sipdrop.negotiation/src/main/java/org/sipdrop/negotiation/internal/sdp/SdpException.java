package org.sipdrop.negotiation.internal.sdp;

import org.sipdrop.transfer.TransferFailure;

/**
 * A session description that cannot be used, with the SIP status to answer it with and a reason
 * a person can act on.
 * <ul>
 * <li>{@value #BAD_REQUEST} for SDP that breaks the syntax of RFC 4566 or of the attributes of
 * RFC 5547 §6, RFC 4975 §9 and RFC 4145 (RFC 3261 §21.4.1);</li>
 * <li>{@value #NOT_ACCEPTABLE_HERE} for SDP that is well formed but cannot be accepted, e.g. no
 * file-selector, an unsupported transport, no a=path (RFC 3261 §21.4.26, RFC 3264 §6).</li>
 * </ul>
 * The reason never contains CR or LF, so it can go into a SIP reason phrase or Warning header.
 */
public final class SdpException extends Exception {

    /** SIP 400 Bad Request: malformed SDP (RFC 3261 §21.4.1). */
    public static final int BAD_REQUEST = 400;
    /** SIP 488 Not Acceptable Here: valid SDP whose session cannot be accepted (RFC 3261 §21.4.26). */
    public static final int NOT_ACCEPTABLE_HERE = 488;

    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED = 80;

    private final int status;
    private final String reason;

    private SdpException(int status, String reason) {
        super(status + " " + reason);
        this.status = status;
        this.reason = reason;
    }

    /** @return an exception for SDP that breaks the syntax (SIP 400) */
    public static SdpException malformed(String reason) {
        return new SdpException(BAD_REQUEST, printable(reason));
    }

    /** @return an exception for well-formed SDP that cannot be accepted (SIP 488) */
    public static SdpException notAcceptable(String reason) {
        return new SdpException(NOT_ACCEPTABLE_HERE, printable(reason));
    }

    /** @return the SIP status code to answer with: {@value #BAD_REQUEST} or {@value #NOT_ACCEPTABLE_HERE} */
    public int status() {
        return status;
    }

    /** @return the human reason, free of control characters */
    public String reason() {
        return reason;
    }

    /** @return this problem as the failure a transfer reports */
    public TransferFailure toFailure() {
        return new TransferFailure(status, reason);
    }

    /**
     * Quotes untrusted text for use inside a reason: shortened and with every control character
     * replaced, so that peer input cannot forge lines in a SIP response.
     */
    public static String quote(String untrusted) {
        String text = untrusted.length() > MAX_QUOTED ? untrusted.substring(0, MAX_QUOTED) + "…" : untrusted;
        return "'" + printable(text) + "'";
    }

    private static String printable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
