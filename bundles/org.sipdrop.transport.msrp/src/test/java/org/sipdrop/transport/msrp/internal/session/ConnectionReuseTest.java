package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection reuse and teardown (RFC 4975 §5.4): sessions to the same hop share a connection,
 * and an unused one is closed by the endpoint that opened it, never by the one that accepted
 * it, which cannot know that the opener is already reusing it for a session it has not heard of.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionReuseTest {

    private static final StackConfig BASE = StackConfig.defaults().withChunkSize(64 * 1024).withTimeouts(5_000, 5_000);

    @TempDir
    Path dir;

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private MsrpStack alice;
    private MsrpStack bob;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void acceptingSideKeepsAnIdleConnectionSoTheOpenerCanReuseIt() throws Exception {
        alice = MsrpStack.start(BASE.withLinger(30_000)); // keeps what it opened, for reuse
        bob = MsrpStack.start(BASE.withLinger(0)); // would close at once whatever it may close
        MsrpSession tx1 = alice.openSession(false, true);
        MsrpSession rx1 = bob.openSession(false, false);
        transfer(tx1, rx1, 200_000, 1);
        rx1.close();
        tx1.close();
        assertEquals(1, bob.openConnections(), "the accepting side left the idle connection to its opener");

        MsrpSession tx2 = alice.openSession(false, true);
        MsrpSession rx2 = bob.openSession(false, false);
        transfer(tx2, rx2, 200_000, 2);
        assertEquals(1, alice.openConnections(), "the second session reused the connection");
        assertEquals(1, bob.openConnections());
    }

    @Test
    void openerClosesItsConnectionOnceNoSessionUsesIt() throws Exception {
        alice = MsrpStack.start(BASE.withLinger(0));
        bob = MsrpStack.start(BASE.withLinger(0));
        MsrpSession tx1 = alice.openSession(false, true);
        MsrpSession rx1 = bob.openSession(false, false);
        MsrpSession tx2 = alice.openSession(false, true);
        MsrpSession rx2 = bob.openSession(false, false);
        transfer(tx1, rx1, 100_000, 3);
        transfer(tx2, rx2, 100_000, 4);
        assertEquals(1, alice.openConnections(), "two sessions, one connection");
        tx1.close();
        assertEquals(1, alice.openConnections(), "still used by the second session");
        tx2.close();
        assertEquals(0, alice.openConnections(), "closed by its opener once unused");
        for (int i = 0; i < 500 && bob.openConnections() > 0; i++) {
            Thread.sleep(10); // the accepting side learns of the close from the socket
        }
        assertEquals(0, bob.openConnections(), "the accepting side followed the opener's close");
        assertTrue(rx1.connection() != null && !rx1.connection().isOpen());
    }

    @Test
    void closingOneSessionDoesNotDisturbAnotherTransferringOnTheSameConnection() throws Exception {
        alice = MsrpStack.start(BASE.withLinger(0));
        bob = MsrpStack.start(BASE.withLinger(0));
        MsrpSession done = alice.openSession(false, true);
        MsrpSession doneRx = bob.openSession(false, false);
        transfer(done, doneRx, 10_000, 5);
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        Path src = TestFiles.random(dir, "big", 3_000_000, 6);
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dir.resolve("big-dst"))) {
            Future<?> r = callers.submit(() -> {
                rx.receive(tx.localPath(), out, 3_000_000, n -> {
                    if (n > 1_000_000) {
                        doneRx.close(); // the other session ends on both sides mid-transfer
                        done.close();
                    }
                });
                return null;
            });
            tx.send(rx.localPath(), in, 3_000_000, "application/octet-stream", n -> { });
            r.get(20, TimeUnit.SECONDS);
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dir.resolve("big-dst")));
    }

    private void transfer(MsrpSession tx, MsrpSession rx, long size, int seed) throws Exception {
        Path src = TestFiles.random(dir, "src" + seed, size, seed);
        Path dst = dir.resolve("dst" + seed);
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dst)) {
            Future<?> r = callers.submit(() -> {
                rx.receive(tx.localPath(), out, size, n -> { });
                return null;
            });
            tx.send(rx.localPath(), in, size, "application/octet-stream", n -> { });
            r.get(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("transfer " + seed + " failed: " + e.getMessage(), e);
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dst));
    }
}
