package org.sipdrop.transfer;

import java.time.Instant;
import java.util.Optional;

/**
 * Optional ability of a storage session: what it stored stops being available at a time the far
 * end granted, which may be earlier than the {@link TransportParameter#LIFETIME} asked. The
 * engine then offers that earlier time as the RFC 4483 §5 {@code expiration}.
 *
 * @since 0.2
 */
public interface ExpiringSession extends TransportSession {

    /** @return the granted expiry, meaningful after a successful send; empty when unknown or unlimited */
    Optional<Instant> expiry();
}
