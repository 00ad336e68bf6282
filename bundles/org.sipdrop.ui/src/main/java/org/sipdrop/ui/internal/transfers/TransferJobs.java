package org.sipdrop.ui.internal.transfers;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * Starts a {@link TransferJob} for every new transfer of the workbench user (not for other
 * agents in the same process), so each running transfer shows in the Progress view.
 */
@Component(service = TransferJobs.class)
public final class TransferJobs {

    private final WorkbenchSession session;
    private final TransferService service;
    private final TransferServiceListener listener = new TransferServiceListener() {
        @Override
        public void transferAdded(Transfer transfer) {
            if (session.owns(transfer) && !transfer.state().isTerminal()) {
                new TransferJob(transfer).schedule();
            }
        }
    };

    @Activate
    public TransferJobs(@Reference WorkbenchSession session, @Reference TransferService service) {
        this.session = session;
        this.service = service;
        service.addListener(listener);
    }

    @Deactivate
    void deactivate() {
        service.removeListener(listener);
    }
}
