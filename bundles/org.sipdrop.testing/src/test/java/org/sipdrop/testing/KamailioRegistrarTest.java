package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One Kamailio registrar + proxy with digest auth and TLS, started for the class. */
@Timeout(30)
class KamailioRegistrarTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    static Path runDir;

    private static Kamailio kamailio;

    @BeforeAll
    static void start() {
        kamailio = Kamailio.start(Kamailio.Mode.DIGEST, runDir, Kamailio.Ports.free(),
                Map.of("alice", "secret", "bob", "pa ss\"word", "carol", "c"));
    }

    @AfterAll
    static void stop() {
        if (kamailio != null) {
            long pid = kamailio.pid();
            kamailio.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped by PID");
        }
    }

    @Test
    void answersOptionsOverUdp() {
        try (SipUdp sip = SipUdp.open()) {
            assertEquals(200, sip.options(kamailio.sipPort(), WAIT));
        }
    }

    @Test
    void registerIsChallengedRefusedWithWrongPasswordAndAcceptedWithRightOne() {
        try (SipUdp sip = SipUdp.open()) {
            int port = kamailio.sipPort();
            String callId = UUID.randomUUID().toString();
            String uri = "sip:127.0.0.1:" + port;

            String challenge = sip.exchange(port, SipRequests.register(port, sip.localPort(), "alice", callId, 1, null), WAIT);
            assertEquals(401, SipUdp.status(challenge));
            String wwwAuthenticate = SipRequests.header(challenge, "WWW-Authenticate");
            assertNotNull(wwwAuthenticate);
            assertEquals(Kamailio.DOMAIN, SipRequests.challengeParameter(wwwAuthenticate, "realm"));

            String wrong = SipRequests.authorization(wwwAuthenticate, "REGISTER", uri, "alice", "not-the-password");
            int refused = SipUdp.status(sip.exchange(port, SipRequests.register(port, sip.localPort(), "alice", callId, 2, wrong), WAIT));
            assertTrue(refused == 401 || refused == 403, "wrong password refused, got " + refused);

            String right = SipRequests.authorization(wwwAuthenticate, "REGISTER", uri, "alice", "secret");
            String ok = sip.exchange(port, SipRequests.register(port, sip.localPort(), "alice", callId, 3, right), WAIT);
            assertEquals(200, SipUdp.status(ok), ok);
            assertTrue(SipRequests.header(ok, "Contact").contains("127.0.0.1:" + sip.localPort()), ok);
        }
    }

    @Test
    void passwordsWithSpacesAndQuotesWork() {
        try (SipUdp sip = SipUdp.open()) {
            int port = kamailio.sipPort();
            String callId = UUID.randomUUID().toString();
            String challenge = sip.exchange(port, SipRequests.register(port, sip.localPort(), "bob", callId, 1, null), WAIT);
            String right = SipRequests.authorization(SipRequests.header(challenge, "WWW-Authenticate"), "REGISTER",
                    "sip:127.0.0.1:" + port, "bob", "pa ss\"word");
            assertEquals(200, SipUdp.status(sip.exchange(port, SipRequests.register(port, sip.localPort(), "bob", callId, 2, right), WAIT)));
        }
    }

    @Test
    void unknownUserCannotRegister() {
        try (SipUdp sip = SipUdp.open()) {
            int port = kamailio.sipPort();
            String response = sip.exchange(port, SipRequests.register(port, sip.localPort(), "mallory", UUID.randomUUID().toString(), 1, null), WAIT);
            assertEquals(403, SipUdp.status(response));
        }
    }

    @Test
    void messageToUnknownUserGets404() {
        try (SipUdp sip = SipUdp.open()) {
            String request = SipRequests.message(kamailio.sipPort(), sip.localPort(), "someone@example.org",
                    "nobody@127.0.0.1", "hello");
            assertEquals(404, SipUdp.status(sip.exchange(kamailio.sipPort(), request, WAIT)));
        }
    }

    @Test
    void messageFromLocalUserIsChallengedWith407AndThenRoutedTo480ForUnregisteredUser() {
        try (SipUdp sip = SipUdp.open()) {
            int port = kamailio.sipPort();
            String id = UUID.randomUUID().toString();
            String first = sip.exchange(port, SipRequests.message(port, sip.localPort(), "alice@127.0.0.1",
                    "carol@127.0.0.1", "hi", id, null), WAIT);
            assertEquals(407, SipUdp.status(first), first);
            String challenge = SipRequests.header(first, "Proxy-Authenticate");
            String credentials = SipRequests.authorization(challenge, "MESSAGE", "sip:carol@127.0.0.1", "alice", "secret");
            String second = sip.exchange(port, SipRequests.message(port, sip.localPort(), "alice@127.0.0.1",
                    "carol@127.0.0.1", "hi", id, credentials), WAIT);
            assertEquals(480, SipUdp.status(second), "carol is a user but not registered: " + second);
        }
    }

    @Test
    void acceptsTlsConnectionWithItsGeneratedCertificate() throws Exception {
        try (SSLSocket socket = (SSLSocket) Certificates.trusting(kamailio.certificate()).getSocketFactory()
                .createSocket("127.0.0.1", kamailio.tlsPort())) {
            socket.setSoTimeout(3000);
            socket.startHandshake();
            assertTrue(socket.getSession().getProtocol().startsWith("TLSv1."), socket.getSession().getProtocol());

            String id = UUID.randomUUID().toString();
            String options = "OPTIONS sip:127.0.0.1:" + kamailio.tlsPort() + ";transport=tls SIP/2.0\r\n"
                    + "Via: SIP/2.0/TLS 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + id + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                    + "To: <sip:127.0.0.1>\r\n"
                    + "Call-ID: " + id + "\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(options.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("SIP/2.0 200 OK", in.readLine());
        }
    }
}
