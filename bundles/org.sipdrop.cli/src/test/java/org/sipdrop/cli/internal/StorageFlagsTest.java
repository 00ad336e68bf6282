package org.sipdrop.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
