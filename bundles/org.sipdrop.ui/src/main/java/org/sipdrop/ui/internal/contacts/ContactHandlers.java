package org.sipdrop.ui.internal.contacts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.views.ContactRow;
import org.sipdrop.ui.internal.views.ContactStore;

/** What the contact handlers share: the store and the selected contacts. */
final class ContactHandlers {

    private ContactHandlers() {
    }

    static ContactStore store() {
        IEclipsePreferences node = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
        return new ContactStore(node);
    }

    /** @return the Contacts-view rows in the event's current selection */
    static List<ContactRow> selected(ExecutionEvent event) {
        ISelection selection = HandlerUtil.getCurrentSelection(event);
        List<ContactRow> rows = new ArrayList<>();
        if (selection instanceof IStructuredSelection) {
            for (Object o : ((IStructuredSelection) selection).toList()) {
                if (o instanceof ContactRow) {
                    rows.add((ContactRow) o);
                }
            }
        }
        return rows;
    }

    static ExecutionException saving(BackingStoreException e) {
        return new ExecutionException("Cannot save the contacts in the preferences: " + e.getMessage(), e);
    }
}
