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
    /** Neither, for now (RFC 4145 §4); an MSRP UA never sends it and takes it as no a=setup (RFC 6135 §4.2.1). */
    HOLDCONN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role this side takes when it answers {@code offered}. An offerer that says
     * {@code actpass} can be reached, so the answerer listens: it "SHOULD include an a=setup
     * 'passive' attribute value if it knows that it is not located behind a NAT" (RFC 6135 §4.2.2;
     * this side answers from the address it listens on). An offer without a=setup comes from an
     * RFC 4975 endpoint, where "the initiating endpoint MUST act as the 'active' endpoint"
     * (RFC 4975 §5.4), so the answerer is passive; {@code holdconn} is taken as no a=setup
     * (RFC 6135 §4.2.1). Only an offerer that says {@code passive} is connected to.
     */
    public static SetupRole answerTo(SetupRole offered) {
        return offered == PASSIVE ? ACTIVE : PASSIVE;
    }

    /**
     * The role of the offerer once {@code answered} is in: it connects unless the answer says
     * {@code active} (RFC 4145 §4.1). No a=setup (an RFC 4975 answerer) and {@code holdconn}
     * (taken as none, RFC 6135 §4.2.1) leave it active, as RFC 4975 §5.4 makes the initiating
     * endpoint.
     */
    public static SetupRole offererRole(SetupRole answered) {
        return answered == ACTIVE ? PASSIVE : ACTIVE;
    }

    /** @return whether {@code answered} is a legal answer to {@code offered} (RFC 4145 §4.1) */
    public static boolean compatible(SetupRole offered, SetupRole answered) {
        if (answered == null || answered == HOLDCONN) { // taken as none (RFC 6135 §4.2.1)
            return true;
        }
        if (answered == ACTPASS) {
            return false;
        }
        if (offered == null || offered == ACTPASS || offered == HOLDCONN) {
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
