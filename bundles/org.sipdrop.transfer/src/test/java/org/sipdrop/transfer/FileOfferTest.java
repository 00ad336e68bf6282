package org.sipdrop.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FileOfferTest {

    private static final String HASH = "72:24:5F:E8:65:3D:DD:E2:DE:F3:F8:6D:F5:2A:25:A3:5C:0E:5B:5D";

    @Test
    void sha1AcceptsRfc5547ColonSeparatedHex() {
        FileOffer offer = FileOffer.builder("My cool picture.jpg", 32349).mediaType("image/jpeg").sha1Hex(HASH).build();
        assertEquals("72245fe8653ddde2def3f86df52a25a35c0e5b5d", offer.sha1Hex().orElseThrow());
    }

    @Test
    void defaultsToOctetStreamWhenTypeUnknown() {
        assertEquals(FileOffer.DEFAULT_TYPE, FileOffer.builder("a.bin", 1).build().mediaType());
    }

    @Test
    void mediaTypeIsNormalisedToLowerCase() {
        assertEquals("image/jpeg", FileOffer.builder("a", 1).mediaType("Image/JPEG").build().mediaType());
    }

    @Test
    void rejectsEmptyNameNegativeSizeAndBadType() {
        assertThrows(IllegalArgumentException.class, () -> FileOffer.builder("", 1).build());
        assertThrows(IllegalArgumentException.class, () -> FileOffer.builder("a", -1).build());
        assertThrows(IllegalArgumentException.class, () -> FileOffer.builder("a", 1).mediaType("text").build());
        assertThrows(IllegalArgumentException.class, () -> FileOffer.builder("a", 1).mediaType("text/pl ain").build());
        assertThrows(IllegalArgumentException.class, () -> FileOffer.builder("a", 1).sha1Hex("abcd"));
        assertThrows(IllegalArgumentException.class, () -> FileOffer.builder("a", 1).sha1(new byte[19]));
    }

    @Test
    void sameFileNeedsNameTypeSizeAndHashAlike() {
        FileOffer a = FileOffer.builder("x.txt", 5).mediaType("text/plain").sha1Hex(HASH).transferId("t1").build();
        FileOffer b = a.toBuilder().transferId("t2").build();
        assertTrue(a.sameFileAs(b), "a new transfer id does not make another file");
        assertFalse(a.sameFileAs(a.toBuilder().sha1(new byte[20]).build()));
        assertFalse(a.sameFileAs(FileOffer.builder("x.txt", 5).mediaType("text/plain").build()),
                "without a hash two offers cannot be proven to be the same file");
    }

    @Test
    void digestIsCopiedNotShared() {
        byte[] digest = new byte[20];
        FileOffer offer = FileOffer.builder("a", 1).sha1(digest).build();
        digest[0] = 1;
        offer.sha1().orElseThrow()[1] = 1;
        assertEquals("0000000000000000000000000000000000000000", offer.sha1Hex().orElseThrow());
    }
}
