package org.sipdrop.transport.msrp.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.testing.ThrowAwayKeys;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportConfiguration;

/**
 * Finds the MSRP provider registered by Felix SCR, configures it through Configuration Admin (PID
 * {@value #PID}), and disables or enables its component.
 */
final class MsrpProviderFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String COMPONENT = "org.sipdrop.transport.msrp.internal.MsrpTransportProvider";
    static final String PID = "org.sipdrop.transport.msrp";

    /** One throw-away key pair for the whole test run: keytool takes a second or two. */
    private static Path[] tlsStores;

    private final BundleContext context = FrameworkUtil.getBundle(MsrpProviderFixture.class).getBundleContext();
    private final TransportConfiguration configurations = new TransportConfiguration(context, PID, Duration.ofSeconds(30));
    private ServiceTracker<TransportProvider, TransportProvider> providers;
    private ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> scr;

    void open() throws InvalidSyntaxException {
        Filter f = context.createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                + TransportProvider.SCHEME_PROPERTY + "=msrp))");
        providers = new ServiceTracker<>(context, f, null);
        providers.open();
        scr = new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
        scr.open();
    }

    TransportProvider provider() throws InterruptedException {
        return providers.waitForService(WAIT.toMillis());
    }

    /**
     * Configures the provider for msrp and msrps on loopback: a self-signed key store for accepting
     * msrps, a trust store holding its certificate for connecting, and a short session timeout so
     * that a peer that left is noticed quickly; waits until the provider runs with it.
     */
    TransportProvider configureForContract() throws Exception {
        Path[] stores = tlsStores();
        return configurations.apply(java.util.Map.of("tls.key.store", stores[0].toString(),
                ".tls.key.store.password", ThrowAwayKeys.PASSWORD, "tls.trust.store", stores[1].toString(),
                ".tls.trust.store.password", ThrowAwayKeys.PASSWORD, "session.timeout.ms", 10_000L));
    }

    /** Deletes the configuration: the provider restarts with its defaults. */
    void deleteConfiguration() throws Exception {
        configurations.delete();
    }


    private static synchronized Path[] tlsStores() throws IOException, InterruptedException {
        if (tlsStores == null) {
            Path dir = Files.createTempDirectory("msrp-contract-keys");
            Path key = ThrowAwayKeys.selfSigned(dir, "msrp-contract");
            tlsStores = new Path[] { key, ThrowAwayKeys.trusting(dir, key, "msrp-contract") };
        }
        return tlsStores;
    }

    private ComponentDescriptionDTO description() throws InterruptedException {
        ServiceComponentRuntime runtime = scr.waitForService(WAIT.toMillis());
        if (runtime == null) {
            throw new IllegalStateException("Felix SCR is not running");
        }
        Bundle host = context.getBundle();
        ComponentDescriptionDTO d = runtime.getComponentDescriptionDTO(host, COMPONENT);
        if (d == null) {
            throw new IllegalStateException("No DS component " + COMPONENT + " in " + host.getSymbolicName());
        }
        return d;
    }

    /** Disables the component and waits until its service is gone (bounded). */
    void disable() throws Exception {
        scr.getService().disableComponent(description()).getValue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (providers.getService() != null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (providers.getService() != null) {
            throw new IllegalStateException("The MSRP provider is still registered after disabling its component");
        }
    }

    /** Enables the component again if a test disabled it. */
    void enableAgain() throws Exception {
        ServiceComponentRuntime runtime = scr.waitForService(WAIT.toMillis());
        ComponentDescriptionDTO d = description();
        if (!runtime.isComponentEnabled(d)) {
            runtime.enableComponent(d).getValue();
        }
    }

    @Override
    public void close() {
        providers.close();
        scr.close();
        configurations.close();
    }
}
