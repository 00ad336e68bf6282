package org.sipdrop.session.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.session.SessionConfig;
import org.sipdrop.session.SessionException;
import org.sipdrop.session.UserSession;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.transfer.TransferService;

/**
 * The transports a user advertises in presence follow the transport bundles: one that starts
 * after sign-in shows up in what watchers see, and disappears when it stops, without the user
 * publishing again (ARCHITECTURE "Transports are whiteboard services").
 */
class TransportsInPresenceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final BundleContext context = FrameworkUtil.getBundle(TransportsInPresenceTest.class).getBundleContext();

    private static EmbeddedServer server;
    private static String registrar;

    @BeforeAll
    static void startServer() throws Exception {
        server = service(EmbeddedServerFactory.class).start(Map.of(EmbeddedServerFactory.SIP_PORT, "0",
                EmbeddedServerFactory.TRANSPORTS, "tcp"));
        registrar = server.uris().get(0);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTransportStartedAfterSignInIsAdvertisedAndWithdrawnWhenItStops(@TempDir Path downloads) throws Exception {
        try (UserSession alice = signIn("alice", downloads); UserSession bob = signIn("bob", downloads)) {
            SipResponse published = alice.publish(PresenceStatus.AVAILABLE, "here", Duration.ofMinutes(2))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(published.isSuccess(), published.toString());
            assertTrue(bob.presence().watch(alice.self()).get(WAIT.toSeconds(), TimeUnit.SECONDS).isSuccess());
            Presence before = await(bob, alice.self(), p -> p.status() == PresenceStatus.AVAILABLE);
            assertFalse(before.transferSchemes().contains("x-later"), before.transferSchemes().toString());

            try (TestTransport later = new TestTransport(context, "x-later")) {
                Presence with = await(bob, alice.self(), p -> p.transferSchemes().contains("x-later"));
                assertEquals(PresenceStatus.AVAILABLE, with.status(), "the status stays what the user chose");
                assertEquals("here", with.note().orElse(null));
            }
            Presence without = await(bob, alice.self(), p -> !p.transferSchemes().contains("x-later"));
            assertEquals(PresenceStatus.AVAILABLE, without.status());
            assertEquals(Set.copyOf(service(TransferService.class).schemes()), Set.copyOf(without.transferSchemes()));
        }
    }

    @Test
    void aWrongPasswordIsASessionExceptionCarryingTheRegistrarsAnswer(@TempDir Path dir) throws Exception {
        Path users = java.nio.file.Files.writeString(dir.resolve("users"), "carol:secret\n");
        try (EmbeddedServer guarded = service(EmbeddedServerFactory.class).start(Map.of(EmbeddedServerFactory.SIP_PORT, "0",
                EmbeddedServerFactory.TRANSPORTS, "tcp", EmbeddedServerFactory.USERS, users.toString()))) {
            SipAccount carol = SipAccount.builder("sip:carol@127.0.0.1").registrar(guarded.uris().get(0))
                    .transport(SipTransport.TCP).password("wrong").build();
            SessionConfig config = SessionConfig.of(SipEndpointConfig.loopback("carol", SipTransport.TCP), carol,
                    AgentSettings.of(dir, service(TransferService.class).acceptancePolicy("none", null)));
            SessionException e = org.junit.jupiter.api.Assertions.assertThrows(SessionException.class,
                    () -> service(UserSessionFactory.class).open(config));
            assertTrue(e.getMessage().contains("refused to register sip:carol@127.0.0.1"), e.getMessage());
            int status = e.response().orElseThrow().status();
            assertTrue(status == 401 || status == 403 || status == 407, e.getMessage());
        }
    }

    private static UserSession signIn(String user, Path downloads) throws Exception {
        SipAccount account = SipAccount.builder("sip:" + user + "@127.0.0.1").registrar(registrar)
                .transport(SipTransport.TCP).build();
        AgentSettings agent = AgentSettings.of(downloads, service(TransferService.class).acceptancePolicy("none", null));
        return service(UserSessionFactory.class).open(
                SessionConfig.of(SipEndpointConfig.loopback(user, SipTransport.TCP), account, agent));
    }

    /** @return the watched contact's presence once it matches, as the watcher sees it */
    private static Presence await(UserSession watcher, String contact, Predicate<Presence> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Presence p = null;
        while (System.nanoTime() < deadline) {
            p = watcher.presence().contacts().get(contact);
            if (p != null && wanted.test(p)) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the watcher did not see it within " + WAIT.toSeconds() + " s; last seen: " + p);
    }

    private static <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S s = tracker.waitForService(WAIT.toMillis());
        if (s == null) {
            throw new AssertionError("the " + type.getSimpleName() + " service did not start");
        }
        return s;
    }
}
