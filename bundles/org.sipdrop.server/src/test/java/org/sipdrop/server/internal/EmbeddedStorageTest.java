package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.sip.SipServerFactory;

/**
 * The storage as part of the embedded server: started by the settings, its base URLs and TLS
 * certificate exposed on {@link EmbeddedServer}, HTTPS with the server's self-signed key, the
 * users file as its credentials, files kept across a restart in a storage directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedStorageTest {

    private static final String REALM = "sipdrop.test";

    @TempDir
    Path dir;
    private final EmbeddedServerFactoryImpl factory;

    EmbeddedStorageTest() throws Exception {
        factory = new EmbeddedServerFactoryImpl((SipServerFactory) Class.forName("org.sipdrop.sip.internal.server.JainSipServerFactory")
                .getConstructor().newInstance());
    }

    @AfterAll
    void stop() {
        factory.deactivate();
    }

    private Path users() throws IOException {
        return Files.writeString(dir.resolve("users"), "alice:wonderland\n", StandardCharsets.UTF_8);
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString("alice:wonderland".getBytes(StandardCharsets.UTF_8));
    }

    private static String name() {
        byte[] r = new byte[16];
        new SecureRandom().nextBytes(r);
        return HexFormat.of().formatHex(r);
    }

    private static HttpClient trusting(EmbeddedServer s) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sipdrop", s.tlsCertificate().orElseThrow());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void httpAndHttpsStorageWithTheServersSelfSignedCertificateAndUsers() throws Exception {
        EmbeddedServer s = factory.start(Map.of("sip.port", "0", "transports", "udp", "users", users().toString(), "realm", REALM,
                "http.port", "0", "https.port", "0"));
        try {
            List<String> bases = s.storageUris();
            assertEquals(2, bases.size(), bases.toString());
            assertTrue(bases.get(0).matches("http://127\\.0\\.0\\.1:\\d+/storage/"), bases.toString());
            assertTrue(bases.get(1).matches("https://127\\.0\\.0\\.1:\\d+/storage/"), bases.toString());
            HttpClient client = trusting(s);
            String name = name();
            byte[] bytes = new byte[100_000];
            new SecureRandom().nextBytes(bytes);
            HttpRequest put = HttpRequest.newBuilder(URI.create(bases.get(1) + name)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .header("Authorization", basic()).build();
            assertEquals(201, client.send(put, HttpResponse.BodyHandlers.ofString()).statusCode());
            for (String base : bases) {
                HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(URI.create(base + name)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, get.statusCode(), base);
                assertArrayEquals(bytes, get.body(), base);
            }
            HttpRequest wrong = HttpRequest.newBuilder(URI.create(bases.get(1) + name())).PUT(HttpRequest.BodyPublishers.ofString("x"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:nope".getBytes(StandardCharsets.UTF_8)))
                    .build();
            assertEquals(401, client.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            s.close();
        }
        HttpRequest after = HttpRequest.newBuilder(URI.create(s.storageUris().get(0) + "x")).build();
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(after, HttpResponse.BodyHandlers.ofString()),
                "closing the server stops the storage");
    }

    @Test
    void curlTrustingTheServersCertificateUploadsAndDownloadsOverHttps() throws Exception {
        EmbeddedServer s = factory.start(Map.of("sip.port", "0", "transports", "udp", "users", users().toString(), "realm", REALM,
                "https.port", "0"));
        try {
            Path pem = dir.resolve("server.pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(s.tlsCertificate().orElseThrow().getEncoded())
                    + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            Path file = Files.writeString(dir.resolve("up.txt"), "over TLS\n", StandardCharsets.UTF_8);
            String url = s.storageUris().get(1) + name();
            assertEquals("201", curl("--cacert", pem.toString(), "--digest", "-u", "alice:wonderland", "-T", file.toString(), url));
            assertEquals("200", curl("--cacert", pem.toString(), "-o", dir.resolve("down.txt").toString(), url));
            assertEquals("over TLS\n", Files.readString(dir.resolve("down.txt")));
        } finally {
            s.close();
        }
    }

    /** curl, bounded in time; @return the HTTP status it saw */
    private static String curl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/curl", "-sS", "--max-time", "30", "-w", "%{http_code}"));
        cmd.addAll(List.of(args));
        if (!cmd.contains("-o")) {
            cmd.addAll(List.of("-o", "/dev/null"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("curl did not finish within 60 s: " + cmd);
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void filesInAStorageDirectorySurviveARestart() throws Exception {
        Path storage = dir.resolve("storage");
        String name = name();
        EmbeddedServer first = factory.start(Map.of("sip.port", "0", "transports", "udp", "storage.dir", storage.toString()));
        try {
            assertTrue(first.openMode());
            HttpRequest put = HttpRequest.newBuilder(URI.create(first.storageUris().get(0) + name))
                    .PUT(HttpRequest.BodyPublishers.ofString("persistent")).build();
            assertEquals(201, HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "open mode: anyone may upload, as anyone may register");
        } finally {
            first.close();
        }
        EmbeddedServer second = factory.start(Map.of("sip.port", "0", "transports", "udp", "storage.dir", storage.toString()));
        try {
            HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(second.storageUris().get(0) + name)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("persistent", get.body());
        } finally {
            second.close();
        }
    }

    @Test
    void storagePortInUseIsAnIOExceptionNamingItAndNothingStaysRunning() throws Exception {
        int sipPort;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            sipPort = probe.getLocalPort();
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int before = factory.running().size();
            IOException e = assertThrows(IOException.class, () -> factory.start(Map.of("sip.port", Integer.toString(sipPort), "transports", "udp",
                    "http.port", Integer.toString(taken.getLocalPort()))));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()) && e.getMessage().contains("http.port"), e.getMessage());
            assertEquals(before, factory.running().size());
        }
        try (java.net.DatagramSocket again = new java.net.DatagramSocket(sipPort, java.net.InetAddress.getLoopbackAddress())) {
            assertEquals(sipPort, again.getLocalPort(), "the SIP server started first was stopped again, its port is free");
        }
    }

    @Test
    void noStorageSettingMeansNoStorage() throws Exception {
        EmbeddedServer s = factory.start(Map.of("sip.port", "0", "transports", "udp"));
        try {
            assertEquals(List.of(), s.storageUris());
            assertTrue(s.tlsCertificate().isEmpty());
        } finally {
            s.close();
        }
    }

    @Test
    void storageSettingWithoutPortOrDirectoryIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.start(Map.of("sip.port", "0", "storage.quota", "1G")));
        assertTrue(e.getMessage().contains("storage.quota"), e.getMessage());
    }
}
