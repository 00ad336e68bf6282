package org.sipdrop.ui.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The workbench's one way to reach an OSGi service from what the workbench, not DS, creates
 * (views, handlers, dialogs, the startup): open while its owner lives, closed with it. Holding
 * one keeps a delayed component in use. DS components take their services by constructor
 * injection instead.
 */
public final class ServiceAccess<S> implements AutoCloseable {

    private static final Consumer<Object> NOTHING = s -> { };

    private final ServiceTracker<S, S> tracker;

    public ServiceAccess(Class<?> owner, Class<S> type) {
        this(owner, type.getName(), NOTHING, NOTHING);
    }

    /**
     * @param added told when the service comes (also at once when it is already there), on
     *        whatever thread registered it: use {@code Display.asyncExec} to touch widgets
     * @param removed told when it goes
     */
    public ServiceAccess(Class<?> owner, Class<S> type, Consumer<? super S> added, Consumer<? super S> removed) {
        this(owner, type.getName(), added, removed);
    }

    /**
     * @return access to the service registered under {@code className}, for a service whose
     *         class may not load here (it needs an optional import, e.g. Configuration Admin)
     */
    public static ServiceAccess<Object> byName(Class<?> owner, String className) {
        return new ServiceAccess<>(owner, className, NOTHING, NOTHING);
    }

    private ServiceAccess(Class<?> owner, String className, Consumer<? super S> added, Consumer<? super S> removed) {
        Objects.requireNonNull(added, "added");
        Objects.requireNonNull(removed, "removed");
        BundleContext context = FrameworkUtil.getBundle(owner).getBundleContext();
        this.tracker = new ServiceTracker<>(context, className, null) {
            @Override
            public S addingService(ServiceReference<S> reference) {
                S service = super.addingService(reference);
                if (service != null) {
                    added.accept(service);
                }
                return service;
            }

            @Override
            public void removedService(ServiceReference<S> reference, S service) {
                removed.accept(service);
                super.removedService(reference, service);
            }
        };
        this.tracker.open();
    }

    /** @return the service if it is registered right now */
    public Optional<S> get() {
        return Optional.ofNullable(tracker.getService());
    }

    /** @return the service, waiting up to {@code wait} for it to come */
    public Optional<S> await(Duration wait) throws InterruptedException {
        return Optional.ofNullable(tracker.waitForService(wait.toMillis()));
    }

    @Override
    public void close() {
        tracker.close();
    }
}
