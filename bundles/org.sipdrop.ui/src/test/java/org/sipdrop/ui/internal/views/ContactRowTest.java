package org.sipdrop.ui.internal.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Test
    void theTransportsAreInTheTooltipNotOnTheLine() {
        Contact dora = new Contact("Dora", "sip:dora@example.com");
        Map<String, Presence> seen = Map.of("sip:dora@example.com", Presence.builder("sip:dora@example.com",
                PresenceStatus.AVAILABLE).note("reviewing").transferSchemes(List.of("msrp", "http")).build());
        ContactRow row = ContactRow.of(List.of(dora), seen).get(0);

        assertEquals(List.of("msrp", "http"), row.schemes());
        assertEquals("Dora <sip:dora@example.com>\nAvailable: reviewing\nReceives files over: msrp, http\n"
                + "Files go to this contact over: msrp", row.toolTip(Set.of("msrp", "mqtt")));
        assertEquals("Dora <sip:dora@example.com>\nAvailable: reviewing\nReceives files over: msrp, http\n"
                + "No transport in common with you: install one of these to send", row.toolTip(Set.of("mqtt")));
    }

    @Test
    void withoutPresenceTheTooltipSaysTheTransportsAreNotKnownYet() {
        ContactRow row = ContactRow.of(List.of(new Contact("Bob", "sip:bob@example.com")), Map.of()).get(0);
        assertEquals("Bob <sip:bob@example.com>\nOffline\nReceives files over: not known until the contact's presence tells",
                row.toolTip(Set.of("msrp")));
    }
}
