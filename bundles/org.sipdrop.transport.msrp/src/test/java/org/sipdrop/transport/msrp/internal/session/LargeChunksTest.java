package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * "senders MUST NOT send chunks with a body larger than 2048 octets unless they are prepared to
 * interrupt them (meaning that any chunk with a body of greater than 2048 octets will have a '*'
 * character in the range-end field)" (RFC 4975 §7.1.1), seen by a raw receiver.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LargeChunksTest {

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
    void chunksOver2048OctetsAnnounceAStarRangeEnd() throws Exception {
        alice = MsrpStack.start(StackConfig.defaults().withChunkSize(4096).withTimeouts(3_000, 3_000));
        byte[] file = new byte[10_000];
        new Random(4).nextBytes(file);
        try (RawReceiver bob = new RawReceiver(RawReceiver.Reports.WHOLE_AT_END, t -> true)) {
            Future<List<RawReceiver.Chunk>> got = peer.submit(bob::receiveMessage);
            MsrpSession tx = alice.openSession(false, true);
            tx.send(List.of(MsrpUri.parse(bob.uri())), Channels.newChannel(new ByteArrayInputStream(file)), file.length,
                    "application/octet-stream", n -> { });
            List<RawReceiver.Chunk> chunks = got.get(10, TimeUnit.SECONDS);
            for (RawReceiver.Chunk c : chunks) {
                long[] range = c.byteRange();
                if (c.body().length > 2048) {
                    assertEquals(-1, range[1], "range-end of a chunk of " + c.body().length + ": " + c.header("Byte-Range"));
                } else {
                    assertEquals(range[0] + c.body().length - 1, range[1], c.header("Byte-Range"));
                }
                assertEquals(10_000, range[2]);
            }
            assertArrayEquals(file, RawReceiver.assemble(chunks));
            tx.close();
        }
    }
}
