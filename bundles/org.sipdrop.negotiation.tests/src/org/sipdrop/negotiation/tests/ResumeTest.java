package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportRequest;

/**
 * RFC 5547 §6 file-range: a transfer cut mid-way leaves the receiver's {@code .part}; offering
 * the same file again (same name, size and hash) is answered with a file-range after the bytes
 * already there, only the missing bytes move, and the final hash covers the whole file.
 */
class ResumeTest {

    private static final int SIZE = 3 * 1024 * 1024;

    @TempDir
    Path dir;
    private Peers peers;
    private ShapingProvider transport;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        transport = new ShapingProvider(peers.msrp()).register(peers.context());
    }

    @AfterEach
    void stop() {
        transport.unregister();
        peers.close();
    }

    @Test
    void resumedOfferMovesOnlyTheMissingBytesAndVerifiesTheWholeFile() throws Exception {
        Peer alice = peers.direct("alice", "all", null, dir.resolve("alice-in"));
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        Path file = Peers.randomFile(dir.resolve("out"), "movie.mkv", SIZE, 42);
        long cut = ThreadLocalRandom.current().nextLong(64 * 1024, SIZE - 64 * 1024);

        transport.cutSendersAfter(cut);
        Transfer first = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer firstIn = Peers.incoming(bob, 0);
        assertEquals(TransferState.FAILED, Peers.end(first), "the cut fails the sender");
        assertEquals(TransferState.FAILED, Peers.end(firstIn), "the cut fails the receiver");
        Path part = bob.folder().resolve("movie.mkv.part");
        long held = Files.size(part);
        assertTrue(held > 0 && held <= cut, "the .part holds what arrived before the cut at " + cut + ": " + held);

        transport.reset();
        Transfer second = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer secondIn = Peers.incoming(bob, 1);
        assertEquals(TransferState.COMPLETED, Peers.end(secondIn), () -> "receiver: " + secondIn.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(second), () -> "sender: " + second.failure());

        List<TransportRequest> in = transport.requests(Direction.INCOMING);
        assertEquals(held, in.get(0).offset(), "the receiver resumed after the bytes it held");
        assertEquals(held, transport.requests(Direction.OUTGOING).get(0).offset(), "the answer's file-range reached the sender");
        assertEquals(SIZE - held, transport.bytesSent(), "only the missing bytes moved");
        assertEquals(Peers.sha1(file), Peers.sha1(secondIn.file().orElseThrow()));
        assertTrue(Files.notExists(part));
    }
}
