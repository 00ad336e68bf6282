package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * An earlier transfer delivered every byte into the {@code .part} but was cut before the move.
 * Offered again, the file is verified where it lies and saved; only its last octet is asked for
 * ({@code a=file-range:N-N}, RFC 5547 §6). A full-length part that does not match the offered
 * SHA-1 is received again from the first byte.
 */
class HeldPartTest {

    private static final int SIZE = 300_000;

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

    /** Leaves {@code content} in bob's {@code .part} of {@code offer}, as a transfer cut before its move would. */
    private void leavePart(Peer bob, FileOffer offer, byte[] content) throws Exception {
        ReceivedFileStore store = peers.service(ReceivedFileStore.class);
        try (ReceivedFileStore.Partial p = store.begin(bob.folder(), offer)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                p.write(b);
            }
        }
    }

    @Test
    void partHoldingEveryVerifiedByteIsSavedAndOnlyTheLastOctetMoves() throws Exception {
        Peer alice = peers.direct("alice", "all", null, dir.resolve("alice-in"));
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        Path file = Peers.randomFile(dir.resolve("out"), "archive.zip", SIZE, 31);
        leavePart(bob, peers.transfers.describe(file, b -> { }), Files.readAllBytes(file));

        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(SIZE - 1, transport.requests(Direction.INCOMING).get(0).offset(), "the answer asked for the last octet");
        assertEquals(SIZE - 1, transport.requests(Direction.OUTGOING).get(0).offset());
        assertEquals(1, transport.bytesSent(), "only the last octet moved");
        Path saved = got.file().orElseThrow();
        assertEquals(bob.folder().toRealPath().resolve("archive.zip"), saved);
        assertEquals(Peers.sha1(file), Peers.sha1(saved));
        assertTrue(Files.notExists(bob.folder().resolve("archive.zip.part")));
    }

    @Test
    void fullLengthPartWithTheWrongHashIsReceivedAgainFromTheFirstByte() throws Exception {
        Peer alice = peers.direct("alice", "all", null, dir.resolve("alice-in"));
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        Path file = Peers.randomFile(dir.resolve("out"), "archive.zip", SIZE, 32);
        byte[] damaged = Files.readAllBytes(file);
        damaged[SIZE / 2] ^= 0x40;
        leavePart(bob, peers.transfers.describe(file, b -> { }), damaged);

        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(0, transport.requests(Direction.INCOMING).get(0).offset(), "restarted from 0");
        assertEquals(SIZE, transport.bytesSent());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals(bob.folder().toRealPath().resolve("archive.zip"), got.file().orElseThrow());
    }
}
