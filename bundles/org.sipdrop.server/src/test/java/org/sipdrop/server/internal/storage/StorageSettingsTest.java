package org.sipdrop.server.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class StorageSettingsTest {

    @Test
    void noStorageKeyMeansNoStorage() {
        assertEquals(Optional.empty(), StorageSettings.fromMap(Map.of("sip.port", "0")));
    }

    @Test
    void anHttpPortAloneGivesATemporaryStorageWithDefaults() {
        StorageSettings s = StorageSettings.fromMap(Map.of("http.port", "0")).orElseThrow();
        assertEquals(0, s.httpPort());
        assertEquals(OptionalInt.empty(), s.httpsPort());
        assertEquals(Optional.empty(), s.dir());
        assertEquals(StorageSettings.DEFAULT_QUOTA, s.quotaBytes());
        assertEquals(Duration.ofDays(7), s.maxExpiry());
    }

    @Test
    void readsEveryKey() {
        StorageSettings s = StorageSettings.fromMap(Map.of("http.port", "8080", "https.port", "8443", "storage.dir", "/tmp/st",
                "storage.quota", "2G", "storage.max.expiry", "3600")).orElseThrow();
        assertEquals(8080, s.httpPort());
        assertEquals(OptionalInt.of(8443), s.httpsPort());
        assertEquals(Optional.of(Path.of("/tmp/st")), s.dir());
        assertEquals(2L << 30, s.quotaBytes());
        assertEquals(Duration.ofHours(1), s.maxExpiry());
    }

    @Test
    void quotaTakesBytesOrBinarySuffixes() {
        assertEquals(1048576, StorageSettings.parseBytes("q", "1048576"));
        assertEquals(512L << 10, StorageSettings.parseBytes("q", "512k"));
        assertEquals(100L << 20, StorageSettings.parseBytes("q", "100M"));
        assertEquals(1L << 40, StorageSettings.parseBytes("q", "1T"));
    }

    @Test
    void refusesBadValuesNamingTheSetting() {
        for (Map<String, String> bad : new Map[] { Map.of("http.port", "70000"), Map.of("http.port", "x"),
                Map.of("http.port", "0", "storage.quota", "0"), Map.of("http.port", "0", "storage.quota", "12Q"),
                Map.of("http.port", "0", "storage.quota", "99999999999T"), Map.of("http.port", "0", "storage.max.expiry", "0"),
                Map.of("http.port", "0", "storage.max.expiry", "-5"), Map.of("http.port", "8080", "https.port", "8080"),
                Map.of("storage.quota", "1G") }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StorageSettings.fromMap(bad), bad.toString());
            assertTrue(e.getMessage().contains("'"), e.getMessage());
        }
    }
}
