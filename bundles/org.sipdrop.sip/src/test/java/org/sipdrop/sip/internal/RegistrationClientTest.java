package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipAuthenticationException;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;

/**
 * The client side of RFC 3261 §10.2 against a scripted registrar on a UDP socket (the real
 * registrars, Kamailio and the embedded server, are in the interop tests).
 */
class RegistrationClientTest {

    private final JainSipEndpointFactory factory = new JainSipEndpointFactory();
    private final List<String> received = new ArrayList<>();

    @AfterEach
    void stop() {
        factory.deactivate();
    }

    /** Answers each REGISTER with the reply the script makes from it; bounded to {@code count} requests. */
    private Thread registrar(DatagramSocket socket, int count, Function<String, String> script) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    byte[] buf = new byte[8192];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    String request = new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
                    synchronized (received) {
                        received.add(request);
                    }
                    byte[] out = script.apply(request).getBytes(StandardCharsets.UTF_8);
                    socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                }
            } catch (java.io.IOException e) {
                // socket closed by the test
            }
        }, "scripted-registrar");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String reply(String request, String statusLine, String... extra) {
        StringBuilder b = new StringBuilder("SIP/2.0 ").append(statusLine).append("\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:") || lower.startsWith("cseq:")) {
                b.append(line).append("\r\n");
            } else if (lower.startsWith("to:")) {
                b.append(line).append(";tag=reg1\r\n");
            }
        }
        for (String e : extra) {
            b.append(e).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String header(String request, String name) {
        for (String line : request.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Test
    void intervalTooBriefIsRetriedWithMinExpires() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            registrar(socket, 2, req -> header(req, "Expires").equals("600")
                    ? reply(req, "423 Interval Too Brief", "Min-Expires: 7200")
                    : reply(req, "200 OK", "Contact: " + header(req, "Contact") + ";expires=7200"));
            SipUserAgent ua = factory.open(SipEndpointConfig.loopback("ivan", SipTransport.UDP)).userAgent(
                    SipAccount.builder("sip:ivan@127.0.0.1").registrar("sip:127.0.0.1:" + socket.getLocalPort()).expires(600).build());
            SipResponse r = ua.register().get(10, TimeUnit.SECONDS);
            assertEquals(200, r.status());
            assertTrue(ua.isRegistered());
            synchronized (received) {
                assertEquals(2, received.size());
                assertEquals("7200", header(received.get(1), "Expires"));
                assertEquals(header(received.get(0), "Call-ID"), header(received.get(1), "Call-ID"),
                        "one Call-ID for the registration (RFC 3261 §10.2.4)");
                assertTrue(header(received.get(1), "Contact").contains("sip:ivan@127.0.0.1:"));
            }
        }
    }

    @Test
    void unregisterSendsExpiresZeroForOurContact() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            registrar(socket, 2, req -> reply(req, "200 OK", "Contact: " + header(req, "Contact") + ";expires=" + header(req, "Expires")));
            SipUserAgent ua = factory.open(SipEndpointConfig.loopback("judy", SipTransport.UDP)).userAgent(
                    SipAccount.builder("sip:judy@127.0.0.1").registrar("sip:127.0.0.1:" + socket.getLocalPort()).build());
            assertEquals(200, ua.register().get(10, TimeUnit.SECONDS).status());
            assertEquals(200, ua.unregister().get(10, TimeUnit.SECONDS).status());
            synchronized (received) {
                assertEquals("0", header(received.get(1), "Expires"));
                assertTrue(Integer.parseInt(header(received.get(1), "CSeq").split(" ")[0])
                        > Integer.parseInt(header(received.get(0), "CSeq").split(" ")[0]), "CSeq rises (RFC 3261 §10.2.4)");
            }
            assertTrue(!ua.isRegistered());
        }
    }

    @Test
    void forbiddenAfterAnsweringTheChallengeFailsNamingTheWrongPassword() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            registrar(socket, 2, req -> header(req, "Authorization") == null
                    ? reply(req, "401 Unauthorized", "WWW-Authenticate: Digest realm=\"test\", nonce=\"n1\", qop=\"auth\", algorithm=MD5")
                    : reply(req, "403 Forbidden"));
            SipUserAgent ua = factory.open(SipEndpointConfig.loopback("mallory", SipTransport.UDP)).userAgent(
                    SipAccount.builder("sip:mallory@127.0.0.1").registrar("sip:127.0.0.1:" + socket.getLocalPort())
                            .password("guess".toCharArray()).build());
            ExecutionException e = assertThrows(ExecutionException.class, () -> ua.register().get(10, TimeUnit.SECONDS));
            assertInstanceOf(SipAuthenticationException.class, e.getCause(), String.valueOf(e.getCause()));
            assertEquals("wrong password for mallory@127.0.0.1: 403 Forbidden", e.getCause().getMessage());
            assertEquals(403, ((SipAuthenticationException) e.getCause()).response().status());
            assertFalse(ua.isRegistered());
            synchronized (received) {
                assertEquals(2, received.size(), "one answer to the challenge, then no more tries (RFC 3261 §21.4.4)");
            }
        }
    }

    @Test
    void forbiddenWithoutAChallengeIsAnOrdinaryRefusal() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            registrar(socket, 1, req -> reply(req, "403 Forbidden"));
            SipUserAgent ua = factory.open(SipEndpointConfig.loopback("oscar", SipTransport.UDP)).userAgent(
                    SipAccount.builder("sip:oscar@127.0.0.1").registrar("sip:127.0.0.1:" + socket.getLocalPort())
                            .password("pw".toCharArray()).build());
            assertEquals(403, ua.register().get(10, TimeUnit.SECONDS).status(), "no credentials were sent: not a wrong password");
        }
    }
}
