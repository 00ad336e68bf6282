package org.sipdrop.sip;

import java.time.Instant;
import java.util.Objects;

/**
 * One registration binding of a {@link SipServer}'s location service (RFC 3261 §10.3): an
 * address-of-record, one contact URI where its user agent is reached, and when it expires.
 */
public record SipBinding(String aor, String contact, Instant expires) {
    public SipBinding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(expires, "expires");
    }
}
