package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The body codecs of the server: multipart/mixed (RFC 2046 §5.1.1) and resource lists (RFC 4826). */
class CodecTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void multipartKeepsPartHeadersAndExactBodyBytes() {
        byte[] binary = { 0, (byte) 0xff, 13, 10, 45, 45 };
        String body = "preamble\r\n--xyz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--xyz\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment;\r\n handling=optional\r\n\r\n"
                + new String(binary, StandardCharsets.ISO_8859_1) + "\r\n--xyz--\r\nepilogue";
        List<MultipartMixed.Part> parts = MultipartMixed.parse(body.getBytes(StandardCharsets.ISO_8859_1), "xyz");
        assertEquals(2, parts.size());
        assertEquals("text/plain", parts.get(0).mediaType());
        assertArrayEquals(b("hello"), parts.get(0).body());
        assertEquals("attachment", parts.get(1).disposition(), "folded header unfolded");
        assertArrayEquals(binary, parts.get(1).body());
    }

    @Test
    void multipartWithoutCloseDelimiterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MultipartMixed.parse(b("--a\r\n\r\nx\r\n"), "a"));
        assertThrows(IllegalArgumentException.class, () -> MultipartMixed.parse(b("no delimiter"), "a"));
        assertThrows(IllegalArgumentException.class, () -> MultipartMixed.parse(b("--a\r\n\r\nx\r\n--a--"), null));
    }

    @Test
    void multipartWithTooManyPartsIsRefused() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i <= MultipartMixed.MAX_PARTS; i++) {
            s.append("--a\r\n\r\nx\r\n");
        }
        s.append("--a--");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultipartMixed.parse(b(s.toString()), "a"));
        assertTrue(e.getMessage().contains("parts"), e.getMessage());
    }

    @Test
    void resourceListEntriesInDocumentOrderWithoutDuplicates() {
        String xml = "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list name=\"a\"><entry uri=\"sip:b@x\"/>"
                + "<list><entry uri=\"sip:c@x\"/></list><entry uri=\"sip:b@x\"/></list></resource-lists>";
        assertEquals(List.of("sip:b@x", "sip:c@x"), ResourceLists.recipients(b(xml), 10));
    }

    @Test
    void resourceListRejectsDoctypeOtherRootsAndTooManyEntries() {
        assertThrows(IllegalArgumentException.class, () -> ResourceLists.recipients(b("<!DOCTYPE a [<!ENTITY x \"y\">]>"
                + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>"), 10));
        assertThrows(IllegalArgumentException.class, () -> ResourceLists.recipients(b("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"/>"), 10));
        assertThrows(IllegalArgumentException.class, () -> ResourceLists.recipients(b("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\">"
                + "<list><entry uri=\"sip:a@x\"/><entry uri=\"sip:b@x\"/></list></resource-lists>"), 1));
    }

    @Test
    void closedDocumentIsWellFormedPidf() {
        byte[] doc = Notifier.closed("sip:a&b@x");
        assertEquals("presence", SafeXml.parse(doc, 4096).getDocumentElement().getLocalName());
    }
}
