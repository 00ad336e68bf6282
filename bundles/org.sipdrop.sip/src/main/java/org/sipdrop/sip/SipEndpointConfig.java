package org.sipdrop.sip;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a {@link SipEndpoint} listens: one address, one port, one or more transports. Port 0
 * picks a free port (the same one for every transport where the system allows it).
 */
public final class SipEndpointConfig {

    private final String name;
    private final String bindAddress;
    private final int port;
    private final Set<SipTransport> transports;
    private final SipTls tls;

    private SipEndpointConfig(String name, String bindAddress, int port, Set<SipTransport> transports) {
        this(name, bindAddress, port, transports, null);
    }

    private SipEndpointConfig(String name, String bindAddress, int port, Set<SipTransport> transports, SipTls tls) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An endpoint needs a name (used in logs and thread names)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port must be 0..65535, was " + port);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("An endpoint needs at least one transport");
        }
        this.name = name;
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.port = port;
        this.transports = Set.copyOf(transports);
        if (transports.contains(SipTransport.TLS) && tls == null) {
            throw new IllegalArgumentException("TLS needs TLS settings: use withTls(SipTls.of(...)), or SipTls.trusting(...) for a client");
        }
        this.tls = tls;
    }

    /** @return this configuration with TLS material (needed to listen on or connect with TLS) */
    public SipEndpointConfig withTls(SipTls settings) {
        return new SipEndpointConfig(name, bindAddress, port, transports, java.util.Objects.requireNonNull(settings, "settings"));
    }

    /** @return the TLS settings, if any */
    public java.util.Optional<SipTls> tls() {
        return java.util.Optional.ofNullable(tls);
    }

    /** @return a loopback endpoint on a free port, the default for local use and tests */
    public static SipEndpointConfig loopback(String name, SipTransport first, SipTransport... more) {
        return new SipEndpointConfig(name, "127.0.0.1", 0, EnumSet.of(first, more));
    }

    /**
     * A loopback endpoint with a TLS listening point (and the other transports given). With a
     * trust store only ({@link SipTls#trusting}) it can connect out but not accept TLS.
     */
    public static SipEndpointConfig loopbackTls(String name, SipTls tls, SipTransport... more) {
        return new SipEndpointConfig(name, "127.0.0.1", 0, EnumSet.of(SipTransport.TLS, more), tls);
    }

    public static SipEndpointConfig of(String name, String bindAddress, int port, Set<SipTransport> transports) {
        return new SipEndpointConfig(name, bindAddress, port, transports);
    }

    /** @param tls TLS material; required when {@code transports} contains TLS */
    public static SipEndpointConfig of(String name, String bindAddress, int port, Set<SipTransport> transports, SipTls tls) {
        return new SipEndpointConfig(name, bindAddress, port, transports, tls);
    }

    public String name() {
        return name;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** @return the requested port; 0 for any free port */
    public int port() {
        return port;
    }

    public Set<SipTransport> transports() {
        return transports;
    }

    @Override
    public String toString() {
        return name + "@" + bindAddress + ":" + port + transports;
    }
}
