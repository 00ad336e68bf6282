package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipBinding;

/** RFC 3261 §10.3 in open mode. */
class RegistrarTest extends ServerTestBase {

    @BeforeAll
    void startServer() throws Exception {
        start();
    }

    @Test
    void registerAnswers200WithTheContactAndItsExpiry() throws Exception {
        RawUa alice = udp("alice1");
        RawUa.Msg ok = register(alice, 600);
        String contact = ok.header("Contact");
        assertTrue(contact.contains(alice.contactUri()), ok.text());
        assertTrue(contact.matches(".*expires=(600|599).*"), contact);
        assertTrue(ok.header("Date") != null, "RFC 3261 §10.3 step 8: a Date header");
        List<SipBinding> bindings = server.bindings("alice1");
        assertEquals(1, bindings.size());
        assertTrue(bindings.get(0).contact().contains(":" + alice.port()), bindings.toString());
    }

    @Test
    void refreshFromTheSameCallIdKeepsOneBinding() throws Exception {
        RawUa alice = udp("alice2");
        String callId = callId();
        for (int i = 0; i < 2; i++) {
            alice.send(alice.request("REGISTER", serverUri(), "<" + alice.aor() + ">", callId, "Expires: 300\r\n", null, null));
            assertEquals(200, alice.awaitFinal("REGISTER").status());
        }
        assertEquals(1, server.bindings("alice2").size());
    }

    @Test
    void wildcardContactWithExpiresZeroRemovesEveryBinding() throws Exception {
        RawUa alice = udp("alice3");
        register(alice, 300);
        String req = alice.request("REGISTER", serverUri(), "<" + alice.aor() + ">", callId(), "Expires: 0\r\n", null, null)
                .replace("Contact: <" + alice.contactUri() + ">", "Contact: *");
        alice.send(req);
        RawUa.Msg ok = alice.awaitFinal("REGISTER");
        assertEquals(200, ok.status(), ok.text());
        assertEquals(null, ok.header("Contact"), ok.text());
        assertTrue(server.bindings("alice3").isEmpty());
    }

    @Test
    void wildcardContactWithNonZeroExpiresIsABadRequest() throws Exception {
        RawUa alice = udp("alice4");
        alice.send(alice.request("REGISTER", serverUri(), "<" + alice.aor() + ">", callId(), "Expires: 60\r\n", null, null)
                .replace("Contact: <" + alice.contactUri() + ">", "Contact: *"));
        assertEquals(400, alice.awaitFinal("REGISTER").status());
    }

    @Test
    void expiryBelowTheMinimumGets423WithMinExpires() throws Exception {
        RawUa alice = udp("alice5");
        alice.send(alice.request("REGISTER", serverUri(), "<" + alice.aor() + ">", callId(), "Expires: 1\r\n", null, null));
        RawUa.Msg r = alice.awaitFinal("REGISTER");
        assertEquals(423, r.status(), r.text());
        assertEquals("2", r.header("Min-Expires"));
        assertTrue(server.bindings("alice5").isEmpty());
    }

    @Test
    void bindingExpiresAfterItsInterval() throws Exception {
        RawUa alice = udp("alice6");
        register(alice, 2);
        assertEquals(1, server.bindings("alice6").size());
        long deadline = System.currentTimeMillis() + 5000;
        while (!server.bindings("alice6").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(server.bindings("alice6").isEmpty(), "binding still there after its expiry");
    }

    @Test
    void registerWithoutContactListsTheCurrentBindings() throws Exception {
        RawUa alice = udp("alice7");
        register(alice, 300);
        alice.send(alice.request("REGISTER", serverUri(), "<" + alice.aor() + ">", callId(), null, null, null)
                .replace("Contact: <" + alice.contactUri() + ">\r\n", ""));
        RawUa.Msg ok = alice.awaitFinal("REGISTER");
        assertEquals(200, ok.status());
        assertTrue(ok.header("Contact").contains(alice.contactUri()), ok.text());
    }

    @Test
    void addressOfRecordOfAnotherDomainGets404() throws Exception {
        RawUa alice = udp("alice8");
        alice.send(alice.request("REGISTER", serverUri(), "<sip:alice@example.org>", callId(), null, null, null));
        assertEquals(404, alice.awaitFinal("REGISTER").status());
    }

    /**
     * A contact naming the server itself makes requests for the user come back to the server as
     * requests for whoever the contact names: users whose contacts name one another fork without
     * end (10 contacts each, a tree as deep as there are users before the loop check or
     * Max-Forwards stop it). The registrar refuses such contacts.
     */
    @Test
    void contactNamingTheServerItselfIsRefused() throws Exception {
        RawUa ua = udp("looper");
        int port = udpAddress().getPort();
        for (String contact : List.of("sip:other@127.0.0.1:" + port, "sip:other@localhost:" + port + ";transport=tcp",
                "sip:other@192.0.2.1:9;maddr=127.0.0.1;transport=tcp".replace(":9;", ":" + port + ";"))) {
            String register = ua.request("REGISTER", serverUri(), "<" + ua.aor() + ">", callId(), "Expires: 300\r\n", null, null)
                    .replace("Contact: <" + ua.contactUri() + ">", "Contact: <" + contact + ">");
            ua.send(register);
            RawUa.Msg r = ua.awaitFinal("REGISTER");
            assertNotNull(r, "no answer for " + contact);
            assertEquals(403, r.status(), contact + ": " + r.text());
        }
        assertTrue(server.bindings("looper").isEmpty(), "nothing bound");
    }
}
