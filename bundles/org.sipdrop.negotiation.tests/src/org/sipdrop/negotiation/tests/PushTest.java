package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * Two users in one runtime, each with a file-transfer agent; alice pushes files to bob in an
 * INVITE with an RFC 5547 offer, over the real MSRP transport (watched by a {@link ShapingProvider}).
 */
class PushTest {

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

    private Peer alice() throws Exception {
        return peers.direct("alice", "all", null, dir.resolve("alice-in"));
    }

    private Peer bob(String accept, String maxSize) throws Exception {
        return peers.direct("bob", accept, maxSize, dir.resolve("bob-in"));
    }

    @Test
    void pushDeliversTheFileByteIdenticalWithTheOfferedHash() throws Exception {
        Peer alice = alice();
        Peer bob = bob("all", null);
        Path file = Peers.randomFile(dir.resolve("out"), "report.pdf", 1024 * 1024, 1);
        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        Path saved = got.file().orElseThrow();
        assertEquals(bob.folder().toRealPath().resolve("report.pdf"), saved);
        assertEquals(Peers.sha1(file), Peers.sha1(saved));
        assertEquals(got.offer().sha1Hex().orElseThrow(), Peers.sha1(saved));
        assertEquals("application/pdf", got.offer().mediaType());
        assertEquals("msrp", sent.transport().orElseThrow());
        assertEquals(1024 * 1024, got.bytesTransferred());
        assertTrue(peers.transfers.transfers().containsAll(List.of(sent, got)), "the TransferService tracks both");
        assertEquals(Direction.INCOMING, got.direction());
        assertEquals("sip:alice@127.0.0.1", got.peer());
    }

    @Test
    void declinedOfferReachesTheSenderWithStatusAndReason() throws Exception {
        Peer alice = alice();
        Peer bob = bob("none", null);
        Path file = Peers.randomFile(dir.resolve("out"), "notes.txt", 1000, 2);
        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        assertEquals(TransferState.REJECTED, Peers.end(sent));
        assertEquals(603, sent.failure().orElseThrow().status());
        assertEquals("Not accepting files", sent.failure().orElseThrow().reason());
    }

    @Test
    void oversizeFileIsRejectedBeforeAnyByteMoves() throws Exception {
        Peer alice = alice();
        Peer bob = bob("all", "4000");
        Path file = Peers.randomFile(dir.resolve("out"), "big.bin", 5000, 3);
        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        assertEquals(TransferState.REJECTED, Peers.end(sent));
        assertEquals(488, sent.failure().orElseThrow().status());
        assertTrue(sent.failure().orElseThrow().reason().startsWith("File too large: 5000 bytes"), sent.failure()::toString);
        assertEquals(List.of(), transport.requests(Direction.INCOMING), "the receiver opened no transport session");
        assertEquals(0, transport.bytesSent());
        assertTrue(!Files.exists(bob.folder()) || isEmpty(bob.folder()), "no .part was created");
    }

    @Test
    void hostileNamesLandSafelyInsideTheDownloadFolder() throws Exception {
        Peer alice = alice();
        Peer bob = bob("all", null);
        List<String> names = List.of("..", "CON.txt", "a\\..\\b.txt", "Grüße \"zitat\": 1;2.txt", " .hidden ", "\u202Egnp.exe");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        for (String name : names) {
            Path file = name.equals("..") ? Peers.randomFile(out, "dotdot", 10, 4) : Peers.randomFile(out, name, 100, 4);
            int known = bob.agent().transfers().size();
            Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
            Transfer got = Peers.incoming(bob, known);
            assertEquals(TransferState.COMPLETED, Peers.end(got), () -> name + ": " + got.failure());
            Path saved = got.file().orElseThrow();
            assertEquals(bob.folder().toRealPath(), saved.getParent(), name + " stays inside the folder");
            assertEquals(Peers.sha1(file), Peers.sha1(saved), name);
            Peers.end(sent);
        }
    }

    @Test
    void severalFilesInOneOfferOneRejectedByPortZero() throws Exception {
        Peer alice = alice();
        Peer bob = bob("all", "10000");
        Path small = Peers.randomFile(dir.resolve("out"), "small.txt", 5000, 5);
        Path big = Peers.randomFile(dir.resolve("out"), "big.iso", 20000, 6);
        Path other = Peers.randomFile(dir.resolve("out"), "other.png", 7000, 7);
        List<Transfer> sent = alice.agent().send(bob.uri(), List.of(small, big, other), SendOptions.defaults());
        assertEquals(3, sent.size());
        assertEquals(TransferState.COMPLETED, Peers.end(sent.get(0)), () -> "small: " + sent.get(0).failure());
        assertEquals(TransferState.REJECTED, Peers.end(sent.get(1)));
        assertEquals(TransferState.COMPLETED, Peers.end(sent.get(2)), () -> "other: " + sent.get(2).failure());
        assertEquals(2, transport.requests(Direction.INCOMING).size(), "sessions only for the accepted files");
        // the sender completes on the success REPORT; the receiver then still checks the hash
        // and moves the file into place: wait for each of its transfers, not just one
        for (Transfer got : bob.agent().transfers()) {
            TransferState state = Peers.end(got);
            if (!got.offer().name().equals("big.iso")) {
                assertEquals(TransferState.COMPLETED, state, () -> got.offer().name() + ": " + got.failure());
            }
        }
        assertEquals(Peers.sha1(small), Peers.sha1(bob.folder().resolve("small.txt")));
        assertEquals(Peers.sha1(other), Peers.sha1(bob.folder().resolve("other.png")));
        assertTrue(!Files.exists(bob.folder().resolve("big.iso")));
    }

    @Test
    void tamperedBytesFailBothSidesWithTheReceiversHashReasonAndKeepThePart() throws Exception {
        Peer alice = alice();
        Peer bob = bob("all", null);
        Path file = Peers.randomFile(dir.resolve("out"), "data.bin", 200_000, 8);
        transport.tamper();
        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.FAILED, Peers.end(got));
        String reason = got.failure().orElseThrow().reason();
        assertTrue(reason.contains("hash mismatch") && reason.contains(Peers.sha1(file)), reason);
        assertEquals(TransferState.FAILED, Peers.end(sent), "every byte was confirmed, but the receiver's verdict decides");
        assertEquals(400, sent.failure().orElseThrow().status(), sent.failure()::toString);
        String told = sent.failure().orElseThrow().reason();
        assertTrue(told.startsWith("data.bin: hash mismatch") && told.contains(Peers.sha1(file)), told);
        assertTrue(!told.contains("bob-in") && !told.contains(".part"), "where bob keeps files is not the sender's business: " + told);
        assertEquals(200_000, sent.bytesTransferred());
        assertTrue(Files.exists(bob.folder().resolve("data.bin.part")), "the .part is kept for inspection");
        assertTrue(!Files.exists(bob.folder().resolve("data.bin")));
    }

    private static boolean isEmpty(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }
}
