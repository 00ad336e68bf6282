package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.sipdrop.server.internal.NonceCounts.Result;

class NonceCountsTest {

    @Test
    void acceptsOnlyIncreasingCounts() {
        NonceCounts counts = new NonceCounts(10);
        assertEquals(Result.ACCEPTED, counts.present("n", 100, 1, 0));
        assertEquals(Result.REPLAYED, counts.present("n", 100, 1, 0));
        assertEquals(Result.ACCEPTED, counts.present("n", 100, 3, 0));
        assertEquals(Result.REPLAYED, counts.present("n", 100, 2, 0));
    }

    @Test
    void evictionNeverLetsAReplayThrough() {
        NonceCounts counts = new NonceCounts(2);
        assertEquals(Result.ACCEPTED, counts.present("a", 100, 1, 0));
        assertEquals(Result.ACCEPTED, counts.present("b", 200, 1, 0));
        assertEquals(Result.ACCEPTED, counts.present("c", 300, 1, 0)); // evicts a
        assertEquals(2, counts.size());
        assertEquals(Result.FORGOTTEN, counts.present("a", 100, 1, 0), "a replay of a's first request");
        assertEquals(Result.FORGOTTEN, counts.present("z", 50, 1, 0), "older than the watermark");
    }

    @Test
    void dropsExpiredNoncesFirstWhenFull() {
        NonceCounts counts = new NonceCounts(2);
        counts.present("old", 100, 1, 0);
        counts.present("new", 1000, 1, 0);
        assertEquals(Result.ACCEPTED, counts.present("newer", 1100, 1, 500));
        assertEquals(Result.ACCEPTED, counts.present("new", 1000, 2, 500), "the fresh one was kept");
    }

    @Test
    void rejectsZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new NonceCounts(0));
    }

    @Test
    void noncesFromThisKeyAreFreshThenStaleAndOthersForged() {
        TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));
        Nonces nonces = new Nonces(new byte[16], "r", clock, Duration.ofSeconds(30), new SecureRandom());
        String n = nonces.issue();
        assertEquals(Nonces.LENGTH, n.length());
        assertEquals(Nonces.Check.FRESH, nonces.check(n));
        clock.advance(Duration.ofSeconds(31));
        assertEquals(Nonces.Check.STALE, nonces.check(n));
        char[] tampered = n.toCharArray();
        tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
        assertEquals(Nonces.Check.FORGED, nonces.check(new String(tampered)));
        assertEquals(Nonces.Check.FORGED, nonces.check("short"));
        assertEquals(Nonces.Check.FORGED, nonces.check("!".repeat(Nonces.LENGTH)));
        Nonces otherRealm = new Nonces(new byte[16], "other", clock, Duration.ofSeconds(30), new SecureRandom());
        assertEquals(Nonces.Check.FORGED, otherRealm.check(nonces.issue()));
    }
}
