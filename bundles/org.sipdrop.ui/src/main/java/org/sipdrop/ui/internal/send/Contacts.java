package org.sipdrop.ui.internal.send;

import java.util.ArrayList;
import java.util.List;

import org.sipdrop.ui.internal.views.Contact;

/** The session's stored contacts as {@link Contact}s; lines that are not SIP addresses are left out. */
final class Contacts {

    private Contacts() {
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
