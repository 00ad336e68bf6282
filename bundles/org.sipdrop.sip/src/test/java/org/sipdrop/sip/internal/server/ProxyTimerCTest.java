package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipServerConfig;

/**
 * RFC 3261 §16.6 step 11, §16.8: Timer C bounds how long a forwarded INVITE may ring. Without
 * it a callee that answers 180 and nothing more holds a proxy transaction, and the stack's
 * server and client transactions, for ever: enough such calls exhaust the proxy.
 */
class ProxyTimerCTest extends ServerTestBase {

    /** Far longer than the test's Timer C, so only a missing timer makes the test fail. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @BeforeAll
    void startServer() throws Exception {
        start(SipServerConfig.builder("timer-c").expires(2, 3600).timerC(Duration.ofSeconds(1)));
    }

    @Test
    void inviteThatRingsForeverIsCancelledAndAnswered408() throws Exception {
        RawUa alice = udp("alice1");
        RawUa bob = udp("bob1");
        register(bob, 300);
        alice.send(alice.request("INVITE", aor("bob1"), "<" + aor("bob1") + ">", callId(), null, null, null));
        RawUa.Msg invite = bob.awaitRequest("INVITE");
        assertNotNull(invite, "INVITE not relayed");
        invite.reply().accept(RawUa.response(invite, 180, "Ringing", "b1", null, null, null));
        // bob never answers again: not the INVITE, not the CANCEL
        RawUa.Msg cancel = bob.await(m -> "CANCEL".equals(m.method()), PATIENCE);
        assertNotNull(cancel, "§16.8: a branch with a provisional response is cancelled when Timer C fires");
        RawUa.Msg last = alice.await(m -> m.status() >= 200 && m.header("CSeq").endsWith(" INVITE"), PATIENCE);
        assertNotNull(last, "the caller gets a final response");
        assertEquals(408, last.status(), last.text());
    }

    @Test
    void inviteAnsweredBeforeTimerCKeepsItsOwnResponse() throws Exception {
        RawUa alice = udp("alice2");
        RawUa bob = udp("bob2");
        register(bob, 300);
        alice.send(alice.request("INVITE", aor("bob2"), "<" + aor("bob2") + ">", callId(), null, null, null));
        RawUa.Msg invite = bob.awaitRequest("INVITE");
        assertNotNull(invite, "INVITE not relayed");
        invite.reply().accept(RawUa.response(invite, 486, "Busy Here", "b2", null, null, null));
        RawUa.Msg last = alice.awaitFinal("INVITE");
        assertNotNull(last, "the caller gets a final response");
        assertEquals(486, last.status(), last.text());
    }
}
