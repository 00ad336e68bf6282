package org.sipdrop.ui.internal.send;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * {@value Commands#SEND_TO}: the two-click path of the "Send To ▸" submenu — the selected
 * workspace files go at once to the contact in {@value Commands#SEND_TO_CONTACT}, the transport
 * chosen automatically, through the same {@link SendJob} as the Send dialog. Returns the job,
 * already scheduled.
 */
public final class SendToHandler extends AbstractHandler {

    private final ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(SendToHandler.class, WorkbenchSession.class);

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String contact = event.getParameter(Commands.SEND_TO_CONTACT);
        if (contact == null) {
            throw new ExecutionException("Send To needs the contact parameter " + Commands.SEND_TO_CONTACT);
        }
        List<Path> files = Selections.files(HandlerUtil.getCurrentSelection(event));
        if (files.isEmpty()) {
            throw new ExecutionException("Select the files to send in the Project Explorer first");
        }
        SendRequest request;
        try {
            request = new SendRequest(files, List.of(contact), SendOptions.AUTO);
        } catch (IllegalArgumentException e) {
            throw new ExecutionException(e.getMessage(), e);
        }
        return SendJob.start(session.get(), request, HandlerUtil.getActiveShell(event)).orElse(null);
    }

    @Override
    public void dispose() {
        session.close();
        super.dispose();
    }
}
