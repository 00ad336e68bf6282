package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

/** The IMDNs SipDrop sends, held against RFC 5438 §7.2.1 and the example of §7.2.1.1. */
class NotificationMessageTest {

    private static final Instant SENT = Instant.parse("2008-04-04T17:16:49Z");

    private static String text(FileOfferMessage.Built b) {
        return new String(b.body(), StandardCharsets.UTF_8);
    }

    @Test
    void imdnCarriesItsOwnMessageIdUnderTheImdnNamespace() throws Exception {
        Imdn delivered = Imdn.delivered("34jk324j", SENT, "im:bob@example.com");
        FileOfferMessage.Built b = NotificationMessage.format("im:bob@example.com", "im:alice@example.com", delivered);
        CpimMessage m = CpimCodec.parse(b.body());
        String id = m.messageId().orElseThrow(() -> new AssertionError("§7.2.1: an IMDN MUST contain a Message-ID\n"
                + text(b)));
        assertNotEquals("34jk324j", id, "§7.2.1: the IMDN's Message-ID is different from the IM's");
        assertTrue(text(b).contains("\r\nNS: imdn <urn:ietf:params:imdn>\r\n"), text(b));
        assertTrue(text(b).contains("\r\nimdn.Message-ID: " + id + "\r\n"), text(b));
        assertFalse(text(b).contains("Disposition-Notification"), "§7.2.1: no IMDN may be requested for an IMDN");
        assertEquals(Optional.of("notification"), m.contentHeaders().first("Content-Disposition"));
        assertEquals(ImdnCodec.MEDIA_TYPE, m.contentType());
        assertEquals(delivered, new ImdnCodec().parse(m.content()));
    }

    @Test
    void everyImdnGetsAFreshMessageId() throws Exception {
        Imdn delivered = Imdn.delivered("34jk324j", SENT, "im:bob@example.com");
        String a = CpimCodec.parse(NotificationMessage.format("im:bob@example.com", "im:alice@example.com", delivered)
                .body()).messageId().orElseThrow();
        String b = CpimCodec.parse(NotificationMessage.format("im:bob@example.com", "im:alice@example.com", delivered)
                .body()).messageId().orElseThrow();
        assertNotEquals(a, b, "§6.3: Message-IDs must not collide");
    }

    private static FileOfferMessage offerAsking(String dispositions) throws Exception {
        FileOffer offer = FileOffer.builder("a.txt", 3).build();
        ExternalBody e = ExternalBody.of(offer, java.net.URI.create("https://s.example.org/f/1"), "v1@s.example.org",
                null);
        FileOfferMessage.Built b = FileOfferMessage.format("sip:alice@example.org", "sip:bob@example.org", "msg-1", SENT,
                offer, e, false, new MultipartCodec(new Random(1)));
        String body = text(b).replace("imdn.Disposition-Notification: positive-delivery, negative-delivery",
                "imdn.Disposition-Notification: " + dispositions);
        return FileOfferMessage.parse(b.contentType(), body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void offerAskingOnlyPositiveDeliveryGetsNoFailureNotification() throws Exception {
        FileOfferMessage m = offerAsking("positive-delivery");
        assertTrue(m.notification(Imdn.Status.DELIVERED, null, null).isPresent());
        assertTrue(m.notification(Imdn.Status.FAILED, 410, "expired").isEmpty());
        assertTrue(m.notification(Imdn.Status.ERROR, Imdn.DECLINE_CODE, "Decline").isEmpty());
    }

    @Test
    void offerAskingOnlyNegativeDeliveryGetsNoSuccessNotification() throws Exception {
        FileOfferMessage m = offerAsking("negative-delivery");
        assertTrue(m.notification(Imdn.Status.DELIVERED, null, null).isEmpty());
        Imdn failed = m.notification(Imdn.Status.FAILED, 410, "expired").orElseThrow();
        assertEquals("msg-1", failed.messageId());
        assertEquals(SENT, failed.dateTime(), "§11.1.2: the IM's DateTime");
        assertEquals(Optional.of("sip:bob@example.org"), failed.recipientUri(), "§11.1.3: from the IM's CPIM To");
    }

    @Test
    void offerAskingOnlyDisplayGetsNoDeliveryNotification() throws Exception {
        FileOfferMessage m = offerAsking("display");
        for (Imdn.Status s : Imdn.Status.values()) {
            assertTrue(m.notification(s, null, null).isEmpty(), s.wire());
        }
    }
}
