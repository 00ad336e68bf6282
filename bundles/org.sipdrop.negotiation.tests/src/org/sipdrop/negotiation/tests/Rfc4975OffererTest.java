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
 * A sender of the RFC 4975 connection model, without COMEDIA ({@link RfcFileSender} with no
 * a=setup, as in RFC 5547 §9.1's Fig. 8): "the initiating endpoint MUST act as the 'active'
 * endpoint" (RFC 4975 §5.4), so SipDrop answers passive (explicitly, RFC 6135 §4.2.1), without
 * a=connection (§4.4), waits for the connection and receives the file. It answered active and
 * connected too.
 */
class Rfc4975OffererTest {

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
    void offerWithoutSetupIsAnsweredPassiveAndTheFileArrives() throws Exception {
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        byte[] file = new byte[50_000];
        new Random(11).nextBytes(file);
        try (RfcFileSender alice = new RfcFileSender(bob.uri())) {
            String offer = alice.offer("rfc4975.bin", file.length, MessageDigest.getInstance("SHA-1").digest(file), true, 0)
                    .replace("a=setup:active\r\n", "");
            RfcFileSender.Message answer = alice.invite(offer);
            assertEquals(200, answer.status(), answer.startLine());
            assertTrue(answer.body().contains("a=setup:passive"), "RFC 4975 §5.4: the offerer connects: " + answer.body());
            assertFalse(answer.body().contains("a=connection"), "RFC 6135 §4.4: " + answer.body());
            assertEquals(200, alice.sendChunk(file, 0, file.length, file.length, true));
            RfcFileSender.Message bye = alice.awaitBye();
            assertTrue(bye.header("Reason").contains("cause=200"), "verified and saved: " + bye.header("Reason"));
        }
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertArrayEquals(file, Files.readAllBytes(got.file().orElseThrow()));
    }
}
