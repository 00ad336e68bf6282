package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.interop.KamailioRelay;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.relay.RelayClient;

/**
 * Relays (RFC 4976) against an independent implementation: Kamailio's msrp module, two
 * instances on loopback (TCP and TLS). AUTH with Digest, Use-Path, Expires and refresh; files
 * through one relay either way and through two. Chunks stay at 10 000 bytes (Kamailio 5.6 drops
 * frames from about 11 KB).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RelayInteropTest {

    @TempDir
    static Path dir;

    private static KamailioRelay r1;
    private static KamailioRelay r2;
    private static SSLContext trustRelay;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeAll
    static void startRelays() throws Exception {
        Path key = KeyStores.selfSigned(dir, "relay");
        Path[] pem = KeyStores.pem(dir, key, "relay");
        trustRelay = KeyStores.context(null, KeyStores.trusting(dir, key, "relay"));
        r1 = KamailioRelay.start(Files.createDirectories(dir.resolve("r1")), pem);
        r2 = KamailioRelay.start(Files.createDirectories(dir.resolve("r2")), null);
    }

    @AfterAll
    static void stopRelays() throws Exception {
        try {
            if (r1 != null) {
                r1.close();
            }
        } finally {
            if (r2 != null) {
                r2.close();
            }
        }
    }

    private static StackConfig direct() {
        return StackConfig.defaults().withTimeouts(5_000, 10_000).withReportInterval(100_000);
    }

    private static StackConfig via(String relayUri, String password) {
        return direct().withTls(trustRelay, -1)
                .withRelay(new StackConfig.Relay(MsrpUri.parse(relayUri), KamailioRelay.USER, password, -1));
    }

    @Test
    void authWithDigestGrantsAUsePathAndExpires() throws Exception {
        try (MsrpStack s = MsrpStack.start(via(r1.uri(), KamailioRelay.PASSWORD))) {
            MsrpSession session = s.openSession(false, true);
            List<MsrpUri> path = session.localPath();
            assertEquals(2, path.size(), "Use-Path, then our URI (RFC 4976 §5): " + path);
            assertEquals(r1.port(), path.get(0).port(), r1.tail());
            assertTrue(s.relay().orElseThrow().expires() > 0);
        }
    }

    @Test
    void wrongRelayPasswordIsRefusedWithAClearError() throws Exception {
        try (MsrpStack s = MsrpStack.start(via(r1.uri(), "wrong"))) {
            IOException e = assertThrows(IOException.class, () -> s.openSession(false, true));
            assertTrue(e.getMessage().contains("refused AUTH") && e.getMessage().contains("401"), e.getMessage());
        }
    }

    @Test
    void registrationIsRefreshedBeforeItExpires() throws Exception {
        StackConfig c = direct().withRelay(new StackConfig.Relay(MsrpUri.parse(r1.uri()), KamailioRelay.USER,
                KamailioRelay.PASSWORD, 2));
        try (MsrpStack s = MsrpStack.start(c)) {
            s.openSession(false, true);
            RelayClient relay = s.relay().orElseThrow();
            assertEquals(2, relay.expires(), "the relay granted the Expires asked for (RFC 4976 §5.1)");
            for (int i = 0; i < 100 && relay.registrations() < 2; i++) {
                Thread.sleep(100);
            }
            assertTrue(relay.registrations() >= 2, "a second AUTH before the first expired; log:\n" + r1.tail());
        }
    }

    @Test
    void receivingThroughOneRelay() throws Exception {
        try (MsrpStack alice = MsrpStack.start(direct()); MsrpStack bob = MsrpStack.start(via(r1.uri(), KamailioRelay.PASSWORD))) {
            transfer(alice.openSession(false, true), bob.openSession(false, true), 300_000, "in1");
        }
    }

    @Test
    void sendingThroughOneRelay() throws Exception {
        try (MsrpStack alice = MsrpStack.start(via(r1.uri(), KamailioRelay.PASSWORD)); MsrpStack bob = MsrpStack.start(direct())) {
            transfer(alice.openSession(false, true), bob.openSession(false, false), 300_000, "out1");
        }
    }

    @Test
    void sendingAndReceivingThroughTwoRelays() throws Exception {
        try (MsrpStack alice = MsrpStack.start(via(r1.uri(), KamailioRelay.PASSWORD));
                MsrpStack bob = MsrpStack.start(via(r2.uri(), KamailioRelay.PASSWORD))) {
            transfer(alice.openSession(false, true), bob.openSession(false, true), 300_000, "two");
        }
    }

    @Test
    void throughARelayOverTls() throws Exception {
        try (MsrpStack alice = MsrpStack.start(via(r1.tlsUri(), KamailioRelay.PASSWORD));
                MsrpStack bob = MsrpStack.start(via(r1.tlsUri(), KamailioRelay.PASSWORD))) {
            MsrpSession tx = alice.openSession(true, true);
            assertTrue(tx.localPath().get(0).isSecure(), "an msrps Use-Path: " + tx.localPath());
            transfer(tx, bob.openSession(true, true), 300_000, "tls");
        }
    }

    private void transfer(MsrpSession tx, MsrpSession rx, long size, String name) throws Exception {
        Path src = TestFiles.random(dir, name + "-src", size, name.hashCode());
        Path dst = dir.resolve(name + "-dst");
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dst)) {
            Future<?> r = callers.submit(() -> {
                rx.receive(tx.localPath(), out, size, n -> { });
                return null;
            });
            try {
                tx.send(rx.localPath(), in, size, "application/octet-stream", n -> { });
                r.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("transfer failed: " + e + "\nrelay log:\n" + r1.tail() + "\n" + r2.tail(), e);
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dst));
    }
}
