package org.sipdrop.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.transfer.TransportProvider;

/**
 * The MSRP flags of {@code send} and {@code receive} ({@code --msrp-relay msrp[s]://HOST:PORT},
 * {@code --msrp-relay-user}, {@code --msrp-relay-password}, {@code --msrp-trust-store},
 * {@code --msrp-key-store}): settings
 * of the MSRP provider's DS configuration (PID {@value #PID}), applied through Configuration
 * Admin for the duration of one command.
 * <p>
 * The provider has no {@code @Modified} method, so SCR restarts it on a new configuration. The
 * configuration carries {@value #SETTINGS_PROPERTY}, a digest of the settings, which DS copies
 * to the service properties: the command waits (bounded) for a provider registered with that
 * digest, i.e. one started with exactly these settings.
 */
public final class MsrpSettings {

    /** Configuration PID of the MSRP transport provider. */
    public static final String PID = "org.sipdrop.transport.msrp";
    /**
     * Private configuration properties (leading {@code .}): the passwords, which DS keeps out of
     * the provider's service properties (OSGi Compendium 112.6).
     */
    public static final String RELAY_PASSWORD = ".relay.password";
    /** Private configuration property: the trust store's password. */
    public static final String TRUST_STORE_PASSWORD = ".tls.trust.store.password";
    /** Private configuration property: the key store's password. */
    public static final String KEY_STORE_PASSWORD = ".tls.key.store.password";

    /** Configuration and service property: SHA-256 of the settings this command applied. */
    public static final String SETTINGS_PROPERTY = "sipdrop.cli.settings";

    /** Flags with a value. */
    public static final Set<String> VALUED = Set.of("msrp-relay", "msrp-relay-user", "msrp-relay-password",
            "msrp-trust-store", "msrp-trust-store-password", "msrp-key-store", "msrp-key-store-password");
    /** The usage text of these flags. */
    public static final String USAGE = "[--msrp-relay msrp[s]://HOST:PORT [--msrp-relay-user U --msrp-relay-password P]]"
            + " [--msrp-trust-store FILE.p12 [--msrp-trust-store-password P]]"
            + " [--msrp-key-store FILE.p12 [--msrp-key-store-password P]]";

    /** How long a command waits for the provider to come back with new settings. */
    public static final Duration RESTART_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> properties;

    private MsrpSettings(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * Reads the MSRP flags. For an {@code msrps} relay the trust store is {@code --msrp-trust-store},
     * else {@code --trust-store} (the SIP one), else the JDK's CAs. A key store (this endpoint's
     * certificate) lets the provider accept {@code msrps} connections: a push receiver over msrps
     * needs one, since the sender (the offerer) connects (RFC 4975 §5.4, RFC 6135 §4.2.2); so does a
     * sender whose peer answers a=setup:active.
     *
     * @return empty when no MSRP flag is given: the provider keeps its configuration
     */
    public static Optional<MsrpSettings> from(Options o) throws UsageException {
        Optional<String> relay = o.value("msrp-relay");
        Optional<String> trust = o.value("msrp-trust-store");
        Optional<String> key = o.value("msrp-key-store");
        if (relay.isEmpty() && (o.value("msrp-relay-user").isPresent() || o.value("msrp-relay-password").isPresent())) {
            throw new UsageException("--msrp-relay-user and --msrp-relay-password need --msrp-relay msrp://HOST:PORT");
        }
        if (relay.isEmpty() && trust.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        boolean secure = false;
        if (relay.isPresent()) {
            String uri = relayUri(relay.get());
            secure = uri.startsWith("msrps:");
            p.put("relay.uri", uri);
            p.put("relay.user", o.value("msrp-relay-user").orElse(""));
            p.put(RELAY_PASSWORD, o.value("msrp-relay-password").orElse(""));
        }
        if (trust.isEmpty() && secure) {
            trust = o.value("trust-store");
        }
        if (trust.isPresent()) {
            p.put("tls.trust.store", readable(trust.get(), "trust store"));
            p.put(TRUST_STORE_PASSWORD, o.value("msrp-trust-store-password")
                    .or(() -> o.value("trust-store-password")).orElse(""));
        }
        if (key.isPresent()) {
            p.put("tls.key.store", readable(key.get(), "key store"));
            p.put(KEY_STORE_PASSWORD, o.value("msrp-key-store-password").orElse(""));
        }
        return Optional.of(new MsrpSettings(p));
    }

    /** @return these flags and {@code more} */
    public static Set<String> valued(Set<String> more) {
        Set<String> all = new java.util.HashSet<>(VALUED);
        all.addAll(more);
        return Set.copyOf(all);
    }

    /**
     * Applies the settings when flags gave some ({@link #apply}); else changes nothing.
     *
     * @return a handle to close when the command ends
     */
    public static Applied applyIfGiven(Optional<MsrpSettings> settings, Services services) throws CommandFailure {
        return settings.isPresent() ? settings.get().apply(services, RESTART_TIMEOUT) : new Applied(null, null);
    }

    private static String readable(String given, String what) throws UsageException {
        Path file = Path.of(given).toAbsolutePath();
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read the MSRP " + what + " '" + given + "'");
        }
        return file.toString();
    }

    /** @return {@code msrp[s]://HOST:PORT;tcp} for a relay given as {@code msrp[s]://HOST:PORT} */
    static String relayUri(String given) throws UsageException {
        String bare = given.endsWith(";tcp") ? given.substring(0, given.length() - 4) : given;
        URI u;
        try {
            u = URI.create(bare);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || !Set.of("msrp", "msrps").contains(u.getScheme()) || u.getHost() == null || u.getPort() <= 0
                || !(u.getRawPath() == null || u.getRawPath().isEmpty()) || u.getRawQuery() != null) {
            throw new UsageException("--msrp-relay must be msrp://HOST:PORT or msrps://HOST:PORT, not '" + given + "'");
        }
        return u.getScheme() + "://" + u.getRawAuthority() + ";tcp";
    }

    /** @return the configuration properties these settings set (without the digest) */
    public Map<String, Object> properties() {
        return properties;
    }

    private static final TransportSettings SETTINGS = new TransportSettings(PID, "msrp", "MSRP",
            "is the trust store readable with that password? is the relay URI right?");

    /** @return the digest published for these settings with {@code salt} (hex); see {@link TransportSettings} */
    String digest(String salt) {
        return TransportSettings.digest(properties, salt);
    }

    /**
     * Applies the settings to the MSRP provider and waits until it is registered with them.
     *
     * @return a handle that puts the previous configuration back when closed
     * @throws CommandFailure if Configuration Admin is missing or the provider does not come back
     *         within the timeout (e.g. an unreadable trust store, or a relay URI it refuses)
     */
    public Applied apply(Services services, Duration timeout) throws CommandFailure {
        return SETTINGS.apply(properties, services, timeout);
    }

    /** Settings in force; closing restores the configuration that was there before. */
    public static final class Applied implements AutoCloseable {
        private final Configuration configuration;
        private final Dictionary<String, Object> before;

        Applied(Configuration configuration, Dictionary<String, Object> before) {
            this.configuration = configuration;
            this.before = before;
        }

        /** Restores the previous configuration, or deletes the one this command created. */
        @Override
        public void close() {
            if (configuration == null) {
                return;
            }
            try {
                if (before == null) {
                    configuration.delete();
                } else {
                    configuration.update(before);
                }
            } catch (IOException | IllegalStateException e) {
                // the framework is going down; nothing persists beyond it that we could fix here
            }
        }
    }
}
