package org.sipdrop.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceClientFactory;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.testing.Baresip;
import org.sipdrop.testing.Kamailio;
import org.sipdrop.testing.Sipp;
import org.sipdrop.testing.SippProcess;
import org.sipdrop.testing.SippResult;
import org.sipdrop.testing.Tshark;

/**
 * SipDrop user agents against a real Kamailio (registrar, proxy and presence server with digest
 * authentication, UDP, TCP and TLS), sipp as an independent UAC, and tshark's SIP dissector.
 */
class KamailioInteropTest {

    private static final long WAIT = Agents.WAIT.toSeconds();
    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob secret \"quoted\"",
            "carol", "carol-secret", "dave", "dave-secret");

    @TempDir
    static Path dir;
    private static Kamailio kamailio;
    private Agents agents;

    @BeforeAll
    static void startKamailio() {
        kamailio = Kamailio.startPresence(Kamailio.Mode.DIGEST, dir.resolve("kamailio"), Kamailio.Ports.free(), USERS);
    }

    @AfterAll
    static void stopKamailio() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @BeforeEach
    void agents() throws Exception {
        agents = new Agents(kamailio, dir);
    }

    @AfterEach
    void closeAgents() {
        agents.close();
    }

    private SipUserAgent registered(String user, SipTransport t) throws Exception {
        SipUserAgent ua = agents.agent(user, USERS.get(user), t);
        SipResponse r = ua.register().get(WAIT, TimeUnit.SECONDS);
        assertEquals(200, r.status(), "REGISTER of " + user + " over " + t + " with digest: " + r);
        assertTrue(ua.isRegistered());
        return ua;
    }

    @ParameterizedTest
    @EnumSource(SipTransport.class)
    void twoUsersRegisterWithDigestAndExchangeMessagesThroughKamailio(SipTransport t) throws Exception {
        SipUserAgent alice = registered("alice", t);
        SipUserAgent bob = registered("bob", t);
        BlockingQueue<IncomingRequest> bobInbox = new LinkedBlockingQueue<>();
        BlockingQueue<IncomingRequest> aliceInbox = new LinkedBlockingQueue<>();
        bob.onMessage(m -> bobInbox.add(m) ? SipStatus.OK : SipStatus.TEMPORARILY_UNAVAILABLE);
        alice.onMessage(m -> aliceInbox.add(m) ? SipStatus.OK : SipStatus.TEMPORARILY_UNAVAILABLE);

        assertEquals(200, alice.message("bob", SipBody.text("hello over " + t)).get(WAIT, TimeUnit.SECONDS).status());
        IncomingRequest atBob = bobInbox.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(atBob, "bob got nothing over " + t);
        assertEquals("hello over " + t, atBob.body().orElseThrow().text());
        assertEquals("sip:alice@127.0.0.1", atBob.from());

        assertEquals(200, bob.message("sip:alice@127.0.0.1", SipBody.text("and back")).get(WAIT, TimeUnit.SECONDS).status());
        assertEquals("and back", aliceInbox.poll(WAIT, TimeUnit.SECONDS).body().orElseThrow().text());

        assertEquals(200, alice.unregister().get(WAIT, TimeUnit.SECONDS).status());
        assertFalse(alice.isRegistered());
        assertEquals(480, bob.message("alice", SipBody.text("gone?")).get(WAIT, TimeUnit.SECONDS).status(),
                "Kamailio knows alice but she has no binding any more");
    }

    @Test
    void wrongPasswordIsRefusedWithoutLooping() throws Exception {
        SipUserAgent mallory = agents.agent("alice", "not-her-password", SipTransport.UDP);
        SipResponse r = mallory.register().get(WAIT, TimeUnit.SECONDS);
        assertEquals(401, r.status(), r.toString());
        assertFalse(mallory.isRegistered());
    }

    @ParameterizedTest
    @EnumSource(SipTransport.class)
    void presencePublishedByOneUserReachesAWatcherThroughKamailio(SipTransport transport) throws Exception {
        SipUserAgent alice = registered("alice", transport);
        SipUserAgent bob = registered("bob", transport);
        ServiceTracker<PresenceClientFactory, PresenceClientFactory> t = new ServiceTracker<>(
                FrameworkUtil.getBundle(KamailioInteropTest.class).getBundleContext(), PresenceClientFactory.class, null);
        t.open();
        try {
            PresenceClientFactory presence = t.waitForService(WAIT * 1000);
            assertNotNull(presence, "the presence client factory is a DS service");
            try (PresenceClient alicePresence = presence.create(alice); PresenceClient bobPresence = presence.create(bob)) {
                BlockingQueue<Presence> seen = new LinkedBlockingQueue<>();
                bobPresence.addListener(seen::add);
                assertEquals(200, alicePresence.publish(PresenceStatus.AVAILABLE, null).get(WAIT, TimeUnit.SECONDS).status());
                assertTrue(bobPresence.watch("alice").get(WAIT, TimeUnit.SECONDS).isSuccess());
                assertEquals(PresenceStatus.AVAILABLE, awaitStatus(seen, PresenceStatus.AVAILABLE).status());

                assertEquals(200, alicePresence.publish(PresenceStatus.BUSY, "in a call").get(WAIT, TimeUnit.SECONDS).status());
                Presence busy = awaitStatus(seen, PresenceStatus.BUSY);
                assertEquals("in a call", busy.note().orElseThrow());
                assertEquals(PresenceStatus.BUSY, bobPresence.contacts().get("alice").status());
            }
        } finally {
            t.close();
        }
    }

    private static Presence awaitStatus(BlockingQueue<Presence> seen, PresenceStatus wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        while (System.nanoTime() < deadline) {
            Presence p = seen.poll(1, TimeUnit.SECONDS);
            if (p != null && p.status() == wanted) {
                return p;
            }
        }
        throw new AssertionError("the watcher never saw " + wanted);
    }

    /** sipp talks to the SipDrop agent directly: an independent UAC against our UAS, no proxy in between. */
    private static int udpPort(SipUserAgent ua) {
        String c = ua.contact();
        return Integer.parseInt(c.substring(c.lastIndexOf(':') + 1, c.indexOf(';')));
    }

    @Test
    void sippSendsMessagesToASipDropUser() throws Exception {
        SipUserAgent dave = agents.agent("dave", USERS.get("dave"), SipTransport.UDP);
        BlockingQueue<IncomingRequest> inbox = new LinkedBlockingQueue<>();
        dave.onMessage(m -> inbox.add(m) ? SipStatus.OK : SipStatus.TEMPORARILY_UNAVAILABLE);
        SippResult uac = Sipp.uac(Sipp.scenario("uac-message.xml"), udpPort(dave)).service("dave").count(3)
                .timeout(Duration.ofSeconds(20)).runDir(dir).run();
        assertTrue(uac.allSucceeded(), uac.toString());
        assertEquals(3, uac.successful());
        for (int i = 0; i < 3; i++) {
            assertNotNull(inbox.poll(WAIT, TimeUnit.SECONDS), "message " + (i + 1) + " of 3 did not arrive");
        }
    }

    @Test
    void sippPlacesAnRfc5547InviteToASipDropUserWhoAnswersAndIsHungUpOn() throws Exception {
        SipUserAgent dave = agents.agent("dave", USERS.get("dave"), SipTransport.UDP);
        BlockingQueue<IncomingCall> calls = new LinkedBlockingQueue<>();
        dave.onInvite(call -> {
            calls.add(call);
            call.accept(new SipBody("application/sdp", ("v=0\r\no=dave 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=message 2857 TCP/MSRP *\r\na=recvonly\r\na=accept-types:*\r\na=path:msrp://127.0.0.1:2857/dave1;tcp\r\n").getBytes()));
        });
        SippResult uac = Sipp.uac(Sipp.scenario("uac-invite-5547.xml"), udpPort(dave)).service("dave")
                .key("msrp_port", "2855").count(1).timeout(Duration.ofSeconds(20)).runDir(dir).run();
        assertTrue(uac.allSucceeded(), uac.toString());
        assertEquals(1, uac.successful(), uac.toString());
        IncomingCall call = calls.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(call, "the INVITE reached dave");
        assertTrue(call.remoteBody().orElseThrow().text().contains("a=file-selector:name:\"My cool picture.jpg\""),
                call.remoteBody().orElseThrow().text());
        assertEquals(200, call.established().get(WAIT, TimeUnit.SECONDS).status(), "the ACK confirmed the call");
        call.ended().get(WAIT, TimeUnit.SECONDS);
    }

    @Test
    void baresipReceivesAMessageFromSipDropAndShowsIt() throws Exception {
        try (Baresip carl = Baresip.start(dir, "carl", org.sipdrop.testing.FreePorts.tcpAndUdp())) {
            SipUserAgent alice = agents.direct("alice", SipTransport.UDP);
            SipResponse r = alice.message(carl.uri(), SipBody.text("Grüße from SipDrop")).get(WAIT, TimeUnit.SECONDS);
            assertEquals(200, r.status(), r.toString());
            assertTrue(carl.awaitPrinted("Grüße from SipDrop", Duration.ofSeconds(WAIT)), carl.transcript());
        }
    }

    @Test
    void tsharkFindsNoMalformedSipInASipDropExchange() throws Exception {
        var capture = Tshark.start(dir.resolve("capture"), Duration.ofSeconds(30), kamailio.sipPort());
        Path pcap;
        try {
            SipUserAgent alice = registered("alice", SipTransport.UDP);
            SipUserAgent bob = registered("bob", SipTransport.UDP);
            bob.onMessage(m -> SipStatus.OK);
            assertEquals(200, alice.message("bob", SipBody.text("captured")).get(WAIT, TimeUnit.SECONDS).status());
            assertEquals(200, alice.options("bob").get(WAIT, TimeUnit.SECONDS).status());
        } finally {
            pcap = capture.stop();
        }
        List<Tshark.Frame> sip = Tshark.frames(pcap, "sip");
        assertTrue(sip.size() >= 8, "the capture holds the exchange: " + sip);
        assertEquals(List.of(), Tshark.malformed(pcap));
    }
}
