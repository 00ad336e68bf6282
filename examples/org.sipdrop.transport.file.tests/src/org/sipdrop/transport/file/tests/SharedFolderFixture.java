package org.sipdrop.transport.file.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.UUID;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.TransportProvider;

/**
 * Configures the shared-folder transport through Configuration Admin (PID
 * {@code org.sipdrop.transport.file}), as an administrator or the product's settings would, and
 * deletes the configuration again, which stops it (its configuration policy is REQUIRE).
 */
final class SharedFolderFixture implements AutoCloseable {

    static final String PID = "org.sipdrop.transport.file";
    static final Duration WAIT = Duration.ofSeconds(10);

    private final BundleContext context = FrameworkUtil.getBundle(SharedFolderFixture.class).getBundleContext();
    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
    private final ServiceTracker<TransportProvider, TransportProvider> files;

    SharedFolderFixture() throws Exception {
        cm.open();
        files = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                + TransportProvider.SCHEME_PROPERTY + "=file))"), null);
        files.open();
    }

    /** Configures the share's root and waits until the provider runs with it. */
    TransportProvider configure(Path folder) throws Exception {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("folder", folder.toString());
        p.put("max.size", 64L * 1024 * 1024);
        String marker = UUID.randomUUID().toString();
        p.put("test.marker", marker);
        configuration().update(p);
        ServiceTracker<TransportProvider, TransportProvider> t = new ServiceTracker<>(context, context.createFilter("(&(objectClass="
                + TransportProvider.class.getName() + ")(test.marker=" + marker + "))"), null);
        t.open();
        try {
            TransportProvider provider = t.waitForService(WAIT.toMillis());
            if (provider == null) {
                throw new IllegalStateException("The shared-folder transport did not start with folder " + folder);
            }
            return provider;
        } finally {
            t.close();
        }
    }

    /** Deletes the configuration and waits (bounded) until the provider is gone. */
    void deleteConfiguration() throws Exception {
        configuration().delete();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (files.getService() != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The shared-folder transport still runs without its configuration");
            }
            Thread.sleep(20);
        }
    }

    /** @return whether a shared-folder provider is registered now */
    boolean registered() {
        return files.getService() != null;
    }

    private Configuration configuration() throws Exception {
        ConfigurationAdmin admin = cm.waitForService(WAIT.toMillis());
        if (admin == null) {
            throw new IllegalStateException("no Configuration Admin service in the test runtime");
        }
        return admin.getConfiguration(PID, "?");
    }

    @Override
    public void close() throws Exception {
        try {
            if (configuration().getProperties() != null) {
                deleteConfiguration();
            }
        } finally {
            files.close();
            cm.close();
        }
    }
}
