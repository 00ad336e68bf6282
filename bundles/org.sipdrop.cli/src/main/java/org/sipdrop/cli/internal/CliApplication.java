package org.sipdrop.cli.internal;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Equinox application {@code org.sipdrop.cli.app}: runs one {@code ./sipdrop} subcommand
 * headless and returns its exit code to the launcher.
 */
public final class CliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        context.applicationRunning();
        quietLogging();
        Bundle bundle = FrameworkUtil.getBundle(CliApplication.class);
        Services services = new TrackedServices(bundle.getBundleContext());
        String version = bundle.getVersion().toString();
        int code = new Cli(Cli.standard(version), new Console(System.out, System.err), services).run(args);
        System.out.flush();
        return Integer.valueOf(code);
    }

    /**
     * Commands report failures as one line on stderr; library warnings (java.util.logging, the
     * default backend of System.Logger) would only add noise, unless SIPDROP_DEBUG is set.
     */
    private static void quietLogging() {
        if (System.getenv("SIPDROP_DEBUG") == null) {
            java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
            root.setLevel(java.util.logging.Level.SEVERE);
            for (java.util.logging.Handler h : root.getHandlers()) {
                h.setLevel(java.util.logging.Level.SEVERE);
            }
        }
    }

    @Override
    public void stop() {
        // commands end by themselves; long-running ones (serve) watch for shutdown themselves
    }

    /** Services from the OSGi registry, waited for with a bound. */
    private static final class TrackedServices implements Services {
        private final BundleContext context;

        TrackedServices(BundleContext context) {
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
}
