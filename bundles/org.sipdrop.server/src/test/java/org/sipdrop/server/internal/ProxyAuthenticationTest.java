package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipAuthenticationException;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipServerFactory;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.sip.Subscription;

/**
 * The embedded server in digest mode as a proxy (RFC 3261 §22.3): requests from its users'
 * domain are challenged with 407 and forwarded only with the sender's own credentials, computed
 * here independently for the raw peer and by the JAIN-SIP RI for our user agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyAuthenticationTest {

    private static final long WAIT = 10;

    private final EmbeddedServerFactoryImpl servers;
    private final SipEndpointFactory endpoints;
    private final List<RawUa> uas = new ArrayList<>();
    private EmbeddedServer server;

    ProxyAuthenticationTest() throws Exception {
        // the SIP bundle's implementations, as DS would inject them (their packages are not exported to us)
        servers = new EmbeddedServerFactoryImpl((SipServerFactory) Class.forName("org.sipdrop.sip.internal.server.JainSipServerFactory")
                .getConstructor().newInstance());
        endpoints = (SipEndpointFactory) Class.forName("org.sipdrop.sip.internal.JainSipEndpointFactory").getConstructor().newInstance();
    }

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:wonderland\nbob:builder\ncarol:singer\ndave:diver\n", StandardCharsets.UTF_8);
        server = servers.start(Map.of("sip.port", "0", "users", users.toString(), "realm", "sipdrop.test"));
    }

    @AfterEach
    void closePeers() {
        uas.forEach(RawUa::close);
        uas.clear();
        endpoints.openEndpoints().forEach(SipEndpoint::close);
    }

    @AfterAll
    void stop() {
        servers.deactivate();
    }

    private InetSocketAddress udp() {
        Matcher m = Pattern.compile("sip:([0-9.]+):(\\d+);transport=udp").matcher(String.join(" ", server.uris()));
        assertTrue(m.find(), server.uris().toString());
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    private String serverUri() {
        return "sip:127.0.0.1:" + udp().getPort();
    }

    private String aor(String user) {
        return "sip:" + user + "@127.0.0.1:" + udp().getPort();
    }

    private RawUa raw(String user) throws IOException {
        RawUa ua = RawUa.udp(user, udp());
        uas.add(ua);
        return ua;
    }

    private static String md5Challenge(RawUa.Msg r, String header) {
        return r.headers(header).stream().filter(c -> c.contains("algorithm=MD5")).findFirst().orElseThrow(() -> new AssertionError(r.text()));
    }

    /** REGISTERs a raw peer with its password: 401, then Authorization. */
    private void register(RawUa ua, String password) throws Exception {
        String callId = UUID.randomUUID() + "@127.0.0.1";
        ua.send(ua.request("REGISTER", serverUri(), "<" + ua.aor() + ">", callId, "Expires: 300\r\n", null, null));
        RawUa.Msg challenge = ua.awaitFinal("REGISTER");
        assertEquals(401, challenge.status(), challenge.text());
        String auth = EmbeddedServerTest.authorization(md5Challenge(challenge, "WWW-Authenticate"), ua.user, password, "REGISTER", serverUri());
        ua.send(ua.request("REGISTER", serverUri(), "<" + ua.aor() + ">", callId, "Expires: 300\r\n" + auth, null, null));
        assertEquals(200, ua.awaitFinal("REGISTER").status());
    }

    private SipUserAgent agent(String user, String password) throws IOException {
        SipEndpoint ep = endpoints.open(SipEndpointConfig.loopback(user, SipTransport.UDP));
        return ep.userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").registrar(serverUri()).password(password).build());
    }

    @Test
    void ourUserAgentWithAWrongPasswordFailsToRegisterNamingTheWrongPassword() throws Exception {
        SipUserAgent dave = agent("dave", "not-his-password");
        ExecutionException e = assertThrows(ExecutionException.class, () -> dave.register().get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(SipAuthenticationException.class, e.getCause(), String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().startsWith("wrong password for dave@127.0.0.1: 403 "), e.getCause().getMessage());
        assertFalse(dave.isRegistered());
    }

    @Test
    void rawPeerWithoutCredentialsGets407ForMessageAndInviteAndNothingIsForwarded() throws Exception {
        RawUa bob = raw("bob");
        register(bob, "builder");
        RawUa alice = raw("alice");
        alice.send(alice.request("MESSAGE", aor("bob"), "<sip:bob@127.0.0.1>", UUID.randomUUID().toString(), null, "text/plain", "unsigned"));
        RawUa.Msg m = alice.awaitFinal("MESSAGE");
        assertEquals(407, m.status(), m.text());
        assertEquals(2, m.headers("Proxy-Authenticate").size(), "SHA-256 and MD5, as for REGISTER: " + m.text());
        String inviteCall = UUID.randomUUID().toString();
        alice.send(alice.request("INVITE", aor("bob"), "<sip:bob@127.0.0.1>", inviteCall, null, "application/sdp", "v=0\r\n"));
        RawUa.Msg i = alice.awaitFinal("INVITE");
        assertEquals(407, i.status(), i.text());

        // the same MESSAGE with alice's credentials goes through, and is the first request bob sees
        String callId = UUID.randomUUID().toString();
        String auth = EmbeddedServerTest.authorization(md5Challenge(m, "Proxy-Authenticate"), "alice", "wonderland", "MESSAGE", aor("bob"))
                .replace("Authorization:", "Proxy-Authorization:");
        alice.send(alice.request("MESSAGE", aor("bob"), "<sip:bob@127.0.0.1>", callId, auth, "text/plain", "signed"));
        RawUa.Msg atBob = bob.awaitRequest("MESSAGE");
        assertNotNull(atBob, "the authenticated MESSAGE was not forwarded");
        assertEquals(callId, atBob.header("Call-ID"), "an unauthenticated request was forwarded: " + atBob.text());
        assertNull(atBob.header("Proxy-Authorization"), "RFC 3261 §22.3: our realm's credentials are consumed: " + atBob.text());
        bob.send(RawUa.response(atBob, 200, "OK", "b1", null, null, null));
        assertEquals(200, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void ourAgentAnswers407ForEveryRequestItSends() throws Exception {
        SipUserAgent alice = agent("carol", "singer");
        SipUserAgent bob = agent("dave", "diver");
        assertEquals(200, alice.register().get(WAIT, TimeUnit.SECONDS).status());
        assertEquals(200, bob.register().get(WAIT, TimeUnit.SECONDS).status());
        BlockingQueue<IncomingRequest> inbox = new LinkedBlockingQueue<>();
        bob.onMessage(r -> {
            inbox.add(r);
            return SipStatus.OK;
        });
        bob.onInvite(call -> {
            call.onReinvite(new CallHandler() {
                @Override
                public SipBody reinvited(Call c, SipBody offer) {
                    return new SipBody("application/sdp", "v=0 answer2".getBytes(StandardCharsets.UTF_8));
                }
            });
            call.accept(new SipBody("application/sdp", "v=0 answer".getBytes(StandardCharsets.UTF_8)));
        });

        assertEquals(200, alice.message("sip:dave@127.0.0.1", SipBody.text("hi")).get(WAIT, TimeUnit.SECONDS).status());
        assertEquals("hi", inbox.poll(WAIT, TimeUnit.SECONDS).body().orElseThrow().text());
        assertEquals(200, alice.options("sip:dave@127.0.0.1").get(WAIT, TimeUnit.SECONDS).status());
        Call call = alice.invite("sip:dave@127.0.0.1", new SipBody("application/sdp", "v=0 offer".getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(200, call.established().get(WAIT, TimeUnit.SECONDS).status());
        assertEquals(200, call.reinvite(new SipBody("application/sdp", "v=0 offer2".getBytes(StandardCharsets.UTF_8)))
                .get(WAIT, TimeUnit.SECONDS).status(), "the re-INVITE follows the route set");
        call.hangUp();
        call.ended().get(WAIT, TimeUnit.SECONDS);

        String pidf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:dave@127.0.0.1\">"
                + "<tuple id=\"t1\"><status><basic>open</basic></status></tuple></presence>";
        assertEquals(200, bob.publish("presence", new SipBody("application/pidf+xml", pidf.getBytes(StandardCharsets.UTF_8)), 600)
                .get(WAIT, TimeUnit.SECONDS).status());
        BlockingQueue<IncomingRequest> notifies = new LinkedBlockingQueue<>();
        Subscription s = alice.subscribe("sip:dave@127.0.0.1", "presence", "application/pidf+xml", 600, notifies::add);
        assertEquals(200, s.established().get(WAIT, TimeUnit.SECONDS).status() / 100 * 100);
        assertNotNull(notifies.poll(WAIT, TimeUnit.SECONDS), "no NOTIFY");
        s.close();
    }

    @Test
    void wrongPasswordGets403AfterTheRetry() throws Exception {
        SipUserAgent bob = agent("dave", "diver");
        assertEquals(200, bob.register().get(WAIT, TimeUnit.SECONDS).status());
        SipUserAgent mallory = agent("carol", "guess");
        assertEquals(403, mallory.message("sip:dave@127.0.0.1", SipBody.text("hi")).get(WAIT, TimeUnit.SECONDS).status());
        Call call = mallory.invite("sip:dave@127.0.0.1", new SipBody("application/sdp", "v=0 offer".getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(403, call.established().get(WAIT, TimeUnit.SECONDS).status());
    }

    @Test
    void requestFromAnotherDomainToOurUserIsForwardedUnchallenged() throws Exception {
        RawUa bob = raw("bob");
        register(bob, "builder");
        RawUa visitor = raw("visitor");
        String callId = UUID.randomUUID().toString();
        visitor.send(visitor.request("MESSAGE", aor("bob"), "<sip:bob@127.0.0.1>", callId, null, "text/plain", "from afar")
                .replace("From: <" + visitor.aor() + ">", "From: <sip:visitor@example.org>"));
        RawUa.Msg atBob = bob.awaitRequest("MESSAGE");
        assertNotNull(atBob, "an inbound request from another domain must reach our user");
        assertEquals(callId, atBob.header("Call-ID"));
        bob.send(RawUa.response(atBob, 200, "OK", "b2", null, null, null));
        assertEquals(200, visitor.awaitFinal("MESSAGE").status());
    }
}
