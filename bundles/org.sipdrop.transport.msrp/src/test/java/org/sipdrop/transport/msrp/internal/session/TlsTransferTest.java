package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** msrps: MSRP over TLS (RFC 4975 §6, §14.2) with certificates checked against a trust store. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransferTest {

    @TempDir
    static Path dir;

    private static Path serverKey;
    private static Path trust;
    private static Path strangerKey;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeAll
    static void keys() throws Exception {
        serverKey = KeyStores.selfSigned(dir, "bob");
        trust = KeyStores.trusting(dir, serverKey, "bob");
        strangerKey = KeyStores.selfSigned(dir, "mallory");
    }


    private static StackConfig tls(Path key) throws IOException {
        return StackConfig.defaults().withChunkSize(128 * 1024).withTimeouts(5_000, 5_000)
                .withTls(KeyStores.context(key, trust), 0);
    }

    @Test
    void msrpsTransferArrivesHashIdentical() throws Exception {
        Path src = TestFiles.random(dir, "tls-src.bin", 2_000_000, 21);
        Path dst = dir.resolve("tls-dst.bin");
        try (MsrpStack alice = MsrpStack.start(tls(serverKey)); MsrpStack bob = MsrpStack.start(tls(serverKey));
                FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dst)) {
            MsrpSession tx = alice.openSession(true, true);
            MsrpSession rx = bob.openSession(true, false);
            assertTrue(rx.localUri().isSecure(), "an msrps URI (RFC 4975 §6)");
            Future<?> r = callers.submit(() -> {
                rx.receive(tx.localPath(), out, 2_000_000, n -> { });
                return null;
            });
            tx.send(rx.localPath(), in, 2_000_000, "application/octet-stream", n -> { });
            r.get(10, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dst));
    }

    @Test
    void untrustedCertificateIsRefusedWithAClearError() throws Exception {
        try (MsrpStack alice = MsrpStack.start(tls(serverKey)); MsrpStack mallory = MsrpStack.start(tls(strangerKey))) {
            MsrpSession tx = alice.openSession(true, true);
            MsrpSession rx = mallory.openSession(true, false);
            IOException e = assertThrows(IOException.class,
                    () -> tx.send(rx.localPath(), FileChannel.open(TestFiles.random(dir, "x.bin", 10, 1)), 10,
                            "application/octet-stream", n -> { }));
            assertTrue(e instanceof SSLException, "a TLS error, not " + e);
            assertTrue(e.getMessage().contains("TLS with 127.0.0.1:" + mallory.tlsPort() + " failed"), e.getMessage());
        } finally {
            callers.shutdownNow();
        }
    }
}
