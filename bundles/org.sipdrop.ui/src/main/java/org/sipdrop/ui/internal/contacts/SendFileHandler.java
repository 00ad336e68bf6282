package org.sipdrop.ui.internal.contacts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.sipdrop.ui.internal.session.SessionTracker;
import org.sipdrop.ui.internal.views.ContactRow;

/**
 * The default handler of {@value ContactCommands#SEND_FILE}: picks files with the platform's
 * file dialog and offers them to the contact of the parameter, or to each selected contact.
 * A handler contributed for the same command (the Send dialog) takes precedence.
 */
public final class SendFileHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        List<String> to = new ArrayList<>();
        String param = event.getParameter(ContactCommands.SEND_FILE_CONTACT);
        if (param != null && !param.isBlank()) {
            to.add(param);
        } else {
            ContactHandlers.selected(event).stream().map(ContactRow::contact).forEach(c -> to.add(c.address()));
        }
        if (to.isEmpty()) {
            throw new ExecutionException("Select a contact to send files to");
        }
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShellChecked(event), SWT.OPEN | SWT.MULTI);
        dialog.setText("Send Files to " + String.join(", ", to));
        if (dialog.open() == null) {
            return null;
        }
        List<Path> files = new ArrayList<>();
        for (String name : dialog.getFileNames()) {
            files.add(Path.of(dialog.getFilterPath(), name));
        }
        try (SessionTracker session = new SessionTracker(SendFileHandler.class, () -> { })) {
            for (String contact : to) {
                ContactSender.send(session.get(), contact, files);
            }
        }
        return null;
    }
}
