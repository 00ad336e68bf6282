package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.server.internal.ServerSettings.Transport;

class ServerSettingsTest {

    @Test
    void defaultsAreLoopbackPort5060UdpTcpOpenMode() throws Exception {
        ServerSettings s = ServerSettings.defaults();
        assertEquals(InetAddress.getByName("127.0.0.1"), s.bindAddress());
        assertFalse(s.exposedBeyondLoopback());
        assertEquals(5060, s.sipPort());
        assertEquals(EnumSet.of(Transport.UDP, Transport.TCP), s.transports());
        assertTrue(s.openMode());
        assertEquals(Optional.empty(), s.usersFile());
        assertEquals("sipdrop", s.realm());
        assertEquals(0, s.httpPort());
        assertEquals(Optional.empty(), s.storageDir());
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void readsEveryKey() {
        ServerSettings s = ServerSettings.fromMap(Map.of("bind", "::1", "sip.port", "15060", "transports", "TCP, tls", "users",
                "conf/users.txt", "realm", "example.org", "http.port", "8088", "storage.dir", "/tmp/store"));
        assertTrue(s.bindAddress().isLoopbackAddress());
        assertEquals(15060, s.sipPort());
        assertEquals(EnumSet.of(Transport.TCP, Transport.TLS), s.transports());
        assertEquals(Optional.of(Path.of("conf/users.txt").toAbsolutePath().normalize()), s.usersFile());
        assertFalse(s.openMode());
        assertEquals("example.org", s.realm());
        assertEquals(8088, s.httpPort());
        assertEquals(Optional.of(Path.of("/tmp/store").toAbsolutePath()), s.storageDir());
    }

    @Test
    void refusesToOpenANonLoopbackServerWithoutUsersUnlessAskedTo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("bind", "0.0.0.0")));
        assertTrue(e.getMessage().contains("users="), e.getMessage());
        ServerSettings s = ServerSettings.fromMap(Map.of("bind", "*", "open", "true"));
        assertTrue(s.exposedBeyondLoopback());
        assertTrue(s.openMode());
        assertEquals(3, s.warnings().size());
    }

    @Test
    void nonLoopbackWithUsersIsExposedButNotOpen() {
        ServerSettings s = ServerSettings.fromMap(Map.of("bind", "192.0.2.10", "users", "u.txt"));
        assertTrue(s.exposedBeyondLoopback());
        assertFalse(s.openMode());
        assertEquals(2, s.warnings().size());
    }

    @Test
    void localhostMeansIpv4LoopbackWithoutDns() {
        assertEquals("127.0.0.1", ServerSettings.fromMap(Map.of("bind", "localhost")).bindAddress().getHostAddress());
        assertTrue(ServerSettings.parseBind("[::1]").isLoopbackAddress());
    }

    @Test
    void rejectsUsersTogetherWithOpen() {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("users", "u.txt", "open", "true")));
    }

    @Test
    void openFalseNeedsUsers() {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("open", "false")));
    }

    @Test
    void rejectsUnknownKeysListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("sip_port", "5060")));
        assertTrue(e.getMessage().contains("sip.port"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "example.org", "256.0.0.1", "1.2.3", "01.2.3.4", "", "::g", "1.2.3.4:5060" })
    void rejectsBindValuesThatAreNotIpLiterals(String bind) {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("bind", bind)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "65536", "50 60", "", "0x10", "99999999999" })
    void rejectsBadPorts(String port) {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("sip.port", port)));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("http.port", port)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "udp,,tcp", "sctp", "udp,udp", "ws" })
    void rejectsBadTransports(String transports) {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("transports", transports)));
    }

    @Test
    void rejectsSamePortForHttpStorageAndSipOverTcp() {
        assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.fromMap(Map.of("sip.port", "8080", "http.port", "8080", "storage.dir", "/tmp/s")));
    }

    @Test
    void rejectsBadRealmAndBoolean() {
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("realm", "a b")));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("open", "yes")));
    }

    @Test
    void tlsKeyStoreAndListUserHaveDefaultsAndAreValidated() {
        ServerSettings d = ServerSettings.defaults();
        assertTrue(d.tlsKeyStore().isEmpty());
        assertEquals("list", d.listUser());
        ServerSettings s = ServerSettings.fromMap(Map.of("transports", "tls", "tls.keystore", "k.p12", "tls.password", "pw", "list.user", "team"));
        assertEquals("k.p12", s.tlsKeyStore().get().getFileName().toString());
        assertEquals("pw", new String(s.tlsPassword()));
        assertEquals("team", s.listUser());
        assertFalse(s.toString().contains("pw"), "the password stays out of logs: " + s);
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("tls.password", "pw")));
        assertThrows(IllegalArgumentException.class, () -> ServerSettings.fromMap(Map.of("list.user", "a b")));
    }
}
