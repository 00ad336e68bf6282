package org.sipdrop.transport.msrp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transport.msrp.internal.session.MsrpStack;
import org.sipdrop.transport.msrp.internal.session.RawReceiver;
import org.sipdrop.transport.msrp.internal.session.StackConfig;

/**
 * A receiver that accepts only message/cpim, with the file's type in accept-wrapped-types (Fig. 9
 * of RFC 5547 §9.1), gets the file wrapped (RFC 4975 §8.6: "MUST NOT send a top-level ... MIME
 * document of a type not signaled in the accept-types attribute"; RFC 5547 §8.7): a raw receiver
 * that answers 415 to any other Content-Type (RFC 4975 §7.3.1).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CpimWrappedSendTest {

    private final ExecutorService peer = Executors.newSingleThreadExecutor();
    private MsrpStack alice;

    @AfterEach
    void stop() {
        peer.shutdownNow();
        if (alice != null) {
            alice.close();
        }
    }

    @Test
    void fileGoesWrappedInCpimWhenTheReceiverTakesOnlyCpim() throws Exception {
        alice = MsrpStack.start(StackConfig.defaults().withChunkSize(2048).withTimeouts(3_000, 3_000));
        byte[] file = new byte[4092];
        new Random(9).nextBytes(file);
        TransportRequest request = new TransportRequest(FileOffer.builder("My cool picture.jpg", file.length)
                .mediaType("image/jpeg").build(), Direction.OUTGOING, "sip:bob@example.com", "msrp", 0)
                .with(TransportParameter.SETUP, ConnectionRole.ACTIVE).with(TransportParameter.WRAP, "message/cpim");
        try (RawReceiver bob = new RawReceiver(RawReceiver.Reports.WHOLE_AT_END, t -> t.equalsIgnoreCase("message/cpim"));
                MsrpTransportSession tx = new MsrpTransportSession(alice.openSession(false, true), request)) {
            Future<List<RawReceiver.Chunk>> got = peer.submit(bob::receiveMessage);
            tx.send(TransportEndpoint.of(URI.create(bob.uri())), Channels.newChannel(new ByteArrayInputStream(file)), n -> { });
            List<RawReceiver.Chunk> chunks = got.get(10, TimeUnit.SECONDS);
            chunks.forEach(c -> assertEquals("message/cpim", c.header("Content-Type")));
            byte[] message = RawReceiver.assemble(chunks);
            String text = new String(message, StandardCharsets.ISO_8859_1);
            int headersEnd = text.indexOf("\r\n\r\n");
            int mimeEnd = text.indexOf("\r\n\r\n", headersEnd + 4);
            assertTrue(headersEnd > 0 && mimeEnd > headersEnd, "RFC 3862 §2: message headers, blank line, MIME headers, blank line");
            assertTrue(text.substring(0, headersEnd).contains("To: <sip:bob@example.com>"), text.substring(0, headersEnd));
            String mime = text.substring(headersEnd + 4, mimeEnd);
            assertTrue(mime.contains("Content-Type: image/jpeg"), "RFC 3862 §2.4: " + mime);
            assertTrue(mime.contains("filename=\"My cool picture.jpg\""), mime);
            assertArrayEquals(file, Arrays.copyOfRange(message, mimeEnd + 4, message.length), "the payload is the file");
            assertEquals(message.length, chunks.get(0).byteRange()[2], "the Byte-Range total counts the wrapper (RFC 5547 §8.7)");
        }
    }

    @Test
    void wrappedMessageLongerThanTheReceiversMaxSizeIsNotSent() throws Exception {
        alice = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
        TransportRequest request = new TransportRequest(FileOffer.builder("a.bin", 100).build(), Direction.OUTGOING,
                "sip:bob@example.com", "msrp", 0)
                .with(TransportParameter.SETUP, ConnectionRole.ACTIVE).with(TransportParameter.WRAP, "message/cpim")
                .with(TransportParameter.MAX_SIZE, 100L);
        try (MsrpTransportSession tx = new MsrpTransportSession(alice.openSession(false, true), request)) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> tx.send(TransportEndpoint.of(URI.create("msrp://127.0.0.1:9/none;tcp")),
                            Channels.newChannel(new ByteArrayInputStream(new byte[100])), n -> { }));
            assertTrue(e.getMessage().contains("max-size"), e.getMessage());
        }
    }
}
