package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A standard sender resumes the way RFC 5547 §8.1 says: after a cut, a new offer (new
 * file-transfer-id) with {@code a=file-range} from where it chooses; the receiver echoes the
 * range (§8.3.1) and takes the bytes from there, keeping the ones before it. The offered range
 * used to be ignored: the receiver answered its own range and expected other bytes.
 */
class SenderResumeTest {

    private static final int SIZE = 300_000;

    @TempDir
    Path dir;

    private Peers peers;
    private Peer bob;
    private final byte[] file = new byte[SIZE];

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        new Random(4975).nextBytes(file);
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    /** The first attempt: {@code sent} bytes arrive, then the MSRP connection is cut. */
    private void cutAfter(int sent) throws Exception {
        try (RfcFileSender first = new RfcFileSender(bob.uri())) {
            assertEquals(200, first.invite(first.offer("resumed.bin", SIZE, sha1(), true, 0)).status());
            assertEquals(200, first.sendChunk(file, 0, sent, SIZE, false));
            first.cutMsrp();
            first.awaitBye();
        }
        Transfer cut = Peers.incoming(bob, 0);
        assertEquals(TransferState.FAILED, Peers.end(cut));
        assertEquals(sent, Files.size(dir.resolve("bob-in").resolve("resumed.bin.part")));
    }

    /** The resumed attempt, offering octets {@code from}+1 to the end. */
    private void resumeFrom(int from) throws Exception {
        try (RfcFileSender again = new RfcFileSender(bob.uri())) {
            RfcFileSender.Message answer = again.invite(again.offer("resumed.bin", SIZE, sha1(), true, 0, from));
            assertEquals(200, answer.status(), answer.startLine());
            assertTrue(answer.body().contains("a=file-range:" + (from + 1) + "-" + SIZE), "§8.3.1: the range echoed: " + answer.body());
            assertEquals(200, again.sendChunk(file, from, SIZE - from, SIZE, true, from));
            assertTrue(again.awaitBye().header("Reason").contains("cause=200"), "verified and saved");
        }
        Transfer resumed = Peers.incoming(bob, 1);
        assertEquals(TransferState.COMPLETED, Peers.end(resumed), () -> "receiver: " + resumed.failure());
        assertArrayEquals(file, Files.readAllBytes(resumed.file().orElseThrow()));
    }

    @Test
    void aResumeFromWhereTheReceiverStoppedCompletesTheFile() throws Exception {
        cutAfter(100_000);
        resumeFrom(100_000);
    }

    @Test
    void aResumeFromEarlierThanTheReceiverHoldsIsTakenFromThere() throws Exception {
        cutAfter(150_000);
        resumeFrom(100_000);
    }

    @Test
    void aResumeThatWouldLeaveAGapIsRefusedWithTheReason() throws Exception {
        cutAfter(50_000);
        try (RfcFileSender again = new RfcFileSender(bob.uri())) {
            RfcFileSender.Message answer = again.invite(again.offer("resumed.bin", SIZE, sha1(), true, 0, 100_000));
            assertEquals(488, answer.status(), answer.startLine());
            assertTrue(answer.startLine().contains("only the first 50000 octets"), answer.startLine());
        }
        assertEquals(50_000, Files.size(dir.resolve("bob-in").resolve("resumed.bin.part")), "what was held is kept");
    }

    private byte[] sha1() throws Exception {
        return MessageDigest.getInstance("SHA-1").digest(file);
    }
}
