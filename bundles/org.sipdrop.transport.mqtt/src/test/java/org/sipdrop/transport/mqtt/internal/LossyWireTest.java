package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * {@link ChunkSender} and {@link ChunkReceiver} over a wire that loses, duplicates, delays and
 * reorders messages, and goes down for a while, as QoS 1 across reconnects may: the bytes arrive
 * exactly, in order, or the transfer fails typed within the stall timeout. Also the receiver's
 * refusals of chunks that break the protocol.
 */
@Timeout(60)
class LossyWireTest {

    private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService ends = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        network.shutdownNow();
        ends.shutdownNow();
    }

    /** A one-way lossy wire into a mailbox: each message is dropped, duplicated or delayed at random. */
    private final class Lossy implements Wire {
        final Random random;
        final double loss;
        final Mailbox into;
        final boolean chunks;
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicLong sent = new AtomicLong();

        Lossy(long seed, double loss, Mailbox into, boolean chunks) {
            this.random = new Random(seed);
            this.loss = loss;
            this.into = into;
            this.chunks = chunks;
        }

        @Override
        public synchronized boolean publish(String topic, byte[] payload) {
            if (down.get()) {
                return false;
            }
            sent.incrementAndGet();
            int copies = random.nextDouble() < loss ? 0 : random.nextDouble() < loss ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                network.schedule(() -> deliver(topic, payload), random.nextInt(3), TimeUnit.MILLISECONDS);
            }
            return true;
        }

        /** Set when the sending end returned: it then answers each late ack with done, as the session does. */
        volatile Lossy answerDoneOn;

        private void deliver(String topic, byte[] payload) {
            try {
                if (topic.endsWith("/done")) {
                    into.done();
                } else if (!chunks && answerDoneOn != null) {
                    answerDoneOn.publish("to/bob/done", new byte[0]);
                } else if (chunks) {
                    into.chunk(ChunkFrame.decode(payload, ChunkFrame.MAX_CHUNK_SIZE));
                } else {
                    into.ack(AckFrame.decode(payload));
                }
            } catch (MalformedFrameException e) {
                into.fail(new TransportException(Reason.BROKEN, e.getMessage()));
            }
        }

        @Override
        public boolean publishAndWait(String topic, byte[] payload, long millis) {
            return publish(topic, payload);
        }

        @Override
        public boolean connected() {
            return !down.get();
        }

        @Override
        public String state() {
            return down.get() ? "test wire: down" : "test wire";
        }
    }

    private static MqttSettings settings(int chunk, int window) {
        return TestSettings.of(Map.of("chunk.size", chunk, "window", window, "resend.after.ms", 50, "stall.timeout.ms", 5_000));
    }

    private byte[] transfer(byte[] content, long start, MqttSettings s, Lossy data, Lossy acks, Mailbox senderBox, Mailbox receiverBox)
            throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Long> confirmed = new ArrayList<>();
        Future<?> receiving = ends.submit(() -> new ChunkReceiver(acks, s, receiverBox, "to/alice/ack", "alice")
                .receive(Channels.newChannel(got), start, content.length, n -> { }));
        Future<?> sending = ends.submit(() -> {
            new ChunkSender(data, s, senderBox, "to/bob/data", "to/bob/done", "bob").send(Channels.newChannel(new ByteArrayInputStream(
                    content, (int) start, content.length - (int) start)), start, content.length, confirmed::add);
            acks.answerDoneOn = data;
            return null;
        });
        sending.get(50, TimeUnit.SECONDS);
        receiving.get(50, TimeUnit.SECONDS);
        assertEquals(content.length, confirmed.get(confirmed.size() - 1), "the sender ends with every byte confirmed");
        for (int i = 1; i < confirmed.size(); i++) {
            assertTrue(confirmed.get(i) >= confirmed.get(i - 1), "progress never goes back: " + confirmed);
        }
        return got.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bytesArriveExactlyThroughLossDuplicatesAndReordering(long seed) throws Exception {
        byte[] content = new byte[200_000 + (int) seed * 37];
        new Random(seed).nextBytes(content);
        MqttSettings s = settings(1024, 8);
        Mailbox senderBox = new Mailbox(64);
        Mailbox receiverBox = new Mailbox(2 * s.window() + 4);
        Lossy data = new Lossy(seed, 0.05, receiverBox, true);
        Lossy acks = new Lossy(seed * 31, 0.05, senderBox, false);
        assertArrayEquals(content, transfer(content, 0, s, data, acks, senderBox, receiverBox));
    }

    @Test
    void fromAnOffsetOnlyTheRestMoves() throws Exception {
        byte[] content = new byte[50_001];
        new Random(9).nextBytes(content);
        MqttSettings s = settings(1024, 4);
        Mailbox senderBox = new Mailbox(64);
        Mailbox receiverBox = new Mailbox(12);
        byte[] got = transfer(content, 20_000, s, new Lossy(9, 0, receiverBox, true), new Lossy(10, 0, senderBox, false), senderBox,
                receiverBox);
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 20_000, content.length), got);
    }

    @Test
    void anEmptyRestStillEndsWithTheLastChunk() throws Exception {
        MqttSettings s = settings(1024, 4);
        Mailbox senderBox = new Mailbox(64);
        Mailbox receiverBox = new Mailbox(12);
        assertEquals(0, transfer(new byte[0], 0, s, new Lossy(1, 0, receiverBox, true), new Lossy(2, 0, senderBox, false), senderBox,
                receiverBox).length);
    }

    @Test
    void aSenderWithLargerChunksKeepsToTheReceiversMaximum() throws Exception {
        byte[] content = new byte[100_000];
        new Random(13).nextBytes(content);
        Mailbox senderBox = new Mailbox(64);
        Mailbox receiverBox = new Mailbox(12);
        MqttSettings receiver = settings(1024, 4);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Lossy data = new Lossy(13, 0, receiverBox, true);
        Lossy acks = new Lossy(14, 0, senderBox, false);
        Future<?> receiving = ends.submit(() -> new ChunkReceiver(acks, receiver, receiverBox, "to/alice/ack", "alice")
                .receive(Channels.newChannel(got), 0, content.length, n -> { }));
        new ChunkSender(data, settings(65536, 4), senderBox, "to/bob/data", "to/bob/done", "bob")
                .send(Channels.newChannel(new ByteArrayInputStream(content)), 0, content.length, n -> { });
        acks.answerDoneOn = data;
        receiving.get(30, TimeUnit.SECONDS);
        assertArrayEquals(content, got.toByteArray());
        assertTrue(data.sent.get() >= content.length / 1024, "1 KiB chunks, as the receiver granted: " + data.sent);
    }

    @Test
    void theWireGoingDownForAWhileOnlyDelaysTheTransfer() throws Exception {
        byte[] content = new byte[300_000];
        new Random(11).nextBytes(content);
        MqttSettings s = settings(1024, 8);
        Mailbox senderBox = new Mailbox(64);
        Mailbox receiverBox = new Mailbox(20);
        Lossy data = new Lossy(11, 0, receiverBox, true);
        Lossy acks = new Lossy(12, 0, senderBox, false);
        network.schedule(() -> data.down.set(true), 20, TimeUnit.MILLISECONDS);
        network.schedule(() -> {
            data.down.set(false);
            senderBox.reconnected();
        }, 600, TimeUnit.MILLISECONDS);
        assertArrayEquals(content, transfer(content, 0, s, data, acks, senderBox, receiverBox));
        assertTrue(data.sent.get() > content.length / 1024, "chunks were sent again after the wire came back: " + data.sent);
    }

    @Test
    void aWireThatStaysDownFailsTheSenderTypedAfterTheStallTimeout() {
        MqttSettings s = TestSettings.of(Map.of("chunk.size", 1024, "window", 4, "resend.after.ms", 50, "stall.timeout.ms", 1_000));
        Mailbox senderBox = new Mailbox(8);
        Lossy data = new Lossy(1, 0, new Mailbox(8), true);
        data.down.set(true);
        senderBox.ack(new AckFrame(0, 0, 4, 1024));
        TransportException e = assertThrows(TransportException.class, () -> new ChunkSender(data, s, senderBox, "t", "t/done", "bob")
                .send(Channels.newChannel(new ByteArrayInputStream(new byte[10_000])), 0, 10_000, n -> { }));
        assertEquals(Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("stalled") && e.getMessage().contains("test wire: down"), e.getMessage());
    }

    @Test
    void aSilentSenderFailsTheReceiverTypedAfterTheStallTimeout() {
        MqttSettings s = TestSettings.of(Map.of("resend.after.ms", 50, "stall.timeout.ms", 1_000));
        Lossy acks = new Lossy(1, 0, new Mailbox(8), false);
        TransportException e = assertThrows(TransportException.class, () -> new ChunkReceiver(acks, s, new Mailbox(8), "t", "alice")
                .receive(Channels.newChannel(new ByteArrayOutputStream()), 0, 10, n -> { }));
        assertEquals(Reason.BROKEN, e.reason());
        assertTrue(e.getMessage().contains("no data"), e.getMessage());
        assertTrue(acks.sent.get() >= 2, "the receiver repeated its ack while waiting: " + acks.sent);
    }

    @Test
    void chunksThatBreakTheProtocolAreRefusedBroken() throws Exception {
        MqttSettings s = settings(1024, 4);
        byte[] k = new byte[1024];
        // beyond the window, not continuing the file, past the offered size, the last chunk short of the size
        List<byte[][]> cases = List.of(new byte[][] {ChunkFrame.encode(4, 4096, false, k, 0, 1024)},
                new byte[][] {ChunkFrame.encode(0, 10, false, k, 0, 1024)},
                new byte[][] {ChunkFrame.encode(0, 0, false, k, 0, 1024), ChunkFrame.encode(1, 1024, false, k, 0, 1024)},
                new byte[][] {ChunkFrame.encode(0, 0, true, k, 0, 1024)});
        List<String> expected = List.of("beyond the window", "starts at byte 10", "goes past", "ended the file at byte 1024");
        for (int i = 0; i < cases.size(); i++) {
            Mailbox box = new Mailbox(8);
            for (byte[] frame : cases.get(i)) {
                box.chunk(ChunkFrame.decode(frame, 1024));
            }
            Lossy acks = new Lossy(1, 0, new Mailbox(8), false);
            ExecutionException e = assertThrows(ExecutionException.class, () -> ends.submit(() -> new ChunkReceiver(acks, s, box, "t",
                    "alice").receive(Channels.newChannel(new ByteArrayOutputStream()), 0, 1500, n -> { })).get(10, TimeUnit.SECONDS));
            TransportException t = (TransportException) e.getCause();
            assertEquals(Reason.BROKEN, t.reason());
            assertTrue(t.getMessage().contains(expected.get(i)), i + ": " + t.getMessage());
        }
    }
}
