package org.sipdrop.transfer;

import java.util.Optional;

/** The outcome of an {@link AcceptancePolicy}: accept, reject with a reason, or ask the user. */
public final class Decision {

    /** What to do with the offer. */
    public enum Kind {
        ACCEPT, REJECT, ASK
    }

    /** SIP 603 Decline (RFC 3261 §21.6.2): the user does not want it. */
    public static final int DECLINE = 603;
    /** SIP 488 Not Acceptable Here (RFC 3261 §21.4.26): e.g. over the size limit or a refused type. */
    public static final int NOT_ACCEPTABLE_HERE = 488;

    private static final Decision ACCEPT = new Decision(Kind.ACCEPT, null);
    private static final Decision ASK = new Decision(Kind.ASK, null);

    private final Kind kind;
    private final TransferFailure reason;

    private Decision(Kind kind, TransferFailure reason) {
        this.kind = kind;
        this.reason = reason;
    }

    public static Decision accept() {
        return ACCEPT;
    }

    public static Decision ask() {
        return ASK;
    }

    /** @return a rejection with a SIP status and a reason phrase the sender will see */
    public static Decision reject(int status, String reason) {
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("A rejection needs a SIP 4xx-6xx status, was " + status);
        }
        return new Decision(Kind.REJECT, new TransferFailure(status, reason));
    }

    public Kind kind() {
        return kind;
    }

    /** @return the rejection's status and reason; empty unless {@link Kind#REJECT} */
    public Optional<TransferFailure> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public String toString() {
        return reason == null ? kind.name() : kind + " " + reason;
    }
}
