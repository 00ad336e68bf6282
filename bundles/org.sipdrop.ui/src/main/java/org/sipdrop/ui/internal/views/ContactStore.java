package org.sipdrop.ui.internal.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.osgi.service.prefs.BackingStoreException;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;

/**
 * The user's contacts in the preferences (key {@value PreferenceKeys#CONTACTS}, one
 * {@code Name <sip:aor>} per line). Lines that are not contacts are kept out of the list but
 * never lost by a read.
 */
public final class ContactStore {

    private final IEclipsePreferences node;

    public ContactStore(IEclipsePreferences node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** @return the stored contacts, in their order; lines that are not SIP addresses are skipped */
    public List<Contact> load() {
        List<Contact> contacts = new ArrayList<>();
        for (String line : node.get(PreferenceKeys.CONTACTS, "").split("\n")) {
            if (!line.isBlank()) {
                try {
                    contacts.add(Contact.parse(line));
                } catch (IllegalArgumentException e) {
                    // a hand-edited line that is not a contact: not shown
                }
            }
        }
        return contacts;
    }

    /**
     * Adds a contact, or renames it when its address is already there.
     *
     * @throws BackingStoreException when the preferences cannot be saved
     */
    public void put(Contact contact) throws BackingStoreException {
        List<Contact> all = load();
        boolean replaced = false;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).address().equalsIgnoreCase(contact.address())) {
                all.set(i, contact);
                replaced = true;
            }
        }
        if (!replaced) {
            all.add(contact);
        }
        save(all);
    }

    /** Removes the contact with {@code address}; nothing happens when there is none. */
    public void remove(String address) throws BackingStoreException {
        List<Contact> all = load();
        if (all.removeIf(c -> c.address().equalsIgnoreCase(address))) {
            save(all);
        }
    }

    /** Replaces the stored contacts with {@code contacts} and saves the preferences. */
    public void save(List<Contact> contacts) throws BackingStoreException {
        StringBuilder text = new StringBuilder();
        for (Contact c : contacts) {
            text.append(c.format()).append('\n');
        }
        node.put(PreferenceKeys.CONTACTS, text.toString());
        node.flush();
    }
}
