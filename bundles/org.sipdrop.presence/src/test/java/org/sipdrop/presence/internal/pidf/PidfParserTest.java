package org.sipdrop.presence.internal.pidf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipdrop.presence.internal.pidf.PidfSamples.utf8;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;

class PidfParserTest {

    private final PidfParser parser = new PidfParser();

    @Test
    void readsBaresipBusyAsBusy() throws Exception {
        Presence p = parser.parse(utf8(PidfSamples.baresip("open", "<rpid:busy/>")));
        assertEquals("sip:alice@example.com", p.entity());
        assertEquals(PresenceStatus.BUSY, p.status());
        assertEquals(Optional.empty(), p.note());
    }

    @Test
    void readsBaresipOpenWithEmptyActivitiesAsAvailable() throws Exception {
        assertEquals(PresenceStatus.AVAILABLE, parser.parse(utf8(PidfSamples.baresip("open", ""))).status());
    }

    @Test
    void readsBaresipAwayAsAway() throws Exception {
        assertEquals(PresenceStatus.AWAY, parser.parse(utf8(PidfSamples.baresip("open", "<rpid:away/>"))).status());
    }

    @Test
    void closedBasicIsOfflineWhateverTheActivity() throws Exception {
        assertEquals(PresenceStatus.OFFLINE, parser.parse(utf8(PidfSamples.baresip("closed", "<rpid:busy/>"))).status());
    }

    @Test
    void readsLinphoneOnThePhoneAsBusyWithFrenchNoteAndTimestamp() throws Exception {
        Presence p = parser.parse(utf8(PidfSamples.LINPHONE_ON_THE_PHONE));
        assertEquals("sip:bob@sip.example.org", p.entity());
        assertEquals(PresenceStatus.BUSY, p.status());
        assertEquals(Optional.of("En réunion jusqu'à 11h"), p.note());
        assertEquals(Optional.of("fr"), p.noteLanguage());
        assertEquals(Optional.of(Instant.parse("2024-03-12T09:41:07Z")), p.timestamp());
        assertEquals(List.of(), p.transferSchemes());
    }

    @Test
    void readsRfc3863SimpleExampleAsAvailable() throws Exception {
        Presence p = parser.parse(utf8(PidfSamples.RFC3863_SIMPLE));
        assertEquals("pres:someone@example.com", p.entity());
        assertEquals(PresenceStatus.AVAILABLE, p.status());
    }

    @Test
    void openTupleBeatsClosedTupleAndPresenceNoteWins() throws Exception {
        Presence p = parser.parse(utf8(PidfSamples.RFC3863_EXTENDED));
        assertEquals(PresenceStatus.AVAILABLE, p.status());
        assertEquals(Optional.of("I'll be in Tokyo next week"), p.note());
        assertEquals(Optional.of("en"), p.noteLanguage());
        assertEquals(Optional.of(Instant.parse("2001-10-27T16:49:29Z")), p.timestamp());
    }

    @Test
    void readsRfc4480RichExampleAsAwayWithPersonNoteAndLatestTimestamp() throws Exception {
        Presence p = parser.parse(utf8(PidfSamples.RFC4480_RICH));
        assertEquals(PresenceStatus.AWAY, p.status());
        assertEquals(Optional.of("Scoring 120"), p.note());
        assertEquals(Optional.of(Instant.parse("2005-05-30T22:00:29Z")), p.timestamp());
    }

    @Test
    void mapsEachRpidActivityToTheStatusRfc4480Implies() throws Exception {
        for (String busy : List.of("busy", "on-the-phone", "meeting", "appointment", "presentation")) {
            assertEquals(PresenceStatus.BUSY, parser.parse(utf8(PidfSamples.withActivity(busy))).status(), busy);
        }
        for (String away : List.of("away", "meal", "vacation", "sleeping", "in-transit")) {
            assertEquals(PresenceStatus.AWAY, parser.parse(utf8(PidfSamples.withActivity(away))).status(), away);
        }
        for (String neutral : List.of("unknown", "working", "other", "some-future-activity")) {
            assertEquals(PresenceStatus.AVAILABLE, parser.parse(utf8(PidfSamples.withActivity(neutral))).status(),
                    neutral);
        }
    }

    @Test
    void busyBeatsAwayWhenBothAreGiven() throws Exception {
        assertEquals(PresenceStatus.BUSY,
                parser.parse(utf8(PidfSamples.baresip("open", "<rpid:away/><rpid:meeting/>"))).status());
    }

    @Test
    void documentWithoutBasicStatusIsOffline() throws Exception {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\""
                + " entity=\"sip:dave@example.com\"><dm:person id=\"x\"><dm:note>hi</dm:note></dm:person></presence>";
        Presence p = parser.parse(utf8(doc));
        assertEquals(PresenceStatus.OFFLINE, p.status());
        assertEquals(Optional.of("hi"), p.note());
    }

    @Test
    void ignoresUnknownExtensionWithoutMustUnderstand() throws Exception {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:x=\"urn:example:ext\" entity=\"sip:e@example.com\">"
                + "<tuple id=\"t\"><status><basic>open</basic><x:mood>sunny</x:mood></status>"
                + "<x:gadget mustUnderstand=\"false\">ignored</x:gadget></tuple></presence>";
        assertEquals(PresenceStatus.AVAILABLE, parser.parse(utf8(doc)).status());
    }

    @Test
    void rejectsDocumentWithUnknownMustUnderstandExtension() {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:x=\"urn:example:ext\" entity=\"sip:e@example.com\">"
                + "<tuple id=\"t\"><status><basic>open</basic></status>"
                + "<x:location mustUnderstand=\"true\">home</x:location></tuple></presence>";
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
        assertTrue(e.getMessage().contains("mustUnderstand") && e.getMessage().contains("urn:example:ext"),
                e.getMessage());
    }

    @Test
    void rejectsNamespaceQualifiedMustUnderstandOne() {
        String doc = "<p:presence xmlns:p=\"urn:ietf:params:xml:ns:pidf\" xmlns:x=\"urn:example:ext\" entity=\"sip:e@example.com\">"
                + "<p:tuple id=\"t\"><p:status><p:basic>open</p:basic><x:geo p:mustUnderstand=\"1\"/></p:status>"
                + "</p:tuple></p:presence>";
        assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
    }

    @Test
    void readsTransferSchemesOnlyFromOpenTuples() throws Exception {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:sd=\"urn:sipdrop:params:xml:ns:pidf:transfer\""
                + " entity=\"sip:f@example.com\">"
                + "<tuple id=\"desk\"><status><basic>open</basic></status>"
                + "<sd:file-transfer><sd:scheme>MSRP</sd:scheme><sd:scheme>https</sd:scheme></sd:file-transfer></tuple>"
                + "<tuple id=\"phone\"><status><basic>closed</basic></status>"
                + "<sd:file-transfer><sd:scheme>mqtt</sd:scheme></sd:file-transfer></tuple></presence>";
        Presence p = parser.parse(utf8(doc));
        assertEquals(List.of("msrp", "https"), p.transferSchemes());
        assertTrue(p.acceptsTransferScheme("HTTPS"));
    }

    @Test
    void inheritsXmlLangFromAncestor() throws Exception {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xml:lang=\"de\" entity=\"sip:g@example.com\">"
                + "<tuple id=\"t\"><status><basic>open</basic></status><note>Mittagspause</note></tuple></presence>";
        Presence p = parser.parse(utf8(doc));
        assertEquals(Optional.of("Mittagspause"), p.note());
        assertEquals(Optional.of("de"), p.noteLanguage());
    }

    @Test
    void readsTimestampWithoutOffsetAsUtc() throws Exception {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:h@example.com\">"
                + "<tuple id=\"t\"><status><basic>open</basic></status><timestamp>2024-01-02T03:04:05.5</timestamp>"
                + "</tuple></presence>";
        assertEquals(Optional.of(Instant.parse("2024-01-02T03:04:05.500Z")), parser.parse(utf8(doc)).timestamp());
    }

    @Test
    void rejectsBadTimestampNamingTheValue() {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:h@example.com\">"
                + "<tuple id=\"t\"><status><basic>open</basic></status><timestamp>yesterday</timestamp>"
                + "</tuple></presence>";
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
        assertTrue(e.getMessage().contains("'yesterday'"), e.getMessage());
    }

    @Test
    void rejectsBasicOtherThanOpenOrClosed() {
        PidfException e = assertThrows(PidfException.class,
                () -> parser.parse(utf8(PidfSamples.baresip("online", ""))));
        assertTrue(e.getMessage().contains("RFC 3863 §4.1.5"), e.getMessage());
    }

    @Test
    void rejectsPresenceWithoutEntity() {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"><tuple id=\"t\"><status><basic>open</basic>"
                + "</status></tuple></presence>";
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
        assertTrue(e.getMessage().contains("entity"), e.getMessage());
    }

    @Test
    void rejectsRootOutsidePidfNamespace() {
        String doc = "<presence entity=\"sip:a@example.com\"><tuple id=\"t\"/></presence>";
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
        assertTrue(e.getMessage().startsWith("Not a PIDF document"), e.getMessage());
    }

    @Test
    void toleratesTupleWithoutId() throws Exception {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:i@example.com\">"
                + "<tuple><status><basic>open</basic></status></tuple></presence>";
        assertEquals(PresenceStatus.AVAILABLE, parser.parse(utf8(doc)).status());
    }

    @Test
    void elementInNoNamespaceIsAnUnknownExtensionNotACrash() throws PidfException {
        // found by PidfFuzzTest: with the PIDF namespace on a prefix, <x/> has no namespace and
        // Set.of(...).contains(null) threw NullPointerException while looking for mustUnderstand
        String doc = "<impp:presence xmlns:impp=\"urn:ietf:params:xml:ns:pidf\" entity=\"pres:a@example.com\">"
                + "<impp:tuple id=\"t\"><impp:status><impp:basic>open</impp:basic></impp:status><x/></impp:tuple>"
                + "</impp:presence>";
        assertEquals(PresenceStatus.AVAILABLE, parser.parse(utf8(doc)).status());
        assertThrows(PidfException.class, () -> parser.parse(utf8(doc.replace("<x/>", "<x mustUnderstand=\"true\"/>"))));
    }
}
