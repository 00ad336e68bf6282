package org.sipdrop.transfer.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeFileNameTest {

    @Test
    void dropsUnixDirectoryPartsOfATraversal() {
        assertEquals("passwd", SafeFileName.of("../../etc/passwd"));
        assertEquals("passwd", SafeFileName.of("/etc/passwd"));
    }

    @Test
    void dropsWindowsDirectoryPartsOfATraversal() {
        assertEquals("win.ini", SafeFileName.of("..\\..\\win.ini"));
        assertEquals("evil.exe", SafeFileName.of("C:\\Windows\\System32\\evil.exe"));
    }

    @Test
    void keepsOnlyTheLastNonEmptySegment() {
        assertEquals("b", SafeFileName.of("a/b"));
        assertEquals("dir", SafeFileName.of("dir/"));
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of("a/.."));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", ".", "..", "...", " ", " . . ", "\u0000", "/", "\\", "../", "\u202E", "\t\n" })
    void namesWithNothingUsableBecomeTheFallback(String hostile) {
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of(hostile));
    }

    @Test
    void nullBecomesTheFallback() {
        assertEquals(SafeFileName.FALLBACK, SafeFileName.of(null));
    }

    @Test
    void removesC0C1AndDeleteControlCharacters() {
        assertEquals("evil.exe.txt", SafeFileName.of("evil.exe\u0000.txt"));
        assertEquals("ab c.txt", SafeFileName.of("a\u0007b\u007F c\u0085\u009F.txt"));
        assertEquals("line.txt", SafeFileName.of("li\r\nne.txt"));
    }

    @Test
    void replacesCharactersWindowsForbids() {
        assertEquals("a_b_c_d_e_f_g_.txt", SafeFileName.of("a<b>c:d\"e|f?g*.txt"));
        assertEquals("file.txt_stream", SafeFileName.of("file.txt:stream"), "no NTFS alternate data stream");
    }

    @Test
    void stripsTrailingDotsAndSpacesAndLeadingSpaces() {
        assertEquals("report.pdf", SafeFileName.of("  report.pdf. . "));
        assertEquals("notes", SafeFileName.of("notes..."));
    }

    @Test
    void leadingDashCannotBeTakenForAnOption() {
        assertEquals("_rf", SafeFileName.of("-rf"));
        assertEquals("_-help.txt", SafeFileName.of("--help.txt"));
    }

    @Test
    void dotFilesKeepTheirLeadingDot() {
        assertEquals(".gitignore", SafeFileName.of(".gitignore"));
        assertEquals("..hidden", SafeFileName.of("..hidden"), "one segment, not a traversal");
    }

    @ParameterizedTest
    @ValueSource(strings = { "CON", "con", "CON.txt", "nul", "NUL.tar.gz", "Prn.doc", "aux", "com1", "COM9.log",
            "lpt1", "LPT9.txt", "CON .txt", "COM\u00B9", "conin$", "CONOUT$.x" })
    void windowsDeviceNamesArePrefixed(String device) {
        String safe = SafeFileName.of(device);
        assertTrue(safe.startsWith("_"), safe);
        assertEquals(device.replaceAll("[. ]+$", ""), safe.substring(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "CONSOLE.txt", "com10", "lpt", "nullify.txt", "aux_file", "icon.png" })
    void namesThatOnlyLookLikeDevicesStay(String name) {
        assertEquals(name, SafeFileName.of(name));
    }

    @Test
    void removesBidiOverridesThatDisguiseTheExtension() {
        // "photo<RLO>gpj.exe" displays as "photoexe.jpg"
        assertEquals("photogpj.exe", SafeFileName.of("photo\u202Egpj.exe"));
        assertEquals("ab", SafeFileName.of("a\u2066\u200F\u061C\uFEFFb"));
    }

    @Test
    void keepsUnicodeNormalisedToNfc() {
        String decomposed = "Cafe\u0301 \u65E5\u672C.txt";
        String safe = SafeFileName.of(decomposed);
        assertEquals("Caf\u00E9 \u65E5\u672C.txt", safe);
        assertTrue(Normalizer.isNormalized(safe, Normalizer.Form.NFC));
        assertEquals("\uD83D\uDE00 smile.png", SafeFileName.of("\uD83D\uDE00 smile.png"), "emoji kept");
    }

    @Test
    void removesUnpairedSurrogates() {
        assertEquals("ab.txt", SafeFileName.of("a\uD800b.txt"));
    }

    @Test
    void cutsLongAsciiNamesTo255BytesKeepingTheExtension() {
        String safe = SafeFileName.of("x".repeat(400) + ".txt");
        assertEquals(SafeFileName.MAX_BYTES, utf8(safe));
        assertTrue(safe.endsWith("xxx.txt"));
    }

    @Test
    void cutsLongMultiByteNamesOnACodePointBoundary() {
        String safe = SafeFileName.of("\u00E9".repeat(200) + "\uD83D\uDE00".repeat(50) + ".tar.gz");
        assertTrue(utf8(safe) <= SafeFileName.MAX_BYTES, safe);
        assertTrue(safe.endsWith(".tar.gz"));
        assertEquals(safe, new String(safe.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                "no half code point");
        String emoji = SafeFileName.of("\uD83D\uDE00".repeat(100));
        assertEquals(252, utf8(emoji), "63 four-byte emoji fit; a 64th would overflow");
        assertFalse(Character.isHighSurrogate(emoji.charAt(emoji.length() - 1)));
    }

    @Test
    void aCutNeverLeavesATrailingDotOrSpace() {
        String safe = SafeFileName.of("a".repeat(250) + "  . . . . x.doc");
        assertTrue(utf8(safe) <= SafeFileName.MAX_BYTES);
        assertTrue(safe.endsWith("a.doc"), safe);
    }

    @Test
    void aHugeExtensionIsCutWithTheName() {
        String safe = SafeFileName.of("a." + "b".repeat(300));
        assertEquals(SafeFileName.MAX_BYTES, utf8(safe));
        assertTrue(safe.startsWith("a.bbb"));
    }

    @Test
    void numbersAlternativesBeforeTheExtension() {
        assertEquals("report.pdf", SafeFileName.numbered("report.pdf", 0));
        assertEquals("report (1).pdf", SafeFileName.numbered("report.pdf", 1));
        assertEquals("report (12).pdf", SafeFileName.numbered("report.pdf", 12));
        assertEquals("README (1)", SafeFileName.numbered("README", 1));
        assertEquals(".gitignore (1)", SafeFileName.numbered(".gitignore", 1));
    }

    @Test
    void numbersBeforeADoubleExtension() {
        assertEquals("backup (1).tar.gz", SafeFileName.numbered("backup.tar.gz", 1));
        assertEquals("app (2).log.gz", SafeFileName.numbered("app.log.gz", 2));
        assertEquals("sources (1).tar.XZ", SafeFileName.numbered("sources.tar.XZ", 1));
        assertEquals("tar (1).gz", SafeFileName.numbered("tar.gz", 1));
        assertEquals("v1.2 (1).zip", SafeFileName.numbered("v1.2.zip", 1), "only compression suffixes combine");
    }

    @Test
    void numberedAlternativesStayWithinTheLimit() {
        String longName = SafeFileName.of("n".repeat(300) + ".txt");
        String alt = SafeFileName.numbered(longName, 9999);
        assertTrue(utf8(alt) <= SafeFileName.MAX_BYTES);
        assertTrue(alt.endsWith(" (9999).txt"));
        assertTrue(utf8(SafeFileName.numbered(longName, 3, 200)) <= 200);
    }

    @Test
    void limitShortensForASuffix() {
        String safe = SafeFileName.of("y".repeat(300) + ".java");
        String stem = SafeFileName.limit(safe, 245);
        assertEquals(245, utf8(stem));
        assertTrue(stem.endsWith(".java"));
        assertThrows(IllegalArgumentException.class, () -> SafeFileName.limit(safe, 10));
        assertThrows(IllegalArgumentException.class, () -> SafeFileName.numbered(safe, -1));
    }

    @Test
    void extensionIgnoresALeadingDot() {
        assertEquals("", SafeFileName.extension(".bashrc"));
        assertEquals(".gz", SafeFileName.extension(".bashrc.gz"));
        assertEquals(".tar.gz", SafeFileName.extension("a.tar.gz"));
        assertEquals("", SafeFileName.extension("noext"));
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
