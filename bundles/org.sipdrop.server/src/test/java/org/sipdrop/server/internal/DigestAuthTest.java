package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.server.internal.DigestAuth.Outcome;

class DigestAuthTest {

    private static final String REALM = "sipdrop.test";
    private static final String URI = "sip:registrar.sipdrop.test";

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final DigestAuth auth;

    DigestAuthTest() throws Exception {
        UserDirectory users = UserDirectory.parse(new StringReader("alice:Wonder land\nbob:b0b\n"), "users", REALM);
        auth = new DigestAuth(REALM, users, clock, new SecureRandom(), new byte[32], Duration.ofMinutes(5), 100);
    }

    // --- test vectors ---------------------------------------------------------------------

    @Test
    void rfc2617Section35ExampleResponse() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray());
        assertEquals("6629fae49393a05397450978507c4ef1", DigestAuth.response(DigestAlgorithm.MD5, ha1,
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html"));
    }

    @Test
    void rfc7616Section391Md5Example() {
        String ha1 = DigestAlgorithm.MD5.ha1("Mufasa", "http-auth@example.org", "Circle of Life".toCharArray());
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", DigestAuth.response(DigestAlgorithm.MD5, ha1,
                "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
                "auth", "GET", "/dir/index.html"));
    }

    @Test
    void rfc7616Section391Sha256Example() {
        String ha1 = DigestAlgorithm.SHA_256.ha1("Mufasa", "http-auth@example.org", "Circle of Life".toCharArray());
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestAuth.response(DigestAlgorithm.SHA_256, ha1, "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html"));
    }

    @Test
    void parsesTheRfc2617ExampleAuthorizationHeader() {
        // as printed in RFC 2617 §3.5, its line folding already unfolded by the SIP/HTTP stack
        Map<String, String> p = AuthParams.parse("Digest username=\"Mufasa\",\t realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth,"
                + " nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\","
                + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", "Digest");
        assertEquals("Mufasa", p.get("username"));
        assertEquals("testrealm@host.com", p.get("realm"));
        assertEquals("auth", p.get("qop"));
        assertEquals("00000001", p.get("nc"));
        assertEquals("6629fae49393a05397450978507c4ef1", p.get("response"));
        assertEquals(9, p.size());
    }

    // --- challenge -----------------------------------------------------------------------

    @Test
    void challengeOffersSha256ThenMd5WithQopAuthAndOneNonce() {
        List<String> c = auth.challenges(false);
        assertEquals(2, c.size());
        Map<String, String> sha = AuthParams.parse(c.get(0), "Digest");
        Map<String, String> md5 = AuthParams.parse(c.get(1), "Digest");
        assertEquals("SHA-256", sha.get("algorithm"));
        assertEquals("MD5", md5.get("algorithm"));
        assertEquals(REALM, sha.get("realm"));
        assertEquals("auth", sha.get("qop"));
        assertEquals(sha.get("nonce"), md5.get("nonce"));
        assertEquals(sha.get("opaque"), md5.get("opaque"));
        assertFalse(sha.containsKey("stale"));
        assertTrue(c.get(0).contains("qop=\"auth\""), "qop is quoted in a challenge (RFC 7616 §3.3)");
        assertTrue(c.get(0).contains("algorithm=SHA-256"), "algorithm is a token, not quoted");
    }

    @Test
    void staleChallengeSaysStaleTrue() {
        assertEquals("true", AuthParams.parse(auth.challenges(true).get(0), "Digest").get("stale"));
    }

    @Test
    void challengeOffersOnlyMd5WhenSomeUserHasOnlyAnHtdigestMd5Hash() throws Exception {
        UserDirectory users = UserDirectory.parse(new StringReader("carol:" + REALM + ":" + "a".repeat(32) + "\nbob:pw\n"), "u", REALM);
        DigestAuth a = new DigestAuth(REALM, users, clock, new SecureRandom());
        List<String> c = a.challenges(false);
        assertEquals(1, c.size());
        assertTrue(c.get(0).contains("algorithm=MD5"));
    }

    // --- verification --------------------------------------------------------------------

    @Test
    void acceptsCorrectSha256AndMd5Responses() {
        assertEquals(Outcome.ACCEPTED, auth.verify("REGISTER", URI, answer("SHA-256", "alice", "Wonder land", 1)).outcome());
        DigestAuth.Verdict v = auth.verify("REGISTER", URI, answer("MD5", "bob", "b0b", 1));
        assertEquals(Outcome.ACCEPTED, v.outcome());
        assertEquals(Optional.of("bob"), v.username());
    }

    @Test
    void missingAlgorithmMeansMd5() {
        String h = answer("MD5", "bob", "b0b", 1).replace(", algorithm=MD5", "");
        assertEquals(Outcome.ACCEPTED, auth.verify("REGISTER", URI, h).outcome());
    }

    @Test
    void wrongPasswordAndUnknownUserAnsweringAFreshChallengeAreWrongAlike() {
        DigestAuth.Verdict wrong = auth.verify("REGISTER", URI, answer("SHA-256", "alice", "wonderland", 1));
        DigestAuth.Verdict unknown = auth.verify("REGISTER", URI, answer("SHA-256", "mallory", "x", 1));
        assertEquals(Outcome.WRONG, wrong.outcome(), "RFC 3261 §21.4.4: 403, not another challenge");
        assertEquals(Outcome.WRONG, unknown.outcome());
        assertTrue(wrong.reason().startsWith("unknown user or wrong password"));
        assertTrue(unknown.reason().startsWith("unknown user or wrong password"));
    }

    @Test
    void rejectsReplayedNonceCount() {
        String nonceAndOpaque = freshChallenge();
        assertEquals(Outcome.ACCEPTED, auth.verify("REGISTER", URI, answer(nonceAndOpaque, "SHA-256", "alice", "Wonder land", 1)).outcome());
        DigestAuth.Verdict replay = auth.verify("REGISTER", URI, answer(nonceAndOpaque, "SHA-256", "alice", "Wonder land", 1));
        assertEquals(Outcome.REJECTED, replay.outcome());
        assertTrue(replay.reason().contains("replay"));
        assertEquals(Outcome.ACCEPTED, auth.verify("REGISTER", URI, answer(nonceAndOpaque, "SHA-256", "alice", "Wonder land", 2)).outcome());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, answer(nonceAndOpaque, "SHA-256", "alice", "Wonder land", 2)).outcome());
    }

    @Test
    void expiredNonceWithRightPasswordIsStale() {
        String h = answer("SHA-256", "alice", "Wonder land", 1);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(Outcome.STALE, auth.verify("REGISTER", URI, h).outcome());
    }

    @Test
    void expiredNonceWithWrongPasswordIsRejectedNotStale() {
        String h = answer("SHA-256", "alice", "nope", 1);
        clock.advance(Duration.ofMinutes(6));
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h).outcome());
    }

    @Test
    void rejectsNonceNotIssuedByThisServer() throws Exception {
        DigestAuth other = new DigestAuth(REALM, UserDirectory.parse(new StringReader("alice:Wonder land"), "u", REALM), clock,
                new SecureRandom(), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, Duration.ofMinutes(5), 10);
        String theirs = nonceAndOpaque(other.challenges(false).get(0));
        String ours = freshChallenge();
        String forged = theirs.split("\n")[0] + "\n" + ours.split("\n")[1];
        DigestAuth.Verdict v = auth.verify("REGISTER", URI, answer(forged, "SHA-256", "alice", "Wonder land", 1));
        assertEquals(Outcome.REJECTED, v.outcome());
        assertTrue(v.reason().contains("nonce"));
    }

    @Test
    void rejectsChangedOpaqueRealmUriAndQop() {
        String h = answer("SHA-256", "alice", "Wonder land", 1);
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replaceFirst("opaque=\"[^\"]*\"", "opaque=\"x\"")).outcome());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replace("realm=\"" + REALM, "realm=\"other")).outcome());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", "sip:elsewhere.test", h).outcome());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replace("qop=auth", "qop=auth-int")).outcome());
        assertEquals(Outcome.WRONG, auth.verify("INVITE", URI, h).outcome(), "method is part of A2");
    }

    @Test
    void rejectsMissingDirectivesAndBadNonceCounts() {
        String h = answer("SHA-256", "alice", "Wonder land", 1);
        for (String directive : List.of("cnonce", "nc", "qop", "opaque", "response", "uri", "nonce", "realm", "username")) {
            String without = h.replaceFirst("(, )?" + directive + "=(\"[^\"]*\"|[^,]*)", "");
            DigestAuth.Verdict v = auth.verify("REGISTER", URI, without);
            assertEquals(Outcome.REJECTED, v.outcome(), directive);
            assertEquals("missing directive '" + directive + "'", v.reason());
        }
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replace("nc=00000001", "nc=1")).outcome());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replace("nc=00000001", "nc=00000000")).outcome());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replace("nc=00000001", "nc=0000000g")).outcome());
    }

    @Test
    void rejectsUnsupportedAlgorithmsAndUsernameStar() {
        String h = answer("SHA-256", "alice", "Wonder land", 1);
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h.replace("algorithm=SHA-256", "algorithm=SHA-256-sess")).outcome());
        DigestAuth.Verdict v = auth.verify("REGISTER", URI, h.replace("username=\"alice\"", "username*=UTF-8''alice"));
        assertTrue(v.reason().contains("username*"), v.reason());
        assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, h + ", userhash=true").outcome());
    }

    @Test
    void rejectsMalformedHeaders() {
        for (String bad : new String[] { null, "", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Digest username=\"a", "Digest username",
                "Digest a=1 b=2", "Digest a=1, a=2", "Digestusername=\"a\"", "Digest " + "a=b, ".repeat(1000) }) {
            assertEquals(Outcome.REJECTED, auth.verify("REGISTER", URI, bad).outcome(), String.valueOf(bad));
        }
    }

    @Test
    void refusesOpenMode() {
        assertThrows(IllegalArgumentException.class, () -> new DigestAuth(REALM, UserDirectory.open(), clock, new SecureRandom()));
    }

    // --- client side, written independently of the code under test -------------------------

    private String freshChallenge() {
        return nonceAndOpaque(auth.challenges(false).get(0));
    }

    private static String nonceAndOpaque(String challenge) {
        Map<String, String> p = AuthParams.parse(challenge, "Digest");
        return p.get("nonce") + "\n" + p.get("opaque");
    }

    private String answer(String algorithm, String user, String password, int nc) {
        return answer(freshChallenge(), algorithm, user, password, nc);
    }

    private static String answer(String nonceAndOpaque, String algorithm, String user, String password, int nc) {
        String nonce = nonceAndOpaque.split("\n")[0];
        String opaque = nonceAndOpaque.split("\n")[1];
        String ncText = String.format("%08x", nc);
        String cnonce = "c" + nc;
        String ha1 = h(algorithm, user + ":" + REALM + ":" + password);
        String ha2 = h(algorithm, "REGISTER:" + URI);
        String response = h(algorithm, ha1 + ":" + nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + response + "\", algorithm=" + algorithm + ", cnonce=\"" + cnonce + "\", opaque=\""
                + opaque + "\", qop=auth, nc=" + ncText;
    }

    private static String h(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
