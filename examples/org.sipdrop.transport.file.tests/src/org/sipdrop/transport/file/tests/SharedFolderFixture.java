package org.sipdrop.transport.file.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportConfiguration;

/**
 * Configures the shared-folder transport through Configuration Admin (PID
 * {@code org.sipdrop.transport.file}), as an administrator or the product's settings would, and
 * deletes the configuration again, which stops it (its configuration policy is REQUIRE).
 */
final class SharedFolderFixture implements AutoCloseable {

    static final String PID = "org.sipdrop.transport.file";
    static final Duration WAIT = Duration.ofSeconds(10);

    private final BundleContext context = FrameworkUtil.getBundle(SharedFolderFixture.class).getBundleContext();
    private final TransportConfiguration configurations = new TransportConfiguration(context, PID, WAIT);
    private final ServiceTracker<TransportProvider, TransportProvider> files;

    SharedFolderFixture() throws Exception {
        files = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                + TransportProvider.SCHEME_PROPERTY + "=file))"), null);
        files.open();
    }

    /** Configures the share's root and waits until the provider runs with it. */
    TransportProvider configure(Path folder) throws Exception {
        try {
            return configurations.apply(Map.of("folder", folder.toString(), "max.size", 64L * 1024 * 1024));
        } catch (IllegalStateException e) {
            throw new IllegalStateException("The shared-folder transport did not start with folder " + folder, e);
        }
    }

    /** Deletes the configuration and waits (bounded) until the provider is gone. */
    void deleteConfiguration() throws Exception {
        configurations.delete();
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

    @Override
    public void close() throws Exception {
        try {
            if (registered()) {
                deleteConfiguration();
            }
        } finally {
            files.close();
            configurations.close();
        }
    }
}
