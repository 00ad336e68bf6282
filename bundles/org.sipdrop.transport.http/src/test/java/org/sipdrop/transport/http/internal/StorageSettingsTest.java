package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageSettingsTest {

    @Test
    void appliesDocumentedDefaults() {
        StorageSettings s = StorageSettings.fromMap(Map.of("base.url", "https://files.example.org/drop",
                "service.pid", "org.sipdrop.transport.http"));
        assertEquals(URI.create("https://files.example.org/drop/"), s.baseUrl());
        assertEquals(Optional.empty(), s.user());
        assertFalse(s.hasPassword());
        assertEquals(Duration.ofHours(24), s.expiry());
        assertEquals(1L << 30, s.maxUploadSize());
    }

    @Test
    void readsEveryKey() {
        StorageSettings s = StorageSettings.fromMap(Map.of("base.url", "http://127.0.0.1:8080/dav/", "user", "alice",
                ".password", "s3cret", "expiry", "7d", "max.upload.size", "100M"));
        assertEquals(Optional.of("alice"), s.user());
        assertArrayEquals("s3cret".toCharArray(), s.password());
        assertEquals(Duration.ofDays(7), s.expiry());
        assertEquals(100L << 20, s.maxUploadSize());
    }

    @Test
    void acceptsNumbersAndIsoDurations() {
        StorageSettings s = StorageSettings.fromMap(Map.of("base.url", "https://h.example/", "expiry", 90,
                "max.upload.size", 4096L, "user", "bob", "password", "pw".toCharArray()));
        assertEquals(Duration.ofSeconds(90), s.expiry());
        assertEquals(4096, s.maxUploadSize());
        assertEquals(Duration.ofMinutes(90), StorageSettings.parseDuration("PT90M"));
        assertEquals(Duration.ofMinutes(30), StorageSettings.parseDuration("30m"));
        assertEquals(2L << 30, StorageSettings.parseSize("2GiB"));
        assertEquals(5L << 10, StorageSettings.parseSize("5 k"));
    }

    @Test
    void toStringNeverShowsThePassword() {
        StorageSettings s = new StorageSettings(URI.create("https://h.example/"), "alice", "TopSecret".toCharArray(),
                Duration.ofHours(1), 10);
        assertFalse(s.toString().contains("TopSecret"));
        assertTrue(s.toString().contains("alice"));
    }

    @Test
    void passwordIsCopiedInAndOut() {
        char[] given = "pw".toCharArray();
        StorageSettings s = new StorageSettings(URI.create("https://h.example/"), "alice", given, Duration.ofHours(1), 10);
        given[0] = 'X';
        char[] out = s.password();
        out[1] = 'Y';
        assertArrayEquals("pw".toCharArray(), s.password());
    }

    @Test
    void requiresBaseUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromMap(Map.of()));
        assertTrue(e.getMessage().contains("base.url"));
    }

    @Test
    void rejectsPasswordWithoutUser() {
        assertThrows(IllegalArgumentException.class,
                () -> StorageSettings.fromMap(Map.of("base.url", "https://h.example/", ".password", "x")));
    }

    @Test
    void rejectsUserWithColonPerRfc7617() {
        assertThrows(IllegalArgumentException.class,
                () -> StorageSettings.fromMap(Map.of("base.url", "https://h.example/", "user", "a:b")));
    }

    @Test
    void rejectsBothPasswordKeys() {
        assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromMap(
                Map.of("base.url", "https://h.example/", "user", "a", "password", "x", ".password", "y")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0s", "-5s", "P400D", "soon", "10w", "", "PT" })
    void rejectsBadExpiry(String expiry) {
        assertThrows(IllegalArgumentException.class,
                () -> StorageSettings.fromMap(Map.of("base.url", "https://h.example/", "expiry", expiry)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "1.5G", "10T", "lots", "10MB", "" })
    void rejectsBadMaxUploadSize(String size) {
        assertThrows(IllegalArgumentException.class,
                () -> StorageSettings.fromMap(Map.of("base.url", "https://h.example/", "max.upload.size", size)));
    }

    @Test
    void rejectsBaseUrlThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromMap(Map.of("base.url", "ftp://h.example/")));
        assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromMap(Map.of("base.url", "https://h .example/")));
    }
}
