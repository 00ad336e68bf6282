package org.sipdrop.ui.internal.send;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.ContactRow;

/**
 * {@value Commands#SEND_FILE}: opens the {@link SendDialog} with the selected workspace files
 * (none when called from the Contacts view) and, checked, the contact of
 * {@value Commands#SEND_FILE_CONTACT} or else the contacts selected in the Contacts view; Send
 * starts a {@link SendJob}. It takes over from the Contacts view's default handler (a file dialog).
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
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        Set<String> preselected = new HashSet<>();
        if (contact != null && !contact.isBlank()) {
            preselected.add(contact);
        } else if (selection instanceof IStructuredSelection) { // Send File… on contacts in the Contacts view
            for (Object o : ((IStructuredSelection) selection).toList()) {
                if (o instanceof ContactRow) {
                    preselected.add(((ContactRow) o).contact().address());
                }
            }
        }
        List<String> schemes = transfers.get().map(s -> s.schemes().stream().sorted().toList()).orElse(List.of());
        SendDialog dialog = new SendDialog(shell, Selections.files(selection),
                Contacts.of(session.get().map(WorkbenchSession::contacts).orElse(List.of())), preselected, schemes);
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
