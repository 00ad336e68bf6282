package org.sipdrop.ui.internal.send;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * {@value Commands#SEND_FILE}: opens the {@link SendDialog} with the selected workspace files
 * (none when called from the Contacts view) and, when the command carries
 * {@value Commands#SEND_FILE_CONTACT}, that contact checked; Send starts a {@link SendJob}.
 */
public final class SendFileHandler extends AbstractHandler {

    private final ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(SendFileHandler.class, WorkbenchSession.class);
    private final ServiceAccess<TransferService> transfers = new ServiceAccess<>(SendFileHandler.class, TransferService.class);

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        Optional<FileTransferAgent> agent = SessionCheck.agent(session.get(), shell);
        if (agent.isEmpty()) {
            return null;
        }
        String contact = event.getParameter(Commands.SEND_FILE_CONTACT);
        List<String> schemes = transfers.get().map(s -> s.schemes().stream().sorted().toList()).orElse(List.of());
        SendDialog dialog = new SendDialog(shell, Selections.files(HandlerUtil.getCurrentSelection(event)),
                Contacts.of(session.get().map(WorkbenchSession::contacts).orElse(List.of())),
                contact == null ? Set.of() : Set.of(contact), schemes);
        if (dialog.open() == Window.OK) {
            new SendJob(agent.get(), dialog.request()).schedule();
        }
        return null;
    }

    @Override
    public void dispose() {
        session.close();
        transfers.close();
        super.dispose();
    }
}
