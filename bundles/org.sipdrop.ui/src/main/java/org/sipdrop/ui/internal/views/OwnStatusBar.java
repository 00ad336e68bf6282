package org.sipdrop.ui.internal.views;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.FocusAdapter;
import org.eclipse.swt.events.FocusEvent;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * The top of the Contacts view: the user's own status and note (stored in the preferences,
 * which the session publishes, RFC 3903). How the session stands is the view's first line
 * ({@link #describe}).
 */
final class OwnStatusBar {

    private static final PresenceStatus[] CHOICES = PresenceStatus.values();

    private final IEclipsePreferences prefs;
    private final Combo status;
    private final Text note;

    OwnStatusBar(Composite parent, IEclipsePreferences prefs) {
        this.prefs = prefs;
        Composite bar = new Composite(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(bar);
        status = new Combo(bar, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (PresenceStatus s : CHOICES) {
            status.add(ContactRow.label(s));
        }
        status.setToolTipText("Your status, as your contacts see it");
        note = new Text(bar, SWT.SINGLE | SWT.BORDER);
        note.setMessage("Note for your contacts (Enter to publish)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(note);
        showStored();
        status.addListener(SWT.Selection, e -> store(PreferenceKeys.OWN_STATUS, CHOICES[status.getSelectionIndex()].name()));
        note.addListener(SWT.DefaultSelection, e -> store(PreferenceKeys.OWN_NOTE, note.getText().strip()));
        note.addFocusListener(new FocusAdapter() {
            @Override
            public void focusLost(FocusEvent e) {
                store(PreferenceKeys.OWN_NOTE, note.getText().strip());
            }
        });
    }

    private void showStored() {
        String stored = prefs.get(PreferenceKeys.OWN_STATUS, PresenceStatus.AVAILABLE.name());
        int index = 0;
        for (int i = 0; i < CHOICES.length; i++) {
            if (CHOICES[i].name().equalsIgnoreCase(stored)) {
                index = i;
            }
        }
        status.select(index);
        note.setText(prefs.get(PreferenceKeys.OWN_NOTE, ""));
    }

    private void store(String key, String value) {
        if (value.equals(prefs.get(key, ""))) {
            return;
        }
        prefs.put(key, value);
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            ILog.of(OwnStatusBar.class).error("SipDrop: cannot save your status: " + e.getMessage(), e);
        }
    }

    /** @return who is signed in, or why not */
    static String describe(WorkbenchSession s) {
        switch (s.state()) {
        case SIGNED_IN:
            return "Signed in as " + s.self();
        case SIGNING_IN:
            return "Signing in as " + s.self() + "…";
        case FAILED:
            return "Not signed in: " + s.failure().orElse("unknown reason");
        default:
            return "Signed out";
        }
    }

    Combo statusCombo() {
        return status;
    }

    Text noteText() {
        return note;
    }
}
