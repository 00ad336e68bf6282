package org.sipdrop.transfer.internal.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.FileOffer;

class FileOffersTest {

    @TempDir
    Path dir;

    @Test
    void offerCarriesNameTypeSizeHashAndModificationDate() throws Exception {
        byte[] data = TestData.bytes();
        Path f = Files.write(dir.resolve("Main.java"), data);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2024-05-01T10:15:30.123Z")));
        FileOffer offer = new FileOffers(new FileHasher()).of(f);
        assertEquals("Main.java", offer.name());
        assertEquals(data.length, offer.size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data)), offer.sha1Hex().orElseThrow());
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), offer.modified().orElseThrow(), "to the second, as on the wire");
        assertEquals(MediaTypes.of(f), offer.mediaType());
    }

    @Test
    void offeringTheSameFileAgainUsesTheCachedHash() throws Exception {
        Path f = Files.write(dir.resolve("a.bin"), TestData.bytes());
        FileOffers offers = new FileOffers(new FileHasher(10, 1024));
        AtomicInteger reads = new AtomicInteger();
        FileOffer first = offers.of(f, b -> reads.incrementAndGet());
        int afterFirst = reads.get();
        FileOffer second = offers.of(f, b -> reads.incrementAndGet());
        assertEquals(afterFirst, reads.get());
        assertEquals(first, second);
    }

    @Test
    void offerWithoutHashIsImmediate() throws Exception {
        Path f = Files.write(dir.resolve("a.txt"), new byte[7]);
        FileOffer offer = new FileOffers(new FileHasher()).withoutHash(f);
        assertEquals(7, offer.size());
        assertFalse(offer.sha1().isPresent());
    }

    @Test
    void aFolderCannotBeOffered() {
        FileOffers offers = new FileOffers(new FileHasher());
        assertThrows(IOException.class, () -> offers.of(dir));
        assertThrows(IOException.class, () -> offers.withoutHash(dir));
    }

    /** Test data. */
    static final class TestData {
        static byte[] bytes() {
            return FileHasherTest.random(3000, 42);
        }
    }
}
