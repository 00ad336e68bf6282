package org.sipdrop.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which storage {@code send} uploads to: the one named by --storage, else the embedded server's. */
class StorageFlagsTest {

    private static Options parse(String... args) throws UsageException {
        return Options.parse(List.of(args), Set.of(), ClientOptions.valued(StorageFlags.valued(Set.of("via"))));
    }

    private static StorageFlags forSend(String via, String... args) throws UsageException {
        Options o = parse(args);
        return StorageFlags.forSend(o, ClientOptions.from(o, "test"), via).orElseThrow();
    }

    @Test
    void viaHttpWithoutStorageUsesTheEmbeddedStorageOnTheSipServersHostWithTheSipCredentials() throws Exception {
        StorageFlags s = forSend("http", "--user", "alice", "--password", "pw", "--server", "sip:192.0.2.7:5070");
        assertEquals("http://192.0.2.7:5080/storage/", s.properties().get("base.url"));
        assertEquals("alice", s.properties().get("user"));
        assertEquals("pw", s.properties().get(".password"));
    }

    @Test
    void anExplicitStorageWinsOverTheEmbeddedDefault() throws Exception {
        StorageFlags s = forSend("http", "--user", "alice", "--storage", "http://127.0.0.1:8080/dav/",
                "--storage-user", "u", "--storage-password", "p");
        assertEquals("http://127.0.0.1:8080/dav/", s.properties().get("base.url"));
        assertEquals("u", s.properties().get("user"));
    }

    @Test
    void viaHttpsNeedsAnExplicitStorage() throws Exception {
        Options o = parse("--user", "alice");
        UsageException e = assertThrows(UsageException.class,
                () -> StorageFlags.forSend(o, ClientOptions.from(o, "test"), "https"));
        assertTrue(e.getMessage().contains("--storage https://"), e.getMessage());
    }

    @Test
    void msrpSendsLeaveTheStorageProviderAlone() throws Exception {
        Options o = parse("--user", "alice");
        assertTrue(StorageFlags.forSend(o, ClientOptions.from(o, "test"), "msrp").isEmpty());
        assertTrue(StorageFlags.forSend(o, ClientOptions.from(o, "test"), "auto").isEmpty());
    }

    private static final String SALT_A = "00112233445566778899aabbccddeeff";
    private static final String SALT_B = "ffeeddccbbaa99887766554433221100";

    private static StorageFlags withPassword(String password) throws UsageException {
        return forSend("http", "--user", "alice", "--storage", "http://127.0.0.1:8080/dav/", "--storage-user", "u",
                "--storage-password", password);
    }

    @Test
    void thePublishedDigestIsSaltedSoAGuessedPasswordCannotBeCheckedAgainstIt() throws Exception {
        StorageFlags s = withPassword("hunter2");
        assertEquals(s.digest(SALT_A), withPassword("hunter2").digest(SALT_A), "same settings, same salt: no restart");
        assertNotEquals(s.digest(SALT_A), s.digest(SALT_B), "the salt enters the digest");
        assertNotEquals(s.digest(SALT_A), withPassword("hunter3").digest(SALT_A), "the password enters the digest");
        java.security.MessageDigest unsalted = java.security.MessageDigest.getInstance("SHA-256");
        new java.util.TreeMap<>(s.properties()).forEach((k, v) -> unsalted.update((k + "=" + v + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertNotEquals(java.util.HexFormat.of().formatHex(unsalted.digest()), s.digest(SALT_A),
                "not the unsalted hash anyone could recompute from a guessed password");
    }

    @Test
    void theSaltIsKeptFromTheConfigurationOrDrawnFreshAndStaysPrivate() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        java.util.Hashtable<String, Object> config = new java.util.Hashtable<>();
        config.put(StorageFlags.SALT_PROPERTY, SALT_A);
        assertEquals(SALT_A, StorageFlags.saltOf(config, random));
        String fresh = StorageFlags.saltOf(null, random);
        assertTrue(fresh.matches("[0-9a-f]{32}"), fresh);
        assertNotEquals(fresh, StorageFlags.saltOf(null, random));
        config.put(StorageFlags.SALT_PROPERTY, "not hex");
        assertNotEquals("not hex", StorageFlags.saltOf(config, random));
        assertTrue(StorageFlags.SALT_PROPERTY.startsWith("."), "a private property never becomes a service property");
    }
}
