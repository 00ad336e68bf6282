package org.sipdrop.ui.tests;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** OSGi services for a test, each waited for a bounded time. */
final class TestServices {

    static final Duration WAIT = Duration.ofSeconds(30);

    private TestServices() {
    }

    /** @return the service, waiting up to {@link #WAIT}; fails the test when it does not come */
    static <S> S await(Class<S> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(TestServices.class).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(WAIT.toMillis());
        if (service == null) {
            tracker.close();
            throw new AssertionError("The " + type.getSimpleName() + " service did not start within " + WAIT.toSeconds() + " s");
        }
        // left open on purpose: closing would release the service (and deactivate a delayed component)
        return service;
    }
}
