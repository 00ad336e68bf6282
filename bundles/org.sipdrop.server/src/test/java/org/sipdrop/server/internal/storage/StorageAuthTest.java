package org.sipdrop.server.internal.storage;

import org.sipdrop.server.internal.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.sipdrop.server.internal.DigestAuth;
import org.sipdrop.server.internal.UserDirectory;

/** Who may write to the storage: Digest anywhere, Basic only where it cannot be overheard, anyone in open mode. */
class StorageAuthTest {

    private static final String REALM = "sipdrop.test";
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StorageAuth auth;

    StorageAuthTest() throws Exception {
        UserDirectory users = UserDirectory.parse(new StringReader("alice:wonderland\n"), "users", REALM);
        auth = new StorageAuth(users, REALM, new DigestAuth(REALM, users, clock, new SecureRandom(), new byte[32], Duration.ofMinutes(5), 100));
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 7616 §3.4.1, MD5, qop=auth, computed here independently of the server's code. */
    private static String digest(String challenge, String password, String method, String uri) throws Exception {
        String nonce = param(challenge, "nonce");
        String opaque = param(challenge, "opaque");
        String ha1 = md5("alice:" + REALM + ":" + password);
        String response = md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + md5(method + ":" + uri));
        return "Digest username=\"alice\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"c0ffee\", opaque=\"" + opaque + "\"";
    }

    private static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(challenge);
        assertTrue(m.find(), challenge);
        return m.group(1);
    }

    private String md5Challenge(boolean stale) {
        return auth.challenges(false, stale).stream().filter(c -> c.contains("algorithm=MD5")).findFirst().orElseThrow();
    }

    @Test
    void digestIsAcceptedOnAnyConnectionAndReplayIsRefused() throws Exception {
        String credentials = digest(md5Challenge(false), "wonderland", "PUT", "/storage/abc");
        assertEquals(Optional.of("alice"), auth.authenticate("PUT", "/storage/abc", credentials, false).user());
        assertEquals(Optional.empty(), auth.authenticate("PUT", "/storage/abc", credentials, false).user(), "same nc again: a replay");
    }

    @Test
    void digestForAnotherPathIsRefused() throws Exception {
        String credentials = digest(md5Challenge(false), "wonderland", "PUT", "/storage/abc");
        assertEquals(Optional.empty(), auth.authenticate("PUT", "/storage/other", credentials, false).user());
    }

    @Test
    void staleNonceIsReportedSoTheChallengeSaysStale() throws Exception {
        String credentials = digest(md5Challenge(false), "wonderland", "PUT", "/storage/abc");
        clock.advance(Duration.ofMinutes(6));
        StorageAuth.Result r = auth.authenticate("PUT", "/storage/abc", credentials, false);
        assertEquals(Optional.empty(), r.user());
        assertTrue(r.stale());
        assertTrue(auth.challenges(false, true).stream().allMatch(c -> c.contains("stale=true")));
    }

    @Test
    void basicOnlyWhereAllowed() {
        String basic = StorageServerTest.basic("alice", "wonderland");
        assertEquals(Optional.of("alice"), auth.authenticate("PUT", "/storage/a", basic, true).user());
        assertEquals(Optional.empty(), auth.authenticate("PUT", "/storage/a", basic, false).user(), "plain HTTP from another machine");
        assertEquals(Optional.empty(), auth.authenticate("PUT", "/storage/a", StorageServerTest.basic("alice", "x"), true).user());
        List<String> challenges = auth.challenges(false, false);
        assertFalse(challenges.stream().anyMatch(c -> c.startsWith("Basic")), challenges.toString());
        assertTrue(auth.challenges(true, false).stream().anyMatch(c -> c.startsWith("Basic")));
    }

    @Test
    void openModeLetsAnyoneWriteAsAnonymous() {
        StorageAuth open = StorageAuth.open(REALM);
        assertEquals(Optional.of(StorageAuth.ANONYMOUS), open.authenticate("PUT", "/storage/a", null, false).user());
        assertTrue(open.challenges(false, false).isEmpty());
    }
}
