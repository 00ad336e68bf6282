package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.internal.codec.ByteRange;
import org.sipdrop.transport.msrp.internal.codec.ContinuationFlag;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.ReceivedFrame;

/** Frames written by hand at a stack: session matching, binding and chunk placement. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SessionMatchingTest {

    @TempDir
    Path dir;

    private MsrpStack stack;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws Exception {
        stack = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        stack.close();
    }

    @Test
    void requestForAnUnknownSessionIsAnswered481() throws Exception {
        try (RawPeer peer = new RawPeer(stack.port(), "peer0001")) {
            String tid = peer.chunk(MsrpUri.of(false, "127.0.0.1", stack.port(), "nosuchsession"), "m1234567",
                    ByteRange.ofChunk(0, 3, 3), new byte[] { 1, 2, 3 }, ContinuationFlag.COMPLETE);
            ReceivedFrame f = peer.next();
            assertEquals(tid, f.transactionId());
            assertEquals(481, f.response().statusCode());
        }
    }

    /**
     * RFC 4975 §7.2: every request gets its response, also when many frames arrive in one read and
     * nothing follows them (the stack yields after a number of frames, but must come back).
     */
    @Test
    void everyFrameOfABurstIsAnsweredThoughNoMoreBytesFollow() throws Exception {
        try (RawPeer peer = new RawPeer(stack.port(), "peer0001")) {
            List<String> tids = peer.burst(MsrpUri.of(false, "127.0.0.1", stack.port(), "nosuchsession"), 200);
            for (String tid : tids) {
                ReceivedFrame f = peer.next();
                assertEquals(tid, f.transactionId());
                assertEquals(481, f.response().statusCode());
            }
        }
    }

    @Test
    void sessionBoundToAnotherConnectionIsAnswered506() throws Exception {
        MsrpSession s = stack.openSession(false, false);
        try (RawPeer first = new RawPeer(stack.port(), "peer0001"); RawPeer second = new RawPeer(stack.port(), "peer0001")) {
            first.bodiless(s.localUri());
            assertEquals(200, first.next().response().statusCode());
            second.bodiless(s.localUri());
            assertEquals(506, second.next().response().statusCode());
        }
    }

    @Test
    void requestFromAnotherThanThePeerIsAnswered481() throws Exception {
        MsrpSession s = stack.openSession(false, false);
        Path dst = dir.resolve("x");
        try (RawPeer stranger = new RawPeer(stack.port(), "stranger"); FileChannel out = TestFiles.create(dst)) {
            callers.submit(() -> {
                s.receive(List.of(MsrpUri.of(false, "127.0.0.1", 9, "thepeer1")), out, 3, n -> { });
                return null;
            });
            for (int i = 0; i < 500 && !s.knowsPeer(); i++) {
                Thread.sleep(10); // until receive() recorded the peer's path
            }
            stranger.chunk(s.localUri(), "m1234567", ByteRange.ofChunk(0, 3, 3), new byte[] { 1, 2, 3 },
                    ContinuationFlag.COMPLETE);
            assertEquals(481, stranger.next().response().statusCode());
        }
    }

    @Test
    void malformedFrameIsAnswered400AndTheConnectionStaysUsable() throws Exception {
        MsrpSession s = stack.openSession(false, false);
        try (RawPeer peer = new RawPeer(stack.port(), "peer0001")) {
            peer.raw("MSRP abcd1234 SEND\r\nTo-Path: " + s.localUri() + "\r\nFrom-Path: " + peer.uri
                    + "\r\nByte-Range: banana\r\n-------abcd1234$\r\n");
            ReceivedFrame bad = peer.next();
            assertEquals("abcd1234", bad.transactionId());
            assertEquals(400, bad.response().statusCode());
            peer.bodiless(s.localUri());
            assertEquals(200, peer.next().response().statusCode(), "the session survives a malformed frame");
        }
    }

    @Test
    void outOfOrderAndOverlappingChunksAreWrittenAtTheirByteRangeOffsets() throws Exception {
        byte[] data = new byte[1500];
        new Random(7).nextBytes(data);
        MsrpSession s = stack.openSession(false, false);
        Path dst = dir.resolve("ooo.bin");
        try (RawPeer peer = new RawPeer(stack.port(), "peer0001"); FileChannel out = TestFiles.create(dst)) {
            Future<?> r = callers.submit(() -> {
                s.receive(List.of(peer.uri), out, data.length, n -> { });
                return null;
            });
            send(peer, s, data, 1000, 500, ContinuationFlag.COMPLETE); // last chunk first
            send(peer, s, data, 400, 700, ContinuationFlag.MORE); // overlaps both neighbours
            send(peer, s, data, 0, 600, ContinuationFlag.MORE);
            boolean reported = false;
            for (int i = 0; i < 10 && !reported; i++) {
                ReceivedFrame f = peer.next();
                if (f.isRequest() && MsrpMethod.REPORT.equals(f.request().method())) {
                    assertEquals(new ByteRange(1, 1500, 1500), f.request().headers().byteRange().orElseThrow());
                    reported = true;
                } else {
                    assertEquals(200, f.response().statusCode());
                }
            }
            assertTrue(reported, "a success REPORT for the whole message (RFC 4975 §7.1.2)");
            r.get(5, TimeUnit.SECONDS);
        }
        assertArrayEquals(data, Files.readAllBytes(dst));
    }

    private static void send(RawPeer peer, MsrpSession s, byte[] data, int offset, int length, ContinuationFlag flag)
            throws Exception {
        byte[] part = new byte[length];
        System.arraycopy(data, offset, part, 0, length);
        peer.chunk(s.localUri(), "msg00001", ByteRange.ofChunk(offset, length, data.length), part, flag);
    }

    @Test
    void hundredConcurrentSessionsUseTheStacksFixedThreads() throws Exception {
        // 200 caller threads on a shared two-core machine: generous timeouts, nothing timed
        MsrpStack sender = MsrpStack.start(StackConfig.defaults().withTimeouts(20_000, 20_000));
        MsrpStack other = MsrpStack.start(StackConfig.defaults().withTimeouts(20_000, 20_000));
        try {
            int sessions = 100;
            ExecutorService users = Executors.newFixedThreadPool(8);
            Future<?>[] done = new Future<?>[sessions * 2];
            Path src = TestFiles.random(dir, "src", 20_000, 9);
            for (int i = 0; i < sessions; i++) {
                MsrpSession tx = sender.openSession(false, true);
                MsrpSession rx = other.openSession(false, false);
                Path dst = dir.resolve("dst" + i);
                done[2 * i] = callers.submit(() -> {
                    try (FileChannel out = TestFiles.create(dst)) {
                        rx.receive(tx.localPath(), out, 20_000, n -> { });
                    }
                    return null;
                });
                done[2 * i + 1] = callers.submit(() -> {
                    try (FileChannel in = FileChannel.open(src)) {
                        tx.send(rx.localPath(), in, 20_000, "application/octet-stream", n -> { });
                    }
                    return null;
                });
            }
            long msrpThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("msrp-")).count();
            for (Future<?> f : done) {
                f.get(40, TimeUnit.SECONDS);
            }
            users.shutdownNow();
            // per stack: one selector, the workers, one timer, whatever the number of sessions
            long bound = 3L * (1 + stack.ioThreads() + 1); // this test's three stacks
            assertTrue(msrpThreads <= bound, msrpThreads + " MSRP threads for " + sessions + " sessions, bound " + bound);
            for (int i = 0; i < sessions; i++) {
                assertEquals(20_000, Files.size(dir.resolve("dst" + i)));
            }
            assertEquals(TestFiles.sha256(src), TestFiles.sha256(dir.resolve("dst" + (sessions - 1))));
        } finally {
            sender.close();
            other.close();
        }
    }

}
