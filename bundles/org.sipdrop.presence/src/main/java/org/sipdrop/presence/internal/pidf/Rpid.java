package org.sipdrop.presence.internal.pidf;

import java.util.Collection;
import java.util.Set;

import org.sipdrop.presence.PresenceStatus;

/**
 * The mapping between RPID activities (RFC 4480 §3.2) and {@link PresenceStatus}, applied only
 * when the PIDF basic status is {@code open} (RFC 3863 §4.1.4): {@code closed} is always
 * {@link PresenceStatus#OFFLINE}.
 */
final class Rpid {

    /** RFC 4480 §3.2 activities during which a person cannot attend to a file offer now. */
    static final Set<String> BUSY = Set.of("busy", "on-the-phone", "meeting", "appointment",
            "performance", "presentation", "steering", "worship");

    /** RFC 4480 §3.2 activities during which a person is away from the device. */
    static final Set<String> AWAY = Set.of("away", "breakfast", "dinner", "meal", "holiday", "vacation",
            "in-transit", "travel", "sleeping", "shopping", "permanent-absence", "looking-for-work",
            "playing", "spectator", "tv");

    private Rpid() {
    }

    /**
     * @param open       whether any tuple said {@code open}
     * @param activities the RPID activity element names found (e.g. {@code on-the-phone});
     *                   {@code unknown}, {@code other}, {@code working} and unrecognised names
     *                   do not lower availability
     * @return the status: BUSY beats AWAY beats AVAILABLE when several activities are given
     */
    static PresenceStatus status(boolean open, Collection<String> activities) {
        if (!open) {
            return PresenceStatus.OFFLINE;
        }
        if (activities.stream().anyMatch(BUSY::contains)) {
            return PresenceStatus.BUSY;
        }
        if (activities.stream().anyMatch(AWAY::contains)) {
            return PresenceStatus.AWAY;
        }
        return PresenceStatus.AVAILABLE;
    }

    /** @return the RPID activity SipDrop publishes for {@code status}, or null for none */
    static String activity(PresenceStatus status) {
        switch (status) {
            case AWAY:
                return "away";
            case BUSY:
                return "busy";
            default:
                return null;
        }
    }
}
