package org.sipdrop.ui.internal.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedKeyPasswordProviderTest {

    @Test
    void generatesAKeyOnceReadableOnlyByItsOwner(@TempDir Path dir) throws Exception {
        Path file = GeneratedKeyPasswordProvider.keyFile(dir.resolve("secure_storage").toUri().toURL());
        assertEquals(dir.resolve("secure_storage.sipdrop-key"), file);
        String first = GeneratedKeyPasswordProvider.key(file);
        assertEquals(44, first.length(), "32 random bytes in Base64");
        assertEquals(first, GeneratedKeyPasswordProvider.key(file), "the same key every time");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void eachStorageGetsItsOwnKey(@TempDir Path dir) throws Exception {
        assertNotEquals(GeneratedKeyPasswordProvider.key(dir.resolve("a.key")), GeneratedKeyPasswordProvider.key(dir.resolve("b.key")));
    }
}
