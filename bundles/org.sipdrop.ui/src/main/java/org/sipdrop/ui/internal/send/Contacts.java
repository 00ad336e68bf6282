package org.sipdrop.ui.internal.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;

/** The session's contacts with the names the user gave them; entries that are not SIP addresses are left out. */
final class Contacts {

    private Contacts() {
    }

    /** @param addresses the session's contacts (addresses of record, or stored {@code Name <sip:aor>} lines) */
    static List<Contact> of(List<String> addresses) {
        Map<String, Contact> named = new ContactStore(InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE)).load().stream()
                .collect(Collectors.toMap(Contact::address, Function.identity(), (a, b) -> a));
        List<Contact> contacts = new ArrayList<>();
        for (Contact c : parse(addresses)) {
            contacts.add(named.getOrDefault(c.address(), c));
        }
        return contacts;
    }

    static List<Contact> parse(List<String> stored) {
        List<Contact> contacts = new ArrayList<>();
        for (String line : stored) {
            if (line != null && !line.isBlank()) {
                try {
                    contacts.add(Contact.parse(line));
                } catch (IllegalArgumentException e) {
                    // a hand-edited line that is not a contact: nothing to send to
                }
            }
        }
        return contacts;
    }
}
