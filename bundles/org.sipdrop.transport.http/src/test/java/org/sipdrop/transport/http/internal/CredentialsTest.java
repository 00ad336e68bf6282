package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    private final Credentials creds = new Credentials(URI.create("https://store.example.org:8443/dav/"), "alice",
            "secret".toCharArray(), new SecureRandom());

    @Test
    void basicIsUserColonPasswordInBase64() {
        assertEquals("Basic YWxpY2U6c2VjcmV0", creds.basic()); // RFC 7617 §2
    }

    @Test
    void credentialsGoOnlyToUrlsInsideTheStorage() {
        assertTrue(creds.covers(URI.create("https://store.example.org:8443/dav/abc.pdf")));
        assertFalse(creds.covers(URI.create("https://evil.example.org:8443/dav/abc.pdf")), "another host");
        assertFalse(creds.covers(URI.create("https://store.example.org/dav/abc.pdf")), "another port");
        assertFalse(creds.covers(URI.create("http://store.example.org:8443/dav/abc.pdf")), "plain http");
        assertFalse(creds.covers(URI.create("https://store.example.org:8443/other/abc.pdf")), "outside the collection");
        assertFalse(creds.covers(URI.create("https://store.example.org:8443/dav/../other/x")), "dot segments");
    }

    @Test
    void anonymousCredentialsCoverNothing() {
        Credentials none = new Credentials(URI.create("http://127.0.0.1/dav/"), null, null, new SecureRandom());
        assertFalse(none.covers(URI.create("http://127.0.0.1/dav/x")));
    }

    @Test
    void digestAnswersTheRfc7616Md5Example() {
        // RFC 7616 §3.9.1: Mufasa / Circle of Life, MD5, qop=auth
        Credentials mufasa = new Credentials(URI.create("http://www.example.org/dir/"), "Mufasa",
                "Circle of Life".toCharArray(), new SecureRandom());
        String challenge = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, "
                + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        String answer = mufasa.digest(challenge, "GET", URI.create("http://www.example.org/dir/index.html"),
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ").orElseThrow();
        assertTrue(answer.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), answer);
        assertTrue(answer.contains("nc=00000001") && answer.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), answer);
    }

    @Test
    void digestAnswersTheRfc7616Sha256Example() {
        Credentials mufasa = new Credentials(URI.create("http://www.example.org/dir/"), "Mufasa",
                "Circle of Life".toCharArray(), new SecureRandom());
        String challenge = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, "
                + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        String answer = mufasa.digest(challenge, "GET", URI.create("http://www.example.org/dir/index.html"),
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ").orElseThrow();
        assertTrue(answer.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""), answer);
    }

    @Test
    void unsupportedChallengesAreNotAnswered() {
        assertTrue(creds.digest("Basic realm=\"x\"", "GET", URI.create("https://store.example.org:8443/dav/x")).isEmpty());
        assertTrue(creds.digest("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256", "GET",
                URI.create("https://store.example.org:8443/dav/x")).isEmpty());
        assertTrue(creds.digest("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\"", "GET",
                URI.create("https://store.example.org:8443/dav/x")).isEmpty());
    }

    @Test
    void digestAnswerEscapesQuotesAndBackslashesTheServerSent() {
        // found by HttpClientFuzzTest: realm="a\"b" used to go back as realm="a"b", which no server parses
        String answer = creds.digest("Digest realm=\"a\\\"b\", nonce=\"n\\\\1\", opaque=\"o\\\"\"", "GET",
                URI.create("https://store.example.org:8443/dav/x")).orElseThrow();
        assertTrue(answer.contains("realm=\"a\\\"b\""), answer);
        assertTrue(answer.contains("nonce=\"n\\\\1\""), answer);
        assertTrue(answer.contains("opaque=\"o\\\"\""), answer);
        assertEquals("a\"b", Credentials.params(answer.substring(7)).get("realm"));
    }

    @Test
    void challengeWithAControlCharacterIsNotAnswered() {
        // java.net.http refuses such a header value with an IllegalArgumentException
        assertTrue(creds.digest("Digest realm=\"x\", nonce=\"n\u0001\"", "GET",
                URI.create("https://store.example.org:8443/dav/x")).isEmpty());
    }
}
