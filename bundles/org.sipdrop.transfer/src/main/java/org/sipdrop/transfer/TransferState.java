package org.sipdrop.transfer;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a {@link Transfer}:
 * <pre>
 * OFFERED ──► ACCEPTED ──► TRANSFERRING ──► COMPLETED
 *    │            │              │
 *    ├► REJECTED  ├► FAILED ◄────┤   (FAILED may be resumed: ► OFFERED with a file-range)
 *    └► CANCELLED └► CANCELLED ◄─┘
 * </pre>
 */
public enum TransferState {
    /** The offer is sent (or received) and awaits the receiver's decision. */
    OFFERED,
    /** The receiver accepted; the transport is being set up. */
    ACCEPTED,
    /** The receiver declined; the reason is in {@link Transfer#failure()}. */
    REJECTED,
    /** Bytes are moving. */
    TRANSFERRING,
    /** Every byte arrived and the hash matched. */
    COMPLETED,
    /** Something went wrong; the reason is in {@link Transfer#failure()}. May be resumed. */
    FAILED,
    /** One side gave up on purpose. */
    CANCELLED;

    /** @return true when no further state can follow except a resume from {@link #FAILED} */
    public boolean isTerminal() {
        return this == REJECTED || this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** @return the states this one may move to */
    public Set<TransferState> successors() {
        switch (this) {
        case OFFERED:
            return EnumSet.of(ACCEPTED, REJECTED, FAILED, CANCELLED);
        case ACCEPTED:
            return EnumSet.of(TRANSFERRING, FAILED, CANCELLED);
        case TRANSFERRING:
            return EnumSet.of(COMPLETED, FAILED, CANCELLED);
        case FAILED:
            return EnumSet.of(OFFERED);
        default:
            return EnumSet.noneOf(TransferState.class);
        }
    }

    /** @return true when a transfer in this state may move to {@code next} */
    public boolean canMoveTo(TransferState next) {
        return successors().contains(next);
    }
}
