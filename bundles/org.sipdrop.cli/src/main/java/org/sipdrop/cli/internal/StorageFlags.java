package org.sipdrop.cli.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.transfer.TransportProvider;

/**
 * The storage flags of {@code send} and {@code receive} ({@code --storage URL},
 * {@code --storage-user}, {@code --storage-password}, {@code --storage-trust-store}): settings of
 * the HTTP storage transport's DS configuration (PID {@value #PID}), applied through
 * Configuration Admin for the duration of one command, as {@link MsrpSettings} does for MSRP.
 * The password goes into the private property {@code .password}, which never becomes a service
 * property. The command waits (bounded) for the provider registered with the salted digest of
 * exactly these settings ({@value MsrpSettings#SETTINGS_PROPERTY}; the salt stays in the private
 * {@value #SALT_PROPERTY}).
 */
public final class StorageFlags {

    /** Configuration PID of the HTTP storage transport. */
    public static final String PID = "org.sipdrop.transport.http";

    /** Flags with a value. */
    public static final Set<String> VALUED = Set.of("storage", "storage-user", "storage-password", "storage-trust-store",
            "storage-trust-store-password");

    /** The usage text of these flags. */
    public static final String USAGE = "[--storage http[s]://HOST:PORT/PATH/ [--storage-user U --storage-password P]"
            + " [--storage-trust-store FILE.pem|FILE.p12 [--storage-trust-store-password P]]]";

    /**
     * Port of the embedded server's HTTP storage when {@code ./sipdrop serve} starts it with its
     * defaults; the storage {@code send --via http} uses when no {@code --storage} is given.
     */
    public static final int EMBEDDED_STORAGE_PORT = 5080;

    private final Map<String, Object> properties;

    private StorageFlags(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * @return the settings the flags give; empty when no storage flag is given, and the provider
     *         keeps its configuration
     */
    public static Optional<StorageFlags> from(Options o) throws UsageException {
        Optional<String> storage = o.value("storage");
        if (storage.isEmpty()) {
            for (String f : VALUED) {
                if (o.value(f).isPresent()) {
                    throw new UsageException("--" + f + " needs --storage http[s]://HOST:PORT/PATH/");
                }
            }
            return Optional.empty();
        }
        URI base;
        try {
            base = URI.create(storage.get());
        } catch (IllegalArgumentException e) {
            base = null;
        }
        if (base == null || !Set.of("http", "https").contains(String.valueOf(base.getScheme())) || base.getHost() == null
                || base.getRawUserInfo() != null || base.getRawQuery() != null) {
            throw new UsageException("--storage must be an http:// or https:// URL without user name or query, e.g. "
                    + "https://files.example.org/dav/, not '" + storage.get() + "'");
        }
        if (o.value("storage-password").isPresent() && o.value("storage-user").isEmpty()) {
            throw new UsageException("--storage-password needs --storage-user");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("base.url", base.toString());
        p.put("user", o.value("storage-user").orElse(""));
        p.put(".password", o.value("storage-password").orElse(""));
        Optional<String> trust = o.value("storage-trust-store");
        if (trust.isPresent()) {
            Path file = Path.of(trust.get()).toAbsolutePath();
            if (!Files.isReadable(file)) {
                throw new UsageException("cannot read the storage trust store '" + trust.get() + "'");
            }
            p.put("tls.trust.store", file.toString());
            p.put("tls.trust.store.password", o.value("storage-trust-store-password").orElse(""));
        }
        return Optional.of(new StorageFlags(p));
    }

    /**
     * The storage flags of {@code send}: as {@link #from(Options)}, but {@code --via http} without
     * {@code --storage} uses the embedded server's storage on the SIP server's host
     * ({@code http://HOST:5080/storage/}), with the SIP user's name and password, which is what
     * {@code ./sipdrop serve} accepts. {@code --via https} needs an explicit {@code --storage}:
     * the embedded server serves HTTPS only when started with {@code --https-port}.
     */
    public static Optional<StorageFlags> forSend(Options o, ClientOptions client, String via) throws UsageException {
        Optional<StorageFlags> given = from(o);
        if (given.isPresent() || !"http".equals(via)) {
            if (given.isEmpty() && "https".equals(via)) {
                throw new UsageException("--via https needs --storage https://HOST:PORT/PATH/ (the embedded server's"
                        + " storage speaks HTTPS only when serve was given --https-port)");
            }
            return given;
        }
        String host = client.serverHost().contains(":") ? "[" + client.serverHost() + "]" : client.serverHost();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("base.url", "http://" + host + ":" + EMBEDDED_STORAGE_PORT + "/storage/");
        p.put("user", client.account().authUser());
        p.put(".password", new String(client.account().password()));
        return Optional.of(new StorageFlags(p));
    }

    /** @return these flags and {@code more} */
    public static Set<String> valued(Set<String> more) {
        Set<String> all = new java.util.HashSet<>(VALUED);
        all.addAll(more);
        return Set.copyOf(all);
    }

    /** @return the configuration properties (the password under {@code .password}) */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Applies the settings when flags gave some; @return a handle to close when the command ends */
    public static MsrpSettings.Applied applyIfGiven(Optional<StorageFlags> flags, Services services) throws CommandFailure {
        return flags.isPresent() ? flags.get().apply(services, MsrpSettings.RESTART_TIMEOUT) : new MsrpSettings.Applied(null, null);
    }

    /** Private configuration property holding the salt of {@link #digest(String)}. */
    static final String SALT_PROPERTY = TransportSettings.SALT_PROPERTY;

    private static final TransportSettings SETTINGS = new TransportSettings(PID, "http", "storage",
            "is the trust store readable with that password?");

    /**
     * SHA-256 over the salt and the settings, published as {@value MsrpSettings#SETTINGS_PROPERTY}:
     * the settings include the password; without the salt, which is never a service property,
     * nothing about them can be checked against the published value.
     *
     * @param salt hex, from {@link #saltOf}
     */
    String digest(String salt) {
        return TransportSettings.digest(properties, salt);
    }

    /** @return the salt the configuration holds under {@value #SALT_PROPERTY}, or a fresh random one */
    static String saltOf(Dictionary<String, Object> configuration, SecureRandom random) {
        return TransportSettings.saltOf(configuration, random);
    }

    /**
     * Applies the settings to the HTTP storage transport and waits until it runs with them.
     *
     * @throws CommandFailure when Configuration Admin is missing or the transport does not come
     *         back within the timeout (e.g. an unreadable trust store)
     */
    public MsrpSettings.Applied apply(Services services, Duration timeout) throws CommandFailure {
        return SETTINGS.apply(properties, services, timeout);
    }
}
