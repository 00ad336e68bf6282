package org.sipdrop.ui.internal;

import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A view's handle on one OSGi service: open while the view lives, closed with it. Views get
 * services this way because the workbench, not DS, creates them.
 */
public final class ServiceAccess<S> implements AutoCloseable {

    private final ServiceTracker<S, S> tracker;

    public ServiceAccess(Class<?> owner, Class<S> type) {
        BundleContext context = FrameworkUtil.getBundle(owner).getBundleContext();
        this.tracker = new ServiceTracker<>(context, type, null);
        this.tracker.open();
    }

    /** @return the service if it is registered right now */
    public Optional<S> get() {
        return Optional.ofNullable(tracker.getService());
    }

    @Override
    public void close() {
        tracker.close();
    }
}
