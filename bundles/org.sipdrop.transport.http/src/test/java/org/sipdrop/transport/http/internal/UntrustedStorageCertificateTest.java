package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * The storage client and an HTTPS storage whose certificate its trust store does not hold: the
 * upload and the download are refused before any byte of the file moves (RFC 9110 §4.3.4), with
 * a message naming the certificate (subject, SHA-256 fingerprint) and why.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UntrustedStorageCertificateTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static Path malloryKey;
    private static Path trust;
    private static Path expiredKey;
    private static Path trustsExpired;

    private HttpsServer storage;
    private final AtomicInteger requests = new AtomicInteger();
    private StorageClient client;

    @BeforeAll
    static void keys() throws Exception {
        Path aliceKey = selfSigned("alice");
        trust = trusting(aliceKey, "alice");
        malloryKey = selfSigned("mallory");
        expiredKey = selfSigned("expired", "-startdate", "-10d", "-validity", "2");
        trustsExpired = trusting(expiredKey, "expired");
    }

    @BeforeEach
    void start() throws Exception {
        start(malloryKey, trust);
    }

    private void start(Path serverKey, Path trustStore) throws Exception {
        if (storage != null) {
            storage.stop(0);
        }
        KeyStore ks = KeyStore.getInstance(serverKey.toFile(), PASSWORD);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        storage = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        storage.createContext("/", x -> {
            requests.incrementAndGet();
            x.getRequestBody().readAllBytes();
            byte[] body = new byte[1000];
            x.sendResponseHeaders(x.getRequestMethod().equals("GET") ? 200 : 201, x.getRequestMethod().equals("GET") ? body.length : -1);
            if (x.getRequestMethod().equals("GET")) {
                x.getResponseBody().write(body);
            }
            x.close();
        });
        storage.start();
        Duration timeout = Duration.ofSeconds(5);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .sslContext(TrustStores.context(trustStore.toString(), PASSWORD)).build();
        client = new StorageClient(http, new Credentials(null, null, null, new SecureRandom()), timeout);
    }

    @AfterEach
    void stop() {
        storage.stop(0);
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + storage.getAddress().getPort() + "/files/secret.bin");
    }

    @Test
    void uploadToUntrustedStorageIsRefusedNamingTheCertificateAndWhy() throws Exception {
        AtomicLong sent = new AtomicLong();
        IOException e = assertThrows(IOException.class, () -> client.put(url(),
                Channels.newChannel(new java.io.ByteArrayInputStream(new byte[1000])), 1000, sent::set, Map.of(),
                new StorageClient.Exchange()));
        assertEquals(0, requests.get(), "no request reached the storage");
        assertEquals(0, sent.get(), "no byte of the file was sent");
        assertNamesCertificateAndReason(e.getMessage());
    }

    @Test
    void downloadFromUntrustedStorageIsRefusedNamingTheCertificateAndWhy() throws Exception {
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        AtomicLong received = new AtomicLong();
        IOException e = assertThrows(IOException.class,
                () -> client.get(url(), 0, 1000, Channels.newChannel(sink), received::set, new StorageClient.Exchange()));
        assertEquals(0, requests.get(), "no request reached the storage");
        assertEquals(0, sink.size(), "no byte of the file was received");
        assertNamesCertificateAndReason(e.getMessage());
    }

    @Test
    void expiredStorageCertificateIsRefusedSayingItExpired() throws Exception {
        start(expiredKey, trustsExpired);
        AtomicLong sent = new AtomicLong();
        IOException e = assertThrows(IOException.class, () -> client.put(url(),
                Channels.newChannel(new java.io.ByteArrayInputStream(new byte[1000])), 1000, sent::set, Map.of(),
                new StorageClient.Exchange()));
        assertEquals(0, requests.get(), "no request reached the storage");
        assertEquals(0, sent.get(), "no byte of the file was sent");
        String m = e.getMessage();
        assertTrue(m.contains("server certificate CN=127.0.0.1,O=SipDrop test expired (SHA-256 "
                + fingerprint(expiredKey, "expired") + ") is not trusted: it expired on "), m);
    }

    private static void assertNamesCertificateAndReason(String m) throws Exception {
        assertTrue(m.contains("server certificate CN=127.0.0.1,O=SipDrop test mallory"), m);
        assertTrue(m.contains("SHA-256 " + fingerprint(malloryKey, "mallory")), m);
        assertTrue(m.contains("is not trusted: no trust anchor in the storage trust store " + trust), m);
    }

    private static String fingerprint(Path keyStore, String alias) throws Exception {
        X509Certificate c = (X509Certificate) KeyStore.getInstance(keyStore.toFile(), PASSWORD).getCertificate(alias);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }

    // Throw-away key stores made with the JDK's keytool, as the MSRP transport's tests make them
    // (repeated here: test code is not shared across bundles).

    private static Path selfSigned(String alias, String... validity) throws IOException, InterruptedException {
        Path ks = dir.resolve(alias + "-key.p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1, O=SipDrop test " + alias, "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit"));
        args.addAll(validity.length == 0 ? List.of("-validity", "2") : List.of(validity));
        keytool(args.toArray(String[]::new));
        return ks;
    }

    private static Path trusting(Path keyStore, String alias) throws IOException, InterruptedException {
        Path cert = dir.resolve(alias + ".crt");
        Path ts = dir.resolve(alias + "-trust.p12");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", ts.toString(), "-storepass", "changeit");
        return ts;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 30 s: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (" + p.exitValue() + "): " + out);
        }
    }
}
