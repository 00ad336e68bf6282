package org.sipdrop.ui.internal.session;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import org.sipdrop.sip.SipTransport;

/** The little the session needs to know about SIP URIs (RFC 3261 §19.1.1) and local addresses. */
final class SipUris {

    private SipUris() {
    }

    /** @return the host of a SIP URI such as {@code sip:alice@[::1]:5060;transport=tcp} */
    static String host(String uri) {
        String s = uri.replaceFirst("(?i)^sips?:", "");
        int params = s.indexOf(';');
        if (params >= 0) {
            s = s.substring(0, params);
        }
        s = s.substring(s.indexOf('@') + 1);
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.indexOf(':');
        return colon >= 0 ? s.substring(0, colon) : s;
    }

    /** @return the URI in {@code uris} whose {@code transport} parameter is {@code transport} */
    static Optional<String> forTransport(List<String> uris, SipTransport transport) {
        return uris.stream().filter(u -> u.toLowerCase(java.util.Locale.ROOT).endsWith("transport=" + transport.token()))
                .findFirst();
    }

    /**
     * @return the local address this machine uses to reach {@code host} (a connected datagram
     *         socket sends nothing); the loopback address for a loopback host
     * @throws IOException when the host cannot be resolved or reached
     */
    static String localAddressTowards(String host) throws IOException {
        InetAddress remote = InetAddress.getByName(host);
        if (remote.isLoopbackAddress()) {
            return remote.getHostAddress();
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(remote, 5060));
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new IOException("No route to " + host);
            }
            return local.getHostAddress();
        }
    }
}
