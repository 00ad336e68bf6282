package org.sipdrop.ui.internal.contacts;

import java.util.Optional;

import org.sipdrop.ui.internal.views.Contact;

/** Turns what a user types into a contact: {@code bob}, {@code bob@example.com} or {@code sip:bob@example.com}. */
public final class ContactInput {

    private ContactInput() {
    }

    /**
     * @param typed the address typed; a bare user name is taken in the domain of {@code self}
     * @param self the signed-in user's address of record, e.g. {@code sip:alice@127.0.0.1}; may be empty
     * @throws IllegalArgumentException with what to type instead
     */
    public static String address(String typed, String self) {
        String a = typed == null ? "" : typed.strip();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("Type the contact's SIP address, e.g. sip:bob@example.com");
        }
        if (a.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>' || c == ';')) {
            throw new IllegalArgumentException("A SIP address has no spaces, <, > or parameters: '" + a + "'");
        }
        if (!a.startsWith("sip:") && !a.startsWith("sips:")) {
            if (a.indexOf('@') < 0) {
                int at = self == null ? -1 : self.indexOf('@');
                if (at < 0) {
                    throw new IllegalArgumentException("Type a full address such as bob@example.com (you are not signed in)");
                }
                a = a + self.substring(at);
            }
            a = "sip:" + a;
        }
        int at = a.indexOf('@');
        if (at <= a.indexOf(':') + 1 || at == a.length() - 1) {
            throw new IllegalArgumentException("A SIP address needs a user and a domain: sip:bob@example.com, not '" + typed + "'");
        }
        return a;
    }

    /** @return the contact for a name (the address's user part when blank) and a typed address */
    public static Contact contact(String name, String typed, String self) {
        String address = address(typed, self);
        String n = Optional.ofNullable(name).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
        if (n.indexOf('<') >= 0 || n.indexOf('>') >= 0 || n.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A name cannot contain <, > or line breaks");
        }
        return new Contact(n, address);
    }
}
