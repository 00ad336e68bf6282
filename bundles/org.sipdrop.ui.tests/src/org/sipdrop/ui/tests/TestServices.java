package org.sipdrop.ui.tests;

import java.time.Duration;

import org.sipdrop.ui.internal.ServiceAccess;

/** OSGi services for a test, each waited for a bounded time, reached as the workbench does ({@link ServiceAccess}). */
final class TestServices {

    static final Duration WAIT = Duration.ofSeconds(30);

    private TestServices() {
    }

    /** @return the service, waiting up to {@link #WAIT}; fails the test when it does not come */
    static <S> S await(Class<S> type) throws InterruptedException {
        ServiceAccess<S> access = new ServiceAccess<>(TestServices.class, type);
        // left open on purpose: closing would release the service (and deactivate a delayed component)
        return access.await(WAIT).orElseThrow(() -> {
            access.close();
            return new AssertionError("The " + type.getSimpleName() + " service did not start within " + WAIT.toSeconds() + " s");
        });
    }
}
