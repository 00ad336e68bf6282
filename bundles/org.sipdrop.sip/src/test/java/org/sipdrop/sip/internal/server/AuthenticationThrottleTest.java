package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** Lockout of (source, user) pairs after repeated failed authentications, with a hand-moved clock. */
class AuthenticationThrottleTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(clock);

    private void fail(String source, String user, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(source, user);
        }
    }

    @Test
    void locksOutAfterMaxFailuresWithinTheWindowOnlyThatPair() {
        fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES - 1);
        assertTrue(throttle.lockedOut("10.0.0.1", "alice").isEmpty(), "a few typos are allowed");
        fail("10.0.0.1", "alice", 1);
        assertEquals(AuthenticationThrottle.PENALTY, throttle.lockedOut("10.0.0.1", "alice").orElseThrow());
        assertTrue(throttle.lockedOut("10.0.0.1", "bob").isEmpty(), "another user from the same address");
        assertTrue(throttle.lockedOut("10.0.0.2", "alice").isEmpty(), "the same user from another address");
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES - 1);
        clock.advance(AuthenticationThrottle.WINDOW);
        fail("10.0.0.1", "alice", 1);
        assertTrue(throttle.lockedOut("10.0.0.1", "alice").isEmpty());
    }

    @Test
    void lockoutEndsAfterThePenaltyAndTheNextOneIsLonger() {
        fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES);
        clock.advance(AuthenticationThrottle.PENALTY);
        assertTrue(throttle.lockedOut("10.0.0.1", "alice").isEmpty());
        fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES);
        assertEquals(AuthenticationThrottle.PENALTY.multipliedBy(2), throttle.lockedOut("10.0.0.1", "alice").orElseThrow());
        for (int i = 0; i < 20; i++) {
            clock.advance(AuthenticationThrottle.MAX_PENALTY);
            fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES);
        }
        assertEquals(AuthenticationThrottle.MAX_PENALTY, throttle.lockedOut("10.0.0.1", "alice").orElseThrow(), "bounded");
    }

    @Test
    void successStartsAfresh() {
        fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES - 1);
        throttle.succeeded("10.0.0.1", "alice");
        fail("10.0.0.1", "alice", AuthenticationThrottle.MAX_FAILURES - 1);
        assertTrue(throttle.lockedOut("10.0.0.1", "alice").isEmpty());
    }

    @Test
    void memoryIsBoundedEvenForInventedLongUserNames() {
        AuthenticationThrottle small = new AuthenticationThrottle(clock, 100);
        for (int i = 0; i < 1000; i++) {
            small.failed("10.0.0.1", "u" + i + "x".repeat(10_000));
        }
        assertEquals(100, small.size());
    }

    @Test
    void eachLockoutIsLoggedOnceWithSourceAndUserOnly() {
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jul = Logger.getLogger(AuthenticationThrottle.class.getName());
        jul.addHandler(h);
        try {
            fail("10.0.0.9", "mallory\r\nforged", AuthenticationThrottle.MAX_FAILURES + 3);
        } finally {
            jul.removeHandler(h);
        }
        List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), "once per lockout");
        String text = java.text.MessageFormat.format(warnings.get(0).getMessage(), warnings.get(0).getParameters());
        assertTrue(text.contains("10.0.0.9") && text.contains("mallory??forged"), text);
        assertFalse(text.contains("\n"), "no log injection: " + text);
    }
}
