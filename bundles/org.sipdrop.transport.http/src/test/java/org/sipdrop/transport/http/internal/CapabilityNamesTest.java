package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CapabilityNamesTest {

    private final CapabilityNames names = new CapabilityNames(new SecureRandom());

    @Test
    void namesCarryAtLeast128RandomBitsInLowerCaseBase32() {
        assertTrue(CapabilityNames.RANDOM_BITS >= 128);
        String name = names.newObjectName(null);
        assertEquals(CapabilityNames.RANDOM_CHARS, name.length());
        assertTrue(name.matches("[a-z2-7]{32}"), name);
        assertTrue(CapabilityNames.isObjectName(name));
    }

    @Test
    void namesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(names.newObjectName("a.txt")));
        }
    }

    @Test
    void randomPartComesFromTheGivenSourceAndIsEncodedPerRfc4648() {
        // RFC 4648 §10 test vector "foobar" -> MZXW6YTBOI (upper case, padding dropped)
        assertEquals("mzxw6ytboi", CapabilityNames.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("my", CapabilityNames.base32("f".getBytes(StandardCharsets.US_ASCII)));
        SecureRandom zeros = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        assertEquals("a".repeat(32) + ".pdf", new CapabilityNames(zeros).newObjectName("Report.PDF"));
    }

    @Test
    void keepsASafeExtensionLowerCased() {
        assertTrue(names.newObjectName("holiday.JPG").endsWith(".jpg"));
        assertEquals(Optional.of("gz"), CapabilityNames.safeExtension("dir/archive.tar.gz"));
        assertEquals(Optional.of("mp4"), CapabilityNames.safeExtension("C:\\videos\\clip.mp4"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "noext", ".profile", "trailing.", "a.verylongext", "a.p%20f", "a.ph p", "a.js?x", "a.é",
            "a.tx/t", "a.exe\u0000", "a.\u0130" })
    void dropsExtensionsThatAreNotSafe(String fileName) {
        assertEquals(Optional.empty(), CapabilityNames.safeExtension(fileName));
        assertTrue(names.newObjectName(fileName).matches("[a-z2-7]{32}"));
    }

    @Test
    void objectUrlGoesUnderTheBasePath() {
        assertEquals(URI.create("https://files.example.org/drop/abc.pdf"),
                CapabilityNames.objectUri(URI.create("https://files.example.org/drop"), "abc.pdf"));
        assertEquals(URI.create("https://files.example.org/drop/abc"),
                CapabilityNames.objectUri(URI.create("https://files.example.org/drop/"), "abc"));
        assertEquals(URI.create("http://127.0.0.1:8080/x"), CapabilityNames.objectUri(URI.create("http://127.0.0.1:8080"), "x"));
        assertEquals(URI.create("http://[::1]:8080/a/b"), CapabilityNames.objectUri(URI.create("http://[::1]:8080/a"), "b"));
    }

    @Test
    void keepsTheBasePathEncodingAndPercentEncodesSegments() {
        URI url = CapabilityNames.objectUri(URI.create("https://h.example/my%20files/"), "a b", "ü?#/x");
        assertEquals("https://h.example/my%20files/a%20b/%C3%BC%3F%23%2Fx", url.toString());
        assertEquals("AZaz09-._~", CapabilityNames.percentEncodeSegment("AZaz09-._~"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", ".." })
    void rejectsDotSegmentsAndEmptySegments(String segment) {
        assertThrows(IllegalArgumentException.class, () -> CapabilityNames.objectUri(URI.create("https://h.example/"), segment));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://h.example/", "/relative/path", "https:opaque", "https://h.example/?q=1",
            "https://h.example/#frag", "https://user:secret@h.example/", "file:///tmp/", "https:///nohost" })
    void rejectsBaseUrlsThatAreNotPlainHttpCollections(String base) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CapabilityNames.checkBase(URI.create(base)));
        assertFalse(e.getMessage().contains("secret"), "the message must not echo a password");
    }

    @Test
    void schemeIsNormalisedToLowerCase() {
        assertEquals(URI.create("https://h.example/"), CapabilityNames.checkBase(URI.create("HTTPS://h.example")));
    }
}
