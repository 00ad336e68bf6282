package org.sipdrop.cli.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.configuration.TransportCatalog;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.transfer.TransportProvider;

/**
 * Settings a command gives a transport provider (any transport: its flags are derived from its
 * metatype) through Configuration Admin for the duration of that command, and the wait until the
 * provider runs with exactly them. The provider echoes {@value #SETTINGS_PROPERTY}, a digest of
 * the settings, as a service property; the settings include passwords, so the digest is salted
 * with 128 random bits kept in the private property {@value #SALT_PROPERTY} (a leading
 * {@code .} keeps a configuration property out of the service properties, OSGi Compendium
 * 104.4.3), and nothing about a password can be checked against the published value. A provider
 * that refuses the settings (its activation throws) ends the wait at once: the command fails with
 * the provider's own reason ({@link TransportCatalog#refusal}) instead of timing out.
 */
public final class Applier {

    /** Configuration and service property: SHA-256 of the settings this command applied. */
    public static final String SETTINGS_PROPERTY = "sipdrop.cli.settings";

    /** How long a command waits for a provider to come back with new settings. */
    public static final Duration RESTART_TIMEOUT = Duration.ofSeconds(15);

    /** Private configuration property holding the salt; a configuration keeps it, so equal settings need no restart. */
    public static final String SALT_PROPERTY = ".sipdrop.cli.settings.salt";

    /** Salt bytes: 128 random bits make a dictionary of passwords useless against the digest. */
    private static final int SALT_BYTES = 16;

    /** How often the wait for the provider looks at the configuration's salt again. */
    private static final Duration POLL = Duration.ofMillis(250);

    /** How long restoring the configuration waits for the provider to let go of this command's settings. */
    static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);

    private final TransportDescription transport;
    private final String pid;
    private final String scheme;
    private final String what;

    /** @param transport the provider to configure, as the catalog describes it */
    Applier(TransportDescription transport) {
        this.transport = transport;
        this.pid = transport.pid();
        this.scheme = transport.scheme();
        this.what = transport.name();
    }

    /** @return SHA-256 over the salt (hex) and the settings: equal settings and salt, equal digest */
    public static String digest(Map<String, Object> properties, String salt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(salt));
            new TreeMap<>(properties).forEach((k, v) -> sha.update((k + '=' + v + '\n').getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** @return the salt {@code configuration} (may be null) holds, or a fresh random one */
    public static String saltOf(Dictionary<String, Object> configuration, SecureRandom random) {
        Optional<String> stored = storedSalt(configuration);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return HexFormat.of().formatHex(salt);
    }

    private static Optional<String> storedSalt(Dictionary<String, Object> configuration) {
        Object stored = configuration == null ? null : configuration.get(SALT_PROPERTY);
        return stored instanceof String && ((String) stored).matches("[0-9a-f]{" + 2 * SALT_BYTES + "}")
                ? Optional.of((String) stored) : Optional.empty();
    }

    /** @return the salt stored now (read from Configuration Admin, not from an object another command may have replaced), else {@code ours} */
    private String currentSalt(ConfigurationAdmin cm, String ours) {
        try {
            Configuration[] now = cm.listConfigurations("(" + Constants.SERVICE_PID + "=" + pid + ")");
            return now == null || now.length == 0 ? ours : storedSalt(now[0].getProperties()).orElse(ours);
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return ours;
        }
    }

    /**
     * Waits (bounded) until no provider is registered with the settings of {@code digest}, i.e. until
     * SCR has taken in that they were withdrawn. Settings applied before that may never reach the
     * provider: Felix SCR drops a configuration update whose change count is not above the last one
     * it saw for the PID, and a configuration deleted and created again counts from the start, so a
     * deletion SCR handles after the new configuration exists leaves it on the old settings
     * (seen as a refused provider that did not come back with the next command's settings).
     */
    private void awaitRelease(Services services, String digest) {
        String filter = "(&(" + TransportProvider.SCHEME_PROPERTY + "=" + scheme + ")(" + SETTINGS_PROPERTY + "=" + digest + "))";
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        while (services.registered(TransportProvider.class, filter) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Applies the given settings, one transport after the other.
     *
     * @return a handle that restores every configuration it changed, in reverse order
     * @throws CommandFailure as {@link #apply(Map, Services, Duration)}; what was applied before is restored
     */
    public static Applied applyAll(List<GivenSettings> given, Services services) throws CommandFailure {
        List<Applied> done = new ArrayList<>();
        try {
            for (GivenSettings g : given) {
                done.add(new Applier(g.transport()).apply(g.properties(), services, RESTART_TIMEOUT));
            }
        } catch (CommandFailure e) {
            Applied.all(done).close();
            throw e;
        }
        return Applied.all(done);
    }

    /**
     * Applies {@code properties} to the provider and waits until it is registered with them.
     *
     * @return a handle that puts the previous configuration back when closed
     * @throws CommandFailure if Configuration Admin is missing or the provider does not come back
     *         within the timeout; with exit code {@link Command#USAGE} if it refused the settings
     */
    Applied apply(Map<String, Object> properties, Services services, Duration timeout) throws CommandFailure {
        ConfigurationAdmin cm = services.await(ConfigurationAdmin.class, timeout).orElseThrow(() -> new CommandFailure(
                "the " + what + " settings cannot be applied: no Configuration Admin service is running"));
        Optional<TransportCatalog> catalog = services.await(TransportCatalog.class, timeout);
        String salt;
        Applied applied;
        // Commands of this process (two receivers in one runtime) may apply settings at the same
        // moment: one at a time, so the second finds the first's salt and equal settings stay equal.
        synchronized (cm) {
            try {
                Configuration c = cm.getConfiguration(pid, "?");
                Dictionary<String, Object> before = c.getProperties();
                salt = saltOf(before, new SecureRandom());
                String digest = digest(properties, salt);
                if (before != null && digest.equals(before.get(SETTINGS_PROPERTY))) {
                    applied = Applied.NOTHING; // another command applied the same settings: leave them to it
                } else {
                    Dictionary<String, Object> now = new Hashtable<>();
                    if (before != null) {
                        for (String k : Collections.list(before.keys())) {
                            now.put(k, before.get(k));
                        }
                    }
                    properties.forEach(now::put);
                    now.put(SALT_PROPERTY, salt);
                    now.put(SETTINGS_PROPERTY, digest);
                    c.update(now);
                    applied = new Applied(c, before, () -> awaitRelease(services, digest));
                }
            } catch (IOException e) {
                throw new CommandFailure("the " + what + " settings cannot be applied: " + e.getMessage());
            }
        }
        // A writer outside this lock (another runtime sharing the configuration store) may have
        // stored its own salt over ours: compare with the salt stored now.
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean running;
        Optional<String> refusal = Optional.empty();
        do {
            String now = digest(properties, currentSalt(cm, salt));
            String filter = "(&(" + TransportProvider.SCHEME_PROPERTY + "=" + scheme + ")(" + SETTINGS_PROPERTY + "=" + now + "))";
            Duration left = Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)); // 0 would wait forever
            // getting the service (a delayed component's) makes SCR activate it: it runs, or its refusal is known
            running = services.await(TransportProvider.class, filter, left.compareTo(POLL) < 0 ? left : POLL).isPresent();
            if (!running && catalog.isPresent()) {
                refusal = catalog.get().refusal(transport, Map.of(SETTINGS_PROPERTY, now));
            }
        } while (!running && refusal.isEmpty() && System.nanoTime() < deadline);
        if (!running) {
            applied.close();
            throw refusal.map(why -> new CommandFailure("the " + what + " transport refused its settings: " + why, Command.USAGE))
                    .orElseGet(() -> new CommandFailure("the " + what + " transport did not start with the new settings within "
                            + timeout.toSeconds() + " s (are the values of its --" + scheme
                            + "-… flags right? see sipdrop transports)"));
        }
        return applied;
    }
}
