package org.sipdrop.server.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Capability names: one unreserved path segment, never a traversal. */
class StoredNameTest {

    @Test
    void acceptsUnreservedCharacters() {
        assertTrue(StoredName.isValid("a"));
        assertTrue(StoredName.isValid("Zm9v_YmFy-~.report.pdf"));
        assertTrue(StoredName.isValid("x".repeat(StoredName.MAX_LENGTH)));
    }

    @Test
    void refusesSeparatorsDotsEncodingsAndEmptyNames() {
        for (String bad : new String[] { "", ".", "..", ".hidden", "a/b", "a\\b", "..%2f", "%2e%2e", "a b", "x".repeat(StoredName.MAX_LENGTH + 1),
                "a\u0000", "é" }) {
            assertFalse(StoredName.isValid(bad), bad);
        }
    }

    @Test
    void pathMapsToANameOnlyDirectlyUnderTheBase() {
        assertEquals(Optional.of("abc"), StoredName.fromPath("/storage/abc", "/storage/"));
        assertEquals(Optional.empty(), StoredName.fromPath("/storage/", "/storage/"));
        assertEquals(Optional.empty(), StoredName.fromPath("/storage/a/b", "/storage/"));
        assertEquals(Optional.empty(), StoredName.fromPath("/storage/../etc/passwd", "/storage/"));
        assertEquals(Optional.empty(), StoredName.fromPath("/other/abc", "/storage/"));
        assertEquals(Optional.empty(), StoredName.fromPath("/storage", "/storage/"));
    }
}
