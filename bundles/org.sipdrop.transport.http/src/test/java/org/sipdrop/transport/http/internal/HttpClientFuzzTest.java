package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for what the HTTP transport reads from a storage server's responses: the
 * {@code Content-Range} of a 206/416 and the {@code WWW-Authenticate: Digest} challenge it answers
 * (RFC 9110 §14.4, RFC 7616 §3.3), and the {@code Range} it parses back. The range parsers return a
 * value or throw IllegalArgumentException (never NumberFormatException); formatted values parse
 * back equal. A challenge is answered with an {@code Authorization} value a server can parse:
 * no control character (the HTTP client would refuse the header), and the realm, nonce and opaque
 * the server sent come back unchanged.
 */
class HttpClientFuzzTest {

    private static final URI BASE = URI.create("https://store.example.org:8443/dav/");
    private static final URI FILE = URI.create("https://store.example.org:8443/dav/a/report.pdf?v=1");

    @FuzzTest(maxDuration = "10m")
    void ranges(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        try {
            Ranges.ByteRange r = Ranges.parseRange(value);
            assertEquals(r, Ranges.parseRange(r.format()));
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
        }
        try {
            Ranges.ContentRange r = Ranges.parseContentRange(value);
            assertEquals(r, Ranges.parseContentRange(r.format()));
            assertTrue(r.length() >= 0);
        } catch (IllegalArgumentException e) {
            rejectLeak(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void digestChallenge(FuzzedDataProvider data) {
        String challenge = data.consumeRemainingAsString();
        Credentials creds = new Credentials(BASE, "alice", "secret".toCharArray(), new SecureRandom());
        Optional<String> answer = creds.digest(challenge, "GET", FILE, "0a4f113b");
        if (answer.isEmpty()) {
            return;
        }
        String value = answer.get();
        assertTrue(value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f && c <= 0xff),
                "a character no header value may hold in " + value);
        Map<String, String> sent = Credentials.params(challenge.substring(7));
        Map<String, String> back = Credentials.params(value.substring(7));
        for (String name : new String[] { "realm", "nonce", "opaque" }) {
            assertEquals(sent.get(name), back.get(name), name + " in " + value);
        }
    }

    private static void rejectLeak(IllegalArgumentException e) {
        if (e instanceof NumberFormatException) {
            throw e;
        }
    }
}
