package org.sipdrop.ui.internal.contacts;

import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactRow;

/** Renames the selected contact; its address stays. */
public final class RenameContactHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        List<ContactRow> rows = ContactHandlers.selected(event);
        if (rows.size() != 1) {
            return null;
        }
        Contact c = rows.get(0).contact();
        InputDialog ask = new InputDialog(HandlerUtil.getActiveShellChecked(event), "Rename Contact",
                "Name for " + c.address() + ":", c.name(), text -> text.isBlank() ? "Type a name"
                        : text.matches(".*[<>\\n].*") ? "A name cannot contain <, > or line breaks" : null);
        if (ask.open() == Window.OK) {
            try {
                ContactHandlers.store().put(new Contact(ask.getValue().strip(), c.address()));
            } catch (BackingStoreException e) {
                throw ContactHandlers.saving(e);
            }
        }
        return null;
    }
}
