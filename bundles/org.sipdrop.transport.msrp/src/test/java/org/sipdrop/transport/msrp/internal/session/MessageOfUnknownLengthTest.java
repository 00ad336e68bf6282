package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A page-mode message in a plain message session: the receiver does not know its length, the
 * first chunk's Byte-Range total tells it (RFC 4975 §7.1.1); one longer than the receiver takes
 * is refused with 413 and fails on both sides.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageOfUnknownLengthTest {

    private MsrpStack alice;
    private MsrpStack bob;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        StackConfig c = StackConfig.defaults().withChunkSize(1024).withTimeouts(5_000, 5_000);
        alice = MsrpStack.start(c);
        bob = MsrpStack.start(c);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        alice.close();
        bob.close();
    }

    @Test
    void receiverLearnsTheLengthFromTheByteRangeAndGetsTheWholeMessageWithItsType() throws Exception {
        byte[] message = "From: <sip:alice@example.org>\r\n\r\nContent-Type: multipart/mixed\r\n\r\n".repeat(40)
                .getBytes(StandardCharsets.US_ASCII); // several 1 KiB chunks
        MsrpSession tx = alice.openSession(false, false);
        MsrpSession rx = bob.openSession(false, true);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Future<String> type = callers.submit(() -> rx.receiveUpTo(tx.localPath(), Channels.newChannel(got), 64 * 1024));
        tx.send(rx.localPath(), Channels.newChannel(new ByteArrayInputStream(message)), message.length, "message/cpim", n -> { });
        assertEquals("message/cpim", type.get(10, TimeUnit.SECONDS));
        assertArrayEquals(message, got.toByteArray());
    }

    @Test
    void messageLongerThanTheReceiverTakesIsRefusedWith413() throws Exception {
        byte[] message = new byte[5000];
        MsrpSession tx = alice.openSession(false, false);
        MsrpSession rx = bob.openSession(false, true);
        Future<String> type = callers.submit(() -> rx.receiveUpTo(tx.localPath(),
                Channels.newChannel(new ByteArrayOutputStream()), 4096));
        IOException sent = assertThrows(IOException.class, () -> tx.send(rx.localPath(),
                Channels.newChannel(new ByteArrayInputStream(message)), message.length, "message/cpim", n -> { }));
        assertTrue(sent.getMessage().contains("413"), sent.getMessage());
        ExecutionException received = assertThrows(ExecutionException.class, () -> type.get(10, TimeUnit.SECONDS));
        assertTrue(received.getCause().getMessage().contains("at most 4096"), received.getCause().getMessage());
    }
}
