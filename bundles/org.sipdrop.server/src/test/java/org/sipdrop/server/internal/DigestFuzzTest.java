package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sipdrop.server.internal.storage.ByteRange;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for the header values the embedded server parses from clients: an
 * {@code Authorization}/{@code Proxy-Authorization} Digest value (RFC 7616, RFC 9110 §11) and the
 * storage's {@code Range} (RFC 9110 §14). {@link AuthParams#parse} returns the parameters or
 * throws IllegalArgumentException; {@link DigestAuth#verify} always returns a verdict;
 * {@link ByteRange#parse} always returns a range within the file.
 */
class DigestFuzzTest {

    private static final String REALM = "sipdrop.test";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]*)\"");
    private static final Pattern OPAQUE = Pattern.compile("opaque=\"([^\"]*)\"");

    private final DigestAuth auth;
    private final String nonce;
    private final String opaque;

    DigestFuzzTest() throws IOException {
        UserDirectory users = UserDirectory.parse(new StringReader("alice:Wonder land\n"), "users", REALM);
        auth = new DigestAuth(REALM, users, new TestClock(Instant.parse("2025-01-01T10:00:00Z")), new SecureRandom(),
                new byte[32], Duration.ofMinutes(5), 100);
        String challenge = auth.challenges(false).get(0);
        nonce = group(NONCE, challenge);
        opaque = group(OPAQUE, challenge);
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(m.find(), s);
        return m.group(1);
    }

    /**
     * A credentials value; {@code $NONCE} and {@code $OPAQUE} in it stand for a nonce this server
     * issued and its opaque, so that the fuzzer gets past the nonce check into the response check.
     * Quoting round trip: parse(quote(v)) gives v back.
     */
    @FuzzTest(maxDuration = "10m")
    void authorization(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString().replace("$NONCE", nonce).replace("$OPAQUE", opaque);
        try {
            Map<String, String> params = AuthParams.parse(value, "Digest");
            for (Map.Entry<String, String> p : params.entrySet()) {
                String again = AuthParams.parse("Digest " + p.getKey() + "=" + AuthParams.quote(p.getValue()), "Digest")
                        .get(p.getKey());
                assertEquals(p.getValue(), again);
            }
        } catch (IllegalArgumentException e) {
            if (e instanceof NumberFormatException) {
                throw e;
            }
        }
        DigestAuth.Verdict verdict = auth.verify("REGISTER", null, value);
        assertTrue(verdict != null);
    }

    /** Range (RFC 9110 §14.2) against files of every size, 0 included. */
    @FuzzTest(maxDuration = "10m")
    void range(FuzzedDataProvider data) {
        long size = data.consumeLong(0, Long.MAX_VALUE / 2);
        String header = data.consumeRemainingAsString();
        ByteRange r = ByteRange.parse(header, size);
        if (r.kind() == ByteRange.Kind.PARTIAL) {
            assertTrue(r.first() >= 0 && r.first() <= r.last() && r.last() < size, r + " of " + size);
            assertTrue(r.length() >= 1);
        }
    }
}
