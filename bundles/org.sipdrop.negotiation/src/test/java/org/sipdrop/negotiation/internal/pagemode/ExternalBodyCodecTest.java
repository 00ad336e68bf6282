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

class ExternalBodyCodecTest {

    private static final URI URL = URI.create("https://store.example.com/f/8f3a?sig=abc");
    private static final String SHA1 = "72245fe8653753db0c535d1c997d6498e2f23f4a";

    private static ExternalBody roundTrip(ExternalBody e) throws PageModeException {
        return ExternalBodyCodec.parse(ExternalBodyCodec.contentType(e), ExternalBodyCodec.body(e));
    }

    private static ExternalBody named(String name) {
        return ExternalBody.builder(URL).mediaType("text/plain").size(12).contentId("c1@example.com")
                .fileName(name).build();
    }

    @Test
    void everyFieldSurvivesARoundTrip() throws Exception {
        ExternalBody e = ExternalBody.builder(URL).mediaType("image/jpeg").size(52234)
                .expiration(Instant.parse("2024-06-01T10:00:00Z")).contentId("4232423424@example.com")
                .fileName("photo.jpg").description("Holiday photo").modified(Instant.parse("2024-05-30T08:15:00Z"))
                .sha1Hex(SHA1).build();
        assertEquals(e, roundTrip(e));
    }

    @Test
    void writesTheRfc4483Shape() {
        ExternalBody e = ExternalBody.builder(URL).mediaType("image/jpeg").size(52234)
                .expiration(Instant.parse("2024-06-01T10:00:00Z")).contentId("4232423424@example.com")
                .fileName("photo.jpg").sha1Hex(SHA1).build();
        assertEquals("message/external-body; access-type=URL; URL=\"https://store.example.com/f/8f3a?sig=abc\"; "
                + "expiration=\"Sat, 01 Jun 2024 10:00:00 GMT\"; size=52234; hash=72245FE8653753DB0C535D1C997D6498E2F23F4A",
                ExternalBodyCodec.contentType(e));
        assertEquals("Content-Type: image/jpeg\r\nContent-ID: <4232423424@example.com>\r\n"
                + "Content-Disposition: attachment; filename=photo.jpg; "
                + "hash=\"sha-1:72:24:5F:E8:65:37:53:DB:0C:53:5D:1C:99:7D:64:98:E2:F2:3F:4A\"\r\n\r\n",
                new String(ExternalBodyCodec.body(e), StandardCharsets.US_ASCII));
    }

    @Test
    void readsTheRfc4483ExampleWithItsLongMonthName() throws Exception {
        String ct = "message/external-body; ACCESS-TYPE=URL; expiration=\"Mon, 24 June 2002 09:00:00 GMT\";"
                + " URL=\"http://www.example.com/the-file.jpg\"; size=52234";
        byte[] body = "Content-Type: image/jpeg\r\nContent-ID: <4232423424@www.example.com>\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        ExternalBody e = ExternalBodyCodec.parse(ct, body);
        assertEquals(URI.create("http://www.example.com/the-file.jpg"), e.url());
        assertEquals(Optional.of(Instant.parse("2002-06-24T09:00:00Z")), e.expiration());
        assertEquals(OptionalLong.of(52234), e.size());
        assertEquals("image/jpeg", e.mediaType());
        assertEquals(Optional.of("4232423424@www.example.com"), e.contentId());
        assertEquals("the-file.jpg", e.toOffer().name());
    }

    @Test
    void readsLegacyLinphoneBodyWithoutPhantomHeaders() throws Exception {
        ExternalBody e = ExternalBodyCodec.parse(
                "message/external-body;access-type=URL;URL=\"https://files.example.org/abc/report.pdf\"", new byte[0]);
        assertEquals("application/octet-stream", e.mediaType());
        assertEquals(Optional.empty(), e.contentId());
        assertEquals(OptionalLong.empty(), e.size());
        PageModeException x = assertThrows(PageModeException.class, e::toOffer);
        assertTrue(x.getMessage().contains("size"), x.getMessage());
    }

    @Test
    void hostileFileNameWithQuotesAndCrlfCannotAddAHeader() throws Exception {
        String hostile = "evil\".txt\r\nContent-Type: text/html\r\n\r\n<script>";
        ExternalBody e = named(hostile);
        String body = new String(ExternalBodyCodec.body(e), StandardCharsets.US_ASCII);
        assertEquals(1, body.lines().filter(l -> l.startsWith("Content-Type:")).count(), body);
        assertEquals(3, body.split("\r\n", -1).length - 2, "three header lines, then the blank line: " + body);
        assertTrue(body.contains("filename=\"evil_.txt__Content-Type: text/html____<script>\""), body);
        assertEquals(Optional.of(hostile), roundTrip(e).fileName());
    }

    @Test
    void nonAsciiFileNameTravelsAsRfc8187ExtValue() throws Exception {
        ExternalBody e = named("Übersicht Q3 – 報告.pdf");
        String body = new String(ExternalBodyCodec.body(e), StandardCharsets.US_ASCII);
        assertTrue(body.contains("filename*=UTF-8''%C3%9Cbersicht%20Q3%20%E2%80%93%20%E5%A0%B1%E5%91%8A.pdf"), body);
        assertTrue(body.contains("filename=\"_bersicht Q3 _ __.pdf\""), body);
        assertEquals(Optional.of("Übersicht Q3 – 報告.pdf"), roundTrip(e).fileName());
    }

    @Test
    void descriptionWithLineBreaksAndAccentsIsEncodedNotInjected() throws Exception {
        ExternalBody e = ExternalBody.builder(URL).contentId("c@x").description("Résumé\r\nBcc: x@example.com").build();
        String body = new String(ExternalBodyCodec.body(e), StandardCharsets.US_ASCII);
        assertFalse(body.contains("Bcc:"), body);
        assertEquals(Optional.of("Résumé\r\nBcc: x@example.com"), roundTrip(e).description());
    }

    @Test
    void convertsToAndFromFileOffer() throws Exception {
        FileOffer offer = FileOffer.builder("notes.md", 4242).mediaType("text/markdown").sha1Hex(SHA1)
                .modified(Instant.parse("2024-01-02T03:04:05Z")).description("Sprint notes").build();
        ExternalBody e = ExternalBody.of(offer, URL, ExternalBody.newContentId("laptop.example.com"),
                Instant.parse("2024-02-01T00:00:00Z"));
        FileOffer back = roundTrip(e).toOffer();
        assertTrue(back.sameFileAs(offer));
        assertEquals(offer.modified(), back.modified());
        assertEquals(offer.description(), back.description());
    }

    @Test
    void rejectsOtherAccessTypes() {
        PageModeException e = assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(
                "message/external-body; access-type=anon-ftp; site=ftp.example.com; name=x", new byte[0]));
        assertTrue(e.getMessage().contains("anon-ftp"), e.getMessage());
    }

    @Test
    void rejectsMalformedOuterParameters() {
        String base = "message/external-body; access-type=URL; URL=\"https://a.example/x\"";
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse("message/external-body; access-type=URL",
                new byte[0]));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(base + "; size=-1", new byte[0]));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(base + "; size=12kb", new byte[0]));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(base + "; expiration=\"tomorrow\"",
                new byte[0]));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse("message/external-body; access-type=URL; "
                + "URL=\"relative/path\"", new byte[0]));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse("text/plain", new byte[0]));
    }

    @Test
    void rejectsMalformedPhantomHeaders() {
        String ct = "message/external-body; access-type=URL; URL=\"https://a.example/x\"; size=1";
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(ct,
                "Content-ID: 12345\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(ct,
                "Content-Type: image/png\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(ct,
                "Content-Disposition: attachment; hash=\"md5:00\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(ct,
                "this is not a header\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(ct, new byte[] {(byte) 0xff, 0x3a}));
        assertThrows(PageModeException.class, () -> ExternalBodyCodec.parse(ct,
                new byte[ExternalBodyCodec.MAX_BODY_BYTES + 1]));
    }

    @Test
    void ignoresWhitespaceInsideTheUrlAsRfc2017Allows() throws Exception {
        ExternalBody e = ExternalBodyCodec.parse("message/external-body; access-type=URL; "
                + "URL=\"https://store.example.com/a/very/ long/path\"", new byte[0]);
        assertEquals(URI.create("https://store.example.com/a/very/long/path"), e.url());
    }
}
