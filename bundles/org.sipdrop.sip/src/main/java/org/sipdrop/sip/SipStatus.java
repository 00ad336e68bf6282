package org.sipdrop.sip;

/** What a handler answers: a status code and reason phrase (RFC 3261 §7.2). */
public final class SipStatus {

    public static final SipStatus OK = new SipStatus(200, "OK");
    /** RFC 3428 §7: a MESSAGE accepted for later delivery. */
    public static final SipStatus ACCEPTED = new SipStatus(202, "Accepted");
    /** RFC 3261 §21.4.13. */
    public static final SipStatus UNSUPPORTED_MEDIA_TYPE = new SipStatus(415, "Unsupported Media Type");
    /** RFC 3261 §21.4.18. */
    public static final SipStatus TEMPORARILY_UNAVAILABLE = new SipStatus(480, "Temporarily Unavailable");
    /** RFC 3261 §21.6.2. */
    public static final SipStatus DECLINE = new SipStatus(603, "Decline");
    /** RFC 3261 §21.4.26. */
    public static final SipStatus NOT_ACCEPTABLE_HERE = new SipStatus(488, "Not Acceptable Here");

    /** RFC 3261 §20.43 warn-code: none of the transport protocols of the session description is available. */
    public static final int WARNING_INCOMPATIBLE_TRANSPORT = 302;

    private final int code;
    private final String reason;
    private final int warnCode;
    private final String warnText;

    public SipStatus(int code, String reason) {
        if (code < 200 || code > 699) {
            throw new IllegalArgumentException("A final status is 200..699, was " + code);
        }
        if (reason == null || reason.chars().anyMatch(c -> c < ' ' || c == 127)) {
            throw new IllegalArgumentException("A reason phrase is one line of text");
        }
        this.code = code;
        this.reason = reason;
        this.warnCode = 0;
        this.warnText = null;
    }

    private SipStatus(SipStatus status, int warnCode, String warnText) {
        this.code = status.code;
        this.reason = status.reason;
        this.warnCode = warnCode;
        this.warnText = warnText;
    }

    /**
     * @return this status with an RFC 3261 §20.43 {@code Warning} header, e.g. {@code 302
     *         "Incompatible transport protocol"}: a caller can tell a refusal of its offer's
     *         transport from a refusal of what it offered
     * @param warnCode a 3-digit warn-code (3xx: session description problems)
     * @since 0.1 (added with pluggable transports)
     */
    public SipStatus withWarning(int warnCode, String text) {
        if (warnCode < 300 || warnCode > 399 || text == null || text.chars().anyMatch(c -> c < ' ' || c == 127 || c == '"')) {
            throw new IllegalArgumentException("A warning is a 3xx code and one line of text without quotes");
        }
        return new SipStatus(this, warnCode, text);
    }

    /** @return the warn-code of the Warning header to send, 0 for none */
    public int warnCode() {
        return warnCode;
    }

    /** @return the warn-text of the Warning header to send, if any */
    public java.util.Optional<String> warnText() {
        return java.util.Optional.ofNullable(warnText);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
