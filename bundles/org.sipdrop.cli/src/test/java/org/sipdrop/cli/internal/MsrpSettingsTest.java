package org.sipdrop.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MSRP flags of send and receive become the provider's configuration properties. */
class MsrpSettingsTest {

    @TempDir
    Path dir;

    private static Options parse(String... args) throws UsageException {
        return Options.parse(List.of(args), Set.of(), ClientOptions.valued(MsrpSettings.VALUED));
    }

    @Test
    void noMsrpFlagLeavesTheProviderAlone() throws Exception {
        assertTrue(MsrpSettings.from(parse("--user", "alice")).isEmpty());
    }

    @Test
    void relayWithCredentialsBecomesRelaySettingsWithTheTransportPart() throws Exception {
        MsrpSettings s = MsrpSettings.from(parse("--msrp-relay", "msrp://127.0.0.1:2855", "--msrp-relay-user", "u",
                "--msrp-relay-password", "p")).orElseThrow();
        assertEquals(Map.of("relay.uri", "msrp://127.0.0.1:2855;tcp", "relay.user", "u", MsrpSettings.RELAY_PASSWORD, "p"),
                s.properties());
    }

    @Test
    void secureRelayTrustsTheSipTrustStoreUnlessAnMsrpOneIsGiven() throws Exception {
        Path sip = Files.createFile(dir.resolve("sip.p12"));
        Path msrp = Files.createFile(dir.resolve("msrp.p12"));
        MsrpSettings viaSip = MsrpSettings.from(parse("--msrp-relay", "msrps://relay.example:2856", "--trust-store",
                sip.toString(), "--trust-store-password", "x")).orElseThrow();
        assertEquals(sip.toAbsolutePath().toString(), viaSip.properties().get("tls.trust.store"));
        assertEquals("x", viaSip.properties().get(MsrpSettings.TRUST_STORE_PASSWORD));
        MsrpSettings own = MsrpSettings.from(parse("--msrp-relay", "msrps://relay.example:2856", "--trust-store",
                sip.toString(), "--msrp-trust-store", msrp.toString())).orElseThrow();
        assertEquals(msrp.toAbsolutePath().toString(), own.properties().get("tls.trust.store"));
    }

    @Test
    void plainRelayDoesNotTakeTheSipTrustStore() throws Exception {
        Path sip = Files.createFile(dir.resolve("sip.p12"));
        MsrpSettings s = MsrpSettings.from(parse("--msrp-relay", "msrp://127.0.0.1:2855", "--trust-store",
                sip.toString())).orElseThrow();
        assertTrue(!s.properties().containsKey("tls.trust.store"));
    }

    @Test
    void keyStoreAloneIsASettingForAcceptingMsrps() throws Exception {
        Path key = Files.createFile(dir.resolve("me.p12"));
        MsrpSettings s = MsrpSettings.from(parse("--msrp-key-store", key.toString(), "--msrp-key-store-password", "k"))
                .orElseThrow();
        assertEquals(Map.of("tls.key.store", key.toAbsolutePath().toString(), MsrpSettings.KEY_STORE_PASSWORD, "k"),
                s.properties());
    }

    @Test
    void rejectsWhatIsNotAnMsrpRelayAddress() {
        for (String bad : List.of("sip:127.0.0.1:2855", "msrp://127.0.0.1", "msrp://127.0.0.1:2855/abc", "127.0.0.1:2855",
                "msrp://:2855")) {
            UsageException e = assertThrows(UsageException.class, () -> MsrpSettings.from(parse("--msrp-relay", bad)), bad);
            assertTrue(e.getMessage().contains("msrp://HOST:PORT"), e.getMessage());
        }
    }

    @Test
    void credentialsWithoutRelayAreAUsageError() {
        assertThrows(UsageException.class, () -> MsrpSettings.from(parse("--msrp-relay-user", "u")));
    }

    @Test
    void unreadableTrustStoreIsAUsageError() {
        assertThrows(UsageException.class,
                () -> MsrpSettings.from(parse("--msrp-trust-store", dir.resolve("missing.p12").toString())));
    }

    @Test
    void equalSettingsHaveEqualDigestsAndAPasswordChangesIt() throws Exception {
        String a = MsrpSettings.from(parse("--msrp-relay", "msrp://127.0.0.1:2855", "--msrp-relay-password", "p"))
                .orElseThrow().digest("00112233445566778899aabbccddeeff");
        String b = MsrpSettings.from(parse("--msrp-relay-password", "p", "--msrp-relay", "msrp://127.0.0.1:2855"))
                .orElseThrow().digest("00112233445566778899aabbccddeeff");
        String c = MsrpSettings.from(parse("--msrp-relay", "msrp://127.0.0.1:2855", "--msrp-relay-password", "q"))
                .orElseThrow().digest("00112233445566778899aabbccddeeff");
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
