package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * Pull (RFC 5547 §8.2.2, §8.3.2): bob requests a file alice shares with a {@code recvonly}
 * offer naming it by the selector he learnt from her announcement; alice answers
 * {@code sendonly} with the file's own selector and sends it over the real MSRP transport.
 */
class PullTest {

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    /** alice, sharing {@code shared}, and bob, who pulls into his download folder; neither accepts pushes. */
    private Peer[] aliceSharingAndBob(List<Path> shared) throws Exception {
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")).sharing(shared));
        Peer bob = peers.direct("bob", "none", null, dir.resolve("bob-in"));
        return new Peer[] {alice, bob};
    }

    @Test
    void pullDeliversTheSharedFileByteIdenticalWithItsHash() throws Exception {
        Path file = Peers.randomFile(dir.resolve("shared"), "handbook.pdf", 700_000, 21);
        Peer[] p = aliceSharingAndBob(List.of(file));
        Peer alice = p[0];
        Peer bob = p[1];
        FileOffer announced = peers.transfers.describe(file, b -> { });
        Transfer pulled = bob.agent().request(alice.uri(), announced, SendOptions.defaults());
        assertEquals(Direction.INCOMING, pulled.direction());
        assertEquals(TransferState.COMPLETED, Peers.end(pulled), () -> "requester: " + pulled.failure());
        Path saved = pulled.file().orElseThrow();
        assertEquals(bob.folder().toRealPath().resolve("handbook.pdf"), saved);
        assertEquals(Peers.sha1(file), Peers.sha1(saved));
        assertEquals(Peers.sha1(file), pulled.offer().sha1Hex().orElseThrow(), "the hash comes from the holder's answer");
        assertEquals(700_000, pulled.bytesTransferred());
        Transfer served = alice.agent().transfers().get(0);
        assertEquals(TransferState.COMPLETED, Peers.end(served), () -> "holder: " + served.failure());
        assertEquals(Direction.OUTGOING, served.direction());
        assertEquals("sip:bob@127.0.0.1", served.peer());
    }

    @Test
    void pullByNameAndSizeOnlyGetsTheHashFromTheAnswerAndVerifiesIt() throws Exception {
        Path file = Peers.randomFile(dir.resolve("shared"), "notes.txt", 5000, 22);
        Path other = Peers.randomFile(dir.resolve("shared"), "other.txt", 5000, 23);
        Peer[] p = aliceSharingAndBob(List.of(other, file));
        Transfer pulled = p[1].agent().request(p[0].uri(), FileOffer.builder("notes.txt", 5000).build(), SendOptions.defaults());
        assertEquals(TransferState.COMPLETED, Peers.end(pulled), () -> "requester: " + pulled.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(pulled.file().orElseThrow()));
        assertEquals(Peers.sha1(file), pulled.offer().sha1Hex().orElseThrow());
    }

    @Test
    void pullByNameAloneLearnsSizeTypeAndHashFromTheAnswer() throws Exception {
        Path file = Peers.randomFile(dir.resolve("shared"), "slides.pdf", 123_457, 28);
        Peer[] p = aliceSharingAndBob(List.of(file));
        Transfer pulled = p[1].agent().request(p[0].uri(), "slides.pdf", SendOptions.defaults());
        assertEquals(TransferState.COMPLETED, Peers.end(pulled), () -> "requester: " + pulled.failure());
        assertEquals(123_457, pulled.offer().size(), "the size comes from the holder's answer");
        assertEquals("application/pdf", pulled.offer().mediaType());
        assertEquals(Peers.sha1(file), pulled.offer().sha1Hex().orElseThrow());
        assertEquals(Peers.sha1(file), Peers.sha1(pulled.file().orElseThrow()));
        Transfer served = p[0].agent().transfers().get(0);
        assertEquals(TransferState.COMPLETED, Peers.end(served), () -> "holder: " + served.failure());
    }

    @Test
    void pullingAFileThatIsNotSharedIsRefusedWithTheReason() throws Exception {
        Path shared = Peers.randomFile(dir.resolve("shared"), "public.txt", 1000, 24);
        Path secret = Peers.randomFile(dir.resolve("private"), "secret.txt", 1000, 25);
        Peer[] p = aliceSharingAndBob(List.of(shared));
        Peer bob = p[1];
        FileOffer wanted = peers.transfers.describe(secret, b -> { });
        Transfer pulled = bob.agent().request(p[0].uri(), wanted, SendOptions.defaults());
        assertEquals(TransferState.REJECTED, Peers.end(pulled));
        assertEquals(404, pulled.failure().orElseThrow().status());
        String reason = pulled.failure().orElseThrow().reason();
        assertTrue(reason.startsWith("Not Found: no shared file matches") && reason.contains("secret.txt"), reason);
        assertFalse(Files.exists(bob.folder().resolve("secret.txt")));
        assertEquals(List.of(), p[0].agent().transfers(), "the holder sent nothing");
    }

    @Test
    void aSharedFileWithADifferentHashIsNotServed() throws Exception {
        Path file = Peers.randomFile(dir.resolve("shared"), "report.bin", 2000, 26);
        Peer[] p = aliceSharingAndBob(List.of(file));
        FileOffer announced = peers.transfers.describe(file, b -> { });
        Peers.randomFile(dir.resolve("shared"), "report.bin", 2000, 27); // changed since the announcement
        Transfer pulled = p[1].agent().request(p[0].uri(), announced, SendOptions.defaults());
        assertEquals(TransferState.REJECTED, Peers.end(pulled));
        assertEquals(404, pulled.failure().orElseThrow().status());
    }
}
