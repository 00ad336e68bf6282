package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.testing.Tshark;
import org.sipdrop.testing.TsharkCapture;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportSession;

/**
 * MSRP with content indirection: the file goes to nginx WebDAV once, the RFC 4483 offer travels as
 * one SEND inside a plain MSRP message session (RFC 4975; INVITE through the embedded server,
 * then BYE), the receiver acts on it as on the MESSAGE form and its RFC 5438 outcome comes back.
 */
class StorageOverMsrpTest {

    @TempDir
    static Path runDir;
    private static StorageFixture storage;

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void startStorage() throws Exception {
        storage = new StorageFixture(runDir);
    }

    @AfterAll
    static void stopStorage() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        storage.configureNginx(false);
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    private Peer user(String name, String accept) throws Exception {
        return storage.user(peers, name, peers.settings(accept, null, dir.resolve(name + "-in")));
    }

    /** @return the port the MSRP transport listens on, from a session opened and closed at once */
    private int msrpPort() throws Exception {
        FileOffer probe = FileOffer.builder("probe", 1).build();
        try (TransportSession s = peers.msrp().open(new org.sipdrop.transfer.TransportRequest(probe, Direction.INCOMING,
                "sip:probe@127.0.0.1", "msrp", 0).with(org.sipdrop.transfer.TransportParameter.SETUP,
                        org.sipdrop.transfer.ConnectionRole.PASSIVE))) {
            return s.localEndpoint().uri().getPort();
        }
    }

    @Test
    void offerInsideAnMsrpSessionDeliversTheVerifiedFileAndTsharkFindsNoMalformedMsrp() throws Exception {
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "all");
        Path file = Peers.randomFile(dir.resolve("out"), "minutes.odt", 300 * 1024 + 7, 31);
        int port = msrpPort();
        long putsBefore = storage.puts();
        Path pcap;
        Transfer sent;
        Transfer got;
        try (TsharkCapture capture = Tshark.start(dir, Duration.ofSeconds(60), port)) {
            sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file),
                    SendOptions.defaults().via("http").indirectionOver("msrp")).get(0);
            got = Peers.incoming(bob, 0);
            assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
            assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
            pcap = capture.stop();
        }
        Path saved = got.file().orElseThrow();
        assertEquals(bob.folder().toRealPath().resolve("minutes.odt"), saved);
        assertEquals(Peers.sha1(file), Peers.sha1(saved));
        assertEquals("http", got.transport().orElseThrow(), "the file itself came from the storage");
        assertEquals("sip:alice@127.0.0.1", got.peer());
        assertEquals(1, storage.puts() - putsBefore, "uploaded once");
        String decode = "tcp.port==" + port + ",msrp";
        List<Tshark.Frame> sends = Tshark.frames(pcap, "msrp.method == \"SEND\" && msrp.content.type contains \"cpim\"", decode);
        assertEquals(1, sends.size(), "one SEND carried the CPIM offer: " + sends);
        assertEquals(List.of(), Tshark.frames(pcap, "_ws.malformed || (msrp && _ws.expert.severity >= warning && !tcp.analysis.flags)",
                decode), "MSRP frames tshark flags as malformed or with warnings");
    }

    @Test
    void declinedOfferInsideAnMsrpSessionReachesTheSenderAsADecline() throws Exception {
        Peer alice = user("alice", "none");
        Peer carol = user("carol", "none");
        Path file = Peers.randomFile(dir.resolve("out"), "slides.pdf", 64 * 1024, 32);
        Transfer sent = alice.agent().send("sip:carol@127.0.0.1", List.of(file),
                SendOptions.defaults().via("http").indirectionOver("msrp")).get(0);
        assertEquals(TransferState.REJECTED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(Decision.DECLINE, sent.failure().orElseThrow().status());
        Transfer got = Peers.incoming(carol, 0);
        assertEquals(TransferState.REJECTED, Peers.end(got));
        assertEquals("http", got.transport().orElseThrow());
        assertTrue(!carol.folder().toFile().exists() || carol.folder().toFile().list().length == 0, "nothing saved");
    }

    @Test
    void offerOverMsrpWithoutAStorageIsRefusedBeforeAnythingIsSent() throws Exception {
        Peer alice = user("alice", "none");
        Path file = Peers.randomFile(dir.resolve("out"), "a.txt", 100, 33);
        assertThrows(IllegalArgumentException.class, () -> alice.agent().send("sip:bob@127.0.0.1", List.of(file),
                SendOptions.defaults().via("msrp").indirectionOver("msrp")));
        assertTrue(alice.agent().transfers().isEmpty());
    }
}
