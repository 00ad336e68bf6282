package org.sipdrop.ui.internal.session;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchListener;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.ui.internal.ServiceAccess;

/**
 * Signs in when the workbench starts and keeps the {@link WorkbenchSession} in use until it
 * shuts down, so offers are received while no SipDrop view is open; likewise keeps the
 * {@link StorageConfiguration} (present only where Configuration Admin is installed, hence
 * tracked by name). Only the workbench runs this: a headless application of the same
 * installation never signs in.
 */
public final class SessionStartup implements IStartup {

    @Override
    public void earlyStartup() {
        ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(SessionStartup.class, WorkbenchSession.class);
        session.get(); // getting the service activates the delayed component, which signs in
        ServiceTracker<Object, Object> storage = new ServiceTracker<>(FrameworkUtil.getBundle(SessionStartup.class).getBundleContext(),
                "org.sipdrop.ui.internal.session.StorageConfiguration", null);
        storage.open(); // tracking gets the service, which activates it
        IWorkbench workbench = PlatformUI.getWorkbench();
        workbench.addWorkbenchListener(new IWorkbenchListener() {
            @Override
            public boolean preShutdown(IWorkbench w, boolean forced) {
                return true;
            }

            @Override
            public void postShutdown(IWorkbench w) {
                storage.close();
                session.close();
            }
        });
    }
}
