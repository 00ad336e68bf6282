package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * re-INVITEs inside a file transfer, from a sender written from the RFC texts
 * ({@link RfcFileSender}, raw sockets): a session refresh that repeats the offer (RFC 4028, RFC
 * 5547 §8.1) is answered with the same stream and the transfer goes on to a verified file; a new
 * offer with port 0 (RFC 5547 §8.4) closes the stream, the receiver stops with that reason, keeps
 * the {@code .part} to resume, and ends the call with its verdict. Both were refused with 488.
 */
class ReinviteTest {

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

    @Test
    void aSessionRefreshInTheMiddleOfAFileLeavesTheTransferRunning() throws Exception {
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        byte[] file = content(300_000);
        try (RfcFileSender alice = new RfcFileSender(bob.uri())) {
            String offer = alice.offer("refresh.bin", file.length, sha1(file), true, 0);
            RfcFileSender.Message answer = alice.invite(offer);
            assertEquals(200, answer.status(), answer.startLine());
            assertTrue(answer.body().contains("a=setup:passive"), "RFC 6135: the answerer of an active offerer listens");
            assertEquals(200, alice.sendChunk(file, 0, 100_000, file.length, false));

            RfcFileSender.Message refresh = alice.invite(offer); // RFC 4028: the same SDP again
            assertEquals(200, refresh.status(), "a session refresh is accepted: " + refresh.startLine());
            assertTrue(refresh.body().contains("a=file-transfer-id:" + alice.transferId()), refresh.body());
            assertFalse(refresh.body().contains("m=message 0 "), "the stream stays open: " + refresh.body());

            assertEquals(200, alice.sendChunk(file, 100_000, file.length - 100_000, file.length, true));
            RfcFileSender.Message bye = alice.awaitBye();
            assertTrue(bye.header("Reason").contains("cause=200"), "verified and saved: " + bye.header("Reason"));
        }
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertArrayEquals(file, Files.readAllBytes(got.file().orElseThrow()));
    }

    @Test
    void aNewOfferWithPortZeroAbortsTheFileKeepsThePartAndEndsTheCall() throws Exception {
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        byte[] file = content(300_000);
        try (RfcFileSender alice = new RfcFileSender(bob.uri())) {
            assertEquals(200, alice.invite(alice.offer("aborted.bin", file.length, sha1(file), true, 0)).status());
            assertEquals(200, alice.sendChunk(file, 0, 100_000, file.length, false));

            RfcFileSender.Message close = alice.invite(alice.offer("aborted.bin", file.length, sha1(file), false, 1));
            assertEquals(200, close.status(), close.startLine());
            assertTrue(close.body().contains("m=message 0 "), "RFC 3264 §8.2: the answer closes it too: " + close.body());
            assertTrue(close.body().contains("a=file-transfer-id:" + alice.transferId()), "RFC 5547 §8.1: mirrored");

            RfcFileSender.Message bye = alice.awaitBye();
            assertFalse(bye.header("Reason").contains("cause=200"), "not verified: " + bye.header("Reason"));
        }
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.FAILED, Peers.end(got));
        assertTrue(got.failure().orElseThrow().reason().contains("port 0"), () -> got.failure().toString());
        assertTrue(Files.exists(dir.resolve("bob-in").resolve("aborted.bin.part")), "the .part stays to be resumed");
        assertFalse(Files.exists(dir.resolve("bob-in").resolve("aborted.bin")));
    }

    private static byte[] content(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static byte[] sha1(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(b);
    }
}
