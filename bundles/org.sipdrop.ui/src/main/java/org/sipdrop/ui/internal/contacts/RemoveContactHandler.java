package org.sipdrop.ui.internal.contacts;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.ui.internal.views.ContactRow;

/** Removes the selected contacts after asking; the session stops watching them. */
public final class RemoveContactHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        List<ContactRow> rows = ContactHandlers.selected(event);
        if (rows.isEmpty()) {
            return null;
        }
        String names = rows.stream().map(r -> r.contact().name()).collect(Collectors.joining(", "));
        if (!MessageDialog.openConfirm(HandlerUtil.getActiveShellChecked(event), "Remove Contacts",
                "Remove " + names + " from your contacts?")) {
            return null;
        }
        try {
            for (ContactRow r : rows) {
                ContactHandlers.store().remove(r.contact().address());
            }
        } catch (BackingStoreException e) {
            throw ContactHandlers.saving(e);
        }
        return null;
    }
}
