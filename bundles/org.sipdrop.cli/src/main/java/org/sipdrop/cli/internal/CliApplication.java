package org.sipdrop.cli.internal;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

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
}
