package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * A receiver may send "incremental success REPORTs as the chunks are received ... after a chunk
 * arrives and cover just the part from that chunk" (RFC 4975 §7.1.3); the sender then counts the
 * union of the reported ranges, against a raw receiver that reports so.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PerChunkReportsTest {

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
    void senderCountsTheUnionOfPerChunkReports() throws Exception {
        alice = MsrpStack.start(StackConfig.defaults().withChunkSize(1000).withTimeouts(3_000, 3_000));
        byte[] file = new byte[3_500];
        new Random(7).nextBytes(file);
        try (RawReceiver bob = new RawReceiver(RawReceiver.Reports.PER_CHUNK, t -> true)) {
            Future<List<RawReceiver.Chunk>> got = peer.submit(bob::receiveMessage);
            MsrpSession tx = alice.openSession(false, true);
            AtomicLong confirmed = new AtomicLong();
            tx.send(List.of(MsrpUri.parse(bob.uri())), Channels.newChannel(new ByteArrayInputStream(file)), file.length,
                    "application/octet-stream", confirmed::set);
            List<RawReceiver.Chunk> chunks = got.get(10, TimeUnit.SECONDS);
            assertTrue(chunks.size() >= 4, "four chunks of at most 1000 octets: " + chunks.size());
            assertArrayEquals(file, RawReceiver.assemble(chunks));
            assertEquals(file.length, confirmed.get(), "every byte confirmed by the per-chunk REPORTs together");
            tx.close();
        }
    }
}
