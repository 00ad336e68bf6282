package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class CpimCodecTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** As liblinphone wraps an FT-HTTP body, asking for delivery and display notifications. */
    static final String LINPHONE = "From: <sip:alice@sip.example.org>\r\n"
            + "To: <sip:bob@sip.example.org>\r\n"
            + "DateTime: 2024-03-12T09:41:07+01:00\r\n"
            + "NS: imdn <urn:ietf:params:imdn>\r\n"
            + "imdn.Message-ID: Q1mwfkRzK\r\n"
            + "imdn.Disposition-Notification: positive-delivery, display\r\n"
            + "\r\n"
            + "Content-Type: application/vnd.gsma.rcs-ft-http+xml\r\n"
            + "\r\n"
            + RcsFtHttpCodecTest.LINPHONE;

    private static CpimMessage.Address alice() {
        return new CpimMessage.Address("Alice", "sip:alice@example.com");
    }

    private static CpimMessage.Address bob() {
        return new CpimMessage.Address(null, "sip:bob@example.com");
    }

    @Test
    void readsWhatLinphoneSends() throws Exception {
        CpimMessage m = CpimCodec.parse(utf8(LINPHONE));
        assertEquals("sip:alice@sip.example.org", m.from().uri());
        assertEquals("sip:bob@sip.example.org", m.to().uri());
        assertEquals(Optional.of(Instant.parse("2024-03-12T08:41:07Z")), m.dateTime());
        assertEquals(Optional.of("Q1mwfkRzK"), m.messageId());
        assertEquals(EnumSet.of(CpimMessage.Disposition.POSITIVE_DELIVERY, CpimMessage.Disposition.DISPLAY),
                m.dispositions());
        assertEquals(RcsFtHttpCodec.MEDIA_TYPE, m.contentType());
        assertEquals("car.png", new RcsFtHttpCodec().parse(m.content()).file().name().orElseThrow());
    }

    @Test
    void imdnRequestSurvivesARoundTripAndLooksLikeRfc5438() throws Exception {
        ExternalBody e = ExternalBody.builder(java.net.URI.create("https://s.example.com/f/1")).size(3)
                .contentId("v1@laptop").fileName("a.txt").build();
        CpimMessage m = new CpimMessage(alice(), bob(), Instant.parse("2024-05-01T10:00:00Z"), "34jk324j",
                Set.of(CpimMessage.Disposition.POSITIVE_DELIVERY, CpimMessage.Disposition.NEGATIVE_DELIVERY),
                MimeHeaders.builder().add("Content-Type", ExternalBodyCodec.contentType(e)).build(),
                ExternalBodyCodec.body(e));
        String wire = new String(CpimCodec.format(m), StandardCharsets.UTF_8);
        assertTrue(wire.startsWith("From: Alice <sip:alice@example.com>\r\nTo: <sip:bob@example.com>\r\n"
                + "DateTime: 2024-05-01T10:00:00Z\r\nNS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: 34jk324j\r\n"
                + "imdn.Disposition-Notification: positive-delivery, negative-delivery\r\n\r\n"
                + "Content-Type: message/external-body;"), wire);
        CpimMessage back = CpimCodec.parse(CpimCodec.format(m));
        assertEquals(m.from(), back.from());
        assertEquals(m.to(), back.to());
        assertEquals(m.dateTime(), back.dateTime());
        assertEquals(m.messageId(), back.messageId());
        assertEquals(m.dispositions(), back.dispositions());
        assertEquals(e, ExternalBodyCodec.parse(back.contentType(), back.content()));
    }

    @Test
    void imdnReportTravelsInCpimWithNotificationDisposition() throws Exception {
        Imdn d = Imdn.declined("34jk324j", Instant.parse("2024-05-01T10:00:00Z"), "sip:bob@example.com");
        CpimMessage m = new CpimMessage(bob(), alice(), Instant.parse("2024-05-01T10:00:05Z"),
                CpimMessage.newMessageId(), Set.of(),
                MimeHeaders.builder().add("Content-Type", ImdnCodec.MEDIA_TYPE)
                        .add("Content-Disposition", "notification").build(), new ImdnCodec().format(d));
        CpimMessage back = CpimCodec.parse(CpimCodec.format(m));
        assertEquals(Optional.of("notification"), back.contentHeaders().first("Content-Disposition"));
        assertTrue(new ImdnCodec().parse(back.content()).isDecline());
    }

    @Test
    void displayNamesWithQuotesAndAccentsAreQuotedAndRestored() throws Exception {
        CpimMessage.Address from = new CpimMessage.Address("José \"Pepe\" Núñez", "sip:jose@example.com");
        CpimMessage m = new CpimMessage(from, bob(), null, null, Set.of(),
                MimeHeaders.builder().add("Content-Type", "text/plain").build(), utf8("hola"));
        String wire = new String(CpimCodec.format(m), StandardCharsets.UTF_8);
        assertTrue(wire.startsWith("From: \"José \\\"Pepe\\\" Núñez\" <sip:jose@example.com>\r\n"), wire);
        assertEquals(from, CpimCodec.parse(utf8(wire)).from());
    }

    @Test
    void displayNameWithCrlfCannotInjectAHeader() {
        assertThrows(IllegalArgumentException.class,
                () -> new CpimMessage.Address("Eve\r\nimdn.Message-ID: forged", "sip:eve@example.com"));
    }

    @Test
    void findsImdnHeadersUnderAnyDeclaredPrefix() throws Exception {
        String other = LINPHONE.replace("NS: imdn <", "NS: x <").replace("imdn.Message-ID", "x.Message-ID")
                .replace("imdn.Disposition", "x.Disposition");
        assertEquals(Optional.of("Q1mwfkRzK"), CpimCodec.parse(utf8(other)).messageId());
        String undeclared = LINPHONE.replace("NS: imdn <urn:ietf:params:imdn>\r\n", "");
        assertEquals(Optional.empty(), CpimCodec.parse(utf8(undeclared)).messageId());
    }

    @Test
    void refusesRequiredHeaderItDoesNotUnderstand() {
        String req = LINPHONE.replace("NS: imdn", "Require: Secret.Header\r\nNS: imdn");
        PageModeException e = assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(req)));
        assertTrue(e.getMessage().contains("Secret.Header"), e.getMessage());
    }

    @Test
    void honoursContentLength() throws Exception {
        String body = "From: <sip:a@example.com>\r\nTo: <sip:b@example.com>\r\n\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n";
        assertArrayEquals(utf8("hello"), CpimCodec.parse(utf8(body)).content());
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(body.replace("Length: 5", "Length: 99"))));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(body.replace("Length: 5", "Length: -5"))));
    }

    @Test
    void rejectsMalformedMessages() {
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(LINPHONE.replace("From: <sip:alice@sip.example.org>\r\n",
                ""))));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(LINPHONE.replace("<sip:bob@sip.example.org>",
                "sip:bob@sip.example.org"))));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(LINPHONE.replace("2024-03-12T09:41:07+01:00",
                "yesterday"))));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8("From: <sip:a@b>\r\nTo: <sip:c@d>\r\n")));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(LINPHONE.replace(
                "Content-Type: application/vnd.gsma.rcs-ft-http+xml\r\n", "X-Other: 1\r\n"))));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(utf8(LINPHONE.replace("NS: imdn <urn:ietf:params:imdn>",
                "NS: imdn urn:ietf:params:imdn"))));
        assertThrows(PageModeException.class, () -> CpimCodec.parse(new byte[CpimCodec.MAX_BYTES + 1]));
    }

    @Test
    void requestingImdnNeedsMessageIdAndDateTime() {
        assertThrows(IllegalArgumentException.class, () -> new CpimMessage(alice(), bob(), null, "abc",
                Set.of(CpimMessage.Disposition.POSITIVE_DELIVERY),
                MimeHeaders.builder().add("Content-Type", "text/plain").build(), new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new CpimMessage(alice(), bob(), Instant.EPOCH, "a b",
                Set.of(), MimeHeaders.builder().add("Content-Type", "text/plain").build(), new byte[0]));
    }
}
