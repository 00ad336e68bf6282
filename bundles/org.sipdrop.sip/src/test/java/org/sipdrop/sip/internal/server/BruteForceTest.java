package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.ServerAuthenticator;
import org.sipdrop.sip.SipServerConfig;

/**
 * Guessing passwords over raw SIP from one source (RFC 7616 §5.1): after
 * {@link AuthenticationThrottle#MAX_FAILURES} wrong answers the pair (source, user) gets 403
 * without its credentials being checked, on the registrar's 401/403 path and the proxy's 407/403
 * path alike; other users from the same address are not affected; the locked user gets in again
 * once the penalty is over (a hand-moved clock). A scripted policy: the response "right" is right.
 */
class BruteForceTest extends ServerTestBase {

    private final HandClock clock = new HandClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** verify() calls per user: a locked-out attempt must not reach the policy. */
    private final Map<String, AtomicInteger> verified = new ConcurrentHashMap<>();

    private final ServerAuthenticator scripted = new ServerAuthenticator() {
        @Override
        public String realm() {
            return "test";
        }

        @Override
        public boolean knows(String user) {
            return true;
        }

        @Override
        public List<String> challenges(boolean stale) {
            return List.of("Digest realm=\"test\", qop=\"auth\", algorithm=MD5, nonce=\"n1\", opaque=\"o\"");
        }

        @Override
        public Result verify(String method, String digestUri, String authorization) {
            String user = authorization.replaceAll(".*username=\"([^\"]*)\".*", "$1");
            verified.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
            return authorization.contains("response=\"right\"") ? Result.accepted(user) : Result.of(Outcome.WRONG);
        }
    };

    @BeforeAll
    void startServer() throws Exception {
        server = new JainSipServer(SipServerConfig.builder("brute").authenticator(scripted).build(), "brute-force-test", s -> {
        }, clock);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private static String credentials(String header, String user, String uri, String response) {
        return header + ": Digest username=\"" + user + "\", realm=\"test\", nonce=\"n1\", uri=\"" + uri + "\", response=\"" + response
                + "\", qop=auth, nc=00000001, cnonce=\"c\", opaque=\"o\"\r\n";
    }

    private RawUa.Msg register(RawUa ua, String response) throws Exception {
        ua.send(ua.request("REGISTER", serverUri(), "<" + ua.aor() + ">", callId(),
                credentials("Authorization", ua.user, serverUri(), response), null, null));
        return ua.awaitFinal("REGISTER");
    }

    private int verifications(String user) {
        return verified.getOrDefault(user, new AtomicInteger()).get();
    }

    @Test
    void guessingPasswordsIsRefusedAfterMaxFailuresUntilThePenaltyIsOver() throws Exception {
        RawUa mallory = udp("mallory");
        for (int i = 0; i < AuthenticationThrottle.MAX_FAILURES; i++) {
            RawUa.Msg r = register(mallory, "guess" + i);
            assertEquals(403, r.status(), r.text());
            assertTrue(r.firstLine().contains("wrong credentials"), r.text());
        }
        RawUa.Msg locked = register(mallory, "right");
        assertEquals(403, locked.status(), "locked out, even with the right password: " + locked.text());
        assertTrue(locked.firstLine().contains("too many failed authentications"), locked.text());
        assertEquals(AuthenticationThrottle.MAX_FAILURES, verifications("mallory"), "a locked-out attempt is not verified");

        RawUa alice = udp("alice");
        assertEquals(200, register(alice, "right").status(), "another user from the same address still registers");

        clock.advance(AuthenticationThrottle.PENALTY);
        RawUa.Msg back = register(mallory, "right");
        assertEquals(200, back.status(), "after the penalty: " + back.text());
    }

    @Test
    void guessingThroughTheProxyIsThrottledToo() throws Exception {
        RawUa eve = tcp("eve");
        String target = aor("someone");
        for (int i = 0; i <= AuthenticationThrottle.MAX_FAILURES; i++) {
            eve.send(eve.request("MESSAGE", target, "<" + target + ">", callId(),
                    credentials("Proxy-Authorization", "eve", target, "guess" + i), "text/plain", "x"));
            assertEquals(403, eve.awaitFinal("MESSAGE").status());
        }
        assertEquals(AuthenticationThrottle.MAX_FAILURES, verifications("eve"), "the last guess was refused unverified");
    }
}
