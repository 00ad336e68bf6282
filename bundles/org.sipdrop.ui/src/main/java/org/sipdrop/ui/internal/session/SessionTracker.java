package org.sipdrop.ui.internal.session;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A part's handle on the {@link WorkbenchSession}: tells {@code changed} whenever the session
 * service comes or goes and at every state change, on whatever thread that happened (use
 * {@code Display.asyncExec} to touch widgets). Holding it keeps the session in use.
 */
public final class SessionTracker implements AutoCloseable {

    private final ServiceTracker<WorkbenchSession, WorkbenchSession> tracker;
    private final Runnable changed;
    private final Consumer<WorkbenchSession.State> stateListener;

    public SessionTracker(Class<?> owner, Runnable changed) {
        this.changed = Objects.requireNonNull(changed, "changed");
        this.stateListener = state -> changed.run();
        BundleContext context = FrameworkUtil.getBundle(owner).getBundleContext();
        this.tracker = new ServiceTracker<>(context, WorkbenchSession.class, null) {
            @Override
            public WorkbenchSession addingService(ServiceReference<WorkbenchSession> reference) {
                WorkbenchSession session = super.addingService(reference);
                if (session != null) {
                    session.addStateListener(stateListener);
                    changed.run();
                }
                return session;
            }

            @Override
            public void removedService(ServiceReference<WorkbenchSession> reference, WorkbenchSession session) {
                session.removeStateListener(stateListener);
                super.removedService(reference, session);
                changed.run();
            }
        };
        this.tracker.open();
    }

    /** @return the session if its service is registered right now */
    public Optional<WorkbenchSession> get() {
        return Optional.ofNullable(tracker.getService());
    }

    @Override
    public void close() {
        tracker.close();
    }
}
