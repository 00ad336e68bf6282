package org.sipdrop.session;

import java.util.Optional;

import org.sipdrop.sip.SipResponse;

/** Signing in failed; the message is one line a user can act on. */
public final class SessionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SipResponse response;

    public SessionException(String message, Throwable cause) {
        super(message, cause);
        this.response = null;
    }

    /** @param response the registrar's refusal */
    public SessionException(String message, SipResponse response) {
        super(message);
        this.response = response;
    }

    /** @return the registrar's refusal, when it refused (e.g. 401/403: a wrong password) */
    public Optional<SipResponse> response() {
        return Optional.ofNullable(response);
    }
}
