package org.sipdrop.cli.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The salted digest a command waits for on the provider's service properties. */
class ApplierTest {

    private static final String SALT_A = "00112233445566778899aabbccddeeff";
    private static final String SALT_B = "ffeeddccbbaa99887766554433221100";

    private static Map<String, Object> withPassword(String password) {
        return Map.of("base.url", "http://127.0.0.1:8080/dav/", "user", "u", ".password", password);
    }

    @Test
    void thePublishedDigestIsSaltedSoAGuessedPasswordCannotBeCheckedAgainstIt() throws Exception {
        Map<String, Object> s = withPassword("hunter2");
        assertEquals(Applier.digest(s, SALT_A), Applier.digest(withPassword("hunter2"), SALT_A), "same settings, same salt");
        assertNotEquals(Applier.digest(s, SALT_A), Applier.digest(s, SALT_B), "the salt enters the digest");
        assertNotEquals(Applier.digest(s, SALT_A), Applier.digest(withPassword("hunter3"), SALT_A), "the password enters it");
        MessageDigest unsalted = MessageDigest.getInstance("SHA-256");
        new TreeMap<>(s).forEach((k, v) -> unsalted.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(HexFormat.of().formatHex(unsalted.digest()), Applier.digest(s, SALT_A));
    }

    @Test
    void theSaltIsKeptFromTheConfigurationOrDrawnFreshAndStaysPrivate() {
        SecureRandom random = new SecureRandom();
        Hashtable<String, Object> config = new Hashtable<>();
        config.put(Applier.SALT_PROPERTY, SALT_A);
        assertEquals(SALT_A, Applier.saltOf(config, random));
        String fresh = Applier.saltOf(null, random);
        assertTrue(fresh.matches("[0-9a-f]{32}"), fresh);
        assertNotEquals(fresh, Applier.saltOf(null, random));
        config.put(Applier.SALT_PROPERTY, "not hex");
        assertNotEquals("not hex", Applier.saltOf(config, random));
        assertTrue(Applier.SALT_PROPERTY.startsWith("."), "a private property never becomes a service property");
    }
}
