package org.sipdrop.server.internal.storage;

import org.sipdrop.server.internal.TestClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk side of the storage: atomic completion, quota reservations, expiry, restart. */
class FileStoreTest {

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    private FileStore open(long quota) throws IOException {
        return FileStore.open(dir, quota, Duration.ofHours(1), clock);
    }

    private static long count(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.count();
        }
    }

    @Test
    void cutUploadIsNeverVisibleAndReleasesItsReservation() throws Exception {
        FileStore s = open(1000);
        try (Upload u = s.begin("cut", 100, "text/plain", "alice", Duration.ofMinutes(1))) {
            assertEquals(100, s.reserved());
            IOException e = assertThrows(IOException.class, () -> u.copyFrom(new ByteArrayInputStream(new byte[40])));
            assertTrue(e.getMessage().contains("40 of 100"), e.getMessage());
        }
        assertEquals(Optional.empty(), s.find("cut"));
        assertEquals(0, s.reserved());
        assertEquals(0, s.used());
        assertEquals(0, count(dir.resolve("incoming")));
        assertEquals(0, count(dir.resolve("data")));
    }

    @Test
    void reservationsOfUploadsInProgressCountAgainstTheQuota() throws Exception {
        FileStore s = open(1000);
        try (Upload first = s.begin("a", 600, "text/plain", "alice", Duration.ofMinutes(1))) {
            FileStore.StorageFullException e = assertThrows(FileStore.StorageFullException.class,
                    () -> s.begin("b", 500, "text/plain", "alice", Duration.ofMinutes(1)));
            assertEquals(413, e.status());
            assertTrue(e.getMessage().contains("cannot take 500 more bytes"), e.getMessage());
            assertFalse(e.getMessage().contains("400"), "the quota left is not told: " + e.getMessage());
            first.copyFrom(new ByteArrayInputStream(new byte[600]));
            first.commit();
        }
        assertEquals(600, s.used());
        assertEquals(0, s.reserved());
    }

    @Test
    void replacingAFileCountsOnlyTheNewSize() throws Exception {
        FileStore s = open(1000);
        for (int size : new int[] { 700, 300 }) {
            try (Upload u = s.begin("same", size, "text/plain", "alice", Duration.ofMinutes(1))) {
                u.copyFrom(new ByteArrayInputStream(new byte[size]));
                u.commit();
            }
        }
        assertEquals(300, s.used());
        assertEquals(300, s.find("same").orElseThrow().size());
    }

    @Test
    void expiredFilesVanishAndAreRememberedAsExpired() throws Exception {
        FileStore s = open(1000);
        try (Upload u = s.begin("soon", 10, "text/plain", "alice", Duration.ofSeconds(30))) {
            u.copyFrom(new ByteArrayInputStream(new byte[10]));
            u.commit();
        }
        clock.advance(Duration.ofSeconds(29));
        assertTrue(s.find("soon").isPresent());
        assertEquals(0, s.sweep());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), s.find("soon"), "expired even before the sweep");
        assertEquals(1, s.sweep());
        assertFalse(Files.exists(dir.resolve("data/soon")));
        assertFalse(Files.exists(dir.resolve("meta/soon")));
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:30Z")), s.expiredAt("soon"));
        assertEquals(0, s.used());
    }

    @Test
    void expiryIsBoundedByTheMaximum() throws Exception {
        FileStore s = open(1000);
        assertEquals(Duration.ofHours(1), s.expiryFor(Optional.empty()));
        assertEquals(Duration.ofHours(1), s.expiryFor(Optional.of(Duration.ofDays(30))));
        assertEquals(Duration.ofMinutes(5), s.expiryFor(Optional.of(Duration.ofMinutes(5))));
    }

    @Test
    void aRestartKeepsCompleteFilesAndDropsLeftovers() throws Exception {
        FileStore s = open(1000);
        byte[] bytes = "kept across a restart".getBytes();
        try (Upload u = s.begin("kept", bytes.length, "text/plain", "alice", Duration.ofMinutes(10))) {
            u.copyFrom(new ByteArrayInputStream(bytes));
            u.commit();
        }
        Files.write(dir.resolve("incoming/half.1234"), new byte[5]); // an upload cut by a crash
        Files.write(dir.resolve("data/orphan"), new byte[5]); // data whose metadata never arrived
        FileStore again = open(1000);
        FileStore.Entry e = again.find("kept").orElseThrow();
        assertEquals("alice", e.owner());
        assertEquals("text/plain", e.type());
        assertArrayEquals(bytes, Files.readAllBytes(again.path(e)));
        assertEquals(bytes.length, again.used());
        assertEquals(0, count(dir.resolve("incoming")));
        assertFalse(Files.exists(dir.resolve("data/orphan")));
    }
}
