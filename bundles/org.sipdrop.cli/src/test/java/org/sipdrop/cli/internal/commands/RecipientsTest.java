package org.sipdrop.cli.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the status lines print for a peer: the whole address, so bob@evil.example is not "bob". */
class RecipientsTest {

    @Test
    void aPeerIsShownWithItsHost() {
        assertEquals("bob@127.0.0.1", Recipients.address("sip:bob@127.0.0.1:5060;transport=tcp"));
        assertEquals("alice@evil.example", Recipients.address("sips:alice@evil.example"));
        assertEquals("alice@evil.example", Recipients.address("\"Alice\" <sip:alice@evil.example;x=1>;tag=9"));
        assertEquals("carol@[::1]", Recipients.address("sip:carol@[::1]:5070"));
        assertEquals("dave@example.org", Recipients.address("SIP:dave@example.org?subject=x"));
    }

    @Test
    void controlCharactersFromTheNetworkAreNotPrinted() {
        assertEquals("eve?@example.org", Recipients.address("sip:eve\u001b@example.org"));
    }
}
