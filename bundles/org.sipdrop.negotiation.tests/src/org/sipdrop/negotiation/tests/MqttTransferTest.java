package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipCapabilities;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Kamailio;
import org.sipdrop.testing.Mosquitto;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.testkit.TransportConfiguration;

/**
 * The MQTT transport (bundle org.sipdrop.transport.mqtt, Paho) chosen by negotiation like any
 * session transport, through a real mosquitto with password authentication on loopback: push over
 * mqtt and mqtts under SipDrop's example broker ACL, through the embedded server and through Kamailio, pull, decline, hostile names,
 * one-to-many and concurrent transfers, a broker restart in the middle of a transfer, and the
 * bundle stopping and starting while the runtime runs. Both users of this runtime share the one
 * configured MQTT identity (alice); separate identities and the broker's ACL are tested in
 * org.sipdrop.transport.mqtt.tests. After every test, no retained message is left on the broker.
 */
class MqttTransferTest {

    private static final String PID = "org.sipdrop.transport.mqtt";
    private static final Map<String, String> USERS = Map.of("alice", "alice-secret");

    @TempDir
    Path dir;
    private Peers peers;
    private EmbeddedServer server;
    private Mosquitto broker;
    private int mqttPort;
    private int mqttsPort;
    private TransportConfiguration configuration;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        server = peers.service(EmbeddedServerFactory.class).start(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        mqttPort = FreePorts.tcp();
        do {
            mqttsPort = FreePorts.tcp();
        } while (mqttsPort == mqttPort);
        broker = Mosquitto.builder(dir.resolve("broker"), mqttPort, mqttsPort, USERS).sipDropAcl().start();
        configuration = new TransportConfiguration(peers.context(), PID, Duration.ofSeconds(15));
        configuration.apply(settings(Map.of()));
    }

    private Map<String, Object> settings(Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(Map.of("broker", "127.0.0.1", "port", mqttPort, "tls.port", mqttsPort, "user", "alice",
                ".password", USERS.get("alice"), "tls.trust.store", broker.certificate().toString(), "resend.after.ms", 500,
                "stall.timeout.ms", 15_000));
        p.putAll(more);
        return p;
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertEquals(List.of(), broker.retainedTopics(Duration.ofSeconds(1)), "no retained message is left on the broker");
            configuration.delete();
            configuration.close();
        } finally {
            peers.close();
            server.close();
            broker.close();
        }
    }

    private Peer registered(String user, String accept, String registrar) throws Exception {
        return peers.registered("sip:" + user + "@127.0.0.1", registrar, null, peers.settings(accept, null, dir.resolve(user + "-in")));
    }

    private Peer registered(String user, String accept) throws Exception {
        return registered(user, accept, server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst().orElseThrow());
    }

    private static void assertDelivered(Path file, Transfer sent, Transfer got, String scheme) throws Exception {
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals(scheme, got.transport().orElse(null));
        assertEquals(scheme, sent.transport().orElse(null));
    }

    @Test
    void aFileTravelsOverMqttThroughTheEmbeddedServerAndPeersAreToldOfMqtt() throws Exception {
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        List<String> advertised = SipCapabilities.transports(alice.ua().options("sip:bob@127.0.0.1").get(15, TimeUnit.SECONDS));
        assertTrue(advertised.containsAll(List.of("mqtt", "mqtts")), "bob's OPTIONS lists MQTT: " + advertised);
        Path file = Peers.randomFile(dir.resolve("out"), "design.pdf", 3 * 1024 * 1024 + 5, 41);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("mqtt")).get(0);
        assertDelivered(file, sent, Peers.incoming(bob, 0), "mqtt");
    }

    @Test
    void aFileTravelsOverMqttsThroughKamailio() throws Exception {
        try (Kamailio kamailio = Kamailio.start(Kamailio.Mode.OPEN, Files.createDirectories(dir.resolve("kamailio")),
                Kamailio.Ports.freeWithoutTls(), Map.of())) {
            String registrar = "sip:127.0.0.1:" + kamailio.sipPort() + ";transport=tcp";
            Peer alice = registered("alice", "none", registrar);
            Peer bob = registered("bob", "all", registrar);
            Path file = Peers.randomFile(dir.resolve("out"), "minutes.odt", 700 * 1024 + 3, 43);
            Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("mqtts")).get(0);
            assertDelivered(file, sent, Peers.incoming(bob, 0), "mqtts");
        }
    }

    @Test
    void aSharedFileIsPulledOverMqtt() throws Exception {
        Path shared = Peers.randomFile(dir.resolve("shared"), "handbook.pdf", 900_000, 47);
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")).sharing(List.of(shared)));
        Peer bob = peers.direct("bob", "none", null, dir.resolve("bob-in"));
        FileOffer announced = peers.transfers.describe(shared, b -> { });
        Transfer pulled = bob.agent().request(alice.uri(), announced, SendOptions.defaults().via("mqtt"));
        assertEquals(TransferState.COMPLETED, Peers.end(pulled), () -> "requester: " + pulled.failure());
        assertEquals(Peers.sha1(shared), Peers.sha1(pulled.file().orElseThrow()));
        assertEquals("mqtt", pulled.transport().orElse(null));
        Transfer served = alice.agent().transfers().get(0);
        assertEquals(TransferState.COMPLETED, Peers.end(served), () -> "holder: " + served.failure());
    }

    @Test
    void aDeclinedOfferOpensNothingOnTheBrokerAndTellsTheSender() throws Exception {
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "none");
        Path file = Peers.randomFile(dir.resolve("out"), "notes.txt", 1000, 53);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("mqtt")).get(0);
        assertEquals(TransferState.REJECTED, Peers.end(sent));
        assertEquals(603, sent.failure().orElseThrow().status());
        assertFalse(Files.exists(bob.folder()) && Files.list(bob.folder()).findAny().isPresent(), "nothing reached bob's folder");
    }

    @Test
    void hostileNamesLandInsideTheDownloadFolder() throws Exception {
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        Path out = Files.createDirectories(dir.resolve("out"));
        for (String name : List.of("..", "a\\..\\b.txt", "\u202Egnp.exe", "sipdrop+#.bin")) {
            Path file = name.equals("..") ? Peers.randomFile(out, "dotdot", 10, 59) : Peers.randomFile(out, name, 5000, 59);
            int known = bob.agent().transfers().size();
            Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("mqtt")).get(0);
            Transfer got = Peers.incoming(bob, known);
            assertDelivered(file, sent, got, "mqtt");
            assertEquals(bob.folder().toRealPath(), got.file().orElseThrow().getParent(), name + " stays inside the folder");
        }
    }

    @Test
    void oneToManyAndConcurrentTransfersShareTheBroker() throws Exception {
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        Peer carol = registered("carol", "all");
        Path one = Peers.randomFile(dir.resolve("out"), "one.bin", 2 * 1024 * 1024 + 1, 61);
        Path two = Peers.randomFile(dir.resolve("out"), "two.bin", 1024 * 1024 + 7, 67);
        List<Transfer> sent = alice.agent().sendToAll(List.of("sip:bob@127.0.0.1", "sip:carol@127.0.0.1"), List.of(one, two),
                SendOptions.defaults().via("mqtt"));
        assertEquals(4, sent.size(), "one transfer per file and recipient");
        for (Transfer t : sent) {
            assertEquals(TransferState.COMPLETED, Peers.end(t), () -> t + ": " + t.failure());
        }
        for (Peer p : List.of(bob, carol)) {
            for (Path f : List.of(one, two)) {
                Path saved = p.folder().resolve(f.getFileName().toString());
                assertTrue(Files.exists(saved), saved + " arrived");
                assertEquals(Peers.sha1(f), Peers.sha1(saved));
            }
        }
    }

    /**
     * The broker goes down and comes back (a clean start: it remembers no session) at a random
     * point of a transfer; the transport reconnects, subscribes again and resends what was not
     * acknowledged, and the file arrives verified. Small chunks and a small window keep the
     * transfer long enough to be cut.
     */
    @Test
    void aBrokerRestartMidTransferResumesAndDeliversTheVerifiedFile() throws Exception {
        configuration.apply(settings(Map.of("chunk.size", 1024, "window", 2)));
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        int size = 6 * 1024 * 1024 + 11;
        Path file = Peers.randomFile(dir.resolve("out"), "large.iso", size, 71);
        long cutAt = size / 10 + new Random().nextInt(size / 3);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("mqtt")).get(0);
        Transfer got = Peers.incoming(bob, 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (got.bytesTransferred() < cutAt && !got.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        long at = got.bytesTransferred();
        assertTrue(at >= cutAt && at < size && !got.state().isTerminal(), "cut in the middle: " + at + " of " + size + ", " + got.state());
        broker.restart();
        assertDelivered(file, sent, got, "mqtt");
    }

    /**
     * Stopping the MQTT bundle, as uninstalling it would, takes MQTT out of what peers are told and
     * fails a transfer waiting on it with the reason; starting it again brings it back, without a
     * restart of anything else.
     */
    @Test
    void stoppingTheBundleRemovesMqttAndFailsItsTransferStartingItBringsItBack() throws Exception {
        Bundle mqtt = java.util.Arrays.stream(peers.context().getBundles())
                .filter(b -> b.getSymbolicName().equals("org.sipdrop.transport.mqtt")).findFirst().orElseThrow();
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "ask");
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        bob.agent().onOffer((sender, offer) -> {
            asked.countDown();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Decision.accept();
        });
        Path file = Peers.randomFile(dir.resolve("out"), "plan.pdf", 300 * 1024, 73);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("mqtt")).get(0);
        assertTrue(asked.await(30, TimeUnit.SECONDS), "bob was asked");
        mqtt.stop();
        try {
            awaitTransport(false);
            stopped.countDown();
            assertNotEquals(TransferState.COMPLETED, Peers.end(sent), "a transfer on a stopped transport does not complete");
            String why = sent.failure().map(Object::toString).orElse("");
            assertTrue(why.contains("MQTT") || why.contains("mqtt") || why.contains("stopped"), "the sender is told why: " + why);
            List<String> advertised = SipCapabilities.transports(alice.ua().options("sip:bob@127.0.0.1").get(15, TimeUnit.SECONDS));
            assertFalse(advertised.contains("mqtt"), "peers stop being offered MQTT: " + advertised);
        } finally {
            mqtt.start();
        }
        awaitTransport(true);
        List<String> advertised = SipCapabilities.transports(alice.ua().options("sip:bob@127.0.0.1").get(15, TimeUnit.SECONDS));
        assertTrue(advertised.contains("mqtt"), "MQTT is offered again once its bundle runs: " + advertised);
    }

    private void awaitTransport(boolean present) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (peers.transfers.transport("mqtt").isPresent() != present && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(present, peers.transfers.transport("mqtt").isPresent(), "the MQTT transport is " + (present ? "back" : "gone"));
    }
}
