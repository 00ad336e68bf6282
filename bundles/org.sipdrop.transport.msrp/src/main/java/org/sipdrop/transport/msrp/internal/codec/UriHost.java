package org.sipdrop.transport.msrp.internal.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The host part of an MSRP URI authority (RFC 3986 §3.2.2 as used by RFC 4975 §6) and its
 * comparison key per RFC 4975 §6.1: IP literals compare as addresses, names compare
 * case-insensitively after decoding percent-encoded unreserved characters. Never resolves names.
 */
final class UriHost {

    private final String text;
    private final boolean ipv6;
    private final String key;

    private UriHost(String text, boolean ipv6, String key) {
        this.text = text;
        this.ipv6 = ipv6;
        this.key = key;
    }

    /**
     * @param host the host as written, IPv6 literals without brackets
     * @param bracketed true if it was written inside {@code [ ]}
     */
    static UriHost parse(String host, boolean bracketed) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("MSRP URI has an empty host");
        }
        if (bracketed) {
            return new UriHost(host, true, "ip:" + ipv6Key(host));
        }
        String v4 = ipv4Key(host);
        if (v4 != null) {
            return new UriHost(host, false, "ip:" + v4);
        }
        return new UriHost(host, false, "name:" + regName(host));
    }

    /** @return the host as written (without brackets) */
    String text() {
        return text;
    }

    /** @return true for an IPv6 literal */
    boolean isIpv6() {
        return ipv6;
    }

    /** @return the host as it appears in a URI (IPv6 in brackets) */
    String uriForm() {
        return ipv6 ? "[" + text + "]" : text;
    }

    /** @return the comparison key of RFC 4975 §6.1 */
    String key() {
        return key;
    }

    private static String ipv6Key(String host) {
        if (!host.contains(":")) {
            throw new IllegalArgumentException("Bracketed MSRP URI host is not an IPv6 address: " + host);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw new IllegalArgumentException("Bad character '" + c + "' in IPv6 address " + host);
            }
        }
        try {
            // a validated literal: InetAddress only checks its format, no name lookup happens
            byte[] address = InetAddress.getByName(host).getAddress();
            StringBuilder sb = new StringBuilder();
            for (byte b : address) {
                sb.append(String.format("%02x", b & 0xFF));
            }
            return address.length == 4 ? ipv4FromBytes(address) : sb.toString();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Malformed IPv6 address " + host, e);
        }
    }

    private static String ipv4FromBytes(byte[] a) {
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }

    /** @return canonical dotted quad, or null if {@code host} is not an RFC 3986 IPv4address */
    private static String ipv4Key(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !Syntax.isNumber(p)
                    || Integer.parseInt(p) > 255) {
                return null;
            }
        }
        return host;
    }

    private static String regName(String host) {
        StringBuilder sb = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%') {
                if (i + 2 >= host.length() || Character.digit(host.charAt(i + 1), 16) < 0
                        || Character.digit(host.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("Bad percent-encoding in MSRP URI host " + host);
                }
                int decoded = Integer.parseInt(host.substring(i + 1, i + 3), 16);
                if (Syntax.isUnreserved(decoded)) {
                    sb.append((char) decoded);
                } else {
                    sb.append(host, i, i + 3);
                }
                i += 2;
            } else if (Syntax.isUnreserved(c)) {
                sb.append(c);
            } else {
                throw new IllegalArgumentException("Bad character '" + c + "' in MSRP URI host " + host);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
