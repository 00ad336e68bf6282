package org.sipdrop.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces that need no server state to be checked (RFC 7616 §3.3 suggests
 * {@code time-stamp H(time-stamp ":" ETag ":" secret-data)}; RFC 7616 §5.4-5.5 on their
 * lifetime): {@code base64url(issuedAtMillis[8] || random[12] || HMAC-SHA-256(key, ...)[16])},
 * 48 characters. A nonce with a wrong MAC was not issued by this server (or was issued before
 * its key changed, e.g. by a restart); a nonce older than the lifetime is stale, and the client
 * is told {@code stale=true} so it retries with a fresh one without asking the user.
 */
final class Nonces {

    /** Length of a nonce in characters. */
    static final int LENGTH = 48;

    private static final int RAW = 36;
    private static final int MAC_BYTES = 16;

    /** The result of checking a nonce. */
    enum Check {
        /** Issued by us and within its lifetime. */
        FRESH,
        /** Issued by us, lifetime over (or issued "in the future" after the clock went back). */
        STALE,
        /** Not a nonce of ours. */
        FORGED
    }

    private final SecretKeySpec key;
    private final Clock clock;
    private final long lifetimeMillis;
    private final SecureRandom random;
    private final String realm;

    Nonces(byte[] secret, String realm, Clock clock, Duration lifetime, SecureRandom random) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("Nonce secret must have at least 16 bytes");
        }
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("Nonce lifetime must be positive, was " + lifetime);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.realm = Objects.requireNonNull(realm, "realm");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetimeMillis = lifetime.toMillis();
        this.random = Objects.requireNonNull(random, "random");
    }

    /** @return a fresh nonce */
    String issue() {
        ByteBuffer raw = ByteBuffer.allocate(RAW);
        byte[] nonceRandom = new byte[12];
        random.nextBytes(nonceRandom);
        raw.putLong(clock.millis()).put(nonceRandom);
        raw.put(mac(raw.array(), 20), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.array());
    }

    /** @return whether {@code nonce} is ours and fresh */
    Check check(String nonce) {
        long issued = issuedAt(nonce);
        if (issued == Long.MIN_VALUE) {
            return Check.FORGED;
        }
        long age = clock.millis() - issued;
        return age < 0 || age > lifetimeMillis ? Check.STALE : Check.FRESH;
    }

    /** @return when a nonce of ours was issued (epoch millis), or {@link Long#MIN_VALUE} if forged */
    long issuedAt(String nonce) {
        if (nonce == null || nonce.length() != LENGTH) {
            return Long.MIN_VALUE;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
        byte[] expected = mac(raw, 20);
        byte[] given = new byte[MAC_BYTES];
        System.arraycopy(raw, 20, given, 0, MAC_BYTES);
        byte[] want = new byte[MAC_BYTES];
        System.arraycopy(expected, 0, want, 0, MAC_BYTES);
        if (!MessageDigest.isEqual(want, given)) {
            return Long.MIN_VALUE;
        }
        return ByteBuffer.wrap(raw).getLong();
    }

    /** @return an opaque value fixed for this key and realm (RFC 7616 §3.3 {@code opaque}) */
    String opaque() {
        byte[] mac = mac(("opaque:" + realm).getBytes(StandardCharsets.UTF_8), -1);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 18));
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(realm.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(data, 0, length < 0 ? data.length : length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }
}
