package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.testing.MosquittoClients.Message;
import org.sipdrop.testing.MosquittoClients.Published;
import org.sipdrop.testing.MosquittoClients.Subscription;

/**
 * SipDrop's topic ACL ({@code docs/examples/mosquitto-sipdrop.acl}) in mosquitto 2.0.11, checked
 * with mosquitto_sub/mosquitto_pub: a message from F to endpoint (U, I) goes to
 * {@code sipdrop/U/I/F/KIND}; only U reads it, only F writes it.
 * <p>
 * A test that something is <em>not</em> delivered waits for a later message the same
 * subscriber may read (a sentinel, published after the one that must not arrive): the broker
 * delivers in order, so once the sentinel is there, the other message would have been too.
 */
@Timeout(60)
class MosquittoAclTest {

    private static final Duration RETAINED_WAIT = Duration.ofSeconds(2);
    private static final Map<String, String> USERS = Map.of("alice", "alice-pw", "bob", "bob-pw", "carol", "carol-pw");

    @TempDir
    static Path runDir;

    private static Mosquitto broker;

    @BeforeAll
    static void start() {
        int[] ports = FreePorts.distinctTcp(2);
        broker = Mosquitto.builder(runDir.resolve("broker"), ports[0], ports[1], USERS).sipDropAcl().start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void addresseeReadsWhatTheNamedSenderWrites() {
        String id = MosquittoClients.endpointId();
        try (Subscription bob = subscribe("bob", "sipdrop/bob/" + id + "/#")) {
            assertEquals(List.of(1), bob.granted());
            assertTrue(publish("alice", "sipdrop/bob/" + id + "/alice/data", "chunk-1").succeeded());
            assertEquals(List.of(new Message("sipdrop/bob/" + id + "/alice/data", "chunk-1")),
                    bob.awaitMessageOn("sipdrop/bob/" + id + "/alice/data"));
        }
    }

    /**
     * mosquitto 2.0.11 grants a SUBSCRIBE whatever its filter (SUBACK with QoS 1, also for
     * {@code #}): the ACL file's read rules are applied per message at delivery, so the
     * subscription simply never delivers what the user may not read.
     */
    @Test
    void wildcardSubscriptionIsGrantedButDeliversOnlyTheUsersOwnInbox() {
        String id = MosquittoClients.endpointId();
        String own = "sipdrop/carol/" + MosquittoClients.endpointId() + "/alice/data";
        try (Subscription everything = subscribe("carol", "#");
                Subscription sipdrop = subscribe("carol", "sipdrop/#");
                Subscription bobs = subscribe("carol", "sipdrop/bob/" + id + "/#")) {
            assertEquals(List.of(1), everything.granted());
            assertEquals(List.of(1), sipdrop.granted());
            assertEquals(List.of(1), bobs.granted());
            assertTrue(publish("alice", "sipdrop/bob/" + id + "/alice/data", "for bob only").succeeded());
            assertTrue(publish("alice", own, "sentinel").succeeded());
            for (Subscription carol : List.of(everything, sipdrop)) {
                assertEquals(List.of(new Message(own, "sentinel")), carol.awaitMessageOn(own));
            }
            assertEquals(List.of(), bobs.messages());
        }
    }

    /**
     * MQTT 3.1.1 has no way to refuse a PUBLISH (PUBACK carries no code, section 3.4): mosquitto
     * acknowledges the forged message, logs "Denied PUBLISH" and delivers it to nobody.
     */
    @Test
    void messageForgingAnotherSenderIsAcknowledgedButNotDelivered() {
        String id = MosquittoClients.endpointId();
        String inbox = "sipdrop/bob/" + id + "/";
        try (Subscription bob = subscribe("bob", inbox + "#")) {
            assertTrue(publish("carol", inbox + "alice/data", "forged").succeeded(), "PUBACK even when denied");
            assertTrue(publish("alice", inbox + "alice/ack", "sentinel").succeeded());
            assertEquals(List.of(new Message(inbox + "alice/ack", "sentinel")), bob.awaitMessageOn(inbox + "alice/ack"));
        }
    }

    /**
     * The ACL proves who wrote a message, not that the writer is the peer of the transfer: any
     * user may write into any inbox under its own name. The transport must drop messages whose
     * sender level is not its peer.
     */
    @Test
    void anyUserMayWriteIntoAnInboxUnderItsOwnName() {
        String id = MosquittoClients.endpointId();
        String inbox = "sipdrop/bob/" + id + "/";
        try (Subscription bob = subscribe("bob", inbox + "#")) {
            assertTrue(publish("carol", inbox + "carol/data", "unsolicited").succeeded());
            assertEquals(List.of(new Message(inbox + "carol/data", "unsolicited")), bob.awaitMessageOn(inbox + "carol/data"));
        }
    }

    @Test
    void retainedMessageIsListedForItsReadersAndNoneIsLeftOnceCleared() {
        assertEquals(List.of(), broker.retainedTopics(RETAINED_WAIT), "the other tests publish nothing retained");
        String topic = "sipdrop/bob/" + MosquittoClients.endpointId() + "/alice/data";
        assertTrue(publish("alice", topic, "retained by mistake", "-r").succeeded());
        assertEquals(List.of(topic), broker.retainedTopics(RETAINED_WAIT));
        assertEquals(List.of(topic), broker.retainedTopics("bob", USERS.get("bob"), RETAINED_WAIT));
        assertEquals(List.of(), broker.retainedTopics("carol", USERS.get("carol"), RETAINED_WAIT), "the ACL hides it");
        // MQTT 3.1.1 3.3.1.3: a retained message with an empty payload removes the retained one
        assertTrue(publish("alice", topic, "", "-r").succeeded());
        assertEquals(List.of(), broker.retainedTopics(RETAINED_WAIT));
    }

    @Test
    void tenantPrefixConfinesUsersToTheirTenantsTopics(@TempDir Path dir) {
        int[] ports = FreePorts.distinctTcp(2);
        try (Mosquitto acme = Mosquitto.builder(dir.resolve("acme"), ports[0], ports[1], USERS)
                .sipDropAcl("acme/sipdrop").start()) {
            String id = MosquittoClients.endpointId();
            try (Subscription bob = MosquittoClients.subscribe(acme, dir, "bob", USERS.get("bob"), "acme/sipdrop/bob/" + id
                    + "/#", "sipdrop/bob/" + id + "/#")) {
                assertEquals(List.of(1, 1), bob.granted());
                publishTo(acme, dir, "alice", "sipdrop/bob/" + id + "/alice/data", "outside the tenant prefix");
                publishTo(acme, dir, "alice", "acme/sipdrop/bob/" + id + "/alice/data", "inside");
                assertEquals(List.of(new Message("acme/sipdrop/bob/" + id + "/alice/data", "inside")),
                        bob.awaitMessageOn("acme/sipdrop/bob/" + id + "/alice/data"));
            }
        }
    }

    /**
     * Pattern lines apply to every user: two tenants' patterns in one ACL let a user of one
     * tenant write into the other tenant's inboxes (under its own name). docs/mqtt-broker.md
     * therefore gives each tenant its own listener with per_listener_settings.
     */
    @Test
    void twoTenantsPatternsInOneAclDoNotSeparateWriters(@TempDir Path dir) {
        String acl = Mosquitto.sipDropAcl("acme/sipdrop") + Mosquitto.sipDropAcl("globex/sipdrop");
        int[] ports = FreePorts.distinctTcp(2);
        try (Mosquitto shared = Mosquitto.builder(dir.resolve("shared"), ports[0], ports[1], USERS).acl(acl)
                .start()) {
            String inbox = "globex/sipdrop/bob/" + MosquittoClients.endpointId() + "/";
            try (Subscription bob = MosquittoClients.subscribe(shared, dir, "bob", USERS.get("bob"), inbox + "#")) {
                publishTo(shared, dir, "alice", inbox + "alice/data", "from acme's alice");
                assertEquals(List.of(new Message(inbox + "alice/data", "from acme's alice")),
                        bob.awaitMessageOn(inbox + "alice/data"));
            }
        }
    }

    @Test
    void tenantAclIsTheDocumentedExampleWithTheTenantsPrefix() {
        String acl = Mosquitto.sipDropAcl("acme/sipdrop");
        List<String> rules = acl.lines().filter(line -> line.startsWith("pattern")).toList();
        assertEquals(List.of("pattern read acme/sipdrop/%u/#", "pattern write acme/sipdrop/+/+/%u/#"), rules);
        assertEquals(Mosquitto.sipDropAcl(Mosquitto.DEFAULT_PREFIX).replace("pattern read sipdrop/", "pattern read acme/sipdrop/")
                .replace("pattern write sipdrop/", "pattern write acme/sipdrop/"), acl, "only the prefix differs");
    }

    @Test
    void prefixWithWildcardsOrEmptyLevelsIsRefused() {
        for (String bad : List.of("", "acme/", "/sipdrop", "acme//sipdrop", "acme/+", "#", "a b")) {
            assertThrows(IllegalArgumentException.class, () -> Mosquitto.sipDropAcl(bad), bad);
        }
    }

    private static Subscription subscribe(String user, String filter) {
        return MosquittoClients.subscribe(broker, runDir, user, USERS.get(user), filter);
    }

    private static Published publish(String user, String topic, String payload, String... more) {
        return MosquittoClients.publish(broker, runDir, user, USERS.get(user), topic, payload, more);
    }

    private static void publishTo(Mosquitto to, Path dir, String user, String topic, String payload) {
        Published published = MosquittoClients.publish(to, dir, user, USERS.get(user), topic, payload);
        assertTrue(published.succeeded(), published.output());
    }
}
