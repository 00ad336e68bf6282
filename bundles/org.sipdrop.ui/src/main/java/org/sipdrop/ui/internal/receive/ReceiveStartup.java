package org.sipdrop.ui.internal.receive;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchListener;
import org.eclipse.ui.PlatformUI;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.transfers.TransferJobs;

/**
 * Starts the workbench's receiving side ({@link WorkbenchReceiver}: notification, files into
 * the workspace) and the Progress-view jobs ({@link TransferJobs}) when the workbench starts,
 * and keeps them until it shuts down. Both are delayed components: only the workbench uses
 * them, so a headless application of the same installation never signs in through them.
 */
public final class ReceiveStartup implements IStartup {

    @Override
    public void earlyStartup() {
        ServiceAccess<Landings> receiver = new ServiceAccess<>(ReceiveStartup.class, Landings.class);
        ServiceAccess<TransferJobs> jobs = new ServiceAccess<>(ReceiveStartup.class, TransferJobs.class);
        receiver.get(); // getting a delayed component's service activates it
        jobs.get();
        IWorkbench workbench = PlatformUI.getWorkbench();
        workbench.addWorkbenchListener(new IWorkbenchListener() {
            @Override
            public boolean preShutdown(IWorkbench w, boolean forced) {
                return true;
            }

            @Override
            public void postShutdown(IWorkbench w) {
                receiver.close();
                jobs.close();
            }
        });
    }
}
