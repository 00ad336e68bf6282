package org.sipdrop.presence.internal.pidf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;

class PidfWriterTest {

    private final PidfWriter writer = new PidfWriter("t-laptop");
    private final PidfParser parser = new PidfParser();

    @Test
    void everyStatusSurvivesARoundTrip() throws Exception {
        for (PresenceStatus s : PresenceStatus.values()) {
            Presence p = Presence.builder("sip:alice@example.com", s).build();
            assertEquals(p, parser.parse(writer.format(p)), s.name());
        }
    }

    @Test
    void noteLanguageTimestampAndSchemesSurviveARoundTrip() throws Exception {
        Presence p = Presence.builder("sip:alice@example.com", PresenceStatus.AWAY)
                .note("Zurück um 14 Uhr <bald> & \"sicher\"\nZweite Zeile", "de-CH")
                .timestamp(Instant.parse("2024-05-01T10:00:00.123Z"))
                .transferScheme("msrp").transferScheme("https").build();
        assertEquals(p, parser.parse(writer.format(p)));
    }

    @Test
    void writesTheShapeKamailioPresenceXmlAccepts() {
        Presence p = Presence.builder("sip:alice@example.com", PresenceStatus.BUSY).note("In a call", "en").build();
        String xml = new String(writer.format(p), StandardCharsets.UTF_8);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\""), xml);
        assertTrue(xml.contains("entity=\"sip:alice@example.com\""), xml);
        assertTrue(xml.contains("<tuple id=\"t-laptop\">"), xml);
        assertTrue(xml.contains("<status><basic>open</basic></status>"), xml);
        assertTrue(xml.contains("<dm:person id=\"p-t-laptop\">"), xml);
        assertTrue(xml.contains("<rpid:activities><rpid:busy/></rpid:activities>"), xml);
        assertTrue(xml.contains("<dm:note xml:lang=\"en\">In a call</dm:note>"), xml);
        assertTrue(xml.indexOf("<rpid:activities>") < xml.indexOf("<dm:note"), "RFC 4479: extensions before note");
    }

    @Test
    void offlineIsClosedWithoutActivity() {
        String xml = new String(writer.format(Presence.builder("sip:a@example.com", PresenceStatus.OFFLINE).build()),
                StandardCharsets.UTF_8);
        assertTrue(xml.contains("<basic>closed</basic>"), xml);
        assertFalse(xml.contains("rpid:activities"), xml);
    }

    @Test
    void transferSchemesGoInTheSipdropTupleExtensionAfterStatus() {
        Presence p = Presence.builder("sip:a@example.com", PresenceStatus.AVAILABLE)
                .transferSchemes(List.of("msrp", "mqtt")).timestamp(Instant.parse("2024-01-01T00:00:00Z")).build();
        String xml = new String(writer.format(p), StandardCharsets.UTF_8);
        assertTrue(xml.contains("xmlns:sd=\"urn:sipdrop:params:xml:ns:pidf:transfer\""), xml);
        assertTrue(xml.contains("<sd:file-transfer><sd:scheme>msrp</sd:scheme><sd:scheme>mqtt</sd:scheme>"
                + "</sd:file-transfer>"), xml);
        assertTrue(xml.indexOf("</status>") < xml.indexOf("<sd:file-transfer>")
                && xml.indexOf("</sd:file-transfer>") < xml.indexOf("<timestamp>"), "RFC 3863 tuple order");
        assertFalse(xml.contains("mustUnderstand"), xml);
    }

    @Test
    void entityWithMarkupCharactersIsEscaped() throws Exception {
        Presence p = Presence.builder("sip:o'neil&co@example.com", PresenceStatus.AVAILABLE).build();
        String xml = new String(writer.format(p), StandardCharsets.UTF_8);
        assertTrue(xml.contains("entity=\"sip:o&apos;neil&amp;co@example.com\""), xml);
        assertEquals(p, parser.parse(writer.format(p)));
    }

    @Test
    void rejectsTupleIdThatIsNotAnXmlName() {
        assertThrows(IllegalArgumentException.class, () -> new PidfWriter("1abc"));
        assertThrows(IllegalArgumentException.class, () -> new PidfWriter("a\"b"));
        assertThrows(IllegalArgumentException.class, () -> new PidfWriter(null));
    }

    @Test
    void presenceRefusesInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> Presence.builder("alice", PresenceStatus.AWAY).build());
        assertThrows(IllegalArgumentException.class,
                () -> Presence.builder("sip:a b@example.com", PresenceStatus.AWAY).build());
        assertThrows(IllegalArgumentException.class,
                () -> Presence.builder("sip:a@example.com", PresenceStatus.AWAY).note("bell\u0007").build());
        assertThrows(IllegalArgumentException.class,
                () -> Presence.builder("sip:a@example.com", PresenceStatus.AWAY).note("x", "not a tag!").build());
        assertThrows(IllegalArgumentException.class,
                () -> Presence.builder("sip:a@example.com", PresenceStatus.AWAY).transferScheme("ms rp"));
        assertThrows(NullPointerException.class, () -> Presence.builder("sip:a@example.com", null).build());
    }
}
