package org.sipdrop.negotiation.internal.sdp;

/**
 * The {@code c=} line (RFC 4566 §5.7): {@code c=<nettype> <addrtype> <connection-address>}.
 * For MSRP the address is informative only; the a=path URI is what counts (RFC 4975 §8.1).
 */
public record ConnectionData(String netType, String addressType, String address) {

    public ConnectionData {
        for (String part : new String[] { netType, addressType, address }) {
            if (part == null || part.isEmpty() || part.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("Each c= field is one non-empty word (RFC 4566 §5.7), got " + part);
            }
            Sdp.requireLineSafe(part, "c= field");
        }
    }

    /** @return {@code IN IP4 address} or {@code IN IP6 address} */
    public static ConnectionData of(String address) {
        return new ConnectionData("IN", addressTypeOf(address), address);
    }

    static String addressTypeOf(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    static ConnectionData parse(String value) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length != 3) {
            throw SdpException.malformed("c= line needs 3 fields (RFC 4566 §5.7), got " + SdpException.quote(value));
        }
        try {
            return new ConnectionData(f[0], f[1], f[2]);
        } catch (IllegalArgumentException e) {
            throw SdpException.malformed("Bad c= line " + SdpException.quote(value) + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return netType + " " + addressType + " " + address;
    }
}
