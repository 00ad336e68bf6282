package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16: the stateful proxy between registered raw user agents. */
class ProxyTest extends ServerTestBase {

    @BeforeAll
    void startServer() throws Exception {
        start();
    }

    private void messageIsRelayed(RawUa from, RawUa to) throws Exception {
        register(to, 300);
        from.send(from.request("MESSAGE", aor(to.user), "<" + aor(to.user) + ">", callId(), null, "text/plain", "hello " + to.user));
        RawUa.Msg m = to.awaitRequest("MESSAGE");
        assertNotNull(m, "MESSAGE not relayed");
        assertTrue(m.firstLine().startsWith("MESSAGE " + to.contactUri()), "retargeted to the contact: " + m.firstLine());
        assertEquals("hello " + to.user, m.body());
        assertEquals(2, m.headers("Via").size(), "the proxy adds its Via: " + m.text());
        assertEquals("69", m.header("Max-Forwards"), "§16.6 step 3: Max-Forwards decremented");
        m.reply().accept(RawUa.response(m, 200, "OK", "t1", null, null, null));
        RawUa.Msg ok = from.awaitFinal("MESSAGE");
        assertNotNull(ok, "200 not relayed back");
        assertEquals(200, ok.status());
        assertEquals(1, ok.headers("Via").size(), "the proxy removes its Via: " + ok.text());
    }

    @Test
    void messageIsRelayedToTheRegisteredContactOverUdp() throws Exception {
        messageIsRelayed(udp("alice1"), udp("bob1"));
    }

    @Test
    void messageIsRelayedOverTcp() throws Exception {
        messageIsRelayed(tcp("alice2"), tcp("bob2"));
    }

    @Test
    void messageFromUdpReachesATcpContact() throws Exception {
        messageIsRelayed(udp("alice3"), tcp("bob3"));
    }

    @Test
    void tcpUaIsReachedOverTheConnectionItRegisteredOn() throws Exception {
        RawUa alice = udp("alice10");
        RawUa bob = tcp("bob10");
        register(bob, 300);
        bob.closeListener(); // behind NAT, or unable to accept connections: only its own connection works
        alice.send(alice.request("MESSAGE", aor("bob10"), "<" + aor("bob10") + ">", callId(), null, "text/plain", "via the flow"));
        RawUa.Msg m = bob.awaitRequest("MESSAGE");
        assertNotNull(m, "RFC 5626 §5.3: the request comes back over the registration's connection");
        assertTrue(m.firstLine().startsWith("MESSAGE " + bob.contactUri()), "still addressed to the contact: " + m.firstLine());
        assertTrue(m.headers("Route").isEmpty(), "the flow's Route is internal: " + m.text());
        m.reply().accept(RawUa.response(m, 200, "OK", "f1", null, null, null));
        assertEquals(200, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void unknownUserGets404() throws Exception {
        RawUa alice = udp("alice4");
        alice.send(alice.request("MESSAGE", aor("nobody"), "<" + aor("nobody") + ">", callId(), null, "text/plain", "hi"));
        assertEquals(404, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void userWhoseBindingsAreGoneGets480() throws Exception {
        RawUa alice = udp("alice5");
        RawUa bob = udp("bob5");
        register(bob, 300);
        bob.send(bob.request("REGISTER", serverUri(), "<" + bob.aor() + ">", callId(), "Expires: 0\r\n", null, null));
        assertEquals(200, bob.awaitFinal("REGISTER").status());
        alice.send(alice.request("MESSAGE", aor("bob5"), "<" + aor("bob5") + ">", callId(), null, "text/plain", "hi"));
        assertEquals(480, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void requestForAnotherDomainIsForbidden() throws Exception {
        RawUa alice = udp("alice6");
        alice.send(alice.request("MESSAGE", "sip:bob@example.org", "<sip:bob@example.org>", callId(), null, "text/plain", "hi"));
        assertEquals(403, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void maxForwardsZeroGets483() throws Exception {
        RawUa alice = udp("alice7");
        register(udp("bob7"), 300);
        alice.send(alice.request("MESSAGE", aor("bob7"), "<" + aor("bob7") + ">", callId(), null, "text/plain", "hi")
                .replace("Max-Forwards: 70", "Max-Forwards: 0"));
        assertEquals(483, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void inviteDialogRunsThroughTheProxyWithRecordRoute() throws Exception {
        RawUa alice = udp("alice8");
        RawUa bob = tcp("bob8");
        register(bob, 300);
        String callId = callId();
        alice.send(alice.request("INVITE", aor("bob8"), "<" + aor("bob8") + ">", callId, null, "application/sdp", "v=0\r\n"));
        assertNotNull(alice.awaitResponse("INVITE", s -> s == 100), "§16.2: 100 Trying");
        RawUa.Msg invite = bob.awaitRequest("INVITE");
        assertNotNull(invite, "INVITE not relayed");
        List<String> rr = invite.headers("Record-Route");
        assertEquals(2, rr.size(), "RFC 5658: UDP in, TCP out: two Record-Routes: " + invite.text());
        assertTrue(rr.get(0).contains("transport=tcp") && rr.get(0).contains(";lr"), rr.toString());
        assertTrue(rr.get(1).contains("transport=udp"), rr.toString());
        assertTrue(rr.stream().allMatch(r -> r.contains(";" + DialogTokens.PARAM + "=")), "both carry the dialog token: " + rr);
        invite.reply().accept(RawUa.response(invite, 180, "Ringing", "b1", "Contact: <" + bob.contactUri() + ">\r\n", null, null));
        assertNotNull(alice.awaitResponse("INVITE", s -> s == 180), "180 relayed");
        invite.reply().accept(RawUa.response(invite, 200, "OK", "b1", "Contact: <" + bob.contactUri() + ">\r\n", "application/sdp", "v=0\r\n"));
        RawUa.Msg ok = alice.awaitFinal("INVITE");
        assertEquals(200, ok.status(), ok.text());
        List<String> routeSet = ok.headers("Record-Route");
        assertEquals(2, routeSet.size(), ok.text());
        // the caller's route set is the Record-Route reversed (RFC 3261 §12.1.2)
        String routes = "Route: " + routeSet.get(1) + "\r\nRoute: " + routeSet.get(0) + "\r\n";
        String toWithTag = "<" + aor("bob8") + ">;tag=b1";
        alice.send(inDialog(alice, "ACK", bob.contactUri(), toWithTag, callId, 1, routes));
        RawUa.Msg ack = bob.awaitRequest("ACK");
        assertNotNull(ack, "ACK for the 2xx relayed along the route set");
        alice.send(inDialog(alice, "BYE", bob.contactUri(), toWithTag, callId, 2, routes));
        RawUa.Msg bye = bob.awaitRequest("BYE");
        assertNotNull(bye, "BYE relayed");
        assertTrue(bye.headers("Route").isEmpty(), "the proxy pops its own Route entries: " + bye.text());
        bye.reply().accept(RawUa.response(bye, 200, "OK", null, null, null, null));
        assertEquals(200, alice.awaitFinal("BYE").status());
    }

    private static String inDialog(RawUa ua, String method, String target, String to, String callId, int cseq, String routes) {
        return method + " " + target + " SIP/2.0\r\n" + ua.via() + "Max-Forwards: 70\r\n" + routes
                + "From: <" + ua.aor() + ">;tag=" + ua.tag + "\r\n" + "To: " + to + "\r\n" + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n" + "Content-Length: 0\r\n\r\n";
    }

    /**
     * RFC 3261 §26.2.2: a sips contact asks to be reached over TLS only; a server without TLS
     * must not send it the request in clear text instead.
     */
    @Test
    void sipsContactIsNotReachedWithoutTls() throws Exception {
        sipsContactGetsNothingInClearText(udp("alice14"), udp("bob14"));
    }

    /** RFC 3261 §26.2.2, RFC 5626 §5.3: not over the TCP connection it registered on either. */
    @Test
    void sipsContactIsNotReachedOverItsTcpConnection() throws Exception {
        sipsContactGetsNothingInClearText(udp("alice15"), tcp("bob15"));
    }

    private void sipsContactGetsNothingInClearText(RawUa alice, RawUa bob) throws Exception {
        String contact = "sips:" + bob.user + "@127.0.0.1:" + bob.port();
        bob.send(bob.request("REGISTER", serverUri(), "<" + bob.aor() + ">", callId(), "Expires: 300\r\n", null, null)
                .replace("Contact: <" + bob.contactUri() + ">", "Contact: <" + contact + ">"));
        assertEquals(200, bob.awaitFinal("REGISTER").status());
        alice.send(alice.request("MESSAGE", aor(bob.user), "<" + aor(bob.user) + ">", callId(), null, "text/plain", "secret"));
        RawUa.Msg r = alice.awaitFinal("MESSAGE");
        assertNotNull(r, "no answer: the request went out in clear text");
        assertTrue(r.status() >= 400, r.text());
        assertNull(bob.await(m -> "MESSAGE".equals(m.method()), Duration.ofMillis(500)), "nothing in clear text");
    }

    @Test
    void cancelReachesTheCalleeAnd487IsRelayed() throws Exception {
        RawUa alice = udp("alice9");
        RawUa bob = udp("bob9");
        register(bob, 300);
        String invite = alice.request("INVITE", aor("bob9"), "<" + aor("bob9") + ">", callId(), null, null, null);
        alice.send(invite);
        RawUa.Msg in = bob.awaitRequest("INVITE");
        in.reply().accept(RawUa.response(in, 180, "Ringing", "b2", null, null, null));
        assertNotNull(alice.awaitResponse("INVITE", s -> s == 180));
        // RFC 3261 §9.1: CANCEL copies Request-URI, Call-ID, From, To, top Via and CSeq number of the INVITE
        String cancel = invite.replaceFirst("INVITE ", "CANCEL ").replaceFirst("CSeq: (\\d+) INVITE", "CSeq: $1 CANCEL");
        alice.send(cancel);
        assertEquals(200, alice.awaitFinal("CANCEL").status());
        RawUa.Msg c = bob.awaitRequest("CANCEL");
        assertNotNull(c, "CANCEL forwarded to the pending branch");
        c.reply().accept(RawUa.response(c, 200, "OK", "b2", null, null, null));
        in.reply().accept(RawUa.response(in, 487, "Request Terminated", "b2", null, null, null));
        assertEquals(487, alice.awaitFinal("INVITE").status());
    }

    @Test
    void madeUpInDialogRequestIsNotRelayedToAnAddressNobodyRegistered() throws Exception {
        RawUa eve = udp("eve12");
        RawUa victim = udp("victim12");
        String target = "sip:victim@127.0.0.1:" + victim.port();
        eve.send(eve.request("MESSAGE", target, "<" + target + ">;tag=madeup", callId(), "Route: <" + serverUri() + ";lr>\r\n",
                "text/plain", "relayed?"));
        assertEquals(403, eve.awaitFinal("MESSAGE").status(), "a To tag and a Route to us prove no dialog of ours");
        RawUa.Msg relayed = victim.await(m -> m.method() != null, java.time.Duration.ofSeconds(2));
        assertEquals(null, relayed, "nothing reaches the victim");
    }

    @Test
    void retransmitted2xxIsRelayedButAForgedOneIsNot() throws Exception {
        RawUa alice = udp("alice13");
        RawUa bob = udp("bob13");
        RawUa victim = udp("victim13");
        register(bob, 300);
        alice.send(alice.request("INVITE", aor("bob13"), "<" + aor("bob13") + ">", callId(), null, "application/sdp", "v=0\r\n"));
        RawUa.Msg invite = bob.awaitRequest("INVITE");
        String ok = RawUa.response(invite, 200, "OK", "b13", "Contact: <" + bob.contactUri() + ">\r\n", "application/sdp", "v=0\r\n");
        invite.reply().accept(ok);
        assertEquals(200, alice.awaitFinal("INVITE").status());
        invite.reply().accept(ok); // RFC 3261 §13.3.1.4: the callee retransmits its 2xx until the ACK comes
        assertNotNull(alice.awaitFinal("INVITE"), "§16.7 step 1: a 2xx matching no transaction is relayed");
        // the same 2xx with the caller's Via replaced by the victim's: our top Via is no licence to send anywhere
        String ourVia = invite.headers("Via").get(0);
        String forged = ok.replace("Via: " + invite.headers("Via").get(1) + "\r\n",
                "Via: SIP/2.0/UDP 127.0.0.1:" + victim.port() + ";branch=z9hG4bKforged\r\n");
        assertTrue(forged.contains(ourVia) && !forged.equals(ok), forged);
        bob.send(forged);
        // and a 2xx for no transaction at all, its top Via merely looking like ours
        String ourPort = String.valueOf(udpAddress().getPort());
        bob.send(forged.replace(ourVia, "SIP/2.0/UDP 127.0.0.1:" + ourPort + ";branch=z9hG4bKsd0123456789abcdef.1"));
        RawUa.Msg reflected = victim.await(m -> m.status() > 0, java.time.Duration.ofSeconds(2));
        assertEquals(null, reflected, "a forged 2xx is not relayed to the address in its second Via");
    }
}
