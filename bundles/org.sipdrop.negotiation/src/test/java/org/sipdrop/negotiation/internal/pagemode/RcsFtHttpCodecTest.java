package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

class RcsFtHttpCodecTest {

    /** As liblinphone sends it after uploading to its file-transfer server (note the spaces around '='). */
    static final String LINPHONE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<file xmlns=\"urn:gsma:params:xml:ns:rcs:rcs:fthttp\">\r\n"
            + "<file-info type=\"file\">\r\n"
            + "<file-size>171008</file-size>\r\n"
            + "<file-name>car.png</file-name>\r\n"
            + "<content-type>image/png</content-type>\r\n"
            + "<data url = \"https://www.linphone.org:444/tmp/6fbb7c4d5a.png\" until = \"2024-06-01T10:00:00Z\"/>\r\n"
            + "</file-info>\r\n"
            + "</file>";

    /** An RCS UP style body with a thumbnail first and a voice-recording extension element. */
    static final String WITH_THUMBNAIL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<file xmlns=\"urn:gsma:params:xml:ns:rcs:rcs:fthttp\" xmlns:am=\"urn:gsma:params:xml:ns:rcs:rcs:rram\">\n"
            + "  <file-info type=\"thumbnail\">\n"
            + "    <file-size>9216</file-size>\n"
            + "    <content-type>image/jpeg</content-type>\n"
            + "    <data url=\"https://ft.example.com/s/thumb1\" until=\"2024-06-01T10:00:00+02:00\"/>\n"
            + "  </file-info>\n"
            + "  <file-info type=\"file\" file-disposition=\"render\">\n"
            + "    <file-size>4046</file-size>\n"
            + "    <file-name>voice.amr</file-name>\n"
            + "    <content-type>audio/amr;voice-recording=yes</content-type>\n"
            + "    <am:playing-length>4046</am:playing-length>\n"
            + "    <data url=\"https://ft.example.com/s/file1\" until=\"2024-06-01T10:00:00+02:00\"/>\n"
            + "  </file-info>\n"
            + "</file>\n";

    private final RcsFtHttpCodec codec = new RcsFtHttpCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatLinphoneSends() throws Exception {
        RcsFtHttpCodec.Body b = codec.parse(utf8(LINPHONE));
        RcsFileInfo f = b.file();
        assertEquals(OptionalLong.of(171008), f.size());
        assertEquals(Optional.of("car.png"), f.name());
        assertEquals("image/png", f.contentType());
        assertEquals(URI.create("https://www.linphone.org:444/tmp/6fbb7c4d5a.png"), f.url());
        assertEquals(Optional.of(Instant.parse("2024-06-01T10:00:00Z")), f.until());
        assertEquals(Optional.empty(), b.thumbnail());
        FileOffer offer = f.toOffer();
        assertEquals("car.png", offer.name());
        assertEquals(171008, offer.size());
    }

    @Test
    void readsThumbnailAndIgnoresForeignExtensions() throws Exception {
        RcsFtHttpCodec.Body b = codec.parse(utf8(WITH_THUMBNAIL));
        assertEquals(Optional.of("voice.amr"), b.file().name());
        assertEquals(Optional.of("render"), b.file().disposition());
        assertEquals("audio/amr", b.file().toOffer().mediaType());
        assertEquals(Optional.of(Instant.parse("2024-06-01T08:00:00Z")), b.file().until());
        RcsFileInfo t = b.thumbnail().orElseThrow();
        assertEquals(RcsFileInfo.Type.THUMBNAIL, t.type());
        assertEquals(Optional.empty(), t.name());
    }

    @Test
    void bodySurvivesARoundTripWithThumbnail() throws Exception {
        RcsFileInfo file = RcsFileInfo.of(FileOffer.builder("Q3 <draft> & \"final\".pdf", 1234)
                .mediaType("application/pdf").build(), URI.create("https://s.example.com/f?a=1&b=2"),
                Instant.parse("2024-07-01T00:00:00Z"));
        RcsFileInfo thumb = new RcsFileInfo(RcsFileInfo.Type.THUMBNAIL, 99L, null, "image/png",
                URI.create("https://s.example.com/t"), null, null);
        RcsFtHttpCodec.Body body = new RcsFtHttpCodec.Body(file, thumb);
        RcsFtHttpCodec.Body back = codec.parse(codec.format(body));
        assertEquals(file, back.file());
        assertEquals(Optional.of(thumb), back.thumbnail());
    }

    @Test
    void hostileAndNonAsciiNamesStayInsideTheirElement() throws Exception {
        String name = "a</file-name><data url=\"https://evil.example/\"/>\r\n日本語.txt";
        RcsFileInfo file = new RcsFileInfo(RcsFileInfo.Type.FILE, 5L, name, "text/plain",
                URI.create("https://s.example.com/ok"), null, null);
        byte[] xml = codec.format(new RcsFtHttpCodec.Body(file, null));
        assertFalse(new String(xml, StandardCharsets.UTF_8).contains("evil.example/\"/>"));
        RcsFileInfo back = codec.parse(xml).file();
        assertEquals(Optional.of(name), back.name());
        assertEquals(URI.create("https://s.example.com/ok"), back.url());
        assertThrows(IllegalArgumentException.class, () -> codec.format(new RcsFtHttpCodec.Body(
                new RcsFileInfo(RcsFileInfo.Type.FILE, 1L, "bell\u0007", "text/plain", URI.create("https://s/x"), null,
                        null), null)));
    }

    @Test
    void refusesEncryptedTransfersWithAClearReason() {
        String enc = LINPHONE.replace("<file-name>", "<file-key>c2VjcmV0</file-key><file-name>");
        PageModeException e = assertThrows(PageModeException.class, () -> codec.parse(utf8(enc)));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void rejectsMalformedBodies() {
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace("</file>", ""))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace("171008", "12 kB"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace("type=\"file\"",
                "type=\"thumbnail\""))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace("2024-06-01T10:00:00Z", "soon"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace("https://www.linphone.org:444",
                "https://bad host"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace(
                "urn:gsma:params:xml:ns:rcs:rcs:fthttp", "urn:example:other"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE.replace("<data url", "<data/><data url"))));
    }

    @Test
    void rejectsDoctypeAndOversizeBodies() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE file [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<file xmlns=\"urn:gsma:params:xml:ns:rcs:rcs:fthttp\"><file-info type=\"file\">"
                + "<file-name>&x;</file-name><data url=\"https://a/b\"/></file-info></file>";
        PageModeException e = assertThrows(PageModeException.class, () -> codec.parse(utf8(xxe)));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertThrows(PageModeException.class, () -> new RcsFtHttpCodec(512).parse(utf8(LINPHONE + " ".repeat(600))));
    }
}
