package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 5365: MESSAGE to a URI-list service. */
class ListFanOutTest extends ServerTestBase {

    @BeforeAll
    void startServer() throws Exception {
        start();
    }

    static String listBody(List<String> recipients, String text) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>");
        recipients.forEach(r -> xml.append("<entry uri=\"").append(r).append("\"/>"));
        xml.append("</list></resource-lists>");
        return "--b1\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n"
                + "--b1\r\nContent-Type: application/resource-lists+xml\r\nContent-Disposition: recipient-list\r\n\r\n" + xml
                + "\r\n--b1--\r\n";
    }

    @Test
    void messageToTheListReachesEveryRecipientAndIsAnswered202() throws Exception {
        RawUa alice = udp("alice");
        RawUa bob = udp("bob");
        RawUa carol = tcp("carol");
        RawUa dave = udp("dave");
        for (RawUa ua : List.of(bob, carol, dave)) {
            register(ua, 300);
        }
        alice.send(alice.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(), "Require: recipient-list-message\r\n",
                "multipart/mixed;boundary=b1", listBody(List.of(aor("bob"), "sip:carol@127.0.0.1", aor("dave")), "hello all")));
        RawUa.Msg accepted = alice.awaitFinal("MESSAGE");
        assertEquals(202, accepted.status(), accepted.text());
        for (RawUa ua : List.of(bob, carol, dave)) {
            RawUa.Msg m = ua.awaitRequest("MESSAGE");
            assertNotNull(m, ua.user + " got nothing");
            assertEquals("hello all", m.body());
            assertEquals("text/plain", m.header("Content-Type"));
            assertTrue(m.header("From").contains(alice.aor()), "the original sender: " + m.header("From"));
            m.reply().accept(RawUa.response(m, 200, "OK", "x", null, null, null));
        }
    }

    @Test
    void listWithoutARecipientListPartIsABadRequest() throws Exception {
        RawUa alice = udp("alice");
        alice.send(alice.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(), null, "multipart/mixed;boundary=b1",
                "--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b1--\r\n"));
        assertEquals(400, alice.awaitFinal("MESSAGE").status());
    }

    @Test
    void listWithAnExternalEntityIsRefused() throws Exception {
        RawUa alice = udp("alice");
        String body = listBody(List.of(aor("bob")), "x").replace("<resource-lists",
                "<!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><resource-lists");
        alice.send(alice.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(), null, "multipart/mixed;boundary=b1", body));
        assertEquals(400, alice.awaitFinal("MESSAGE").status());
    }

    /**
     * The 400 names what is wrong, quoting the body: a bare line feed there must not end the
     * status line (RFC 3261 §25.1: no control characters in a Reason-Phrase), or the sender
     * writes headers into our response.
     */
    @Test
    void reasonPhraseQuotingTheBodyCarriesNoLineBreak() throws Exception {
        RawUa alice = udp("alice");
        alice.send(alice.request("MESSAGE", aor("list"), "<" + aor("list") + ">", callId(), null, "multipart/mixed;boundary=b1",
                "--b1\r\nbroken\nSIP/2.0 200 Injected\rX\r\n\r\nhi\r\n--b1--\r\n"));
        RawUa.Msg r = alice.awaitFinal("MESSAGE");
        assertNotNull(r, "no answer");
        assertEquals(400, r.status(), r.text());
        String statusLine = r.firstLine();
        assertFalse(statusLine.contains("\n") || statusLine.contains("\r"), "line break in the status line: " + statusLine);
        assertTrue(statusLine.contains("broken"), "the reason still names the culprit: " + statusLine);
    }
}
