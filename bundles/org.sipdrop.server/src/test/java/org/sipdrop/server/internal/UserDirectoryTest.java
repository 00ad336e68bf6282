package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.server.internal.UserDirectory.UsersFileException;

class UserDirectoryTest {

    private static UserDirectory parse(String text) throws IOException {
        return UserDirectory.parse(new StringReader(text), "users.txt", "testrealm@host.com");
    }

    @Test
    void plainPasswordsAreKeptOnlyAsHa1PerAlgorithm() throws Exception {
        UserDirectory d = parse("# demo users\n\nMufasa:Circle Of Life\n  \n");
        // HA1 = MD5("Mufasa:testrealm@host.com:Circle Of Life"), as in RFC 2617 §3.5
        assertEquals(Optional.of("939e7578ed9e3c518a452acee763bce9"), d.ha1("Mufasa", "testrealm@host.com", DigestAlgorithm.MD5));
        assertEquals(64, d.ha1("Mufasa", "testrealm@host.com", DigestAlgorithm.SHA_256).orElseThrow().length());
        assertFalse(d.toString().contains("Circle"));
        assertEquals(Set.of("testrealm@host.com"), d.realms());
        assertEquals(1, d.size("testrealm@host.com"));
    }

    @Test
    void passwordMayContainColons() throws Exception {
        UserDirectory d = parse("alice:a:b:c");
        assertEquals(Optional.of(DigestAlgorithm.MD5.ha1("alice", "testrealm@host.com", "a:b:c".toCharArray())),
                d.ha1("alice", "testrealm@host.com", DigestAlgorithm.MD5));
    }

    @Test
    void readsHtdigestLinesForTheirOwnRealm() throws Exception {
        UserDirectory d = parse("Mufasa:testrealm@host.com:939E7578ED9E3C518A452ACEE763BCE9\nbob:other:" + "0".repeat(64));
        assertEquals(Optional.of("939e7578ed9e3c518a452acee763bce9"), d.ha1("Mufasa", "testrealm@host.com", DigestAlgorithm.MD5));
        assertEquals(Optional.empty(), d.ha1("Mufasa", "testrealm@host.com", DigestAlgorithm.SHA_256));
        assertEquals(EnumSet.of(DigestAlgorithm.MD5), d.algorithms("testrealm@host.com"));
        assertEquals(EnumSet.of(DigestAlgorithm.SHA_256), d.algorithms("other"));
        assertTrue(d.contains("bob", "other"));
        assertFalse(d.contains("bob", "testrealm@host.com"));
    }

    @Test
    void realmWithoutUsersOffersBothAlgorithms() throws Exception {
        assertEquals(EnumSet.allOf(DigestAlgorithm.class), parse("").algorithms("nowhere"));
    }

    @Test
    void acceptsCrLfAndByteOrderMark() throws Exception {
        UserDirectory d = parse("\uFEFFalice:pw\r\nbob:pw2\r\n");
        assertTrue(d.contains("alice", "testrealm@host.com"));
        assertTrue(d.contains("bob", "testrealm@host.com"));
    }

    @Test
    void errorsNameTheLine() {
        UsersFileException e = assertThrows(UsersFileException.class, () -> parse("# users\nalice:pw\nnocolon\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("users.txt:3: "), e.getMessage());
    }

    @Test
    void rejectsDuplicateUserNamingBothLines() {
        UsersFileException e = assertThrows(UsersFileException.class, () -> parse("alice:one\n\nalice:two\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { ":pw", "alice:", "al ice:pw", "al\"ice:pw", "a\u0001:pw", "alice:realm x:0123456789abcdef0123456789abcdef" })
    void rejectsBadEntries(String line) {
        assertThrows(UsersFileException.class, () -> parse(line));
    }

    @Test
    void rejectsOverlongLines() {
        assertThrows(UsersFileException.class, () -> parse("alice:" + "x".repeat(UserDirectory.MAX_LINE)));
    }

    @Test
    void openModeHoldsNobody() {
        UserDirectory open = UserDirectory.open();
        assertTrue(open.isOpen());
        assertFalse(open.contains("anyone", "r"));
        assertEquals(Optional.empty(), open.ha1("anyone", "r", DigestAlgorithm.MD5));
    }

    @Test
    void loadsAFileAndReportsAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "jürgen:pässwörd\n", StandardCharsets.UTF_8);
        UserDirectory d = UserDirectory.load(file, "r");
        assertEquals(Optional.of(DigestAlgorithm.MD5.hash("jürgen:r:pässwörd")), d.ha1("jürgen", "r", DigestAlgorithm.MD5));
        UsersFileException e = assertThrows(UsersFileException.class, () -> UserDirectory.load(dir.resolve("none.txt"), "r"));
        assertTrue(e.getMessage().contains("none.txt"));
    }

    @Test
    void rejectsAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.txt");
        Files.write(file, new byte[] { 'a', ':', (byte) 0xFF, (byte) 0xFE, '\n' });
        UsersFileException e = assertThrows(UsersFileException.class, () -> UserDirectory.load(file, "r"));
        assertTrue(e.getMessage().contains("UTF-8"));
    }
}
