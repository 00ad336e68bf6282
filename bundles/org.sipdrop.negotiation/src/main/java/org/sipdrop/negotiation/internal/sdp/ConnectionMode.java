package org.sipdrop.negotiation.internal.sdp;

import java.util.Locale;

/** {@code a=connection} (RFC 4145 §5, used for MSRP by RFC 6135 §4): a new or an existing connection. */
public enum ConnectionMode {
    NEW, EXISTING;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConnectionMode parse(String value) throws SdpException {
        for (ConnectionMode m : values()) {
            if (m.value().equals(value)) {
                return m;
            }
        }
        throw SdpException.malformed("a=connection is new or existing (RFC 4145 §5), got "
                + SdpException.quote(String.valueOf(value)));
    }
}
