package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sipdrop.testing.RawMqtt.ACCEPTED;
import static org.sipdrop.testing.RawMqtt.NOT_AUTHORIZED;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.testing.MosquittoClients.Published;

/**
 * The listener that requires a client certificate signed by the broker's client CA
 * ({@code require_certificate true}), checked with mosquitto_pub and with a JDK TLS client using
 * the PKCS#12 key store the fixture makes. The password file still applies.
 */
@Timeout(60)
class MosquittoClientCertificateTest {

    @TempDir
    static Path runDir;

    private static Mosquitto broker;
    private static Mosquitto.ClientCertificate alice;

    @BeforeAll
    static void start() {
        int[] ports = FreePorts.distinctTcp(3);
        broker = Mosquitto.builder(runDir.resolve("broker"), ports[0], ports[1], Map.of("alice", "secret"))
                .clientCertificatePort(ports[2]).start();
        alice = broker.clientCertificate("alice");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void refusesTlsClientWithoutCertificate() {
        Published published = pub(List.of());
        assertFalse(published.succeeded(), published.output());
    }

    @Test
    void acceptsClientWithCertificateSignedByItsCa() {
        Published published = pub(List.of("--cert", alice.certificate().toString(), "--key", alice.privateKey().toString()));
        assertTrue(published.succeeded(), published.output());
    }

    @Test
    void refusesCertificateFromAnotherCa(@TempDir Path dir) throws IOException, InterruptedException {
        Path[] stranger = ThrowAwayKeys.pem(dir, ThrowAwayKeys.selfSigned(dir, "stranger"), "stranger");
        Published published = pub(List.of("--cert", stranger[0].toString(), "--key", stranger[1].toString()));
        assertFalse(published.succeeded(), published.output());
    }

    @Test
    void certificateDoesNotReplaceThePassword() {
        Published published = MosquittoClients.pub(runDir, options("alice", "wrong",
                List.of("--cert", alice.certificate().toString(), "--key", alice.privateKey().toString())));
        assertEquals(Published.NOT_AUTHORIZED, published.exit(), published.output());
    }

    @Test
    void javaClientLogsInWithTheKeyStore() throws IOException {
        SSLContext tls = Certificates.withClientKey(alice.keyStore(), alice.password(), broker.certificate());
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", broker.clientCertificatePort())) {
            assertArrayEquals(ACCEPTED, RawMqtt.connect(socket, "alice", "secret"));
        }
        try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", broker.clientCertificatePort())) {
            assertArrayEquals(NOT_AUTHORIZED, RawMqtt.connect(socket, "alice", "wrong"));
        }
    }

    @Test
    void javaClientWithoutKeyIsRefused() {
        SSLContext tls = Certificates.trusting(broker.certificate());
        assertThrows(IOException.class, () -> {
            try (Socket socket = tls.getSocketFactory().createSocket("127.0.0.1", broker.clientCertificatePort())) {
                byte[] connack = RawMqtt.connect(socket, "alice", "secret");
                // TLS 1.3 may finish the client's side of the handshake before the server refuses
                if (connack.length < 4) {
                    throw new IOException("closed without CONNACK: " + connack.length + " bytes");
                }
            }
        });
    }

    @Test
    void otherTlsListenerStillNeedsNoCertificate() throws IOException {
        try (Socket socket = Certificates.trusting(broker.certificate()).getSocketFactory().createSocket("127.0.0.1",
                broker.mqttsPort())) {
            assertArrayEquals(ACCEPTED, RawMqtt.connect(socket, "alice", "secret"));
        }
    }

    private static Published pub(List<String> tls) {
        return MosquittoClients.pub(runDir, options("alice", "secret", tls));
    }

    private static List<String> options(String user, String password, List<String> tls) {
        List<String> options = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", String.valueOf(broker.clientCertificatePort()),
                "--cafile", broker.certificate().toString(), "-u", user, "-P", password, "-t", "sipdrop/x/y/alice/data",
                "-m", "hello"));
        options.addAll(tls);
        return options;
    }
}
