package org.sipdrop.presence.internal.pidf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipdrop.presence.internal.pidf.PidfSamples.utf8;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidfSecurityTest {

    private final PidfParser parser = new PidfParser();

    @Test
    void rejectsMalformedXmlWithLineAndColumn() {
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@example.com\">\n"
                + "<tuple id=\"t\"><status><basic>open</basic></tuple></presence>";
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
        assertTrue(e.getMessage().startsWith("Malformed PIDF document at line 2"), e.getMessage());
    }

    @Test
    void rejectsEmptyBody() {
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(new byte[0]));
        assertTrue(e.getMessage().contains("Empty"), e.getMessage());
    }

    @Test
    void rejectsExternalFileEntityWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42", StandardCharsets.UTF_8);
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE presence [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@example.com\">"
                + "<tuple id=\"t\"><status><basic>open</basic></status><note>&xxe;</note></tuple></presence>";
        PidfException e = assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET-42"), e.getMessage());
    }

    @Test
    void rejectsExternalUrlEntityWithoutConnecting() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/steal";
            String doc = "<!DOCTYPE presence SYSTEM \"" + url + "\">"
                    + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@example.com\"/>";
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(PidfException.class, () -> parser.parse(utf8(doc))));
            listener.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, listener::accept,
                    "the parser must not have opened a connection to the DTD URL");
        }
    }

    @Test
    void rejectsInternalEntityExpansion() {
        String doc = "<!DOCTYPE presence [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@example.com\">"
                + "<note>&b;&b;&b;</note></presence>";
        assertThrows(PidfException.class, () -> parser.parse(utf8(doc)));
    }

    @Test
    void rejectsOversizeDocumentBeforeParsing() {
        PidfParser small = new PidfParser(1024);
        StringBuilder note = new StringBuilder();
        while (note.length() < 2000) {
            note.append("padding ");
        }
        String doc = "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@example.com\"><note>" + note
                + "</note></presence>";
        PidfException e = assertThrows(PidfException.class, () -> small.parse(utf8(doc)));
        assertTrue(e.getMessage().contains("exceeds the limit of 1024 bytes"), e.getMessage());
    }

    @Test
    void rejectsExcessiveNesting() {
        StringBuilder doc = new StringBuilder("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:a@example.com\">");
        for (int i = 0; i < 100; i++) {
            doc.append("<x:e xmlns:x=\"urn:x\">");
        }
        for (int i = 0; i < 100; i++) {
            doc.append("</x:e>");
        }
        doc.append("</presence>");
        assertThrows(PidfException.class, () -> parser.parse(utf8(doc.toString())));
    }

    @Test
    void refusesUselessSizeLimit() {
        assertThrows(IllegalArgumentException.class, () -> new PidfParser(10));
    }
}
