package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * A send that fails once the call is set up ends the call with a BYE saying why (RFC 3326), and
 * the transfer fails only after that BYE went out — against a receiver written from the RFC
 * text ({@link RfcFileReceiver}) that drops its MSRP connection. The BYE used to carry no Reason
 * and to race the end of the transfer, so a command exiting on the failure left the peer's call up.
 */
class FailureEndsCallTest {

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
    void aSendThatFailsAfterTheCallIsUpEndsItWithTheReason() throws Exception {
        Peer alice = peers.direct("alice", "none", null, dir.resolve("alice-in"));
        Path file = Peers.randomFile(dir.resolve("out"), "dropped.bin", 4 * 1024 * 1024, 8);
        try (RfcFileReceiver carol = new RfcFileReceiver()) {
            Transfer sent = alice.agent().send(carol.uri(), List.of(file), SendOptions.defaults()).get(0);
            carol.acceptInvite();
            carol.connectAndFailMidFile();
            RfcFileSender.Message bye = carol.awaitBye();
            String reason = bye.header("Reason");
            assertTrue(reason.startsWith("SIP") && reason.contains("cause=") && reason.contains("text="),
                    "RFC 3326 Reason in the BYE: " + bye.headers());
            assertEquals(TransferState.FAILED, Peers.end(sent));
            assertTrue(sent.failure().isPresent(), "the sender says why");
        }
    }
}
