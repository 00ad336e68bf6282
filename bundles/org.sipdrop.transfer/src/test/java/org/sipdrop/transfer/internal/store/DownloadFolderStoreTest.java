package org.sipdrop.transfer.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore.Partial;

class DownloadFolderStoreTest {

    @TempDir
    Path folder;

    private final DownloadFolderStore store = new DownloadFolderStore();

    @Test
    void receivesIntoPartFileAndMovesItToTheOfferedName() throws Exception {
        byte[] data = bytes(10_000, 1);
        FileOffer offer = offer("report.pdf", data);
        Path result;
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(0, p.offset());
            assertEquals(folder.toRealPath().resolve("report.pdf.part"), p.partFile());
            assertTrue(Files.exists(p.partFile().resolveSibling("report.pdf.part.meta")));
            write(p, data, 0, data.length, 777);
            result = p.complete();
        }
        assertEquals(folder.toRealPath().resolve("report.pdf"), result);
        assertArrayEquals(data, Files.readAllBytes(result));
        assertFalse(Files.exists(folder.resolve("report.pdf.part")));
        assertFalse(Files.exists(folder.resolve("report.pdf.part.meta")), "the sidecar goes with the part");
    }

    @ParameterizedTest
    @ValueSource(strings = { "../../etc/passwd", "..\\..\\win.ini", "/tmp/abs", "a/b", "CON.txt", "\u0000", ".." })
    void hostileNamesStayInsideTheFolder(String hostile) throws Exception {
        byte[] data = bytes(100, 2);
        Path result;
        try (Partial p = store.begin(folder, offer(hostile, data))) {
            write(p, data, 0, data.length, 100);
            result = p.complete();
        }
        assertEquals(folder.toRealPath(), result.getParent());
        assertEquals(SafeFileName.of(hostile), result.getFileName().toString());
    }

    @Test
    void neverOverwritesAnExistingFileButNumbersTheNewOne() throws Exception {
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Files.writeString(folder.resolve("notes (1).txt"), "mine too");
        byte[] data = "theirs".getBytes(StandardCharsets.UTF_8);
        Path result = receive(offer("notes.txt", data), data);
        assertEquals("notes (2).txt", result.getFileName().toString());
        assertEquals("mine", Files.readString(folder.resolve("notes.txt")));
        assertEquals("mine too", Files.readString(folder.resolve("notes (1).txt")));
    }

    @Test
    void collidingDoubleExtensionIsNumberedBeforeIt() throws Exception {
        Files.writeString(folder.resolve("src.tar.gz"), "old");
        byte[] data = bytes(50, 3);
        assertEquals("src (1).tar.gz", receive(offer("src.tar.gz", data), data).getFileName().toString());
    }

    @Test
    void aDanglingSymlinkAtTheTargetNameIsNotFollowed() throws Exception {
        Path outside = Files.createTempDirectory("sipdrop-outside");
        try {
            Path victim = outside.resolve("victim.txt");
            link(folder.resolve("victim.txt"), victim);
            byte[] data = bytes(20, 4);
            Path result = receive(offer("victim.txt", data), data);
            assertEquals("victim (1).txt", result.getFileName().toString());
            assertFalse(Files.exists(victim), "nothing was written through the link");
        } finally {
            Files.deleteIfExists(outside.resolve("victim.txt"));
            Files.delete(outside);
        }
    }

    /** A receive that failed before its first byte left a 0-byte .part and its .part.meta behind. */
    @Test
    void aCutBeforeTheFirstByteLeavesNothingBehind() throws Exception {
        byte[] data = bytes(5_000, 9);
        try (Partial p = store.begin(folder, offer("never.bin", data))) {
            assertTrue(Files.exists(p.partFile()));
        }
        assertFalse(Files.exists(folder.resolve("never.bin.part")));
        assertFalse(Files.exists(folder.resolve("never.bin.part.meta")));
        try (Partial p = store.begin(folder, offer("never.bin", data))) {
            write(p, data, 0, 1, 1);
        }
        assertEquals(1, Files.size(folder.resolve("never.bin.part")), "one byte is worth resuming");
    }

    @Test
    void resumesAfterACutAtRandomOffsetsAndYieldsTheRightHash() throws Exception {
        Random random = new Random(5547);
        byte[] data = bytes(200_000, 5);
        FileOffer offer = offer("big.bin", data);
        int written = 0;
        for (int cut = 0; cut < 5; cut++) {
            int end = written + random.nextInt(data.length / 5);
            try (Partial p = store.begin(folder, offer)) {
                assertEquals(written, p.offset(), "resumes where the previous attempt stopped");
                write(p, data, written, end, 1 + random.nextInt(9000));
            } // closed without complete: a cut
            written = end;
            assertTrue(Files.exists(folder.resolve("big.bin.part")));
        }
        Path result;
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(written, p.offset());
            write(p, data, written, data.length, 4096);
            result = p.complete();
        }
        assertArrayEquals(data, Files.readAllBytes(result));
        assertEquals("big.bin", result.getFileName().toString());
    }

    @Test
    void resumeRehashesTheExistingPrefixSoACorruptPrefixIsCaught() throws Exception {
        byte[] data = bytes(5000, 6);
        FileOffer offer = offer("c.bin", data);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, 2000, 500);
        }
        byte[] part = Files.readAllBytes(folder.resolve("c.bin.part"));
        part[10] ^= 1; // damaged on disk between the two attempts
        Files.write(folder.resolve("c.bin.part"), part);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 2000, data.length, 1000);
            IOException e = assertThrows(IOException.class, p::complete);
            assertTrue(e.getMessage().startsWith("hash mismatch: expected " + offer.sha1Hex().orElseThrow() + ", got "),
                    e.getMessage());
        }
    }

    @Test
    void aPartCutAfterItsLastByteResumesAtTheEndAndCompletes() throws Exception {
        byte[] data = bytes(4000, 11);
        FileOffer offer = offer("whole.bin", data);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, data.length, 1000); // cut before the move
        }
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(data.length, p.offset(), "every byte is held");
            Path saved = p.complete();
            assertEquals(folder.toRealPath().resolve("whole.bin"), saved);
            assertArrayEquals(data, Files.readAllBytes(saved));
        }
    }

    @Test
    void aFullLengthPartThatDoesNotMatchTheHashRestartsFromZero() throws Exception {
        byte[] data = bytes(4000, 12);
        FileOffer offer = offer("bad.bin", data);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, data.length, 1000);
        }
        byte[] part = Files.readAllBytes(folder.resolve("bad.bin.part"));
        part[3999] ^= 1;
        Files.write(folder.resolve("bad.bin.part"), part);
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(0, p.offset(), "a full part with the wrong hash is not the offered file");
            assertEquals(0, Files.size(p.partFile()));
            write(p, data, 0, data.length, 1000);
            assertArrayEquals(data, Files.readAllBytes(p.complete()));
        }
    }

    @Test
    void aPartOfAnotherFileWithTheSameNameIsLeftAlone() throws Exception {
        byte[] first = bytes(3000, 7);
        byte[] second = bytes(3000, 8);
        try (Partial p = store.begin(folder, offer("same.txt", first))) {
            write(p, first, 0, 1000, 1000);
        }
        try (Partial p = store.begin(folder, offer("same.txt", second))) {
            assertEquals(0, p.offset());
            assertEquals("same (1).txt.part", p.partFile().getFileName().toString());
            write(p, second, 0, second.length, 1000);
            assertEquals("same.txt", p.complete().getFileName().toString());
        }
        assertEquals(1000, Files.size(folder.resolve("same.txt.part")), "the other part is untouched");
    }

    @Test
    void twoTransfersOfTheSameOfferAtOnceGetTwoParts() throws Exception {
        byte[] data = bytes(100, 9);
        FileOffer offer = offer("twice.txt", data);
        try (Partial a = store.begin(folder, offer); Partial b = store.begin(folder, offer)) {
            assertNotEquals(a.partFile(), b.partFile());
        }
    }

    @Test
    void anOfferWithoutHashRestartsItsPart() throws Exception {
        byte[] data = bytes(1000, 10);
        FileOffer offer = FileOffer.builder("nohash.bin", data.length).build();
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, 400, 100);
        }
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(0, p.offset(), "without a hash the old bytes cannot be proven to be this file's");
            assertEquals("nohash.bin.part", p.partFile().getFileName().toString());
            write(p, data, 0, data.length, 300);
            assertArrayEquals(data, Files.readAllBytes(p.complete()));
        }
    }

    @Test
    void hashMismatchKeepsThePartAndReportsBothHashes() throws Exception {
        byte[] data = bytes(4000, 11);
        byte[] other = bytes(4000, 12);
        FileOffer offer = offer("x.bin", other);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, data.length, 1024);
            IOException e = assertThrows(IOException.class, p::complete);
            String expected = "hash mismatch: expected " + hex(sha1(other)) + ", got " + hex(sha1(data));
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
            assertTrue(Files.exists(p.partFile()), "kept for inspection");
            assertArrayEquals(data, Files.readAllBytes(p.partFile()));
        }
        assertFalse(Files.exists(folder.resolve("x.bin")));
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(0, p.offset(), "a known-bad part is not resumed");
            assertEquals("x (1).bin.part", p.partFile().getFileName().toString());
        }
    }

    @Test
    void completeRefusesAnIncompleteFileAndKeepsItResumable() throws Exception {
        byte[] data = bytes(1000, 13);
        FileOffer offer = offer("short.bin", data);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, 999, 333);
            IOException e = assertThrows(IOException.class, p::complete);
            assertTrue(e.getMessage().contains("expected 1000 bytes, got 999"), e.getMessage());
        }
        try (Partial p = store.begin(folder, offer)) {
            assertEquals(999, p.offset());
        }
    }

    @Test
    void refusesWritesPastTheOfferedSize() throws Exception {
        byte[] data = bytes(100, 14);
        try (Partial p = store.begin(folder, offer("small.bin", data))) {
            write(p, data, 0, 90, 90);
            IOException e = assertThrows(IOException.class, () -> p.write(ByteBuffer.wrap(new byte[11])));
            assertTrue(e.getMessage().contains("past the offered size"), e.getMessage());
            assertEquals(90, p.offset(), "nothing of the refused write was taken");
            write(p, data, 90, 100, 10);
            assertArrayEquals(data, Files.readAllBytes(p.complete()));
        }
    }

    @Test
    void refusesASymlinkedPartFile() throws Exception {
        Path outside = Files.createTempDirectory("sipdrop-outside");
        try {
            Path target = Files.writeString(outside.resolve("precious.txt"), "keep me");
            byte[] data = bytes(10, 15);
            FileOffer offer = offer("precious.txt", data);
            link(folder.resolve("precious.txt.part"), target);
            IOException e = assertThrows(IOException.class, () -> store.begin(folder, offer));
            assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
            assertEquals("keep me", Files.readString(target));
        } finally {
            Files.deleteIfExists(outside.resolve("precious.txt"));
            Files.delete(outside);
        }
    }

    @Test
    void refusesASymlinkedSidecar() throws Exception {
        Path target = Files.writeString(Files.createTempFile("sipdrop-meta", ".txt"), "keep me");
        try {
            byte[] data = bytes(10, 16);
            link(folder.resolve("m.txt.part.meta"), target);
            assertThrows(IOException.class, () -> store.begin(folder, offer("m.txt", data)));
            assertEquals("keep me", Files.readString(target));
        } finally {
            Files.delete(target);
        }
    }

    @Test
    void refusesToResumeAPartWithAnotherHardLink() throws Exception {
        byte[] data = bytes(100, 21);
        FileOffer offer = offer("h.bin", data);
        try (Partial p = store.begin(folder, offer)) {
            write(p, data, 0, 50, 50);
        }
        Path other = folder.resolve("elsewhere.bin");
        try {
            Files.createLink(other, folder.resolve("h.bin.part"));
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeTrue(false, "hard links unavailable here: " + e);
        }
        assumeTrue(Files.getFileStore(folder).supportsFileAttributeView("unix"), "no link count on this system");
        IOException e = assertThrows(IOException.class, () -> store.begin(folder, offer));
        assertTrue(e.getMessage().contains("hard links"), e.getMessage());
    }

    @Test
    void aDownloadFolderThatIsAFileIsReported() throws Exception {
        Path file = Files.writeString(folder.resolve("plain"), "x");
        byte[] data = bytes(1, 22);
        IOException e = assertThrows(IOException.class, () -> store.begin(file, offer("a", data)));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
    }

    @Test
    void aFolderReachedThroughASymlinkIsUsedByItsRealPath() throws Exception {
        Path real = Files.createDirectory(folder.resolve("real"));
        Path alias = folder.resolve("alias");
        link(alias, real);
        byte[] data = bytes(10, 17);
        Path result = receive(alias, offer("a.txt", data), data);
        assertEquals(real.toRealPath().resolve("a.txt"), result);
    }

    @Test
    void createsAMissingDownloadFolder() throws Exception {
        byte[] data = bytes(10, 18);
        Path result = receive(folder.resolve("new/sub"), offer("a.txt", data), data);
        assertTrue(Files.isRegularFile(result));
    }

    @Test
    void writesAfterCloseAreRefused() throws Exception {
        byte[] data = bytes(10, 19);
        Partial p = store.begin(folder, offer("closed.txt", data));
        p.close();
        assertFalse(p.isOpen());
        assertThrows(ClosedChannelException.class, () -> p.write(ByteBuffer.wrap(data)));
        assertThrows(ClosedChannelException.class, p::complete);
    }

    @Test
    void anEmptyFileCompletes() throws Exception {
        Path result = receive(offer("empty.txt", new byte[0]), new byte[0]);
        assertEquals(0, Files.size(result));
    }

    @Test
    void longNamesLeaveRoomForThePartSuffixes() throws Exception {
        byte[] data = bytes(10, 20);
        String name = "\u00E9".repeat(200) + ".txt";
        try (Partial p = store.begin(folder, offer(name, data))) {
            int bytes = p.partFile().getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes + PartMeta.SUFFIX.length() <= SafeFileName.MAX_BYTES);
            write(p, data, 0, data.length, 10);
            assertTrue(p.complete().getFileName().toString().endsWith(".txt"));
        }
    }

    private Path receive(FileOffer offer, byte[] data) throws IOException {
        return receive(folder, offer, data);
    }

    private Path receive(Path dir, FileOffer offer, byte[] data) throws IOException {
        try (Partial p = store.begin(dir, offer)) {
            write(p, data, 0, data.length, 1000);
            return p.complete();
        }
    }

    private static void write(Partial p, byte[] data, int from, int to, int chunk) throws IOException {
        for (int i = from; i < to; i += chunk) {
            ByteBuffer b = ByteBuffer.wrap(data, i, Math.min(chunk, to - i));
            assertEquals(b.remaining(), p.write(b));
        }
    }

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeTrue(false, "symbolic links unavailable here: " + e);
        }
    }

    static FileOffer offer(String name, byte[] data) {
        return FileOffer.builder(name, data.length).sha1(sha1(data)).build();
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
