package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;

/**
 * The client side of RFC 3903 against a scripted event state compositor on a UDP socket: the
 * test reads each PUBLISH and answers it when it chooses, so it can hold one unanswered.
 */
class PublicationClientTest {

    private static final long WAIT = 10;
    private final JainSipEndpointFactory factory = new JainSipEndpointFactory();
    private final BlockingQueue<Received> publishes = new LinkedBlockingQueue<>();
    private DatagramSocket socket;
    private SipUserAgent ua;

    /** One PUBLISH as the compositor saw it, and where to answer. */
    private record Received(String text, SocketAddress from) {
        String header(String name) {
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return null;
        }

        String body() {
            int i = text.indexOf("\r\n\r\n");
            return text.substring(i + 4);
        }
    }

    @BeforeEach
    void start() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::receive, "scripted-compositor");
        t.setDaemon(true);
        t.start();
        ua = factory.open(SipEndpointConfig.loopback("pia", SipTransport.UDP)).userAgent(
                SipAccount.builder("sip:pia@127.0.0.1").registrar("sip:127.0.0.1:" + socket.getLocalPort()).build());
    }

    @AfterEach
    void stop() {
        factory.deactivate();
        socket.close();
    }

    /** Queues each new PUBLISH; UDP retransmissions (same Via branch) are dropped. */
    private void receive() {
        Set<String> branches = new HashSet<>();
        try {
            for (int i = 0; i < 200; i++) {
                byte[] buf = new byte[8192];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                Received r = new Received(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8), p.getSocketAddress());
                if (r.text().startsWith("PUBLISH ") && branches.add(r.header("Via"))) {
                    publishes.add(r);
                }
            }
        } catch (java.io.IOException e) {
            // socket closed by the test
        }
    }

    private Received next() throws InterruptedException {
        Received r = publishes.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(r, "no PUBLISH arrived");
        return r;
    }

    private void answer(Received request, String statusLine, String... extra) throws Exception {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
        for (String line : request.text().split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                b.append(line).append(";tag=esc1\r\n");
            }
        }
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        byte[] out = b.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, request.from()));
    }

    private CompletableFuture<SipResponse> publish(String state) {
        return ua.publish("presence", SipBody.text(state), 600);
    }

    @Test
    void statesAskedForWhileAPublishIsUnansweredWaitAndOnlyTheLatestIsSent() throws Exception {
        CompletableFuture<SipResponse> first = publish("first");
        Received initial = next();
        assertNull(initial.header("SIP-If-Match"), "an initial PUBLISH has no entity tag (RFC 3903 §4.2)");
        CompletableFuture<SipResponse> second = publish("second");
        CompletableFuture<SipResponse> third = publish("third");
        assertFalse(second.isDone() || third.isDone());

        answer(initial, "200 OK", "SIP-ETag: e1", "Expires: 600");
        assertEquals(200, first.get(WAIT, TimeUnit.SECONDS).status());
        Received modify = next();
        assertEquals("e1", modify.header("SIP-If-Match"), "RFC 3903 §4.4: the tag of the answer to the previous PUBLISH");
        assertEquals("third", modify.body(), "the pending states are coalesced into the latest");
        answer(modify, "200 OK", "SIP-ETag: e2", "Expires: 600");
        assertEquals(200, second.get(WAIT, TimeUnit.SECONDS).status());
        assertEquals(200, third.get(WAIT, TimeUnit.SECONDS).status());

        CompletableFuture<SipResponse> fourth = publish("fourth");
        Received after = next();
        assertEquals("fourth", after.body(), "'second' was never sent on its own");
        assertEquals("e2", after.header("SIP-If-Match"));
        answer(after, "200 OK", "SIP-ETag: e3", "Expires: 600");
        assertEquals(200, fourth.get(WAIT, TimeUnit.SECONDS).status());
    }

    @Test
    void preconditionFailedRepublishesTheCurrentStateAsAnInitialPublish() throws Exception {
        CompletableFuture<SipResponse> first = publish("first");
        answer(next(), "200 OK", "SIP-ETag: e1", "Expires: 600");
        assertEquals(200, first.get(WAIT, TimeUnit.SECONDS).status());

        CompletableFuture<SipResponse> second = publish("second");
        Received modify = next();
        assertEquals("e1", modify.header("SIP-If-Match"));
        CompletableFuture<SipResponse> third = publish("third");
        answer(modify, "412 Conditional Request Failed");

        Received again = next();
        assertNull(again.header("SIP-If-Match"), "RFC 3903 §4.4, §6: after 412 the state is published anew");
        assertEquals("third", again.body(), "the current state, not the one refused");
        assertFalse(second.isDone(), "the 412 is not the outcome: the state is still being published");
        answer(again, "200 OK", "SIP-ETag: e9", "Expires: 600");
        assertEquals(200, second.get(WAIT, TimeUnit.SECONDS).status());
        assertEquals(200, third.get(WAIT, TimeUnit.SECONDS).status());

        CompletableFuture<SipResponse> removed = ua.unpublish("presence");
        Received removal = next();
        assertEquals("e9", removal.header("SIP-If-Match"));
        assertEquals("0", removal.header("Expires"), "RFC 3903 §4.5");
        answer(removal, "200 OK", "Expires: 0");
        assertEquals(200, removed.get(WAIT, TimeUnit.SECONDS).status());
    }
}
