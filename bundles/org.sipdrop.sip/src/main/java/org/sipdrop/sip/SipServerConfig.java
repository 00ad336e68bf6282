package org.sipdrop.sip;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link SipServer} listens and behaves. Built with {@link #builder(String)}; immutable.
 * <ul>
 * <li>UDP and TCP share {@link #port()}; TLS listens on {@link #tlsPort()}. Port 0 picks free ports.</li>
 * <li>The server's domain is every host it listens on (the bind address; every local address when
 * bound to a wildcard; {@code localhost} on loopback) plus {@link #domains()}.</li>
 * <li>No {@link #authenticator()}: open mode, anyone may register any name (local demos only).</li>
 * </ul>
 */
public final class SipServerConfig {

    /** RFC 3261 §10.2.1.1: 3600 s when the client gives no expiry. */
    public static final int DEFAULT_EXPIRES = 3600;
    /** RFC 3261 §16.6 step 11 and Table 4: Timer C must be longer than 3 minutes. */
    public static final Duration DEFAULT_TIMER_C = Duration.ofSeconds(181);

    private final String name;
    private final String bindAddress;
    private final int port;
    private final int tlsPort;
    private final Set<SipTransport> transports;
    private final Set<String> domains;
    private final ServerAuthenticator authenticator;
    private final String listUser;
    private final int minExpires;
    private final int maxExpires;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final Duration timerC;

    private SipServerConfig(Builder b) {
        if (b.name == null || b.name.isBlank()) {
            throw new IllegalArgumentException("A server needs a name (used in logs and thread names)");
        }
        checkPort("port", b.port);
        checkPort("TLS port", b.tlsPort);
        if (b.transports.isEmpty()) {
            throw new IllegalArgumentException("A server needs at least one transport");
        }
        if (b.minExpires < 1 || b.maxExpires < b.minExpires) {
            throw new IllegalArgumentException("Need 1 <= minExpires <= maxExpires, was " + b.minExpires + ", " + b.maxExpires);
        }
        if (b.listUser == null || !b.listUser.matches("[A-Za-z0-9._~+-]{1,64}")) {
            throw new IllegalArgumentException("The list service user must be 1..64 unreserved characters, was '" + b.listUser + "'");
        }
        if (b.timerC == null || b.timerC.isNegative() || b.timerC.isZero()) {
            throw new IllegalArgumentException("Timer C must be a positive duration, was " + b.timerC);
        }
        if (b.transports.contains(SipTransport.TLS) && b.keyStore == null) {
            throw new IllegalArgumentException("TLS needs a key store (a PKCS#12 or JKS file with the server's key and certificate)");
        }
        this.name = b.name;
        this.bindAddress = Objects.requireNonNull(b.bindAddress, "bindAddress");
        this.port = b.port;
        this.tlsPort = b.tlsPort;
        this.transports = Set.copyOf(b.transports);
        this.domains = Set.copyOf(b.domains);
        this.authenticator = b.authenticator;
        this.listUser = b.listUser;
        this.minExpires = b.minExpires;
        this.maxExpires = b.maxExpires;
        this.keyStore = b.keyStore;
        this.keyStorePassword = b.keyStorePassword == null ? new char[0] : b.keyStorePassword.clone();
        this.timerC = b.timerC;
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0..65535, was " + port);
        }
    }

    /** @return a builder for a loopback server on free ports over UDP and TCP, open mode */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** @return the UDP and TCP port; 0 for a free one */
    public int port() {
        return port;
    }

    /** @return the TLS port; 0: {@code port() + 1} when UDP or TCP are used with a fixed port, else a free one */
    public int tlsPort() {
        return tlsPort;
    }

    public Set<SipTransport> transports() {
        return transports;
    }

    /** @return extra host names the server treats as its own domain, lower-case */
    public Set<String> domains() {
        return domains;
    }

    /** @return the authentication policy; empty: open mode */
    public Optional<ServerAuthenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    /** @return the user part of the URI-list service (RFC 5365), e.g. {@code list} for {@code sip:list@HOST} */
    public String listUser() {
        return listUser;
    }

    /** @return the shortest registration, publication and subscription accepted (423 below it) */
    public int minExpires() {
        return minExpires;
    }

    /** @return the longest granted; longer requests are shortened */
    public int maxExpires() {
        return maxExpires;
    }

    /** @return the TLS key store file, when TLS is used */
    public Optional<Path> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    /** @return a copy of the key store password */
    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    /**
     * @return how long the proxy waits for a final response to an INVITE it forwarded, counted
     *         from the request or its last provisional response (RFC 3261 §16.6 step 11, Timer C);
     *         then it cancels the branch and counts it as a 408 (§16.8), so a callee that rings
     *         forever cannot hold the proxy's state forever
     */
    public Duration timerC() {
        return timerC;
    }

    @Override
    public String toString() {
        return name + "@" + bindAddress + ":" + port + transports + (authenticator == null ? " open" : " realm=" + authenticator.realm());
    }

    /** Collects the settings of a {@link SipServerConfig}. */
    public static final class Builder {
        private final String name;
        private String bindAddress = "127.0.0.1";
        private int port;
        private int tlsPort;
        private Set<SipTransport> transports = EnumSet.of(SipTransport.UDP, SipTransport.TCP);
        private final Set<String> domains = new LinkedHashSet<>();
        private ServerAuthenticator authenticator;
        private String listUser = "list";
        private int minExpires = 60;
        private int maxExpires = DEFAULT_EXPIRES;
        private Path keyStore;
        private char[] keyStorePassword;
        private Duration timerC = DEFAULT_TIMER_C;

        private Builder(String name) {
            this.name = name;
        }

        public Builder bind(String address, int udpTcpPort) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            this.port = udpTcpPort;
            return this;
        }

        public Builder tlsPort(int port) {
            this.tlsPort = port;
            return this;
        }

        public Builder transports(Set<SipTransport> set) {
            this.transports = set.isEmpty() ? EnumSet.noneOf(SipTransport.class) : EnumSet.copyOf(set);
            return this;
        }

        public Builder domain(String host) {
            domains.add(host.toLowerCase(Locale.ROOT));
            return this;
        }

        /** @param policy null for open mode */
        public Builder authenticator(ServerAuthenticator policy) {
            this.authenticator = policy;
            return this;
        }

        public Builder listUser(String user) {
            this.listUser = user;
            return this;
        }

        public Builder expires(int min, int max) {
            this.minExpires = min;
            this.maxExpires = max;
            return this;
        }

        public Builder keyStore(Path file, char[] password) {
            this.keyStore = file;
            this.keyStorePassword = password == null ? null : Arrays.copyOf(password, password.length);
            return this;
        }

        /** @param timeout Timer C; the default {@link SipServerConfig#DEFAULT_TIMER_C} is what RFC 3261 asks */
        public Builder timerC(Duration timeout) {
            this.timerC = timeout;
            return this;
        }

        public SipServerConfig build() {
            return new SipServerConfig(this);
        }
    }
}
