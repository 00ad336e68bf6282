package org.sipdrop.sip.internal.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * Which URIs name this server and its domain (RFC 3261 §16.4, §10.3 step 1): a host is ours when
 * it is an address the server listens on (every local address when bound to a wildcard;
 * {@code localhost} too on loopback) or a configured domain; a URI is ours when, in addition, its
 * port is absent or one of our ports.
 */
final class LocalDomain {

    private final Set<String> hosts = new HashSet<>();
    private final Set<Integer> ports;
    private final String advertisedHost;

    LocalDomain(InetAddress bind, Set<String> extraDomains, Set<Integer> ports) {
        this.ports = Set.copyOf(ports);
        extraDomains.forEach(d -> hosts.add(normalize(d)));
        if (bind.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    Collections.list(nif.getInetAddresses()).forEach(a -> hosts.add(normalize(a.getHostAddress())));
                }
            } catch (SocketException e) {
                hosts.add("127.0.0.1");
            }
        } else {
            hosts.add(normalize(bind.getHostAddress()));
        }
        if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
            hosts.add("localhost");
        }
        this.advertisedHost = bind.isAnyLocalAddress() ? firstReachable() : literal(bind);
    }

    private static String firstReachable() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !(a instanceof Inet6Address) && nif.isUp()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback
        }
        return "127.0.0.1";
    }

    private static String literal(InetAddress a) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
    }

    /** Lower-case; IPv6 literals without brackets and in one canonical spelling (no DNS lookup). */
    static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        if (h.indexOf(':') >= 0) {
            try {
                return InetAddress.getByName(h).getHostAddress();
            } catch (UnknownHostException e) {
                return h;
            }
        }
        return h;
    }

    /** @return the host put in Via, Record-Route and Contact: the bind address, or one reachable address */
    String advertisedHost() {
        return advertisedHost;
    }

    boolean isLocalHost(String host) {
        return host != null && hosts.contains(normalize(host));
    }

    /** @return whether {@code uri} is a sip/sips URI of our domain (any user, our host, our port or none) */
    boolean isOurs(URI uri) {
        if (!(uri instanceof SipURI)) {
            return false;
        }
        SipURI sip = (SipURI) uri;
        return isLocalHost(sip.getHost()) && (sip.getPort() <= 0 || ports.contains(sip.getPort()));
    }

    /**
     * @return whether a request sent to {@code uri} would reach this server: its {@code maddr}
     *         or host is ours and its port, or the default port of its transport (RFC 3263
     *         §4.2 without DNS: 5061 for TLS and sips, else 5060), is one we listen on
     */
    boolean isServerAddress(SipURI uri) {
        String host = uri.getMAddrParam() != null ? uri.getMAddrParam() : uri.getHost();
        boolean tls = uri.isSecure() || "tls".equalsIgnoreCase(uri.getTransportParam());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 5061 : 5060;
        return isLocalHost(host) && ports.contains(port);
    }

    /** @return whether {@code uri} names the server itself (ours, no user part) */
    boolean isServer(URI uri) {
        return isOurs(uri) && ((SipURI) uri).getUser() == null;
    }
}
