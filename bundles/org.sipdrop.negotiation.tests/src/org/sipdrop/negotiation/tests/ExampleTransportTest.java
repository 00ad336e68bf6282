package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipCapabilities;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.testkit.TransportConfiguration;

/**
 * The example transport (examples/org.sipdrop.transport.file: a shared folder, written only
 * against the exported transfer API and installed as its own bundle) chosen by negotiation for a
 * file through the embedded server; stopping it while a transfer waits on it fails that transfer
 * with a reason, and peers stop being offered it without a restart.
 */
class ExampleTransportTest {

    private static final String PID = "org.sipdrop.transport.file";

    @TempDir
    Path dir;
    private Peers peers;
    private EmbeddedServer server;
    private TransportConfiguration configuration;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        server = peers.service(EmbeddedServerFactory.class).start(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        configuration = new TransportConfiguration(peers.context(), PID, Duration.ofSeconds(15));
        configuration.apply(Map.of("folder", Files.createDirectories(dir.resolve("share")).toString()));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            configuration.delete();
            configuration.close();
        } finally {
            peers.close();
            server.close();
        }
    }

    private Peer registered(String user, String accept) throws Exception {
        String registrar = server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst().orElseThrow();
        return peers.registered("sip:" + user + "@127.0.0.1", registrar, null, peers.settings(accept, null, dir.resolve(user + "-in")));
    }

    private static List<String> advertised(Peer from, String to) throws Exception {
        return SipCapabilities.transports(from.ua().options(to).get(15, TimeUnit.SECONDS));
    }

    @Test
    void theSharedFolderTransportCarriesAVerifiedFileThroughTheEmbeddedServer() throws Exception {
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        assertTrue(advertised(alice, "sip:bob@127.0.0.1").contains("file"), "bob's OPTIONS lists the example transport");
        Path file = Peers.randomFile(dir.resolve("out"), "minutes.odt", 300 * 1024 + 9, 23);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("file")).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals("file", got.transport().orElse(null));
    }

    @Test
    void stoppingItWhileATransferWaitsFailsThatTransferAndPeersStopBeingOfferedIt() throws Exception {
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "ask");
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        bob.agent().onOffer((sender, offer) -> {
            asked.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS); // bob is still reading the offer when the transport stops
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Decision.accept();
        });
        Path file = Peers.randomFile(dir.resolve("out"), "plan.pdf", 200 * 1024, 29);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("file")).get(0);
        assertTrue(asked.await(30, TimeUnit.SECONDS), "bob was asked");

        configuration.delete(); // the administrator stops the transport (its configuration policy is REQUIRE)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (peers.transfers.transport("file").isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(peers.transfers.transport("file").isPresent(), "the transport is gone");
        stopped.countDown();

        TransferState end = Peers.end(sent);
        assertNotEquals(TransferState.COMPLETED, end, "a transfer on a stopped transport does not complete");
        String why = sent.failure().map(Object::toString).orElse("");
        assertTrue(why.contains("stopped") || why.contains("transport"), "the sender is told why: " + why);
        assertFalse(advertised(alice, "sip:bob@127.0.0.1").contains("file"), "peers stop being offered it");
    }
}
