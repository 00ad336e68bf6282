package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.sip.SipCapabilities;
import org.sipdrop.testing.Kamailio;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;

/**
 * {@link ThirdPartyTransportsTest}'s transports through a real Kamailio (registrar and proxy with
 * digest authentication): the INVITE with a proto SipDrop does not know, the RFC 4483 MESSAGE with
 * a URL scheme it does not know, the OPTIONS that advertise them and the delivery notification all
 * pass through a proxy SipDrop did not write.
 */
class ThirdPartyTransportsKamailioTest {

    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    @TempDir
    static Path runDir;
    private static Kamailio kamailio;

    @TempDir
    Path dir;
    private Peers peers;
    private ServiceRegistration<TransportProvider> registration;

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
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        peers.close();
    }

    private Peer registered(String user, String accept) throws Exception {
        return peers.registered("sip:" + user + "@" + Kamailio.DOMAIN, kamailio.uri("tcp"), USERS.get(user),
                peers.settings(accept, null, dir.resolve(user + "-in")));
    }

    private void register(TransportProvider p, String scheme) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(TransportProvider.SCHEME_PROPERTY, scheme);
        props.put(TransportProvider.NAME_PROPERTY, scheme);
        props.put("service.ranking", 10);
        registration = peers.context().registerService(TransportProvider.class, p, props);
    }

    @Test
    void aSessionTransportOfItsOwnProtoThroughKamailio() throws Exception {
        register(new ThirdPartyTransportsTest.AcmeTransport(peers.msrp()), "acme");
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        List<String> advertised = SipCapabilities.transports(alice.ua().options("sip:bob@" + Kamailio.DOMAIN)
                .get(15, TimeUnit.SECONDS));
        assertTrue(advertised.contains("acme"), "OPTIONS through Kamailio lists it: " + advertised);

        Path file = Peers.randomFile(dir.resolve("out"), "plan.bin", 256 * 1024 + 1, 17);
        Transfer sent = alice.agent().send("sip:bob@" + Kamailio.DOMAIN, List.of(file), SendOptions.defaults().via("acme"))
                .get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals("acme", got.transport().orElse(null));

        registration.unregister();
        registration = null;
        List<String> after = SipCapabilities.transports(alice.ua().options("sip:bob@" + Kamailio.DOMAIN).get(15, TimeUnit.SECONDS));
        assertFalse(after.contains("acme"), "gone from OPTIONS once stopped: " + after);
    }

    @Test
    void aStorageTransportOfItsOwnUrlSchemeThroughKamailio() throws Exception {
        ThirdPartyTransportsTest.FolderStorage folder = new ThirdPartyTransportsTest.FolderStorage(
                Files.createDirectories(dir.resolve("share")));
        register(folder, "share");
        Peer alice = registered("alice", "none");
        Peer bob = registered("bob", "all");
        Path file = Peers.randomFile(dir.resolve("out"), "notes.txt", 128 * 1024 + 3, 19);
        Transfer sent = alice.agent().send("sip:bob@" + Kamailio.DOMAIN, List.of(file), SendOptions.defaults().via("share"))
                .get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender (delivery notification through Kamailio): "
                + sent.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals(1, folder.stored);
    }
}
