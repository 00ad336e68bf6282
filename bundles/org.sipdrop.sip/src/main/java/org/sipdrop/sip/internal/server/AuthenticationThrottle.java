package org.sipdrop.sip.internal.server;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes guessing passwords online cost time (RFC 7616 §5.1: Digest with human-memorable passwords
 * is open to dictionary attacks, and nothing in the protocol slows them): failed digest
 * verifications are counted per
 * (source address, user name); after {@link #MAX_FAILURES} within {@link #WINDOW} that pair is
 * locked out for a penalty that doubles with each lockout (from {@link #PENALTY} up to
 * {@link #MAX_PENALTY}), during which its credentials are refused without being checked. A
 * success clears the pair, so a user who mistyped a few times is not held back; other users from
 * the same address are not affected. The table is bounded ({@link #CAPACITY} pairs, the least
 * recently used one is forgotten first). Each lockout is logged once at WARNING with the source
 * and the user, never a credential.
 * <p>
 * Thread-safe: the stack's threads share one throttle per server.
 */
final class AuthenticationThrottle {

    /** Failures of one pair within {@link #WINDOW} that lock it out. */
    static final int MAX_FAILURES = 5;
    /** The window the failures are counted in. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The first lockout; each further one doubles it. */
    static final Duration PENALTY = Duration.ofMinutes(1);
    /** The longest lockout. */
    static final Duration MAX_PENALTY = Duration.ofHours(1);
    /** Pairs remembered at most: an attacker inventing user names cannot exhaust memory. */
    static final int CAPACITY = 10_000;
    /** User names longer than this are keyed by a prefix and a hash, so keys stay small. */
    private static final int MAX_KEY_USER = 64;

    private static final System.Logger LOG = System.getLogger(AuthenticationThrottle.class.getName());

    private record Key(String source, String user) {
    }

    private static final class Entry {
        long windowStart;
        int failures;
        long lockedUntil;
        int lockouts;
    }

    private final Clock clock;
    private final int capacity;
    private final Map<Key, Entry> entries;

    AuthenticationThrottle(Clock clock) {
        this(clock, CAPACITY);
    }

    AuthenticationThrottle(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > AuthenticationThrottle.this.capacity;
            }
        };
    }

    /** @return how long {@code user} from {@code source} is still locked out, or empty when it may try */
    synchronized Optional<Duration> lockedOut(String source, String user) {
        Entry e = entries.get(key(source, user));
        long now = clock.millis();
        return e == null || now >= e.lockedUntil ? Optional.empty() : Optional.of(Duration.ofMillis(e.lockedUntil - now));
    }

    /** Counts a failed verification; the {@link #MAX_FAILURES}th within the window starts a lockout. */
    synchronized void failed(String source, String user) {
        Key key = key(source, user);
        long now = clock.millis();
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        if (e.failures == 0 || now - e.windowStart >= WINDOW.toMillis()) {
            e.windowStart = now;
            e.failures = 0;
        }
        e.failures++;
        if (e.failures >= MAX_FAILURES) {
            long penalty = Math.min(PENALTY.toMillis() << Math.min(e.lockouts, 20), MAX_PENALTY.toMillis());
            e.lockedUntil = now + penalty;
            e.lockouts++;
            e.failures = 0;
            LOG.log(System.Logger.Level.WARNING, "Authentication of user ''{0}'' from {1} locked out for {2} s after {3} failures"
                    + " within {4} s", printable(user), source, penalty / 1000, MAX_FAILURES, WINDOW.toSeconds());
        }
    }

    /** A success: the pair starts afresh. */
    synchronized void succeeded(String source, String user) {
        entries.remove(key(source, user));
    }

    synchronized int size() {
        return entries.size();
    }

    private static Key key(String source, String user) {
        String u = user == null ? "" : user;
        if (u.length() > MAX_KEY_USER) {
            u = u.substring(0, MAX_KEY_USER) + "#" + Integer.toHexString(u.hashCode()) + "/" + u.length();
        }
        return new Key(source == null ? "?" : source, u);
    }

    /** For the log: at most {@link #MAX_KEY_USER} characters, control characters shown as '?'. */
    static String printable(String user) {
        String u = user == null ? "" : user.length() > MAX_KEY_USER ? user.substring(0, MAX_KEY_USER) + "..." : user;
        StringBuilder b = new StringBuilder(u.length());
        u.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
