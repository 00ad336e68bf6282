package org.sipdrop.transfer;

import java.io.IOException;
import java.util.Objects;

/**
 * A transport's failure, typed so that the engine tells the peer and the user the right thing
 * without reading messages: a {@link Reason} and a message a person can act on. Transports throw
 * it from {@link TransportProvider#open}, {@link TransportSession#send} and
 * {@link TransportSession#receive}; any other {@link IOException} counts as {@link Reason#BROKEN}.
 *
 * @since 0.2
 */
public class TransportException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a transport failed; each has the status the engine reports it with. */
    public enum Reason {
        /** What was offered is no longer available (a link past its lifetime). */
        EXPIRED(410),
        /** The far end refused the credentials or the access. */
        FORBIDDEN(403),
        /** What was offered is not there (removed, never stored). */
        NOT_FOUND(404),
        /** Larger than the far end takes. */
        TOO_LARGE(413),
        /** The bytes arrived but are not the ones offered. */
        HASH_MISMATCH(400),
        /** Ended on purpose: by a user, or because the transport was stopped. */
        CANCELLED(487),
        /** The far end could not be reached. */
        UNREACHABLE(503),
        /** The media type was refused. */
        UNSUPPORTED_TYPE(415),
        /** The transport cannot serve this request (not configured, wrong scheme, bad parameters). */
        UNAVAILABLE(488),
        /** The connection broke or the far end misbehaved. */
        BROKEN(500);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** @return the SIP/MSRP-style status code this reason is reported with */
        public int status() {
            return status;
        }
    }

    private final Reason reason;

    public TransportException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TransportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** @return the reason of {@code failure}: its own when it is a TransportException, else BROKEN */
    public static Reason reasonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransportException) {
                return ((TransportException) t).reason;
            }
        }
        return Reason.BROKEN;
    }
}
