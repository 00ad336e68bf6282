package org.sipdrop.presence;

/**
 * The coarse availability SipDrop shows for a contact.
 * <p>
 * On the wire it maps to the PIDF {@code <basic>} status (RFC 3863 §4.1.4) refined by an RPID
 * activity (RFC 4480 §3.2): {@link #OFFLINE} is {@code closed}; the others are {@code open}.
 */
public enum PresenceStatus {
    /** Open, no activity that keeps the person from accepting a file. */
    AVAILABLE,
    /** Open, but the person is away from the device (RPID {@code away}, {@code meal}, ...). */
    AWAY,
    /** Open, but the person is occupied (RPID {@code busy}, {@code on-the-phone}, {@code meeting}, ...). */
    BUSY,
    /** Closed: the contact cannot receive (RFC 3863 §4.1.4 {@code closed}), or nothing is known. */
    OFFLINE;

    /** @return whether a file offer sent now can reach the contact (every status but {@link #OFFLINE}) */
    public boolean isReachable() {
        return this != OFFLINE;
    }
}
