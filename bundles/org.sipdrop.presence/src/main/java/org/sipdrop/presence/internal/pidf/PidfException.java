package org.sipdrop.presence.internal.pidf;

/**
 * A presence document SipDrop cannot accept: not well-formed, not PIDF, too large, carrying a
 * DOCTYPE, or using a {@code mustUnderstand} extension we do not implement (RFC 3863 §4.3).
 * The message says what was wrong, in words a user or an interop log can act on.
 */
public final class PidfException extends Exception {

    private static final long serialVersionUID = 1L;

    public PidfException(String message) {
        super(message);
    }

    public PidfException(String message, Throwable cause) {
        super(message, cause);
    }
}
