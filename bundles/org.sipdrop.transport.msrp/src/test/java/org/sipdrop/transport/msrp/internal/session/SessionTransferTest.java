package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two stacks on loopback move files through sessions as RFC 4975 §5 and §7 describe. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionTransferTest {

    @TempDir
    Path dir;

    private MsrpStack alice;
    private MsrpStack bob;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        StackConfig c = StackConfig.defaults().withChunkSize(64 * 1024).withTimeouts(5_000, 5_000)
                .withReportInterval(256 * 1024);
        alice = MsrpStack.start(c);
        bob = MsrpStack.start(c);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        alice.close();
        bob.close();
    }

    private Future<Void> receiveAsync(MsrpSession s, List<org.sipdrop.transport.msrp.internal.codec.MsrpUri> remote,
            FileChannel sink, long length, AtomicLong progress) {
        return callers.submit(() -> {
            s.receive(remote, sink, length, progress::set);
            return null;
        });
    }

    @Test
    void activeSenderConnectsAndTheFileArrivesHashIdentical() throws Exception {
        Path src = TestFiles.random(dir, "a.bin", 3_000_001, 1);
        Path dst = dir.resolve("b.bin");
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        AtomicLong received = new AtomicLong();
        AtomicLong confirmed = new AtomicLong();
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dst)) {
            Future<Void> r = receiveAsync(rx, tx.localPath(), out, 3_000_001, received);
            tx.send(rx.localPath(), in, 3_000_001, "application/octet-stream", confirmed::set);
            r.get(10, TimeUnit.SECONDS);
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dst));
        assertEquals(3_000_001, received.get());
        assertEquals(3_000_001, confirmed.get(), "the success REPORT covers every byte (RFC 4975 §7.1.2)");
    }

    @Test
    void activeReceiverBindsWithABodilessSendSoThePassiveSenderCanSend() throws Exception {
        Path src = TestFiles.random(dir, "a.bin", 500_000, 2);
        Path dst = dir.resolve("b.bin");
        MsrpSession tx = alice.openSession(false, false);
        MsrpSession rx = bob.openSession(false, true);
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dst)) {
            Future<Void> r = receiveAsync(rx, tx.localPath(), out, 500_000, new AtomicLong());
            tx.send(rx.localPath(), in, 500_000, "application/octet-stream", n -> { });
            r.get(10, TimeUnit.SECONDS);
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dst));
    }

    @Test
    void resumesFromAnOffsetSendingOnlyTheRest() throws Exception {
        long size = 1_000_000;
        long offset = 400_000;
        Path src = TestFiles.random(dir, "a.bin", size, 3);
        Path dst = dir.resolve("b.bin");
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dst)) {
            in.transferTo(0, offset, out); // the part received before the interruption
            in.position(offset);
            out.position(offset);
            MsrpSession tx = alice.openSession(false, true);
            MsrpSession rx = bob.openSession(false, false);
            AtomicLong received = new AtomicLong();
            Future<Void> r = receiveAsync(rx, tx.localPath(), out, size - offset, received);
            tx.send(rx.localPath(), in, size - offset, "application/octet-stream", n -> { });
            r.get(10, TimeUnit.SECONDS);
            assertEquals(size - offset, received.get(), "only the remainder travels");
        }
        assertEquals(TestFiles.sha256(src), TestFiles.sha256(dst));
    }

    @Test
    void senderAbortEndsTheChunkWithHashAndTheReceiverFailsClearly() throws Exception {
        long size = 4_000_000;
        Path src = TestFiles.random(dir, "a.bin", size, 4);
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dir.resolve("b.bin"))) {
            Future<Void> r = receiveAsync(rx, tx.localPath(), out, size, new AtomicLong());
            ReadableByteChannel closingSource = new ReadableByteChannel() {
                private long read;

                @Override
                public int read(ByteBuffer dst) throws IOException {
                    if (read > 1_000_000) {
                        tx.close(); // the user cancels mid-way
                    }
                    int n = in.read(dst);
                    read += Math.max(0, n);
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            };
            IOException sent = assertThrows(IOException.class,
                    () -> tx.send(rx.localPath(), closingSource, size, "application/octet-stream", n -> { }));
            assertTrue(sent.getMessage().contains("abandoned"), sent.getMessage());
            Exception failed = assertThrows(Exception.class, () -> r.get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("'#'"), failed.getCause().getMessage());
        }
    }

    @Test
    void receiverThatStopsAnswers413AndTheSenderStops() throws Exception {
        long size = 8_000_000;
        Path src = TestFiles.random(dir, "a.bin", size, 5);
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dir.resolve("b.bin"))) {
            AtomicLong received = new AtomicLong();
            Future<Void> r = callers.submit(() -> {
                rx.receive(tx.localPath(), out, size, n -> {
                    received.set(n);
                    if (n > 500_000) {
                        rx.close(); // the user declines the rest
                    }
                });
                return null;
            });
            IOException e = assertThrows(IOException.class,
                    () -> tx.send(rx.localPath(), in, size, "application/octet-stream", n -> { }));
            assertTrue(e.getMessage().contains("413"), e.getMessage());
            assertThrows(Exception.class, () -> r.get(10, TimeUnit.SECONDS));
            assertTrue(received.get() < size);
        }
    }

    @Test
    void sessionsToTheSameHopReuseOneConnection() throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path src = TestFiles.random(dir, "a" + i, 100_000, 10 + i);
            MsrpSession tx = alice.openSession(false, true);
            MsrpSession rx = bob.openSession(false, false);
            FileChannel in = FileChannel.open(src);
            FileChannel out = TestFiles.create(dir.resolve("b" + i));
            Future<Void> r = receiveAsync(rx, tx.localPath(), out, 100_000, new AtomicLong());
            all.add(CompletableFuture.runAsync(() -> {
                try (in; out) {
                    tx.send(rx.localPath(), in, 100_000, "application/octet-stream", n -> { });
                    r.get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, callers));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertEquals(1, bob.openConnections(), "three sessions, one connection (RFC 4975 §5.4 reuse)");
        for (int i = 0; i < 3; i++) {
            assertEquals(TestFiles.sha256(dir.resolve("a" + i)), TestFiles.sha256(dir.resolve("b" + i)));
        }
    }

    @Test
    void stoppingTheStackFailsTransfersInFlightWithAClearReason() throws Exception {
        long size = 20_000_000;
        Path src = TestFiles.random(dir, "a.bin", size, 6);
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dir.resolve("b.bin"))) {
            Future<Void> r = callers.submit(() -> {
                rx.receive(tx.localPath(), out, size, n -> {
                    if (n > 1_000_000) {
                        callers.submit(bob::close); // the bundle stops, from another thread
                    }
                });
                return null;
            });
            assertThrows(IOException.class, () -> tx.send(rx.localPath(), in, size, "application/octet-stream", n -> { }));
            Exception e = assertThrows(Exception.class, () -> r.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("stopped"), e.getCause().getMessage());
        }
    }
}
