package org.sipdrop.ui.internal.contacts;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/** Adds a contact (or renames one with the same address); the session starts watching it. */
public final class AddContactHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String self;
        try (ServiceAccess<WorkbenchSession> session = new ServiceAccess<>(AddContactHandler.class, WorkbenchSession.class)) {
            self = session.get().map(WorkbenchSession::self).orElse("");
        }
        ContactDialog dialog = new ContactDialog(HandlerUtil.getActiveShellChecked(event), self);
        if (dialog.open() == Window.OK && dialog.contact() != null) {
            try {
                ContactHandlers.store().put(dialog.contact());
            } catch (BackingStoreException e) {
                throw ContactHandlers.saving(e);
            }
        }
        return null;
    }
}
