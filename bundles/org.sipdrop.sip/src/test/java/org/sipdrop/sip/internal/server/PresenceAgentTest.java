package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 3856 presence with RFC 3903 PUBLISH and RFC 6665 SUBSCRIBE/NOTIFY. */
class PresenceAgentTest extends ServerTestBase {

    private static final String PIDF = "application/pidf+xml";

    @BeforeAll
    void startServer() throws Exception {
        start();
    }

    static String pidf(String entity, String basic, String note) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"" + entity
                + "\"><tuple id=\"t1\"><status><basic>" + basic + "</basic></status><note>" + note + "</note></tuple></presence>";
    }

    private RawUa.Msg publish(RawUa ua, String ifMatch, int expires, String body) throws Exception {
        String extra = "Event: presence\r\nExpires: " + expires + "\r\n" + (ifMatch == null ? "" : "SIP-If-Match: " + ifMatch + "\r\n");
        ua.send(ua.request("PUBLISH", aor(ua.user), "<" + aor(ua.user) + ">", callId(), extra, body == null ? null : PIDF, body));
        RawUa.Msg r = ua.awaitFinal("PUBLISH");
        assertNotNull(r, "no answer to PUBLISH");
        return r;
    }

    /** SUBSCRIBEs {@code watcher} to {@code presentity}, answers the first NOTIFY and returns it. */
    private RawUa.Msg subscribe(RawUa watcher, String presentity, String callId) throws Exception {
        watcher.send(watcher.request("SUBSCRIBE", aor(presentity), "<" + aor(presentity) + ">", callId,
                "Event: presence\r\nAccept: application/pidf+xml\r\nExpires: 600\r\n", null, null));
        RawUa.Msg ok = watcher.awaitFinal("SUBSCRIBE");
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.header("Expires").equals("600"), ok.text());
        return nextNotify(watcher);
    }

    private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** @return the next new NOTIFY, answered; UDP retransmissions of earlier ones (a loaded machine) are answered and skipped */
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

    @Test
    void subscribeGets200AndAnImmediateNotifyWithAClosedDocument() throws Exception {
        RawUa watcher = udp("watcher1");
        RawUa.Msg notify = subscribe(watcher, "alice1", callId());
        assertTrue(notify.header("Subscription-State").startsWith("active;expires="), notify.text());
        assertEquals("presence", notify.header("Event"));
        assertEquals(PIDF, notify.header("Content-Type"));
        assertTrue(notify.body().contains("<basic>closed</basic>"), notify.body());
        assertTrue(notify.firstLine().startsWith("NOTIFY " + watcher.contactUri()), notify.firstLine());
    }

    @Test
    void publishNotifiesEveryWatcherAndTheLatestPublicationWins() throws Exception {
        RawUa alice = udp("alice2");
        RawUa w1 = udp("w12");
        RawUa w2 = tcp("w22");
        subscribe(w1, "alice2", callId());
        subscribe(w2, "alice2", callId());
        RawUa.Msg ok = publish(alice, null, 600, pidf(aor("alice2"), "open", "first"));
        assertEquals(200, ok.status(), ok.text());
        String etag = ok.header("SIP-ETag");
        assertNotNull(etag, "RFC 3903 §6 step 8: SIP-ETag");
        assertEquals("600", ok.header("Expires"));
        assertTrue(nextNotify(w1).body().contains("first"));
        assertTrue(nextNotify(w2).body().contains("first"));
        RawUa.Msg modified = publish(alice, etag, 600, pidf(aor("alice2"), "open", "second"));
        assertEquals(200, modified.status());
        assertTrue(!etag.equals(modified.header("SIP-ETag")), "a modification gets a new entity-tag");
        assertTrue(nextNotify(w1).body().contains("second"));
    }

    @Test
    void refreshWithoutBodyKeepsTheDocumentAndGivesANewEtag() throws Exception {
        RawUa alice = udp("alice3");
        String etag = publish(alice, null, 600, pidf(aor("alice3"), "open", "here")).header("SIP-ETag");
        RawUa.Msg refreshed = publish(alice, etag, 900, null);
        assertEquals(200, refreshed.status(), refreshed.text());
        assertNotNull(refreshed.header("SIP-ETag"));
        RawUa.Msg notify = subscribe(udp("w3"), "alice3", callId());
        assertTrue(notify.body().contains("here"), notify.body());
    }

    @Test
    void unknownEntityTagGets412() throws Exception {
        RawUa alice = udp("alice4");
        assertEquals(412, publish(alice, "no-such-etag", 600, null).status());
    }

    @Test
    void removalWithExpiresZeroShowsTheClosedDocumentAgain() throws Exception {
        RawUa alice = udp("alice5");
        RawUa w = udp("w5");
        String etag = publish(alice, null, 600, pidf(aor("alice5"), "open", "here")).header("SIP-ETag");
        assertTrue(subscribe(w, "alice5", callId()).body().contains("here"));
        assertEquals(200, publish(alice, etag, 0, null).status());
        RawUa.Msg after = nextNotify(w);
        assertTrue(after.body().contains("<basic>closed</basic>"), after.text());
    }

    @Test
    void publishOfAnotherEventPackageGets489() throws Exception {
        RawUa alice = udp("alice6");
        alice.send(alice.request("PUBLISH", aor("alice6"), "<" + aor("alice6") + ">", callId(), "Event: dialog\r\n", PIDF,
                pidf(aor("alice6"), "open", "x")));
        RawUa.Msg r = alice.awaitFinal("PUBLISH");
        assertEquals(489, r.status());
        assertEquals("presence", r.header("Allow-Events"));
    }

    @Test
    void publishOfMalformedPidfGets400() throws Exception {
        RawUa alice = udp("alice7");
        assertEquals(400, publish(alice, null, 600, "<presence><unclosed></presence>").status());
        assertEquals(400, publish(alice, null, 600, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><presence>&e;</presence>").status());
    }

    @Test
    void unsubscribeGets200AndATerminatedNotify() throws Exception {
        RawUa w = udp("w8");
        String callId = callId();
        RawUa.Msg first = subscribe(w, "alice8", callId);
        String fromServer = first.header("From"); // the notifier's tag is the dialog's remote tag
        String tag = fromServer.substring(fromServer.indexOf(";tag=") + 5);
        w.send(w.request("SUBSCRIBE", aor("alice8"), "<" + aor("alice8") + ">;tag=" + tag, callId, "Event: presence\r\nExpires: 0\r\n", null, null));
        RawUa.Msg ok = w.awaitFinal("SUBSCRIBE");
        assertEquals(200, ok.status(), ok.text());
        RawUa.Msg last = nextNotify(w);
        assertTrue(last.header("Subscription-State").startsWith("terminated"), last.text());
    }

    @Test
    void subscriptionExpiryEndsWithATerminatedNotify() throws Exception {
        RawUa w = udp("w9");
        w.send(w.request("SUBSCRIBE", aor("alice9"), "<" + aor("alice9") + ">", callId(), "Event: presence\r\nExpires: 2\r\n", null, null));
        assertEquals(200, w.awaitFinal("SUBSCRIBE").status());
        assertTrue(nextNotify(w).header("Subscription-State").startsWith("active"));
        RawUa.Msg end = nextNotify(w);
        assertTrue(end.header("Subscription-State").startsWith("terminated;reason=timeout"), end.text());
    }

    @Test
    void refreshOfAnUnknownSubscriptionGets481() throws Exception {
        RawUa w = udp("w10");
        w.send(w.request("SUBSCRIBE", aor("alice10"), "<" + aor("alice10") + ">;tag=nope", callId(), "Event: presence\r\n", null, null));
        assertEquals(481, w.awaitFinal("SUBSCRIBE").status());
    }

    @Test
    void notifiesGoBackToWhereTheSubscribeCameFromNotToAnotherSocketNamedInContact() throws Exception {
        RawUa w = udp("w11");
        RawUa victim = udp("victim11");
        String elsewhere = "sip:victim@127.0.0.1:" + victim.port();
        w.send(w.request("SUBSCRIBE", aor("alice11"), "<" + aor("alice11") + ">", callId(),
                "Event: presence\r\nExpires: 600\r\n", null, null).replace("Contact: <" + w.contactUri() + ">", "Contact: <" + elsewhere + ">"));
        assertEquals(200, w.awaitFinal("SUBSCRIBE").status());
        RawUa.Msg notify = nextNotify(w);
        assertTrue(notify.firstLine().startsWith("NOTIFY " + elsewhere), "still addressed to the Contact: " + notify.firstLine());
        assertEquals(200, publish(udp("alice11"), null, 600, pidf(aor("alice11"), "open", "x")).status());
        assertNotNull(nextNotify(w), "the change is notified along the same way");
        RawUa.Msg reflected = victim.await(m -> m.method() != null, java.time.Duration.ofSeconds(2));
        assertEquals(null, reflected, "RFC 6665 §6.3: no NOTIFY towards a socket the subscriber merely named");
    }

    @Test
    void subscriberWhoseConnectionIsGoneIsNotNotifiedAtTheSocketItsContactNames() throws Exception {
        RawUa w = tcp("w12");
        RawUa victim = tcp("victim12");
        String elsewhere = "sip:victim@127.0.0.1:" + victim.port() + ";transport=tcp";
        w.send(w.request("SUBSCRIBE", aor("alice12"), "<" + aor("alice12") + ">", callId(),
                "Event: presence\r\nExpires: 600\r\n", null, null).replace("Contact: <" + w.contactUri() + ">", "Contact: <" + elsewhere + ">"));
        assertEquals(200, w.awaitFinal("SUBSCRIBE").status());
        assertNotNull(nextNotify(w), "the first NOTIFY comes over the SUBSCRIBE's connection");
        w.close();
        assertEquals(200, publish(udp("alice12"), null, 600, pidf(aor("alice12"), "open", "x")).status());
        RawUa.Msg reflected = victim.await(m -> m.method() != null, java.time.Duration.ofSeconds(2));
        assertEquals(null, reflected, "no fallback to a Contact the subscriber merely named");
    }
}
