package org.sipdrop.transfer.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.transfer.internal.policy.ConfiguredAcceptancePolicy.Mode;

class PolicySyntaxTest {

    @Test
    void readsTheFourModes() {
        assertEquals(Mode.ASK, PolicySyntax.parseMode("ask").build().mode());
        assertEquals(Mode.ALL, PolicySyntax.parseMode("ALL").build().mode());
        assertEquals(Mode.NONE, PolicySyntax.parseMode(" none ").build().mode());
        assertEquals(Mode.FROM, PolicySyntax.parseMode("from:alice,bob", "example.com").build().mode());
        assertEquals(Mode.FROM, PolicySyntax.parseMode("FROM:sip:alice@example.com, sips:bob@example.com").build().mode());
    }

    @Test
    void unknownModeNamesTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicySyntax.parseMode("maybe"));
        assertEquals("Unknown acceptance mode 'maybe'; use ask, all, none or from:alice,bob@example.com", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "from", "from:", "from:alice,,bob", "from:alice,", "from:al ice", "from:@example.com",
            "from:alice@", "all:alice" })
    void malformedModesAreRefusedWithAHint(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicySyntax.parseMode(spec));
        assertTrue(e.getMessage().contains("e.g.") || e.getMessage().contains("write") || e.getMessage().contains("use"),
                e.getMessage());
    }

    @Test
    void nullModeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PolicySyntax.parseMode(null));
    }

    @Test
    void senderMatchesAorWithOrWithoutSchemeAndHostCaseInsensitively() {
        SenderPattern p = SenderPattern.parse("alice@Example.COM");
        assertTrue(p.matches("sip:alice@example.com"));
        assertTrue(p.matches("sips:alice@EXAMPLE.com"));
        assertTrue(p.matches("alice@example.com"));
        assertTrue(p.matches("\"Alice\" <sip:alice@example.com;transport=tls>;tag=1"));
        assertFalse(p.matches("sip:Alice@example.com"), "RFC 3261 §19.1.4: the user part is case-sensitive");
        assertFalse(p.matches("sip:alice@example.org"));
        assertFalse(p.matches("sip:example.com"));
        assertTrue(SenderPattern.parse("SIP:alice@example.com").matches("sip:alice@example.com"));
    }

    /** Security probe: {@code --accept from:alice} auto-accepted {@code sip:alice@evil.example}. */
    @Test
    void bareUserMeansTheUserOfTheOwnDomainOnly() {
        SenderPattern p = SenderPattern.parse("alice", "127.0.0.1:5060");
        assertTrue(p.matches("sip:alice@127.0.0.1"));
        assertTrue(p.matches("sip:alice@127.0.0.1:5060;transport=tcp"));
        assertFalse(p.matches("sip:alice@evil.example"));
        assertFalse(p.matches("sip:alice@127.0.0.2"));
        assertFalse(p.matches("sip:alicia@127.0.0.1"));
        assertEquals("alice@127.0.0.1", p.toString());
    }

    @Test
    void bareUserWithoutAKnownOwnDomainIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SenderPattern.parse("bob"));
        assertTrue(e.getMessage().contains("alice@example.com"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicySyntax.parseMode("from:bob"));
    }

    @Test
    void portsDoNotChangeWhoASenderIs() {
        assertTrue(SenderPattern.parse("alice@example.com").matches("sip:alice@example.com:5061"));
        assertTrue(SenderPattern.parse("alice@example.com:5070").matches("sip:alice@example.com"));
        assertTrue(SenderPattern.parse("alice", "[::1]:5060").matches("sip:alice@[::1]"));
    }

    @Test
    void readsTypeLists() {
        MediaRange[] r = PolicySyntax.parseTypes("image/*, text/plain,*/*");
        assertEquals(3, r.length);
        assertTrue(r[0].matches("image/png"));
        assertTrue(r[1].matches("text/plain;charset=utf-8"));
        assertFalse(r[1].matches("text/html"));
        assertTrue(r[2].matches("application/zip"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "image", "*/png", "image/", "/png", "image/png/x", "ima ge/png", "" })
    void malformedTypePatternsAreRefused(String bad) {
        assertThrows(IllegalArgumentException.class, () -> PolicySyntax.parseTypes(bad));
    }

    @Test
    void readsSizesWithBinaryAndDecimalUnits() {
        assertEquals(1048576, ByteSizes.parse("1048576"));
        assertEquals(10L * 1024 * 1024, ByteSizes.parse("10M"));
        assertEquals(10L * 1024 * 1024, ByteSizes.parse("10 MiB"));
        assertEquals(10_000_000, ByteSizes.parse("10MB"));
        assertEquals(1536, ByteSizes.parse("1.5k"));
        assertEquals(2L * 1024 * 1024 * 1024, ByteSizes.parse("2g"));
        assertEquals(100, ByteSizes.parse("100 bytes"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "M", "10X", "1.2.3M", "-5", "10 MiBs", "99999999999T", ".5M" })
    void malformedSizesAreRefused(String bad) {
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(bad));
    }

    @Test
    void formatsSizesForPeople() {
        assertEquals("1 byte", ByteSizes.format(1));
        assertEquals("1023 bytes", ByteSizes.format(1023));
        assertEquals("1536 bytes (1.5 KiB)", ByteSizes.format(1536));
        assertEquals("3221225472 bytes (3.0 GiB)", ByteSizes.format(3L << 30));
    }
}
