package org.sipdrop.negotiation.internal.pagemode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

class FileOfferMessageTest {

    private static final URI URL = URI.create("https://store.example.org/dav/7kq3xw2m5dm4v6o2j3m2xg7ybtyc4r5f.pdf");
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-11-27T10:00:00Z");
    private static final FileOffer OFFER = FileOffer.builder("report \"final\".pdf", 52234).mediaType("application/pdf")
            .sha1Hex("72245fe8653ddaf371362f86d471913ee4a2ce2e").modified(Instant.parse("2026-11-25T09:00:00Z")).build();

    private static FileOfferMessage.Built built(FileOffer offer, boolean rcs) {
        ExternalBody e = ExternalBody.of(offer, URL, "a1b2@store.example.org", EXPIRES);
        return FileOfferMessage.format("sip:alice@example.org", "sip:bob@example.org", "msg-1", NOW, offer, e, rcs,
                new MultipartCodec(new Random(1)));
    }

    @Test
    void offerRoundTripsWithEverythingTheReceiverDecidesOn() throws Exception {
        FileOfferMessage.Built b = built(OFFER, true);
        assertEquals("Message/CPIM", b.contentType());
        FileOfferMessage m = FileOfferMessage.parse(b.contentType(), b.body()).orElseThrow();
        assertEquals(URL, m.external().url());
        assertEquals(EXPIRES, m.external().expiration().orElseThrow());
        FileOffer back = m.external().toOffer();
        assertTrue(back.sameFileAs(OFFER), back + " vs " + OFFER);
        assertEquals(OFFER.modified(), back.modified());
        assertEquals("msg-1", m.messageId().orElseThrow());
        assertEquals(NOW, m.dateTime().orElseThrow());
        assertTrue(m.notification(Imdn.Status.DELIVERED, null, null).isPresent());
    }

    @Test
    void metadataPartUsesTheRfc5547FileSelectorSyntax() {
        String text = new String(built(OFFER, false).body(), StandardCharsets.UTF_8);
        assertTrue(text.contains("Content-Type: " + FileOfferMessage.SELECTOR_TYPE), text);
        assertTrue(text.contains("\r\na=file-selector:name:\""), text);
        assertTrue(text.contains("size:52234") && text.contains("hash:sha-1:72:24:5F:E8"), text);
        assertTrue(text.contains("a=file-date:modification:"), text);
        assertTrue(text.contains("Content-Type: message/external-body; access-type="), text);
        assertTrue(text.contains("imdn.Disposition-Notification: positive-delivery, negative-delivery"), text);
    }

    @Test
    void hostileNameSurvivesExactlyAndAddsNoHeader() throws Exception {
        FileOffer hostile = FileOffer.builder("../../x\r\nContent-Type: text/html\u00e9.sh", 3).build();
        FileOfferMessage.Built b = built(hostile, true);
        String text = new String(b.body(), StandardCharsets.UTF_8);
        assertTrue(text.lines().noneMatch(l -> l.equals("Content-Type: text/html\u00e9.sh")), text);
        assertEquals(hostile.name(), FileOfferMessage.parse(b.contentType(), b.body()).orElseThrow().external().toOffer().name());
    }

    @Test
    void sizeThatDisagreesWithTheFileSelectorIsRefused() throws Exception {
        FileOffer other = FileOffer.builder(OFFER.name(), 99).mediaType("application/pdf").build();
        ExternalBody e = ExternalBody.of(other, URL, null, EXPIRES);
        MultipartCodec mp = new MultipartCodec(new Random(2));
        MultipartCodec.Built mixed = mp.format(List.of(
                new MultipartCodec.Part(MimeHeaders.builder().add("Content-Type", ExternalBodyCodec.contentType(e)).build(),
                        ExternalBodyCodec.body(e)),
                MultipartCodec.Part.of(FileOfferMessage.SELECTOR_TYPE,
                        "a=file-selector:name:\"x.pdf\" size:52234\r\n".getBytes(StandardCharsets.US_ASCII))));
        PageModeException x = assertThrows(PageModeException.class, () -> FileOfferMessage.parse(mixed.contentType(), mixed.body()));
        assertTrue(x.getMessage().contains("99") && x.getMessage().contains("52234"), x.getMessage());
    }

    /** RFC 4483 §5.12 hash on the external-body against the RFC 5547 §6 hash of the file-selector. */
    @Test
    void hashThatDisagreesWithTheFileSelectorIsRefused() throws Exception {
        FileOffer other = FileOffer.builder(OFFER.name(), OFFER.size()).mediaType("application/pdf")
                .sha1Hex("0123456789abcdef0123456789abcdef01234567").build();
        ExternalBody e = ExternalBody.of(other, URL, null, EXPIRES);
        MultipartCodec.Built mixed = new MultipartCodec(new Random(2)).format(List.of(
                new MultipartCodec.Part(MimeHeaders.builder().add("Content-Type", ExternalBodyCodec.contentType(e)).build(),
                        new byte[0]),
                MultipartCodec.Part.of(FileOfferMessage.SELECTOR_TYPE, ("a=file-selector:name:\"x.pdf\" size:52234 "
                        + "hash:sha-1:72:24:5F:E8:65:3D:DA:F3:71:36:2F:86:D4:71:91:3E:E4:A2:CE:2E\r\n")
                        .getBytes(StandardCharsets.US_ASCII))));
        PageModeException x = assertThrows(PageModeException.class,
                () -> FileOfferMessage.parse(mixed.contentType(), mixed.body()));
        assertTrue(x.getMessage().contains("0123456789abcdef0123456789abcdef01234567")
                && x.getMessage().contains("72245fe8653ddaf371362f86d471913ee4a2ce2e"), x.getMessage());
    }

    @Test
    void bareExternalBodyAndBareRcsBodyAreOffersToo() throws Exception {
        ExternalBody e = ExternalBody.of(OFFER, URL, null, EXPIRES);
        FileOfferMessage bare = FileOfferMessage.parse(ExternalBodyCodec.contentType(e), ExternalBodyCodec.body(e)).orElseThrow();
        assertEquals(URL, bare.external().url());
        assertTrue(bare.notification(Imdn.Status.FAILED, 500, "x").isEmpty());
        byte[] rcs = new RcsFtHttpCodec().format(new RcsFtHttpCodec.Body(RcsFileInfo.of(OFFER, URL, EXPIRES), null));
        FileOfferMessage fromRcs = FileOfferMessage.parse(RcsFtHttpCodec.MEDIA_TYPE, rcs).orElseThrow();
        assertEquals(52234, fromRcs.external().toOffer().size());
        assertEquals(OFFER.name(), fromRcs.external().toOffer().name());
    }

    @Test
    void textMessageIsNoOffer() throws Exception {
        CpimMessage text = new CpimMessage(new CpimMessage.Address(null, "sip:a@x"), new CpimMessage.Address(null, "sip:b@x"),
                NOW, null, Set.of(), MimeHeaders.builder().add("Content-Type", "text/plain").build(),
                "hi".getBytes(StandardCharsets.UTF_8));
        assertTrue(FileOfferMessage.parse(CpimCodec.MEDIA_TYPE, CpimCodec.format(text)).isEmpty());
    }

    @Test
    void declineNotificationRoundTrips() throws Exception {
        Imdn declined = Imdn.declined("msg-1", NOW, "sip:bob@example.org");
        FileOfferMessage.Built b = NotificationMessage.format("sip:bob@example.org", "sip:alice@example.org", declined);
        assertTrue(new String(b.body(), StandardCharsets.UTF_8).contains("Content-Disposition: notification"));
        Imdn back = NotificationMessage.parse(b.contentType(), b.body()).orElseThrow();
        assertTrue(back.isDecline());
        assertEquals("msg-1", back.messageId());
        assertTrue(NotificationMessage.parse("text/plain", new byte[0]).isEmpty());
    }
}
