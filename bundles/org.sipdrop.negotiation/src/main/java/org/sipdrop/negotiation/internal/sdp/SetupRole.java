package org.sipdrop.negotiation.internal.sdp;

import java.util.Locale;

/**
 * {@code a=setup} (RFC 4145 §4, used for MSRP by RFC 6135 §4): which endpoint opens the TCP
 * connection.
 */
public enum SetupRole {
    /** Opens the connection. */
    ACTIVE,
    /** Accepts the connection. */
    PASSIVE,
    /** Either; only in an offer (RFC 4145 §4.1). */
    ACTPASS,
    /** Neither, for now (RFC 4145 §4). */
    HOLDCONN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role an answer takes for an offered role (RFC 4145 §4.1). For {@code actpass} — and for
     * no a=setup at all, an offer from an RFC 4975 endpoint, where the answerer connects
     * (RFC 4975 §5.4, RFC 6135 §4.1) — the answerer is {@code active}.
     */
    public static SetupRole answerTo(SetupRole offered) {
        if (offered == null) {
            return ACTIVE;
        }
        return switch (offered) {
            case ACTIVE -> PASSIVE;
            case PASSIVE, ACTPASS -> ACTIVE;
            case HOLDCONN -> HOLDCONN;
        };
    }

    /** @return whether {@code answered} is a legal answer to {@code offered} (RFC 4145 §4.1) */
    public static boolean compatible(SetupRole offered, SetupRole answered) {
        if (answered == null) {
            return true;
        }
        if (answered == ACTPASS) {
            return false;
        }
        if (offered == null || offered == ACTPASS) {
            return true;
        }
        return answered == answerTo(offered);
    }

    static SetupRole parse(String value) throws SdpException {
        for (SetupRole r : values()) {
            if (r.value().equals(value)) {
                return r;
            }
        }
        throw SdpException.malformed("a=setup is active, passive, actpass or holdconn (RFC 4145 §4), got "
                + SdpException.quote(String.valueOf(value)));
    }
}
