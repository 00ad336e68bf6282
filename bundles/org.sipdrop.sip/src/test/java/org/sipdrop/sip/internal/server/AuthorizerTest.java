package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.ServerAuthenticator;
import org.sipdrop.sip.SipServerConfig;

/**
 * How the registrar turns the policy's verdicts into responses (RFC 3261 §22.1, §22.4, §10.3
 * step 6; RFC 7616 §3.3 stale), with a scripted policy: the user name in the credentials says
 * which verdict to give.
 */
class AuthorizerTest extends ServerTestBase {

    /** What verify() saw last, per user: the digest URI the server handed over. */
    private final Map<String, String> seenUri = new ConcurrentHashMap<>();

    private final ServerAuthenticator scripted = new ServerAuthenticator() {
        @Override
        public String realm() {
            return "test";
        }

        @Override
        public boolean knows(String user) {
            return user.startsWith("known");
        }

        @Override
        public List<String> challenges(boolean stale) {
            return List.of("Digest realm=\"test\", qop=\"auth\", algorithm=MD5, nonce=\"n1\", opaque=\"o\"" + (stale ? ", stale=true" : ""));
        }

        @Override
        public Result verify(String method, String digestUri, String authorization) {
            String user = authorization.replaceAll(".*username=\"([^\"]*)\".*", "$1");
            seenUri.put(user, digestUri);
            switch (user) {
            case "stale":
                return Result.of(Outcome.STALE);
            case "forbidden":
                return Result.of(Outcome.FORBIDDEN);
            case "wrong":
                return Result.of(Outcome.WRONG);
            case "rejected":
                return Result.of(Outcome.REJECTED);
            default:
                return Result.accepted(user);
            }
        }
    };

    @BeforeAll
    void startServer() throws Exception {
        start(SipServerConfig.builder("auth").authenticator(scripted));
    }

    private RawUa.Msg registerWith(RawUa ua, String authUser, String realm) throws Exception {
        String uri = serverUri();
        String auth = authUser == null ? null
                : "Authorization: Digest username=\"" + authUser + "\", realm=\"" + realm + "\", nonce=\"n1\", uri=\"" + uri
                        + "\", response=\"0123456789abcdef0123456789abcdef\", qop=auth, nc=00000001, cnonce=\"c\", opaque=\"o\"\r\n";
        ua.send(ua.request("REGISTER", uri, "<" + ua.aor() + ">", callId(), auth, null, null));
        return ua.awaitFinal("REGISTER");
    }

    @Test
    void noCredentialsGet401WithThePolicysChallenges() throws Exception {
        RawUa.Msg r = registerWith(udp("known1"), null, null);
        assertEquals(401, r.status());
        assertEquals(List.of("Digest realm=\"test\",qop=\"auth\",algorithm=MD5,nonce=\"n1\",opaque=\"o\""),
                r.headers("WWW-Authenticate").stream().map(h -> h.replace(", ", ",")).toList());
    }

    @Test
    void staleNonceGets401WithStaleTrue() throws Exception {
        RawUa.Msg r = registerWith(udp("stale"), "stale", "test");
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").contains("stale=true"), r.text());
    }

    @Test
    void wrongCredentialsAnsweringOurChallengeGet403() throws Exception {
        RawUa.Msg r = registerWith(udp("wrong"), "wrong", "test");
        assertEquals(403, r.status(), "RFC 3261 §21.4.4: authorization will not help: " + r.text());
        assertTrue(r.headers("WWW-Authenticate").isEmpty(), r.text());
    }

    @Test
    void credentialsNotAnsweringOurChallengeAreChallengedAgain() throws Exception {
        assertEquals(401, registerWith(udp("rejected"), "rejected", "test").status(), "RFC 3261 §22.4");
    }

    @Test
    void forbiddenVerdictAndOtherRealmGet403() throws Exception {
        assertEquals(403, registerWith(udp("forbidden"), "forbidden", "test").status());
        assertEquals(403, registerWith(udp("known2"), "known2", "elsewhere").status());
    }

    @Test
    void authenticatedUserMayOnlyRegisterItsOwnAddress() throws Exception {
        assertEquals(403, registerWith(udp("known3"), "known4", "test").status());
        RawUa.Msg ok = registerWith(udp("known5"), "known5", "test");
        assertEquals(200, ok.status(), ok.text());
        assertEquals(serverUri(), seenUri.get("known5"), "the digest URI is the client's spelling of the Request-URI");
    }

    /** Proxy credentials as the scripted policy reads them: the user name decides the verdict. */
    private static String proxyAuthorization(String user, String uri) {
        return "Proxy-Authorization: Digest username=\"" + user + "\", realm=\"test\", nonce=\"n1\", uri=\"" + uri
                + "\", response=\"0123456789abcdef0123456789abcdef\", qop=auth, nc=00000001, cnonce=\"c\", opaque=\"o\"\r\n";
    }

    /** The same request as from a user of another domain. */
    private static String fromElsewhere(RawUa ua, String request) {
        return request.replace("From: <" + ua.aor() + ">", "From: <sip:carol@example.org>");
    }

    @Test
    void unregisteredKnownUserGets480AndUnknownUser404() throws Exception {
        RawUa ua = udp("caller");
        ua.send(ua.request("MESSAGE", aor("known9"), "<" + aor("known9") + ">", callId(), proxyAuthorization("caller", aor("known9")),
                "text/plain", "x"));
        assertEquals(480, ua.awaitFinal("MESSAGE").status());
        ua.send(ua.request("MESSAGE", aor("stranger"), "<" + aor("stranger") + ">", callId(), proxyAuthorization("caller", aor("stranger")),
                "text/plain", "x"));
        assertEquals(404, ua.awaitFinal("MESSAGE").status());
    }

    @Test
    void requestsFromOurDomainWithoutCredentialsGet407WithTheSameChallenges() throws Exception {
        RawUa ua = udp("sender1");
        for (String method : List.of("MESSAGE", "INVITE", "OPTIONS", "SUBSCRIBE")) {
            ua.send(ua.request(method, aor("known10"), "<" + aor("known10") + ">", callId(),
                    method.equals("SUBSCRIBE") ? "Event: dialog\r\n" : null, null, null));
            RawUa.Msg r = ua.awaitFinal(method);
            assertEquals(407, r.status(), method + ": " + r.text());
            assertEquals(List.of("Digest realm=\"test\",qop=\"auth\",algorithm=MD5,nonce=\"n1\",opaque=\"o\""),
                    r.headers("Proxy-Authenticate").stream().map(h -> h.replace(", ", ",")).toList(), r.text());
            assertTrue(r.headers("WWW-Authenticate").isEmpty(), r.text());
        }
    }

    @Test
    void wrongProxyCredentialsGet403AndStaleOnesAFreshChallenge() throws Exception {
        RawUa ua = udp("wrong");
        ua.send(ua.request("MESSAGE", aor("known11"), "<" + aor("known11") + ">", callId(), proxyAuthorization("wrong", aor("known11")),
                "text/plain", "x"));
        assertEquals(403, ua.awaitFinal("MESSAGE").status(), "RFC 3261 §22.3: a retry with wrong credentials ends here");
        RawUa stale = udp("stale");
        stale.send(stale.request("MESSAGE", aor("known11"), "<" + aor("known11") + ">", callId(), proxyAuthorization("stale", aor("known11")),
                "text/plain", "x"));
        RawUa.Msg r = stale.awaitFinal("MESSAGE");
        assertEquals(407, r.status());
        assertTrue(r.header("Proxy-Authenticate").contains("stale=true"), r.text());
    }

    @Test
    void credentialsOfAnotherUserThanTheSenderAreForbidden() throws Exception {
        RawUa ua = udp("known12");
        ua.send(ua.request("MESSAGE", aor("known13"), "<" + aor("known13") + ">", callId(), proxyAuthorization("known14", aor("known13")),
                "text/plain", "x"));
        assertEquals(403, ua.awaitFinal("MESSAGE").status());
    }

    @Test
    void requestsFromAnotherDomainToOurUserAreServedAsInboundCalls() throws Exception {
        RawUa ua = udp("visitor");
        ua.send(fromElsewhere(ua, ua.request("MESSAGE", aor("known15"), "<" + aor("known15") + ">", callId(), null, "text/plain", "x")));
        assertEquals(480, ua.awaitFinal("MESSAGE").status(), "not challenged: known15 is simply not registered");
    }

    @Test
    void cancelAndServerOptionsAreNotChallengedButARequestWithAMadeUpToTagIs() throws Exception {
        RawUa ua = udp("sender2");
        ua.send(ua.request("BYE", aor("known16"), "<" + aor("known16") + ">;tag=remote", callId(), null, null, null));
        assertEquals(407, ua.awaitFinal("BYE").status(), "a To tag alone is no dialog this proxy record-routed");
        ua.send(ua.request("CANCEL", aor("known16"), "<" + aor("known16") + ">", callId(), null, null, null));
        assertEquals(481, ua.awaitFinal("CANCEL").status(), "RFC 3261 §22.1: CANCEL cannot be resubmitted");
        ua.send(ua.request("OPTIONS", serverUri(), "<" + serverUri() + ">", callId(), null, null, null));
        assertEquals(200, ua.awaitFinal("OPTIONS").status());
    }

    /**
     * RFC 5365 §10 (RFC 5363 rules): a URI-list service authenticates its clients, whatever
     * domain their From names; else anyone could make the server send to all our users at once.
     */
    @Test
    void listServiceIsChallengedForSendersOfOtherDomains() throws Exception {
        RawUa ua = udp("visitor2");
        String body = ListFanOutTest.listBody(List.of(aor("known22")), "to everyone");
        ua.send(fromElsewhere(ua, ua.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(), null,
                "multipart/mixed;boundary=b1", body)));
        RawUa.Msg r = ua.awaitFinal("MESSAGE");
        assertNotNull(r, "no answer");
        assertEquals(407, r.status(), r.text());
        ua.send(fromElsewhere(ua, ua.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(),
                proxyAuthorization("known22", aor("list")), "multipart/mixed;boundary=b1", body)));
        RawUa.Msg r2 = ua.awaitFinal("MESSAGE");
        assertNotNull(r2, "no answer");
        assertEquals(403, r2.status(), "our user's credentials do not let it send as another domain's user: " + r2.text());
    }

    @Test
    void listServiceServesOurAuthenticatedUser() throws Exception {
        RawUa ua = udp("known23");
        String body = ListFanOutTest.listBody(List.of(aor("known24")), "to everyone");
        ua.send(ua.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(), proxyAuthorization("known23", aor("list")),
                "multipart/mixed;boundary=b1", body));
        RawUa.Msg r = ua.awaitFinal("MESSAGE");
        assertNotNull(r, "no answer");
        assertEquals(202, r.status(), r.text());
    }

    /**
     * RFC 3261 §22.3: credentials for our realm are consumed here. A client that keeps sending
     * them inside the dialog (the JAIN-SIP RI's credential cache does) must not hand its digest
     * to the other party.
     */
    @Test
    void ourRealmsCredentialsInsideADialogAreNotForwarded() throws Exception {
        RawUa alice = udp("known30");
        RawUa bob = udp("known31");
        assertEquals(200, registerWith(bob, "known31", "test").status());
        String callId = callId();
        alice.send(alice.request("INVITE", aor("known31"), "<" + aor("known31") + ">", callId, proxyAuthorization("known30", aor("known31")),
                null, null));
        RawUa.Msg invite = bob.awaitRequest("INVITE");
        assertNotNull(invite, "INVITE not relayed");
        assertNull(invite.header("Proxy-Authorization"), invite.text());
        String route = invite.header("Record-Route");
        invite.reply().accept(RawUa.response(invite, 200, "OK", "b30", "Contact: <" + bob.contactUri() + ">\r\n", null, null));
        assertEquals(200, alice.awaitFinal("INVITE").status());
        String bye = "BYE " + bob.contactUri() + " SIP/2.0\r\n" + alice.via() + "Max-Forwards: 70\r\nRoute: " + route + "\r\n"
                + "From: <" + alice.aor() + ">;tag=" + alice.tag + "\r\nTo: <" + aor("known31") + ">;tag=b30\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 2 BYE\r\n" + proxyAuthorization("known30", bob.contactUri())
                + "Content-Length: 0\r\n\r\n";
        alice.send(bye);
        RawUa.Msg relayed = bob.awaitRequest("BYE");
        assertNotNull(relayed, "BYE not relayed");
        assertNull(relayed.header("Proxy-Authorization"), "our realm's credentials stay here: " + relayed.text());
        relayed.reply().accept(RawUa.response(relayed, 200, "OK", null, null, null, null));
    }
}
