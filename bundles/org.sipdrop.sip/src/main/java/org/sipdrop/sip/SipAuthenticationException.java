package org.sipdrop.sip;

import java.io.IOException;
import java.util.Objects;

/**
 * The server refused the credentials a user agent sent in answer to its own challenge: a 403
 * (RFC 3261 §21.4.4, "authorization will not help") after a 401 or 407 (§22.2), which means a
 * wrong password (or too many wrong ones). Retrying with the same account is pointless; the user
 * must fix the password. The message names the account and the response, e.g.
 * {@code wrong password for alice@example.org: 403 Forbidden}.
 */
public final class SipAuthenticationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SipResponse response;

    public SipAuthenticationException(String aor, SipResponse response) {
        super("wrong password for " + Objects.requireNonNull(aor, "aor").replaceFirst("^sips?:", "") + ": "
                + Objects.requireNonNull(response, "response"));
        this.response = response;
    }

    /** @return the refusal as the server sent it */
    public SipResponse response() {
        return response;
    }
}
