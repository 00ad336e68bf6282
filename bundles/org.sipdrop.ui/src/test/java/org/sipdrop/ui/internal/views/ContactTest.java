package org.sipdrop.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ContactTest {

    @Test
    void readsNameAndAddressFromStoredForm() {
        Contact c = Contact.parse("  Bob Builder <sip:bob@127.0.0.1> ");
        assertEquals("Bob Builder", c.name());
        assertEquals("sip:bob@127.0.0.1", c.address());
        assertEquals("Bob Builder <sip:bob@127.0.0.1>", c.format());
    }

    @Test
    void bareAddressIsItsOwnName() {
        assertEquals("sips:carol@example.org", Contact.parse("sips:carol@example.org").name());
    }

    @Test
    void somethingThatIsNotASipAddressIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Contact.parse("Bob <mailto:bob@x>"));
        assertThrows(IllegalArgumentException.class, () -> Contact.parse("sip:nohost"));
    }
}
