package org.sipdrop.negotiation.internal.pagemode;

/**
 * A page-mode body SipDrop cannot accept: malformed MIME or XML, too large, an unsupported
 * access type or a missing mandatory field. The message names the offending field and the rule,
 * so a user or an interop log can act on it; a SIP layer answers such a MESSAGE with
 * 400 (Bad Request) or 415 (Unsupported Media Type).
 */
public final class PageModeException extends Exception {

    private static final long serialVersionUID = 1L;

    public PageModeException(String message) {
        super(message);
    }

    public PageModeException(String message, Throwable cause) {
        super(message, cause);
    }
}
