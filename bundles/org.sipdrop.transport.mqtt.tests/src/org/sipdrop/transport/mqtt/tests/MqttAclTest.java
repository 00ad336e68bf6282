package org.sipdrop.transport.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Mosquitto;
import org.sipdrop.testing.MosquittoClients;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;
import org.sipdrop.transport.mqtt.internal.ChunkFrame;
import org.sipdrop.transport.mqtt.internal.MqttEndpoint;
import org.sipdrop.transport.mqtt.internal.MqttTransportProvider;

/**
 * Two MQTT identities (alice sends, bob receives; each its own provider and broker connection)
 * through a real mosquitto that enforces SipDrop's example ACL ({@code docs/examples/mosquitto-sipdrop.acl}),
 * and carol, another authenticated user, with mosquitto_pub and mosquitto_sub (a client that is not
 * SipDrop code): she reads nothing of the transfer, her chunks forged as alice are refused by the
 * broker, and her chunks under her own name are ignored by bob's transport: the file arrives
 * byte for byte. Also the tenant prefix, the client certificate listener, wrong passwords, and that
 * nothing stays on the broker.
 */
@Timeout(120)
class MqttAclTest {

    private static final Map<String, String> USERS = TwoUsers.USERS;

    @TempDir
    Path dir;
    private TwoUsers users;
    private Mosquitto broker;
    private MqttTransportProvider alice;
    private MqttTransportProvider bob;

    private void start(String prefix, boolean clientCertificates) {
        users = new TwoUsers(dir, prefix, clientCertificates);
        broker = users.broker;
    }

    private Map<String, Object> settings(String user, String prefix) {
        return users.settings(user, prefix);
    }

    private void providers(String prefix) {
        alice = users.provider(settings("alice", prefix));
        bob = users.provider(settings("bob", prefix));
    }

    @AfterEach
    void stop() throws Exception {
        if (users != null) {
            users.close();
        }
    }

    private TwoUsers.Exchange exchange(int size, String scheme) throws Exception {
        return users.new Exchange(alice, bob, size, scheme);
    }

    @Test
    void anotherUserCanNeitherReadNorInjectIntoATransfer() throws Exception {
        start("sipdrop", false);
        providers("sipdrop");
        TwoUsers.Exchange x = exchange(1_000_000 + 17, "mqtt");
        MqttEndpoint aliceEnd = MqttEndpoint.of(x.out.localEndpoint());
        MqttEndpoint bobEnd = MqttEndpoint.of(x.in.localEndpoint());
        assertEquals("bob", bobEnd.user(), "bob's endpoint names his MQTT user: " + bobEnd);
        Path forged = dir.resolve("forged.bin"); // carol's own chunk 0: if bob took it, his file would differ
        Files.write(forged, ChunkFrame.encode(0, 0, false, new byte[4096], 0, 4096));
        try (MosquittoClients.Subscription carol = MosquittoClients.subscribe(broker, dir, "carol", USERS.get("carol"), "sipdrop/#",
                bobEnd.inbox(), aliceEnd.inbox(), "sipdrop/carol/#");
                MosquittoClients.Subscription bobSees = MosquittoClients.subscribe(broker, dir, "bob", USERS.get("bob"), bobEnd.inbox());
                MosquittoClients.Subscription aliceSees = MosquittoClients.subscribe(broker, dir, "alice", USERS.get("alice"),
                        aliceEnd.inbox())) {
            x.receive();
            aliceSees.awaitMessageOn(aliceEnd.topicFrom("bob", MqttEndpoint.Kind.ACK)); // bob's transport waits for alice's chunks now
            assertTrue(carolPublishes(bobEnd.topicFrom("alice", MqttEndpoint.Kind.DATA), forged).succeeded(), "carol forging alice");
            assertTrue(carolPublishes(bobEnd.topicFrom("carol", MqttEndpoint.Kind.DATA), forged).succeeded(), "carol as herself");
            bobSees.awaitMessageOn(bobEnd.topicFrom("carol", MqttEndpoint.Kind.DATA));
            assertEquals(List.of(bobEnd.topicFrom("carol", MqttEndpoint.Kind.DATA)), topics(bobSees),
                    "the broker delivered carol's chunk under her name only, and dropped the one forged as alice");
            x.send();
            x.finish();
            // a message carol may read, sent after the transfer: once it is there, anything of the transfer would be too
            String canary = "sipdrop/carol/" + MosquittoClients.endpointId() + "/alice/abort";
            assertTrue(MosquittoClients.publish(broker, dir, "alice", USERS.get("alice"), canary, "canary").succeeded());
            carol.awaitMessageOn(canary);
            assertEquals(List.of(canary), topics(carol), "carol read only what was addressed to her");
        }
    }

    private MosquittoClients.Published carolPublishes(String topic, Path payload) {
        return MosquittoClients.pub(dir, List.of("-h", "127.0.0.1", "-p", String.valueOf(broker.mqttPort()), "-u", "carol", "-P",
                USERS.get("carol"), "-t", topic, "-f", payload.toString()));
    }

    private static List<String> topics(MosquittoClients.Subscription s) {
        return s.messages().stream().map(MosquittoClients.Message::topic).collect(Collectors.toList());
    }

    @Test
    void aTenantPrefixKeepsTheTransferUnderIt() throws Exception {
        start("acme/sipdrop", false);
        providers("acme/sipdrop");
        TwoUsers.Exchange x = exchange(300_001, "mqtt");
        assertTrue(x.in.localEndpoint().uri().getPath().startsWith("/acme/sipdrop/bob/"), x.in.localEndpoint().toString());
        x.run();
    }

    @Test
    void aPeerUnderAnotherPrefixOrBrokerIsRefusedWithTheReason() throws Exception {
        start("sipdrop", false);
        alice = users.provider(settings("alice", "sipdrop"));
        bob = users.provider(settings("bob", "other"));
        FileOffer offer = FileOffer.builder("x.bin", 10).build();
        try (TransportSession out = alice.open(new TransportRequest(offer, Direction.OUTGOING, "sip:bob@127.0.0.1", "mqtt", 0));
                TransportSession in = bob.open(new TransportRequest(offer, Direction.INCOMING, "sip:alice@127.0.0.1", "mqtt", 0))) {
            TransportException e = assertThrows(TransportException.class,
                    () -> in.receive(out.localEndpoint(), Channels.newChannel(new ByteArrayOutputStream()), n -> { }));
            assertEquals(TransportException.Reason.UNREACHABLE, e.reason());
            assertTrue(e.getMessage().contains("same broker and prefix"), e.getMessage());
        }
    }

    @Test
    void mqttsWithAClientCertificateWhereTheBrokerRequiresOne() throws Exception {
        start("sipdrop", true);
        Mosquitto.ClientCertificate aliceCert = broker.clientCertificate("alice");
        Mosquitto.ClientCertificate bobCert = broker.clientCertificate("bob");
        Map<String, Object> a = settings("alice", "sipdrop");
        a.putAll(Map.of("tls.port", broker.clientCertificatePort(), "tls.key.store", aliceCert.keyStore().toString(),
                ".tls.key.store.password", aliceCert.password()));
        Map<String, Object> b = settings("bob", "sipdrop");
        b.putAll(Map.of("tls.port", broker.clientCertificatePort(), "tls.key.store", bobCert.keyStore().toString(),
                ".tls.key.store.password", bobCert.password()));
        alice = users.provider(a);
        bob = users.provider(b);
        exchange(200_003, "mqtts").run();

        Map<String, Object> noCert = settings("bob", "sipdrop");
        noCert.put("tls.port", broker.clientCertificatePort());
        MqttTransportProvider withoutCertificate = users.provider(noCert);
        TransportException e = assertThrows(TransportException.class, () -> withoutCertificate.open(new TransportRequest(
                FileOffer.builder("x", 1).build(), Direction.INCOMING, "sip:alice@127.0.0.1", "mqtts", 0)));
        assertEquals(TransportException.Reason.UNREACHABLE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot connect to the MQTT broker mqtts://127.0.0.1:" + broker.clientCertificatePort()),
                e.getMessage());
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheUser() throws Exception {
        start("sipdrop", false);
        Map<String, Object> s = settings("alice", "sipdrop");
        s.put(".password", "wrong");
        alice = users.provider(s);
        TransportException e = assertThrows(TransportException.class, () -> alice.open(new TransportRequest(
                FileOffer.builder("x", 1).build(), Direction.OUTGOING, "sip:bob@127.0.0.1", "mqtt", 0)));
        assertEquals(TransportException.Reason.FORBIDDEN, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("refused user alice"), e.getMessage());
    }

    @Test
    void aSettingItCannotUseStopsItFromStartingNamingTheSetting() {
        start("sipdrop", false);
        for (Map.Entry<String, Object> bad : List.of(Map.<String, Object>entry("user", "a/b"), Map.<String, Object>entry("topic.prefix", "x/+/y"),
                Map.<String, Object>entry("broker", "mqtt://x"), Map.<String, Object>entry("window", 0),
                Map.<String, Object>entry("tls.trust.store", "/nonexistent/trust.pem"))) {
            Map<String, Object> s = settings("alice", "sipdrop");
            s.put(bad.getKey(), bad.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MqttTransportProvider(Configs.of(s)),
                    bad.toString());
            assertTrue(e.getMessage().startsWith(bad.getKey() + ":"), bad + " gives: " + e.getMessage());
        }
    }
}
