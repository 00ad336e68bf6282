package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.TransportProvider;

/**
 * Configures a transport through Configuration Admin, as an administrator or the product's
 * settings would, and waits until the provider runs with that configuration: every update
 * carries a fresh {@value #MARKER} property, which DS copies into the service properties of the
 * provider it registers with it, so the wait ends on that very provider and not on the one that
 * ran before. For OSGi tests of a transport; every wait is bounded.
 *
 * <pre>
 * try (TransportConfiguration c = new TransportConfiguration(context, "com.acme.transport", Duration.ofSeconds(10))) {
 *     TransportProvider p = c.apply(Map.of("folder", dir.toString()));
 *     …
 * }
 * </pre>
 *
 * @since 0.2
 */
public final class TransportConfiguration implements AutoCloseable {

    /** The property that tells the provider configured by one update from any other. */
    public static final String MARKER = "sipdrop.testkit.marker";

    private final BundleContext context;
    private final String pid;
    private final Duration wait;
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> admin;
    /** The marker of the last configuration applied, to see the provider let go of it. */
    private volatile String applied;

    public TransportConfiguration(BundleContext context, String pid, Duration wait) {
        this.context = context;
        this.pid = pid;
        this.wait = wait;
        this.admin = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        admin.open();
    }

    /**
     * Replaces the configuration with {@code properties} and waits until a provider configured
     * with them is registered.
     *
     * @throws IllegalStateException when none is within the wait
     */
    public TransportProvider apply(Map<String, ?> properties) throws Exception {
        Hashtable<String, Object> p = new Hashtable<>(properties);
        String marker = UUID.randomUUID().toString();
        p.put(MARKER, marker);
        configuration().update(p);
        applied = marker;
        ServiceTracker<TransportProvider, TransportProvider> t = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                + TransportProvider.class.getName() + ")(" + MARKER + "=" + marker + "))"), null);
        t.open();
        try {
            TransportProvider provider = t.waitForService(wait.toMillis());
            if (provider == null) {
                throw new IllegalStateException("No transport registered with the configuration of " + pid + " within "
                        + wait.toSeconds() + " s: " + properties.keySet());
            }
            return provider;
        } finally {
            t.close();
        }
    }

    /**
     * Deletes the configuration: the provider restarts with its defaults, or stops when it requires
     * one. Returns once no provider is registered with the deleted configuration any more (within
     * the wait): Felix SCR drops an update whose change count is not above the last it saw for the
     * PID, and a configuration created again counts from the start, so an {@link #apply} before SCR
     * has handled the deletion could leave the provider on the deleted settings.
     */
    public void delete() throws IOException {
        configuration().delete();
        String marker = applied;
        if (marker == null) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (context.getServiceReferences(TransportProvider.class.getName(), "(" + MARKER + "=" + marker + ")") != null
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private Configuration configuration() throws IOException {
        try {
            ConfigurationAdmin cm = admin.waitForService(wait.toMillis());
            if (cm == null) {
                throw new IllegalStateException("No Configuration Admin service in the test runtime");
            }
            return cm.getConfiguration(pid, "?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
