package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipdrop.testing.RawMqtt.ACCEPTED;
import static org.sipdrop.testing.RawMqtt.NOT_AUTHORIZED;
import static org.sipdrop.testing.RawMqtt.connect;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Raw MQTT 3.1.1 CONNECT against both listeners; restart and kill of the broker. */
@Timeout(60)
class MosquittoTest {

    @TempDir
    static Path runDir;

    private static Mosquitto broker;

    @BeforeAll
    static void start() {
        int[] ports = FreePorts.distinctTcp(2);
        broker = Mosquitto.start(runDir, ports[0], ports[1], Map.of("alice", "secret"));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void plainListenerAcceptsValidCredentials() throws IOException {
        assertArrayEquals(ACCEPTED, plainConnect(broker, "alice", "secret"));
    }

    @Test
    void plainListenerRefusesWrongPassword() throws IOException {
        assertArrayEquals(NOT_AUTHORIZED, plainConnect(broker, "alice", "wrong"));
    }

    @Test
    void tlsListenerAcceptsValidCredentials() throws IOException {
        assertArrayEquals(ACCEPTED, tlsConnect(broker, "alice", "secret"));
    }

    @Test
    void restartKeepsPortsCertificateAndUsersAndListensAgain(@TempDir Path dir) throws IOException {
        int[] ports = FreePorts.distinctTcp(2);
        try (Mosquitto restarted = Mosquitto.start(dir, ports[0], ports[1], Map.of("alice", "secret"))) {
            long before = restarted.pid();
            restarted.restart();
            assertNotEquals(before, restarted.pid());
            assertTrue(restarted.isAlive());
            assertArrayEquals(ACCEPTED, plainConnect(restarted, "alice", "secret"));
            assertArrayEquals(ACCEPTED, tlsConnect(restarted, "alice", "secret"), "same certificate trusted");
            assertArrayEquals(NOT_AUTHORIZED, plainConnect(restarted, "alice", "wrong"));
        }
    }

    @Test
    void killedBrokerRefusesConnectionsUntilRestarted(@TempDir Path dir) throws IOException {
        int[] ports = FreePorts.distinctTcp(2);
        try (Mosquitto killed = Mosquitto.start(dir, ports[0], ports[1], Map.of("alice", "secret"))) {
            killed.kill();
            assertFalse(killed.isAlive());
            assertThrows(ConnectException.class, () -> plainConnect(killed, "alice", "secret"));
            killed.restart();
            assertArrayEquals(ACCEPTED, plainConnect(killed, "alice", "secret"));
        }
    }

    /** persistence false: a restart forgets retained messages (and sessions). */
    @Test
    void restartForgetsRetainedMessages(@TempDir Path dir) {
        int[] ports = FreePorts.distinctTcp(2);
        try (Mosquitto restarted = Mosquitto.start(dir, ports[0], ports[1], Map.of("alice", "secret"))) {
            MosquittoClients.Published published = MosquittoClients.publish(restarted, dir, "alice", "secret",
                    "sipdrop/alice/0/alice/data", "kept until restart", "-r");
            assertTrue(published.succeeded(), published.output());
            assertEquals(List.of("sipdrop/alice/0/alice/data"), restarted.retainedTopics(Duration.ofSeconds(2)));
            restarted.restart();
            assertEquals(List.of(), restarted.retainedTopics(Duration.ofSeconds(2)));
        }
    }

    private static byte[] plainConnect(Mosquitto to, String user, String password) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), to.mqttPort())) {
            return connect(socket, user, password);
        }
    }

    private static byte[] tlsConnect(Mosquitto to, String user, String password) throws IOException {
        try (Socket socket = Certificates.trusting(to.certificate()).getSocketFactory().createSocket("127.0.0.1",
                to.mqttsPort())) {
            return connect(socket, user, password);
        }
    }
}
