package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.sip.SipServerFactory;

/**
 * The embedded server end to end on loopback, driven by raw SIP: digest registration against a
 * users file (RFC 3261 §22, RFC 7616, computed here independently), 403/404/480, TLS with a
 * generated certificate, clear errors for bad settings and busy ports. One server with users
 * serves the whole class (stopping a SIP stack takes about a second); no test registers bob.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedServerTest {

    private static final String REALM = "sipdrop.test";

    @TempDir
    Path dir;
    private final EmbeddedServerFactoryImpl factory;
    private final List<RawUa> uas = new java.util.ArrayList<>();

    EmbeddedServerTest() throws Exception {
        // the SIP bundle's implementation, as DS would inject it (its package is not exported to us)
        factory = new EmbeddedServerFactoryImpl((SipServerFactory) Class.forName("org.sipdrop.sip.internal.server.JainSipServerFactory")
                .getConstructor().newInstance());
    }

    private EmbeddedServer withUsers;

    @AfterEach
    void closeUas() {
        uas.forEach(RawUa::close);
        uas.clear();
    }

    @AfterAll
    void stop() {
        factory.deactivate();
    }

    private EmbeddedServer withUsers() throws IOException {
        if (withUsers == null) {
            withUsers = startWithUsers();
        }
        return withUsers;
    }

    private EmbeddedServer startWithUsers() throws IOException {
        Path users = dir.resolve("users");
        Files.writeString(users, "alice:wonderland\nbob:builder\n", StandardCharsets.UTF_8);
        return factory.start(Map.of("sip.port", "0", "users", users.toString(), "realm", REALM));
    }

    private static InetSocketAddress udp(EmbeddedServer s) {
        Matcher m = Pattern.compile("sip:([0-9.]+):(\\d+);transport=udp").matcher(String.join(" ", s.uris()));
        assertTrue(m.find(), s.uris().toString());
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    private RawUa ua(String user, EmbeddedServer s) throws IOException {
        RawUa ua = RawUa.udp(user, udp(s));
        uas.add(ua);
        return ua;
    }

    private static String registrar(EmbeddedServer s) {
        return "sip:127.0.0.1:" + udp(s).getPort();
    }

    /** RFC 7616 §3.4.1 with qop=auth and MD5, computed independently of the server's code. */
    static String authorization(String challenge, String user, String password, String method, String uri) throws Exception {
        String nonce = param(challenge, "nonce");
        String opaque = param(challenge, "opaque");
        String realm = param(challenge, "realm");
        String cnonce = UUID.randomUUID().toString().substring(0, 8);
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
        return "Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"" + cnonce + "\", opaque=\"" + opaque + "\"\r\n";
    }

    private static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]*)\"?").matcher(challenge);
        assertTrue(m.find(), name + " missing in " + challenge);
        return m.group(1);
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String md5Challenge(RawUa.Msg r) {
        return r.headers("WWW-Authenticate").stream().filter(c -> c.contains("algorithm=MD5")).findFirst().orElseThrow();
    }

    /** REGISTERs as {@code authUser} for {@code aorUser}: 401, then credentials; @return the second answer */
    private RawUa.Msg register(EmbeddedServer s, RawUa ua, String authUser, String password) throws Exception {
        String callId = UUID.randomUUID() + "@127.0.0.1";
        ua.send(ua.request("REGISTER", registrar(s), "<" + ua.aor() + ">", callId, "Expires: 300\r\n", null, null));
        RawUa.Msg challenge = ua.awaitFinal("REGISTER");
        assertNotNull(challenge);
        assertEquals(401, challenge.status(), challenge.text());
        assertEquals(2, challenge.headers("WWW-Authenticate").size(), "SHA-256 and MD5 offered: " + challenge.text());
        assertTrue(challenge.headers("WWW-Authenticate").get(0).contains("algorithm=SHA-256"), challenge.text());
        ua.send(ua.request("REGISTER", registrar(s), "<" + ua.aor() + ">", callId,
                "Expires: 300\r\n" + authorization(md5Challenge(challenge), authUser, password, "REGISTER", registrar(s)), null, null));
        return ua.awaitFinal("REGISTER");
    }

    @Test
    void registerIsChallenged401ThenAcceptedWithTheRightDigest() throws Exception {
        EmbeddedServer s = withUsers();
        assertFalse(s.openMode());
        RawUa alice = ua("alice", s);
        RawUa.Msg ok = register(s, alice, "alice", "wonderland");
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.header("Contact").contains(alice.contactUri()), ok.text());
    }

    @Test
    void wrongPasswordAnsweringOurChallengeGets403NotAnotherChallenge() throws Exception {
        EmbeddedServer s = withUsers();
        RawUa.Msg r = register(s, ua("alice", s), "alice", "guess");
        assertEquals(403, r.status(), "RFC 3261 §21.4.4: authorization will not help: " + r.text());
        assertTrue(r.headers("WWW-Authenticate").isEmpty(), r.text());
    }

    @Test
    void registeringSomeoneElsesAddressIsForbidden() throws Exception {
        EmbeddedServer s = withUsers();
        RawUa.Msg r = register(s, ua("bob", s), "alice", "wonderland");
        assertEquals(403, r.status(), "RFC 3261 §10.3 step 6: " + r.text());
    }

    @Test
    void credentialsForAnotherRealmAreForbidden() throws Exception {
        EmbeddedServer s = withUsers();
        RawUa alice = ua("alice", s);
        String auth = "Authorization: Digest username=\"alice\", realm=\"elsewhere\", nonce=\"n\", uri=\"" + registrar(s)
                + "\", response=\"00000000000000000000000000000000\", qop=auth, nc=00000001, cnonce=\"c\", opaque=\"o\"\r\n";
        alice.send(alice.request("REGISTER", registrar(s), "<" + alice.aor() + ">", UUID.randomUUID().toString(), auth, null, null));
        assertEquals(403, alice.awaitFinal("REGISTER").status());
    }

    @Test
    void knownUserWithoutBindingGets480AndUnknownUser404() throws Exception {
        EmbeddedServer s = withUsers();
        RawUa alice = ua("alice", s);
        int port = udp(s).getPort();
        assertEquals(480, messageWithCredentials(alice, "sip:bob@127.0.0.1:" + port).status());
        assertEquals(404, messageWithCredentials(alice, "sip:zed@127.0.0.1:" + port).status());
    }

    /** A MESSAGE from alice: 407 (RFC 3261 §22.3), then with her Proxy-Authorization; @return the second answer */
    private static RawUa.Msg messageWithCredentials(RawUa alice, String target) throws Exception {
        String to = "<" + target.replaceFirst(":\\d+$", "") + ">";
        alice.send(alice.request("MESSAGE", target, to, UUID.randomUUID().toString(), null, "text/plain", "hi"));
        RawUa.Msg challenge = alice.awaitFinal("MESSAGE");
        assertEquals(407, challenge.status(), challenge.text());
        String md5 = challenge.headers("Proxy-Authenticate").stream().filter(c -> c.contains("algorithm=MD5")).findFirst().orElseThrow();
        String auth = authorization(md5, "alice", "wonderland", "MESSAGE", target).replace("Authorization:", "Proxy-Authorization:");
        alice.send(alice.request("MESSAGE", target, to, UUID.randomUUID().toString(), auth, "text/plain", "hi"));
        return alice.awaitFinal("MESSAGE");
    }

    @Test
    void publishNeedsThePresentitysOwnCredentials() throws Exception {
        EmbeddedServer s = withUsers();
        RawUa alice = ua("alice", s);
        alice.send(alice.request("PUBLISH", "sip:alice@127.0.0.1:" + udp(s).getPort(), "<sip:alice@127.0.0.1>", UUID.randomUUID().toString(),
                "Event: presence\r\n", "application/pidf+xml", "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@127.0.0.1\"/>"));
        RawUa.Msg r = alice.awaitFinal("PUBLISH");
        assertEquals(407, r.status(), "RFC 3261 §22.3, as for every request but REGISTER: " + r.text());
        assertEquals(2, r.headers("Proxy-Authenticate").size(), r.text());
    }

    @Test
    void openModeRegistersAnyoneWithoutChallenge() throws Exception {
        EmbeddedServer s = factory.start(Map.of("sip.port", "0"));
        assertTrue(s.openMode());
        RawUa anyone = ua("anyone", s);
        anyone.send(anyone.request("REGISTER", registrar(s), "<" + anyone.aor() + ">", UUID.randomUUID().toString(), null, null, null));
        assertEquals(200, anyone.awaitFinal("REGISTER").status());
        assertEquals("sip:list@127.0.0.1:" + udp(s).getPort(), s.listUri());
        s.close();
    }

    @Test
    void tlsWithoutKeyStoreGetsASelfSignedCertificateThatIsDeletedOnClose() throws Exception {
        EmbeddedServer s = factory.start(Map.of("sip.port", "0", "transports", "udp,tls"));
        assertTrue(s.uris().stream().anyMatch(u -> u.endsWith(";transport=tls")), s.uris().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("self-signed")), s.warnings().toString());
        s.close();
        assertFalse(s.isRunning());
        assertFalse(factory.running().contains(s));
    }

    @Test
    void portInUseIsAnIOExceptionNamingTheAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> factory.start(Map.of("sip.port", String.valueOf(taken.getLocalPort()), "transports", "udp")));
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        }
        assertTrue(factory.running().stream().allMatch(r -> r == withUsers), factory.running().toString());
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.start(Map.of("transports", "carrier-pigeon")));
        assertTrue(e.getMessage().contains("transports"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.start(Map.of("tls.password", "x")));
    }
}
