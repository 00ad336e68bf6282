package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class ImdnCodecTest {

    /** RFC 5438 style positive delivery notification. */
    static final String RFC5438_DELIVERED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
            + "  <message-id>34jk324j</message-id>\n"
            + "  <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
            + "  <recipient-uri>im:bob@example.com</recipient-uri>\n"
            + "  <original-recipient-uri>im:bob@example.com</original-recipient-uri>\n"
            + "  <delivery-notification>\n"
            + "    <status>\n"
            + "      <delivered/>\n"
            + "    </status>\n"
            + "  </delivery-notification>\n"
            + "</imdn>\n";

    /** As liblinphone reports an error, its reason extension bound to the prefix "imdn". */
    static final String LINPHONE_ERROR = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\" xmlns:imdn=\"http://www.linphone.org/xsds/imdn.xsd\">"
            + "<message-id>Q1mwfkRzK</message-id><datetime>2024-03-12T09:41:07Z</datetime>"
            + "<delivery-notification><status><error/><imdn:reason code=\"415\">Unsupported media type</imdn:reason>"
            + "</status></delivery-notification></imdn>";

    private final ImdnCodec codec = new ImdnCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsRfc5438DeliveredNotification() throws Exception {
        Imdn i = codec.parse(utf8(RFC5438_DELIVERED));
        assertEquals("34jk324j", i.messageId());
        assertEquals(Instant.parse("2008-04-04T17:16:49Z"), i.dateTime());
        assertEquals(Optional.of("im:bob@example.com"), i.recipientUri());
        assertEquals(Optional.of("im:bob@example.com"), i.originalRecipientUri());
        assertEquals(Imdn.Kind.DELIVERY, i.kind());
        assertEquals(Imdn.Status.DELIVERED, i.status());
        assertFalse(i.isDecline());
    }

    @Test
    void readsLinphoneErrorWithReason() throws Exception {
        Imdn i = codec.parse(utf8(LINPHONE_ERROR));
        assertEquals(Imdn.Status.ERROR, i.status());
        assertEquals(OptionalInt.of(415), i.reasonCode());
        assertEquals(Optional.of("Unsupported media type"), i.reasonText());
        assertFalse(i.isDecline());
    }

    @Test
    void declineIsDeliveryErrorWith603AndSurvivesARoundTrip() throws Exception {
        Imdn d = Imdn.declined("Q1mwfkRzK", Instant.parse("2024-03-12T09:41:07Z"), "sip:bob@example.com");
        String xml = new String(codec.format(d), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<delivery-notification><status><error/>"
                + "<linphoneimdn:reason code=\"603\">Decline</linphoneimdn:reason></status>"), xml);
        Imdn back = codec.parse(codec.format(d));
        assertEquals(d, back);
        assertTrue(back.isDecline());
    }

    @Test
    void everyAllowedKindAndStatusSurvivesARoundTrip() throws Exception {
        for (Imdn.Kind k : Imdn.Kind.values()) {
            for (Imdn.Status s : Imdn.Status.values()) {
                if (k.allows(s)) {
                    Imdn i = new Imdn("id-" + s.wire(), Instant.parse("2024-01-01T00:00:00Z"), "sip:r@example.com",
                            null, k, s, null, null);
                    assertEquals(i, codec.parse(codec.format(i)), k + "/" + s);
                }
            }
        }
    }

    @Test
    void refusesStatusThatRfc5438DoesNotAllowForTheKind() {
        assertThrows(IllegalArgumentException.class, () -> new Imdn("x", Instant.EPOCH, null, null,
                Imdn.Kind.DELIVERY, Imdn.Status.DISPLAYED, null, null));
        PageModeException e = assertThrows(PageModeException.class,
                () -> codec.parse(utf8(RFC5438_DELIVERED.replace("<delivered/>", "<displayed/>"))));
        assertTrue(e.getMessage().contains("displayed"), e.getMessage());
    }

    @Test
    void rejectsMalformedDocuments() {
        assertThrows(PageModeException.class, () -> codec.parse(utf8(RFC5438_DELIVERED.replace(
                "<message-id>34jk324j</message-id>", ""))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(RFC5438_DELIVERED.replace(
                "2008-04-04T12:16:49-05:00", "April 4th"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(RFC5438_DELIVERED.replace(
                "<delivered/>", "<delivered/><failed/>"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(RFC5438_DELIVERED.replace(
                "</delivery-notification>", "</delivery-notification><display-notification><status><displayed/>"
                        + "</status></display-notification>"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(RFC5438_DELIVERED.replace("</imdn>", ""))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8(LINPHONE_ERROR.replace("415", "abc"))));
        assertThrows(PageModeException.class, () -> codec.parse(utf8("<imdn xmlns=\"urn:other\"/>")));
        assertThrows(PageModeException.class, () -> codec.parse(utf8("<!DOCTYPE imdn [<!ENTITY a \"b\">]>"
                + RFC5438_DELIVERED.substring(RFC5438_DELIVERED.indexOf("<imdn")))));
    }

    @Test
    void escapesMarkupInRecipientUris() throws Exception {
        Imdn i = new Imdn("a-b.c", Instant.EPOCH, "sip:o'hara&co@example.com", "sip:<x>@example.com",
                Imdn.Kind.DISPLAY, Imdn.Status.DISPLAYED, null, null);
        assertEquals(i, codec.parse(codec.format(i)));
        assertThrows(IllegalArgumentException.class, () -> new Imdn("a&b", Instant.EPOCH, null, null,
                Imdn.Kind.DISPLAY, Imdn.Status.DISPLAYED, null, null));
    }
}
