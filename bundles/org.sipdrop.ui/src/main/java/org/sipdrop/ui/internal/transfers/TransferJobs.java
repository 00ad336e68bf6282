package org.sipdrop.ui.internal.transfers;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.negotiation.FileTransferAgent;
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
            if (ours(transfer) && !transfer.state().isTerminal()) {
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

    private boolean ours(Transfer transfer) {
        Optional<FileTransferAgent> agent = session.agent();
        return agent.isPresent() && agent.get().transfers().contains(transfer);
    }

    @Deactivate
    void deactivate() {
        service.removeListener(listener);
    }
}
