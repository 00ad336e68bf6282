package org.sipdrop.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;

class ContactRowTest {

    @Test
    void contactWithoutPresenceIsOfflineAndOthersShowTheirStatusAndNote() {
        Contact bob = new Contact("Bob", "sip:bob@example.com");
        Contact carol = new Contact("Carol", "sip:carol@example.com");
        Map<String, Presence> seen = Map.of("sip:carol@example.com",
                Presence.builder("sip:carol@example.com", PresenceStatus.BUSY).note("in a call").build());

        List<ContactRow> rows = ContactRow.of(List.of(bob, carol), seen);

        assertEquals(2, rows.size());
        assertEquals(PresenceStatus.OFFLINE, rows.get(0).status());
        assertEquals("Offline", rows.get(0).statusText());
        assertEquals("", rows.get(0).note());
        assertEquals("Busy", rows.get(1).statusText());
        assertEquals("in a call", rows.get(1).note());
    }
}
