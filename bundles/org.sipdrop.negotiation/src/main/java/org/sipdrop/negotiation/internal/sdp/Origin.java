package org.sipdrop.negotiation.internal.sdp;

/**
 * The {@code o=} line (RFC 4566 §5.2):
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType,
        String addressType, String address) {

    public Origin {
        for (String part : new String[] { username, sessionId, sessionVersion, netType, addressType, address }) {
            if (part == null || part.isEmpty() || part.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("Each o= field is one non-empty word (RFC 4566 §5.2), got " + part);
            }
            Sdp.requireLineSafe(part, "o= field");
        }
        if (!Tokens.isDigits(sessionId) || !Tokens.isDigits(sessionVersion)) {
            throw new IllegalArgumentException("o= session id and version are numbers (RFC 4566 §5.2), got "
                    + sessionId + " " + sessionVersion);
        }
    }

    /** @return an {@code IN} origin for {@code address}, IP4 or IP6 as its form says */
    public static Origin of(String username, String sessionId, String sessionVersion, String address) {
        return new Origin(username, sessionId, sessionVersion, "IN", ConnectionData.addressTypeOf(address), address);
    }

    static Origin parse(String value) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length != 6) {
            throw SdpException.malformed("o= line needs 6 fields (RFC 4566 §5.2), got " + SdpException.quote(value));
        }
        try {
            return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
        } catch (IllegalArgumentException e) {
            throw SdpException.malformed("Bad o= line " + SdpException.quote(value) + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addressType, address);
    }
}
