package org.sipdrop.ui.internal;

import java.util.List;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchListener;
import org.eclipse.ui.PlatformUI;
import org.sipdrop.ui.internal.receive.Landings;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.transfers.TransferHistory;
import org.sipdrop.ui.internal.transfers.TransferJobs;

/**
 * The workbench's one startup: holds, from start to shutdown, the delayed components only the
 * workbench uses, so a headless application of the same installation never signs in through
 * them: the {@link WorkbenchSession} (signs in, so offers are received while no SipDrop view is
 * open), the transports' configuration from the preferences (present only where Configuration Admin is installed, hence
 * reached by name), the receiving side ({@link Landings}), the Progress-view jobs
 * ({@link TransferJobs}) and the history of finished transfers ({@link TransferHistory}).
 */
public final class WorkbenchStartup implements IStartup {

    @Override
    public void earlyStartup() {
        List<ServiceAccess<?>> held = List.of(
                new ServiceAccess<>(WorkbenchStartup.class, WorkbenchSession.class),
                ServiceAccess.byName(WorkbenchStartup.class, "org.sipdrop.ui.internal.prefs.TransportPreferences"),
                new ServiceAccess<>(WorkbenchStartup.class, Landings.class),
                new ServiceAccess<>(WorkbenchStartup.class, TransferJobs.class),
                new ServiceAccess<>(WorkbenchStartup.class, TransferHistory.class));
        held.forEach(ServiceAccess::get); // getting a delayed component's service activates it
        PlatformUI.getWorkbench().addWorkbenchListener(new IWorkbenchListener() {
            @Override
            public boolean preShutdown(IWorkbench w, boolean forced) {
                return true;
            }

            @Override
            public void postShutdown(IWorkbench w) {
                held.forEach(ServiceAccess::close);
            }
        });
    }
}
