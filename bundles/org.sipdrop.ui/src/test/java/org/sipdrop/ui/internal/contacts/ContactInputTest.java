package org.sipdrop.ui.internal.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipdrop.ui.internal.views.Contact;

class ContactInputTest {

    private static final String SELF = "sip:alice@127.0.0.1";

    @Test
    void bareNameIsSomeoneOnTheUsersOwnDomain() {
        assertEquals("sip:bob@127.0.0.1", ContactInput.address("bob", SELF));
        assertEquals("sip:bob@example.com", ContactInput.address(" bob@example.com ", SELF));
        assertEquals("sips:bob@example.com", ContactInput.address("sips:bob@example.com", SELF));
    }

    @Test
    void bareNameNeedsADomainWhenNotSignedIn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContactInput.address("bob", ""));
        assertTrue(e.getMessage().contains("bob@example.com"), e.getMessage());
    }

    @Test
    void refusesWhatIsNotAnAddressSayingWhatToType() {
        assertThrows(IllegalArgumentException.class, () -> ContactInput.address("", SELF));
        assertThrows(IllegalArgumentException.class, () -> ContactInput.address("bob smith", SELF));
        assertThrows(IllegalArgumentException.class, () -> ContactInput.address("sip:@example.com", SELF));
        assertThrows(IllegalArgumentException.class, () -> ContactInput.address("sip:bob@x;transport=tcp", SELF));
    }

    @Test
    void blankNameIsTheUserPart() {
        Contact c = ContactInput.contact(" ", "bob@example.com", SELF);
        assertEquals("bob", c.name());
        assertEquals("Bob <sip:bob@example.com>", ContactInput.contact("Bob", "bob@example.com", SELF).format());
        assertThrows(IllegalArgumentException.class, () -> ContactInput.contact("<Bob>", "bob@example.com", SELF));
    }
}
