package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.ServerAuthenticator;
import org.sipdrop.sip.SipServerConfig;

/**
 * An attacker on loopback against the server in digest mode: made-up in-dialog requests do not
 * pass as an authenticated dialog (RFC 3261 §16.4, §22.3), strangers learn neither presence
 * (RFC 5025 §3.2.1 polite blocking) nor which users exist, and a real dialog through the server
 * still works with the credentials given once. The policy is scripted: the user name in the
 * credentials is authenticated when it is one of ours.
 */
class HostileRequestsTest extends ServerTestBase {

    private static final Set<String> USERS = Set.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy");
    /** How long a socket that must receive nothing is watched. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private final ServerAuthenticator policy = new ServerAuthenticator() {
        @Override
        public String realm() {
            return "test";
        }

        @Override
        public boolean knows(String user) {
            return USERS.contains(user);
        }

        @Override
        public List<String> challenges(boolean stale) {
            return List.of("Digest realm=\"test\", qop=\"auth\", algorithm=MD5, nonce=\"n1\", opaque=\"o\"");
        }

        @Override
        public Result verify(String method, String digestUri, String authorization) {
            String user = authorization.replaceAll(".*username=\"([^\"]*)\".*", "$1");
            return USERS.contains(user) ? Result.accepted(user) : Result.of(Outcome.REJECTED);
        }
    };

    @BeforeAll
    void startServer() throws Exception {
        start(SipServerConfig.builder("hostile").authenticator(policy).expires(2, 3600));
    }

    private static String credentials(String header, String user, String uri) {
        return header + ": Digest username=\"" + user + "\", realm=\"test\", nonce=\"n1\", uri=\"" + uri
                + "\", response=\"0123456789abcdef0123456789abcdef\", qop=auth, nc=00000001, cnonce=\"c\", opaque=\"o\"\r\n";
    }

    private void registerAuthenticated(RawUa ua) throws Exception {
        ua.send(ua.request("REGISTER", serverUri(), "<" + ua.aor() + ">", callId(),
                "Expires: 300\r\n" + credentials("Authorization", ua.user, serverUri()), null, null));
        RawUa.Msg r = ua.awaitFinal("REGISTER");
        assertNotNull(r, "no answer to REGISTER");
        assertEquals(200, r.status(), r.text());
    }

    /** The same request as sent by {@code from} instead of the UA's own address. */
    private static String as(RawUa ua, String from, String request) {
        return request.replace("From: <" + ua.aor() + ">", "From: <" + from + ">");
    }

    /** @return the status of the final response to {@code method}; fails when none comes (the request went on) */
    private static int finalStatus(RawUa ua, String method) throws InterruptedException {
        RawUa.Msg r = ua.awaitFinal(method);
        assertNotNull(r, "no final response to " + method + ": the server forwarded it instead of answering");
        return r.status();
    }

    private static void assertQuiet(RawUa ua, String why) throws InterruptedException {
        RawUa.Msg got = ua.await(m -> m.method() != null, QUIET);
        assertNull(got, why + ": " + (got == null ? "" : got.text()));
    }

    @Test
    void messageWithAMadeUpToTagFromOurUserIsChallengedAndNotForwarded() throws Exception {
        RawUa bob = udp("bob");
        registerAuthenticated(bob);
        RawUa eve = udp("eve");
        String forged = as(eve, "sip:alice@127.0.0.1",
                eve.request("MESSAGE", aor("bob"), "<" + aor("bob") + ">;tag=madeup", callId(), null, "text/plain", "I am alice"));
        eve.send(forged);
        assertEquals(407, finalStatus(eve, "MESSAGE"), "a To tag proves no dialog");
        eve.send(as(eve, "sip:alice@127.0.0.1", eve.request("INVITE", aor("bob"), "<" + aor("bob") + ">;tag=madeup", callId(),
                "Route: <" + serverUri() + ";lr>\r\n", "application/sdp", "v=0\r\n")));
        assertEquals(407, finalStatus(eve, "INVITE"), "a Route to us without our dialog token proves no dialog either");
        assertQuiet(bob, "nothing unauthenticated reaches bob as alice");
    }

    @Test
    void madeUpInDialogRequestToAnyAddressIsForbidden() throws Exception {
        RawUa eve = udp("eve");
        RawUa victim = udp("victim");
        String target = "sip:victim@127.0.0.1:" + victim.port();
        eve.send(as(eve, "sip:eve@evil.example", eve.request("MESSAGE", target, "<" + target + ">;tag=madeup", callId(),
                "Route: <" + serverUri() + ";lr>\r\n", "text/plain", "relayed?")));
        assertEquals(403, finalStatus(eve, "MESSAGE"), "no relay to an address nobody registered");
        eve.send(as(eve, "sip:eve@evil.example", eve.request("MESSAGE", aor("bob"), "<" + aor("bob") + ">", callId(),
                "Route: <" + serverUri() + ";lr>, <" + target + ";lr>\r\n", "text/plain", "relayed?")));
        assertEquals(403, finalStatus(eve, "MESSAGE"), "a preloaded Route beyond us is not followed outside our dialogs");
        eve.send(inDialog(eve, "sip:eve@evil.example", "ACK", target, "<" + target + ">;tag=madeup", callId(), 1,
                "Route: <" + serverUri() + ";lr>\r\n"));
        assertQuiet(victim, "nothing is relayed to the victim, not even an ACK, which gets no answer");
    }

    @Test
    void dialogSetUpWithCredentialsRunsWithoutThemButItsRouteVouchesForNoOtherCallOrParty() throws Exception {
        RawUa alice = udp("heidi");
        RawUa bob = tcp("grace");
        registerAuthenticated(bob);
        String callId = callId();
        alice.send(alice.request("INVITE", aor("grace"), "<" + aor("grace") + ">", callId, credentials("Proxy-Authorization", "heidi", aor("grace")),
                "application/sdp", "v=0\r\n"));
        RawUa.Msg invite = bob.awaitRequest("INVITE");
        assertNotNull(invite, "the authenticated INVITE is forwarded");
        invite.reply().accept(RawUa.response(invite, 200, "OK", "b1", "Contact: <" + bob.contactUri() + ">\r\n", "application/sdp", "v=0\r\n"));
        RawUa.Msg ok = alice.awaitFinal("INVITE");
        assertEquals(200, ok.status(), ok.text());
        List<String> rr = ok.headers("Record-Route");
        String aliceRoutes = "Route: " + rr.get(1) + "\r\nRoute: " + rr.get(0) + "\r\n";
        String toBob = "<" + aor("grace") + ">;tag=b1";
        alice.send(inDialog(alice, alice.aor(), "ACK", bob.contactUri(), toBob, callId, 1, aliceRoutes));
        assertNotNull(bob.awaitRequest("ACK"), "ACK for the 2xx follows the route set");
        // the callee's side of the dialog: its From tag is b1, the caller's tag is its To tag
        String bobRoutes = "Route: " + rr.get(0) + "\r\nRoute: " + rr.get(1) + "\r\n";
        String asAlice = "MESSAGE " + alice.contactUri() + " SIP/2.0\r\n" + bob.via() + "Max-Forwards: 70\r\n" + bobRoutes
                + "From: <sip:alice@127.0.0.1>;tag=b1\r\nTo: <" + alice.aor() + ">;tag=" + alice.tag + "\r\nCall-ID: " + callId
                + "\r\nCSeq: 6 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nI'm alice";
        bob.send(asAlice);
        assertEquals(407, finalStatus(bob, "MESSAGE"), "a party of the dialog cannot speak as somebody else in it");
        String bye = "BYE " + alice.contactUri() + " SIP/2.0\r\n" + bob.via() + "Max-Forwards: 70\r\n" + bobRoutes
                + "From: <" + aor("grace") + ">;tag=b1\r\nTo: <" + alice.aor() + ">;tag=" + alice.tag + "\r\nCall-ID: " + callId
                + "\r\nCSeq: 7 BYE\r\nContent-Length: 0\r\n\r\n";
        bob.send(bye);
        RawUa.Msg atAlice = alice.awaitRequest("BYE");
        assertNotNull(atAlice, "the callee's BYE is routed without credentials");
        atAlice.reply().accept(RawUa.response(atAlice, 200, "OK", null, null, null, null));
        assertEquals(200, finalStatus(bob, "BYE"));

        RawUa eve = udp("eve");
        String victim = "sip:victim@127.0.0.1:" + udp("victim").port();
        eve.send(inDialog(eve, "sip:alice@127.0.0.1", "MESSAGE", victim, toBob, callId(), 1, aliceRoutes));
        assertEquals(407, finalStatus(eve, "MESSAGE"), "the dialog's Route proves nothing for another Call-ID");
    }

    private static String inDialog(RawUa ua, String from, String method, String target, String to, String callId, int cseq, String routes) {
        return method + " " + target + " SIP/2.0\r\n" + ua.via() + "Max-Forwards: 70\r\n" + routes
                + "From: <" + from + ">;tag=" + ua.tag + "\r\n" + "To: " + to + "\r\n" + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n" + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void strangerLearnsNothingOfWhoExists() throws Exception {
        RawUa eve = udp("eve");
        eve.send(as(eve, "sip:eve@evil.example", eve.request("MESSAGE", aor("carol"), "<" + aor("carol") + ">", callId(), null, "text/plain", "x")));
        int known = finalStatus(eve, "MESSAGE");
        eve.send(as(eve, "sip:eve@evil.example", eve.request("MESSAGE", aor("nosuchuser"), "<" + aor("nosuchuser") + ">", callId(), null,
                "text/plain", "x")));
        int unknown = finalStatus(eve, "MESSAGE");
        assertEquals(480, known);
        assertEquals(known, unknown, "an offline user and a made-up one look the same to a stranger");
        RawUa dave = udp("dave");
        dave.send(dave.request("MESSAGE", aor("nosuchuser"), "<" + aor("nosuchuser") + ">", callId(),
                credentials("Proxy-Authorization", "dave", aor("nosuchuser")), "text/plain", "x"));
        assertEquals(404, finalStatus(dave, "MESSAGE"), "a colleague gets the precise answer");
    }

    private static final String PIDF = "application/pidf+xml";

    private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RawUa.Msg nextNotify(RawUa watcher) throws Exception {
        for (int i = 0; i < 10; i++) {
            RawUa.Msg notify = watcher.awaitRequest("NOTIFY");
            assertNotNull(notify, "no NOTIFY");
            notify.reply().accept(RawUa.response(notify, 200, "OK", null, null, null, null));
            if (seen.add(notify.header("Call-ID") + " " + notify.header("CSeq"))) {
                return notify;
            }
        }
        throw new AssertionError("only retransmissions arrived");
    }

    private void publish(RawUa ua, String note) throws Exception {
        String body = PresenceAgentTest.pidf(aor(ua.user), "open", note);
        ua.send(ua.request("PUBLISH", aor(ua.user), "<" + aor(ua.user) + ">", callId(),
                "Event: presence\r\nExpires: 600\r\n" + credentials("Proxy-Authorization", ua.user, aor(ua.user)), PIDF, body));
        assertEquals(200, finalStatus(ua, "PUBLISH"));
    }

    @Test
    void strangerWatchingPresenceIsPolitelyBlockedWhileAColleagueSeesIt() throws Exception {
        RawUa erin = udp("erin");
        publish(erin, "in room 42");
        RawUa eve = udp("eve");
        String subscribe = "Event: presence\r\nAccept: application/pidf+xml\r\nExpires: 600\r\n";
        eve.send(as(eve, "sip:eve@evil.example", eve.request("SUBSCRIBE", aor("erin"), "<" + aor("erin") + ">", callId(), subscribe, null, null)));
        assertEquals(200, finalStatus(eve, "SUBSCRIBE"), "RFC 5025 §3.2.1: polite blocking accepts the subscription");
        RawUa.Msg first = nextNotify(eve);
        assertTrue(first.header("Subscription-State").startsWith("active"), first.text());
        assertTrue(first.body().contains("<basic>closed</basic>"), first.body());
        assertFalse(first.body().contains("room 42") || first.body().contains("open"), "the stranger sees the real status: " + first.body());

        RawUa frank = udp("frank");
        frank.send(frank.request("SUBSCRIBE", aor("erin"), "<" + aor("erin") + ">", callId(),
                subscribe + credentials("Proxy-Authorization", "frank", aor("erin")), null, null));
        assertEquals(200, finalStatus(frank, "SUBSCRIBE"));
        assertTrue(nextNotify(frank).body().contains("in room 42"), "a colleague sees the note");

        publish(erin, "gone fishing");
        assertTrue(nextNotify(frank).body().contains("gone fishing"));
        RawUa.Msg later = eve.await(m -> "NOTIFY".equals(m.method()) && !seen.contains(m.header("Call-ID") + " " + m.header("CSeq")), QUIET);
        assertNull(later, "RFC 6665 §6.2: the stranger does not even learn that something changed: " + (later == null ? "" : later.text()));

        eve.send(as(eve, "sip:eve@evil.example", eve.request("SUBSCRIBE", aor("nosuchuser"), "<" + aor("nosuchuser") + ">", callId(),
                subscribe, null, null)));
        assertEquals(200, finalStatus(eve, "SUBSCRIBE"), "a made-up presentity looks like an offline one");
    }
}
