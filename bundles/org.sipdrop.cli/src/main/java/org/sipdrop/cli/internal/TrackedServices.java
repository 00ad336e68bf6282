package org.sipdrop.cli.internal;

import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Services from the OSGi registry, waited for with a bound. */
public final class TrackedServices implements Services {
    private final BundleContext context;

    public TrackedServices(BundleContext context) {
        this.context = context;
    }

    @Override
    public <S> Optional<S> await(Class<S> type, Duration timeout) {
        return await(new ServiceTracker<>(context, type, null), timeout);
    }

    @Override
    public <S> Optional<S> await(Class<S> type, String filter, Duration timeout) {
        try {
            Filter f = context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + filter + ")");
            return await(new ServiceTracker<S, S>(context, f, null), timeout);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not an OSGi filter: " + filter, e);
        }
    }

    @Override
    public boolean registered(Class<?> type, String filter) {
        try {
            return context.getServiceReferences(type.getName(), filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not an OSGi filter: " + filter, e);
        } catch (IllegalStateException e) {
            return false; // the framework is stopping
        }
    }

    private static <S> Optional<S> await(ServiceTracker<S, S> tracker, Duration timeout) {
        // the tracker stays open: the service must stay usable while the command runs
        tracker.open();
        try {
            return Optional.ofNullable(tracker.waitForService(timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
