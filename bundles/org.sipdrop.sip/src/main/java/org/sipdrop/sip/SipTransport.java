package org.sipdrop.sip;

import java.util.Locale;

/** The SIP transports (RFC 3261 §18), with their default ports. */
public enum SipTransport {
    /** RFC 3261 §18.1: datagrams; requests over 1300 bytes must move to TCP (§18.1.1). */
    UDP(5060),
    /** RFC 3261 §18.2. */
    TCP(5060),
    /** RFC 3261 §26.2: TCP with TLS; sips URIs; default port 5061. */
    TLS(5061);

    private final int defaultPort;

    SipTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** @return the transport token as used in Via headers and the {@code transport} URI parameter */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the transport for a token such as {@code udp} or {@code TLS} */
    public static SipTransport of(String token) {
        for (SipTransport t : values()) {
            if (t.name().equalsIgnoreCase(token.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown SIP transport '" + token + "': use udp, tcp or tls");
    }
}
