package org.sipdrop.transfer.internal.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHasherTest {

    @TempDir
    Path dir;

    @Test
    void hashesTheWholeFileWithProgressPerBuffer() throws Exception {
        byte[] data = random(10_000, 1);
        Path f = Files.write(dir.resolve("a.bin"), data);
        List<Long> progress = new ArrayList<>();
        FileHasher hasher = new FileHasher(10, 4096);
        byte[] digest = hasher.hash(f, progress::add).sha1();
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(data), digest);
        assertEquals(List.of(4096L, 8192L, 10_000L), progress, "one call per bounded buffer");
    }

    @Test
    void secondCallForTheSameVersionDoesNotReadTheFileAgain() throws Exception {
        Path f = Files.write(dir.resolve("a.bin"), random(5000, 2));
        FileHasher hasher = new FileHasher(10, 1024);
        AtomicInteger calls = new AtomicInteger();
        byte[] first = hasher.hash(f, b -> calls.incrementAndGet()).sha1();
        assertEquals(5, calls.get());
        byte[] second = hasher.hash(f, b -> calls.incrementAndGet()).sha1();
        assertEquals(5, calls.get(), "served from the cache: no byte read");
        assertArrayEquals(first, second);
        assertArrayEquals(first, hasher.hash(dir.resolve("./a.bin"), b -> calls.incrementAndGet()).sha1(),
                "another spelling of the same path hits the same entry");
        assertEquals(5, calls.get());
    }

    @Test
    void aChangedFileIsHashedAgain() throws Exception {
        Path f = Files.write(dir.resolve("a.bin"), random(3000, 3));
        FileHasher hasher = new FileHasher(10, 1024);
        AtomicInteger calls = new AtomicInteger();
        byte[] before = hasher.hash(f, b -> calls.incrementAndGet()).sha1();
        byte[] changed = random(4000, 4);
        Files.write(f, changed);
        byte[] after = hasher.hash(f, b -> calls.incrementAndGet()).sha1();
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(changed), after);
        assertTrue(calls.get() > 3, "read again");
        assertEquals(1, hasher.size(), "one entry per path");
        assertTrue(!java.util.Arrays.equals(before, after));
    }

    @Test
    void aNewModificationTimeAloneInvalidatesTheEntry() throws Exception {
        Path f = Files.write(dir.resolve("a.bin"), random(2048, 5));
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000_000_000L));
        FileHasher hasher = new FileHasher(10, 1024);
        AtomicInteger calls = new AtomicInteger();
        hasher.hash(f, b -> calls.incrementAndGet());
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_000_000_060_000L));
        hasher.hash(f, b -> calls.incrementAndGet());
        assertEquals(4, calls.get(), "same size, new date: read twice");
    }

    @Test
    void theCacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
        FileHasher hasher = new FileHasher(2, 1024);
        Path a = Files.write(dir.resolve("a"), random(100, 6));
        Path b = Files.write(dir.resolve("b"), random(100, 7));
        Path c = Files.write(dir.resolve("c"), random(100, 8));
        AtomicInteger reads = new AtomicInteger();
        hasher.hash(a, x -> reads.incrementAndGet());
        hasher.hash(b, x -> reads.incrementAndGet());
        hasher.hash(a, x -> reads.incrementAndGet()); // a is now the most recently used
        hasher.hash(c, x -> reads.incrementAndGet()); // evicts b
        assertEquals(3, reads.get());
        assertEquals(2, hasher.size());
        hasher.hash(a, x -> reads.incrementAndGet());
        assertEquals(3, reads.get(), "a stayed");
        hasher.hash(b, x -> reads.incrementAndGet());
        assertEquals(4, reads.get(), "b was evicted");
    }

    @Test
    void concurrentCallersGetOneConsistentDigest() throws Exception {
        byte[] data = random(300_000, 9);
        Path f = Files.write(dir.resolve("big"), data);
        FileHasher hasher = new FileHasher(10, 4096);
        AtomicLong bytesRead = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<byte[]>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> {
                    long[] last = { 0 };
                    byte[] d = hasher.hash(f, b -> last[0] = b).sha1();
                    bytesRead.addAndGet(last[0]);
                    return d;
                });
            }
            byte[] expected = MessageDigest.getInstance("SHA-1").digest(data);
            for (Future<byte[]> r : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) {
                assertArrayEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(data.length, bytesRead.get(), "the file was read once in all");
    }

    @Test
    void refusesAFolder() {
        IOException e = assertThrows(IOException.class, () -> new FileHasher().sha1(dir));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new FileHasher(0, 4096));
        assertThrows(IllegalArgumentException.class, () -> new FileHasher(10, 1));
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
