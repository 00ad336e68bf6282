package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * A chunk whose end the sender does not say ({@code Byte-Range: 1-*}{@code /*}, RFC 4975 §7.1.1)
 * and whose end-line never comes. The receiver bounds what it takes of one message (the
 * negotiated file size; the most a message session takes), answers 413 as soon as the chunk
 * goes beyond it (§10.5: the sender must then stop, interrupting the chunk), and closes the
 * connection if the peer goes on sending; a sender that does stop keeps its connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndlessChunkTest {

    /** Most bytes a test writes: far beyond any bound the receiver may keep. */
    private static final long FLOOD = 64L * 1024 * 1024;

    @TempDir
    Path dir;

    private MsrpStack bob;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final MsrpUri peer = MsrpUri.of(false, "127.0.0.1", 9, "thepeer1");

    @BeforeEach
    void start() throws IOException {
        bob = MsrpStack.start(StackConfig.defaults().withTimeouts(10_000, 10_000).withBindingSettle(0));
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        bob.close();
    }

    @Test
    void endlessChunkInAFileSessionIsAnswered413BeyondTheFileSizeAndItsConnectionClosed() throws Exception {
        MsrpSession rx = bob.openSession(false, false);
        Future<?> received = callers.submit(() -> {
            try (FileChannel out = TestFiles.create(dir.resolve("rx.bin"))) {
                rx.receive(List.of(peer), out, 1000, n -> { });
            }
            return null;
        });
        awaitPeerKnown(rx);
        floodAndExpect413ThenClose(rx, "1-*/*");
        assertFails(received);
    }

    @Test
    void endlessChunkOfUnknownTotalInAMessageSessionIsAnswered413AndItsConnectionClosed() throws Exception {
        MsrpSession rx = bob.openSession(false, false);
        Future<?> received = callers.submit(() -> rx.receiveUpTo(List.of(peer), Channels.newChannel(new ByteArrayOutputStream()), 4096));
        awaitPeerKnown(rx);
        floodAndExpect413ThenClose(rx, "1-*/*");
        assertFails(received);
    }

    @Test
    void chunkRunningPastItsTotalInAMessageSessionIsAnswered413AndItsConnectionClosed() throws Exception {
        MsrpSession rx = bob.openSession(false, false);
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Future<?> received = callers.submit(() -> rx.receiveUpTo(List.of(peer), Channels.newChannel(memory), 4096));
        awaitPeerKnown(rx);
        floodAndExpect413ThenClose(rx, "1-*/100");
        assertFails(received);
        assertTrue(memory.size() <= 100, "held in memory: " + memory.size() + " bytes");
    }

    @Test
    void senderThatStopsAfterThe413KeepsItsConnection() throws Exception {
        MsrpSession rx = bob.openSession(false, false);
        Future<?> received = callers.submit(() -> rx.receiveUpTo(List.of(peer), Channels.newChannel(new ByteArrayOutputStream()), 4096));
        awaitPeerKnown(rx);
        try (WireAttacker sender = new WireAttacker(bob.port())) {
            String tid = sender.startSend(rx.localUri().toString(), peer.toString(), "endless1", "1-*/*");
            byte[] piece = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            sender.write(piece);
            assertEquals(413, sender.nextResponse().status());
            sender.write(("\r\n-------" + tid + "#\r\n").getBytes(StandardCharsets.US_ASCII)); // interrupts (§10.5)
            sender.send(MsrpUri.of(false, "127.0.0.1", bob.port(), "nosuchsession").toString(), peer.toString(),
                    "other001", "1-1/1", new byte[] { 1 }, '$');
            WireAttacker.Frame next = sender.nextResponse();
            assertEquals(481, next == null ? -1 : next.status(), "the connection still serves requests");
        }
        assertFails(received);
    }

    /**
     * Writes the head of a SEND, then body bytes without an end-line, up to {@link #FLOOD}, while
     * another thread reads what the receiver says.
     */
    private void floodAndExpect413ThenClose(MsrpSession rx, String byteRange) throws Exception {
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        try (WireAttacker sender = new WireAttacker(bob.port())) {
            Future<Boolean> closed = callers.submit(() -> {
                try {
                    for (WireAttacker.Frame f = sender.nextResponse(); f != null; f = sender.nextResponse()) {
                        statuses.add(f.status());
                    }
                } catch (java.net.SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    // reset: closed too
                }
                return true;
            });
            sender.startSend(rx.localUri().toString(), peer.toString(), "endless1", byteRange);
            byte[] piece = new byte[64 * 1024];
            long written = 0;
            try {
                while (written < FLOOD) {
                    sender.write(piece);
                    written += piece.length;
                }
            } catch (IOException e) {
                // the receiver closed the connection: expected
            }
            assertTrue(written < FLOOD, "the receiver took " + FLOOD + " bytes of one chunk without an end-line");
            assertTrue(closed.get(10, TimeUnit.SECONDS), "the connection was closed");
            assertEquals(List.of(413), statuses, "413 before the close (RFC 4975 §10.5)");
        }
    }

    private static void awaitPeerKnown(MsrpSession rx) throws InterruptedException {
        for (int i = 0; i < 1000 && !rx.knowsPeer(); i++) {
            Thread.sleep(10);
        }
    }

    private static void assertFails(Future<?> received) {
        try {
            received.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return;
        } catch (Exception e) {
            throw new AssertionError("receiving neither failed nor ended: " + e, e);
        }
        throw new AssertionError("receiving succeeded");
    }
}
