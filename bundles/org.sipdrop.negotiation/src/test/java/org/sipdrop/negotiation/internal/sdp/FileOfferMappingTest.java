package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

class FileOfferMappingTest {

    private static FileStream stream(FileSelector selector, FileDate date) {
        return new FileStream(1, MediaDescription.PROTO_MSRP, StreamDirection.SENDONLY, selector, "id1", null, date, null, null, "desc",
                List.of("msrp://h:1/s;tcp"), List.of("*"), List.of(), -1, null, null, List.of());
    }

    @Test
    void selectorCarriesNameTypeSizeAndSha1() {
        FileOffer f = FileOffer.builder("x.bin", 5).sha1Hex("00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33").build();
        assertEquals("name:\"x.bin\" type:application/octet-stream size:5 hash:sha-1:"
                + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33", FileOfferMapping.selectorOf(f).format());
    }

    @Test
    void missingTypeMapsToOctetStreamAndOtherHashesAreNotTakenForSha1() throws SdpException {
        FileOffer f = FileOfferMapping.toFileOffer(stream(FileSelector.of("x", null, 0, "md5", new byte[16]), null));
        assertEquals(FileOffer.DEFAULT_TYPE, f.mediaType());
        assertTrue(f.sha1().isEmpty());
        assertEquals(0, f.size());
        assertEquals("id1", f.transferId().orElseThrow());
        assertEquals("desc", f.description().orElseThrow());
    }

    @Test
    void modificationDateMapsBothWays() throws SdpException {
        Instant when = Instant.parse("2023-06-01T12:00:00Z");
        FileOffer f = FileOffer.builder("x", 1).modified(when).build();
        FileDate date = FileOfferMapping.dateOf(f).orElseThrow();
        assertEquals(when, FileOfferMapping.toFileOffer(stream(FileOfferMapping.selectorOf(f), date)).modified().orElseThrow());
    }

    @Test
    void aModificationTimeBeyondYear9999IsLeftOutNotWrittenUnreadably() throws SdpException {
        FileOffer far = FileOffer.builder("x", 1).modified(Instant.parse("+22006-01-01T00:00:00Z")).build();
        assertTrue(FileOfferMapping.dateOf(far).isEmpty(), "RFC 5322 writes four-digit years only");
        FileOffer last = FileOffer.builder("x", 1).modified(Instant.parse("9999-12-31T23:59:59Z")).build();
        assertEquals(last.modified().orElseThrow(), FileDate.parse(FileOfferMapping.dateOf(last).orElseThrow().format())
                .modificationTime().orElseThrow().toInstant(), "the last writable second round-trips");
    }

    @Test
    void selectorWithoutSizeIsNotAcceptableHereAndWithoutNameGetsOne() throws SdpException {
        assertEquals("file-id1", FileOfferMapping.toFileOffer(stream(FileSelector.of(null, null, 3, null, null), null)).name());
        assertEquals(488, assertThrows(SdpException.class,
                () -> FileOfferMapping.toFileOffer(stream(FileSelector.of("x", null, -1, null, null), null))).status());
    }

    @Test
    void hashNeedsItsAlgorithm() {
        assertThrows(IllegalArgumentException.class, () -> FileSelector.of("x", null, 1, null, new byte[20]));
        assertThrows(IllegalArgumentException.class, () -> FileSelector.of("x", null, 1, "sha-1", new byte[19]));
    }
}
