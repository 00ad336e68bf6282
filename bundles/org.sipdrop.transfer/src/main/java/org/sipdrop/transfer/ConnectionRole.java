package org.sipdrop.transfer;

import java.util.Locale;

/**
 * Which side of a session transport opens the connection, as SDP {@code a=setup} negotiates it
 * (RFC 4145 §4, for MSRP RFC 6135 §4.2): the offerer says {@link #ACTPASS}, the answer settles
 * {@link #ACTIVE} or {@link #PASSIVE}.
 *
 * @since 0.2
 */
public enum ConnectionRole {
    /** This side connects to the peer. */
    ACTIVE,
    /** This side waits for the peer to connect. */
    PASSIVE,
    /** Either; this side waits until the answer settles it. */
    ACTPASS,
    /** Neither side connects now. */
    HOLDCONN;

    /** @return the SDP value, e.g. {@code active} */
    public String sdpValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value an SDP {@code a=setup} value, any case
     * @throws IllegalArgumentException for anything else
     */
    public static ConnectionRole ofSdp(String value) {
        for (ConnectionRole r : values()) {
            if (r.sdpValue().equalsIgnoreCase(value.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("setup must be active, passive, actpass or holdconn (RFC 4145), was '" + value + "'");
    }
}
