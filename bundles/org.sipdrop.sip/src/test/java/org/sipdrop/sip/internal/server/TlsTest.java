package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipTransport;

/** RFC 3261 §26.2: the server listens on TLS with the key store of its configuration (stack properties, not system properties). */
class TlsTest extends ServerTestBase {

    @TempDir
    Path dir;

    static Path keyStore(Path dir, String password) throws Exception {
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "sip",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true).start();
        String output;
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), output);
        return ks;
    }

    @Test
    void optionsAndRegisterOverTlsUseTheConfiguredKeyStore() throws Exception {
        Path ks = keyStore(dir, "changeit");
        start(SipServerConfig.builder("tls").transports(EnumSet.of(SipTransport.UDP, SipTransport.TLS)).keyStore(ks, "changeit".toCharArray()));
        InetSocketAddress tls = server.localAddress(SipTransport.TLS);
        assertTrue(server.uris().contains("sip:127.0.0.1:" + tls.getPort() + ";transport=tls"), server.uris().toString());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tlsContext = SSLContext.getInstance("TLSv1.2");
        tlsContext.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) tlsContext.getSocketFactory().createSocket(tls.getAddress(), tls.getPort())) {
            s.setSoTimeout(5000);
            s.startHandshake();
            String uri = "sip:127.0.0.1:" + tls.getPort() + ";transport=tls";
            String register = "REGISTER " + uri + " SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bKtls1\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:alice@127.0.0.1>;tag=a\r\nTo: <sip:alice@127.0.0.1>\r\nCall-ID: tls-1\r\nCSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:alice@127.0.0.1:5999;transport=tls>\r\nExpires: 300\r\nContent-Length: 0\r\n\r\n";
            s.getOutputStream().write(register.getBytes(StandardCharsets.UTF_8));
            String response = RawUa.Sip.readMessage(s.getInputStream());
            assertTrue(response.startsWith("SIP/2.0 200"), response);
            assertEquals(1, server.bindings("alice").size());
        }
    }

    /**
     * RFC 3261 §26.2.2: a sips Contact is reached over TLS only. NOTIFYs go back only the way
     * their SUBSCRIBE came (RFC 6665 §6.3), so when that was a clear-text connection, none is sent.
     */
    @Test
    void notifyForASipsContactIsNotSentOverTheClearTextConnectionOfItsSubscribe() throws Exception {
        Path ks = keyStore(dir, "changeit");
        start(SipServerConfig.builder("tls-notify").transports(EnumSet.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS))
                .keyStore(ks, "changeit".toCharArray()));
        RawUa watcher = tcp("watcher1");
        String contact = "sips:watcher1@127.0.0.1:" + watcher.port();
        watcher.send(watcher.request("SUBSCRIBE", aor("alice1"), "<" + aor("alice1") + ">", callId(),
                "Event: presence\r\nAccept: application/pidf+xml\r\nExpires: 600\r\n", null, null)
                .replace("Contact: <" + watcher.contactUri() + ">", "Contact: <" + contact + ">"));
        RawUa.Msg ok = watcher.awaitFinal("SUBSCRIBE");
        assertNotNull(ok, "no answer to SUBSCRIBE");
        assertEquals(200, ok.status(), ok.text());
        assertNull(watcher.await(m -> "NOTIFY".equals(m.method()), Duration.ofSeconds(2)), "a NOTIFY went out in clear text");
    }
}
