package org.sipdrop.transport.msrp.tests;

import java.time.Duration;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.TransportProvider;

/** Finds the MSRP provider registered by Felix SCR, and disables or enables its component. */
final class MsrpProviderFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String COMPONENT = "org.sipdrop.transport.msrp.internal.MsrpTransportProvider";

    private final BundleContext context = FrameworkUtil.getBundle(MsrpProviderFixture.class).getBundleContext();
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
    }
}
