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

    private final int code;
    private final String reason;

    public SipStatus(int code, String reason) {
        if (code < 200 || code > 699) {
            throw new IllegalArgumentException("A final status is 200..699, was " + code);
        }
        if (reason == null || reason.chars().anyMatch(c -> c < ' ' || c == 127)) {
            throw new IllegalArgumentException("A reason phrase is one line of text");
        }
        this.code = code;
        this.reason = reason;
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
