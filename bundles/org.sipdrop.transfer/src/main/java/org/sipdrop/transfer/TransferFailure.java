package org.sipdrop.transfer;

import java.util.Objects;

/**
 * Why a transfer was rejected or failed, as the user on the other side is told: a status code
 * (a SIP status such as 488 or 603, an MSRP status such as 413, or 0 for a local failure) and a
 * reason phrase a person can act on.
 */
public final class TransferFailure {

    private final int status;
    private final String reason;

    public TransferFailure(int status, String reason) {
        if (status < 0 || status > 999) {
            throw new IllegalArgumentException("Status code must be 0..999, was " + status);
        }
        this.status = status;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the protocol status code, or 0 for a failure that never reached the wire */
    public int status() {
        return status;
    }

    /** @return the reason phrase */
    public String reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferFailure && ((TransferFailure) o).status == status
                && ((TransferFailure) o).reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return status * 31 + reason.hashCode();
    }

    @Override
    public String toString() {
        return status == 0 ? reason : status + " " + reason;
    }
}
