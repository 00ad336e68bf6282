package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * RFC 5438's own example messages, copied from the RFC text: the IM of §7.1.1.3, the delivery
 * notification of §7.2.1.1 and the display notification of §7.2.1.2. Only the RFC's three-space
 * indentation and the page break inside §7.2.1.1 are removed; lines end in CRLF on the wire
 * ({@link #wire}), and the placeholder {@code Content-length: ...} becomes the real length.
 * The examples omit the blank line RFC 3862 §2 puts between the CPIM message headers and the
 * payload's MIME headers; they are read as written.
 */
class Rfc5438ExamplesTest {

    /** RFC 5438 §7.1.1.3: an IM asking for positive and negative delivery notifications. */
    static final String IM_7_1_1_3 = ""
            + "From: Alice <im:alice@example.com>\n"
            + "To: Bob <im:bob@example.com>\n"
            + "NS: imdn <urn:ietf:params:imdn>\n"
            + "imdn.Message-ID: 34jk324j\n"
            + "DateTime: 2006-04-04T12:16:49-05:00\n"
            + "imdn.Disposition-Notification: positive-delivery, negative-delivery\n"
            + "Content-type: text/plain\n"
            + "Content-length: 12\n"
            + "\n"
            + "Hello World\n";

    /** RFC 5438 §7.2.1.1: a positive delivery notification. */
    static final String DELIVERY_7_2_1_1 = ""
            + "From: Bob <im:bob@example.com>\n"
            + "To: Alice <im:alice@example.com>\n"
            + "NS: imdn <urn:ietf:params:imdn>\n"
            + "imdn.Message-ID: d834jied93rf\n"
            + "Content-type: message/imdn+xml\n"
            + "Content-Disposition: notification\n"
            + "Content-length: ...\n"
            + "\n"
            + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
            + "      <message-id>34jk324j</message-id>\n"
            + "      <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
            + "     <recipient-uri>im:bob@example.com</recipient-uri>\n"
            + "      <original-recipient-uri\n"
            + "        >im:bob@example.com</original-recipient-uri>\n"
            + "      <delivery-notification>\n"
            + "         <status>\n"
            + "            <delivered/>\n"
            + "         </status>\n"
            + "      </delivery-notification>\n"
            + "    </imdn>\n";

    /** RFC 5438 §7.2.1.2: a display notification. */
    static final String DISPLAY_7_2_1_2 = ""
            + "From: Bob <im:bob@example.com>\n"
            + "To: Alice <im:alice@example.com>\n"
            + "NS: imdn <urn:ietf:params:imdn>\n"
            + "imdn.Message-ID: dfjkleriou432333\n"
            + "Content-type: message/imdn+xml\n"
            + "Content-Disposition: notification\n"
            + "Content-length: ...\n"
            + "\n"
            + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
            + "      <message-id>34jk324j</message-id>\n"
            + "      <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
            + "     <recipient-uri>im:bob@example.com</recipient-uri>\n"
            + "      <original-recipient-uri\n"
            + "         >im:bob@example.com</original-recipient-uri>\n"
            + "      <display-notification>\n"
            + "         <status>\n"
            + "            <displayed/>\n"
            + "         </status>\n"
            + "      </display-notification>\n"
            + "    </imdn>\n";

    /** CRLF line ends; {@code Content-length: ...} replaced by the length of what follows the blank line. */
    static byte[] wire(String example) {
        String crlf = example.replace("\n", "\r\n");
        int body = crlf.indexOf("\r\n\r\n") + 4;
        int length = crlf.substring(body).getBytes(StandardCharsets.UTF_8).length;
        return crlf.replace("Content-length: ...", "Content-length: " + length).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheImOfSection7113WithItsDispositionRequest() throws Exception {
        CpimMessage m = CpimCodec.parse(wire(IM_7_1_1_3));
        assertEquals("im:alice@example.com", m.from().uri());
        assertEquals(Optional.of("Alice"), m.from().displayName());
        assertEquals("im:bob@example.com", m.to().uri());
        assertEquals(Optional.of("34jk324j"), m.messageId());
        assertEquals(Optional.of(Instant.parse("2006-04-04T17:16:49Z")), m.dateTime());
        assertEquals(EnumSet.of(CpimMessage.Disposition.POSITIVE_DELIVERY, CpimMessage.Disposition.NEGATIVE_DELIVERY),
                m.dispositions());
        assertEquals("text/plain", m.contentType());
        assertTrue(new String(m.content(), StandardCharsets.UTF_8).startsWith("Hello World"));
    }

    @Test
    void imOfSection7113GetsDeliveryNotificationsButNoDisplayNotification() throws Exception {
        CpimMessage m = CpimCodec.parse(wire(IM_7_1_1_3));
        assertTrue(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.DELIVERED));
        assertTrue(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.FAILED));
        assertTrue(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.ERROR));
        assertFalse(m.asksFor(Imdn.Kind.DISPLAY, Imdn.Status.DISPLAYED));
        assertFalse(m.asksFor(Imdn.Kind.PROCESSING, Imdn.Status.PROCESSED), "§7.2.1: recipients never send processing");
    }

    @Test
    void positiveDeliveryAloneGetsNoNegativeOrDisplayNotification() throws Exception {
        String positiveOnly = IM_7_1_1_3.replace("positive-delivery, negative-delivery", "positive-delivery");
        CpimMessage m = CpimCodec.parse(wire(positiveOnly));
        assertTrue(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.DELIVERED));
        assertFalse(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.FAILED));
        assertFalse(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.ERROR));
        assertFalse(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.FORBIDDEN));
        assertFalse(m.asksFor(Imdn.Kind.DISPLAY, Imdn.Status.DISPLAYED));
    }

    @Test
    void negativeDeliveryAloneGetsNoNotificationOfSuccess() throws Exception {
        String negativeOnly = IM_7_1_1_3.replace("positive-delivery, negative-delivery", "negative-delivery");
        CpimMessage m = CpimCodec.parse(wire(negativeOnly));
        assertFalse(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.DELIVERED));
        assertTrue(m.asksFor(Imdn.Kind.DELIVERY, Imdn.Status.FAILED));
    }

    @Test
    void emptyDispositionNotificationAsksForNothing() throws Exception {
        String none = IM_7_1_1_3.replace("imdn.Disposition-Notification: positive-delivery, negative-delivery",
                "imdn.Disposition-Notification: ");
        CpimMessage m = CpimCodec.parse(wire(none));
        for (Imdn.Kind k : Imdn.Kind.values()) {
            for (Imdn.Status s : Imdn.Status.values()) {
                assertFalse(m.asksFor(k, s), k + "/" + s);
            }
        }
    }

    @Test
    void readsTheDeliveryNotificationOfSection7211() throws Exception {
        Imdn i = NotificationMessage.parse(CpimCodec.MEDIA_TYPE, wire(DELIVERY_7_2_1_1)).orElseThrow();
        assertEquals("34jk324j", i.messageId());
        assertEquals(Instant.parse("2008-04-04T17:16:49Z"), i.dateTime());
        assertEquals(Optional.of("im:bob@example.com"), i.recipientUri());
        assertEquals(Optional.of("im:bob@example.com"), i.originalRecipientUri());
        assertEquals(Imdn.Kind.DELIVERY, i.kind());
        assertEquals(Imdn.Status.DELIVERED, i.status());
        CpimMessage m = CpimCodec.parse(wire(DELIVERY_7_2_1_1));
        assertEquals(Optional.of("d834jied93rf"), m.messageId(), "the IMDN's own Message-ID (§7.2.1)");
        assertEquals(Optional.of("notification"), m.contentHeaders().first("Content-Disposition"));
    }

    @Test
    void readsTheDisplayNotificationOfSection7212() throws Exception {
        Imdn i = NotificationMessage.parse(CpimCodec.MEDIA_TYPE, wire(DISPLAY_7_2_1_2)).orElseThrow();
        assertEquals("34jk324j", i.messageId());
        assertEquals(Imdn.Kind.DISPLAY, i.kind());
        assertEquals(Imdn.Status.DISPLAYED, i.status());
        assertEquals(Optional.of("im:bob@example.com"), i.originalRecipientUri());
    }

    /** RFC 3862 §3.6 Token: NAMECHAR (no separators, no ".") or "."; ASCII here. */
    private static final String TOKEN = "[!#-'*+\\-.0-9A-Z^-`a-z|~]+";

    @Test
    void ourOfferRequestsNotificationsAsSection7113Does() throws Exception {
        org.sipdrop.transfer.FileOffer offer = org.sipdrop.transfer.FileOffer.builder("a.txt", 3).build();
        ExternalBody e = ExternalBody.of(offer, java.net.URI.create("https://s.example.org/f/1"), "v1@s.example.org",
                null);
        String id = CpimMessage.newMessageId();
        FileOfferMessage.Built b = FileOfferMessage.format("sip:alice@example.org", "sip:bob@example.org", id,
                Instant.parse("2006-04-04T17:16:49Z"), offer, e, false, new MultipartCodec(new java.util.Random(1)));
        String text = new String(b.body(), StandardCharsets.UTF_8);
        String headers = text.substring(0, text.indexOf("\r\n\r\n") + 2);
        assertTrue(headers.contains("\r\nNS: imdn <urn:ietf:params:imdn>\r\n"), headers); // §6.1
        assertTrue(headers.contains("\r\nDateTime: 2006-04-04T17:16:49Z\r\n"), headers); // §7.1.1.2
        assertTrue(headers.contains("\r\nimdn.Message-ID: " + id + "\r\n") && id.matches(TOKEN), headers); // §7.1.1.1, §10
        assertTrue(headers.contains("\r\nimdn.Disposition-Notification: positive-delivery, negative-delivery\r\n"),
                headers); // §7.1.1.3, §10
        assertTrue(id.length() * 6 >= 64, "§6.3: at least 64 bits of randomness");
    }
}
