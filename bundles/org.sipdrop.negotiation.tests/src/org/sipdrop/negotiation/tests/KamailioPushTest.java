package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.testing.Kamailio;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * The same push through a real Kamailio as registrar and proxy with digest authentication:
 * alice offers to bob's address-of-record, Kamailio challenges and routes the INVITE, its
 * OPTIONS and the BYE (with the receiver's verdict in its Reason, RFC 3326); the bytes go
 * straight between the two MSRP endpoints.
 */
class KamailioPushTest {

    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    @TempDir
    static Path runDir;
    private static Kamailio kamailio;

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void startKamailio() {
        kamailio = Kamailio.start(Kamailio.Mode.DIGEST, runDir.resolve("kamailio"), Kamailio.Ports.freeWithoutTls(), USERS);
    }

    @AfterAll
    static void stopKamailio() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    private Peer registered(String user, String accept, String maxSize) throws Exception {
        SipEndpoint ep = peers.sip.open(SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(SipTransport.TCP)));
        peers.track(ep);
        SipUserAgent ua = ep.userAgent(SipAccount.builder("sip:" + user + "@" + Kamailio.DOMAIN)
                .registrar(kamailio.uri("tcp")).transport(SipTransport.TCP).password(USERS.get(user)).build());
        assertEquals(200, ua.register().get(15, TimeUnit.SECONDS).status());
        return peers.attach(ua, accept, maxSize, dir.resolve(user + "-in"));
    }

    @Test
    void pushThroughKamailioDeliversTheVerifiedFile() throws Exception {
        Peer alice = registered("alice", "all", null);
        Peer bob = registered("bob", "all", null);
        Path file = Peers.randomFile(dir.resolve("out"), "slides.odp", 1024 * 1024, 11);
        Transfer sent = alice.agent().send("sip:bob@" + Kamailio.DOMAIN, List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals("sip:alice@" + Kamailio.DOMAIN, got.peer());
    }

    @Test
    void rejectionReasonCrossesKamailioToTheSender() throws Exception {
        Peer alice = registered("alice", "all", null);
        registered("bob", "all", "1000");
        Path file = Peers.randomFile(dir.resolve("out"), "big.bin", 2000, 12);
        Transfer sent = alice.agent().send("sip:bob@" + Kamailio.DOMAIN, List.of(file), SendOptions.defaults()).get(0);
        assertEquals(TransferState.REJECTED, Peers.end(sent));
        assertEquals(488, sent.failure().orElseThrow().status());
        assertTrue(sent.failure().orElseThrow().reason().startsWith("File too large"), sent.failure()::toString);
    }

    @Test
    void receiversHashVerdictCrossesKamailioInItsByeReason() throws Exception {
        ShapingProvider tampering = new ShapingProvider(peers.msrp()).register(peers.context());
        try {
            tampering.tamper();
            Peer alice = registered("alice", "all", null);
            Peer bob = registered("bob", "all", null);
            Path file = Peers.randomFile(dir.resolve("out"), "data.bin", 100_000, 13);
            Transfer sent = alice.agent().send("sip:bob@" + Kamailio.DOMAIN, List.of(file), SendOptions.defaults()).get(0);
            Transfer got = Peers.incoming(bob, 0);
            assertEquals(TransferState.FAILED, Peers.end(got));
            assertEquals(TransferState.FAILED, Peers.end(sent), "the verdict, not MSRP's confirmation, decides");
            assertEquals(400, sent.failure().orElseThrow().status(), sent.failure()::toString);
            String reason = sent.failure().orElseThrow().reason();
            assertTrue(reason.startsWith("data.bin: hash mismatch: expected " + Peers.sha1(file)), reason);
        } finally {
            tampering.unregister();
        }
    }
}
