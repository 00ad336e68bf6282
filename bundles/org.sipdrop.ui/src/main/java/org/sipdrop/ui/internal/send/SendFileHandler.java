package org.sipdrop.ui.internal.send;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.ContactRow;

/**
 * The handler of {@value Commands#SEND_FILE}, from the Project Explorer ("Send to Contact…")
 * and the Contacts view ("Send File…", double-click): opens the {@link SendDialog} with the
 * selected workspace files (none from the Contacts view) and, checked, the contact of
 * {@value Commands#SEND_FILE_CONTACT} or else the contacts selected in the Contacts view; Send
 * starts the {@link SendJob}.
 */
public final class SendFileHandler extends AbstractHandler {

    private final ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(SendFileHandler.class, WorkbenchSession.class);
    private final ServiceAccess<TransferService> transfers = new ServiceAccess<>(SendFileHandler.class, TransferService.class);

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        if (SessionCheck.agent(session.get(), shell).isEmpty()) {
            return null;
        }
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        SendDialog dialog = new SendDialog(shell, Selections.files(selection),
                Contacts.of(session.get().map(WorkbenchSession::contacts).orElse(List.of())),
                preselected(event.getParameter(Commands.SEND_FILE_CONTACT), selection),
                transfers.get().map(s -> s.schemes().stream().sorted().toList()).orElse(List.of()));
        if (dialog.open() == Window.OK) {
            return SendJob.start(session.get(), dialog.request(), shell).orElse(null);
        }
        return null;
    }

    /** @return the contact of the parameter, or else the contacts selected in the Contacts view */
    private static Set<String> preselected(String contact, ISelection selection) {
        Set<String> addresses = new HashSet<>();
        if (contact != null && !contact.isBlank()) {
            addresses.add(contact);
        } else if (selection instanceof IStructuredSelection) {
            for (Object o : ((IStructuredSelection) selection).toList()) {
                if (o instanceof ContactRow) {
                    addresses.add(((ContactRow) o).contact().address());
                }
            }
        }
        return addresses;
    }

    @Override
    public void dispose() {
        session.close();
        transfers.close();
        super.dispose();
    }
}
