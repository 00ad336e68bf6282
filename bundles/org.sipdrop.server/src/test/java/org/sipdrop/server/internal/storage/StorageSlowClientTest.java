package org.sipdrop.server.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.server.internal.storage.http.HttpLimits;

/**
 * Slowloris against the storage: many connections that send their request head a byte at a
 * time must neither hold the workers (a legitimate GET is served while they dribble) nor stay
 * open past the head deadline; one source holds a bounded number of connections. Over HTTP and
 * HTTPS.
 */
class StorageSlowClientTest {

    /** More than the storage's 32 workers. */
    private static final int SLOW_CLIENTS = 40;
    /** Long enough for 40 TLS handshakes and a GET on a busy machine, short for a test. */
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(5);
    private static final char[] PASSWORD = "slow-client-test".toCharArray();

    @TempDir
    static Path keyDir;
    private static Path keyStore;
    private static SSLContext trusting;
    @TempDir
    Path dir;
    private StorageServer server;

    @BeforeAll
    static void generateKeyStore() throws Exception {
        keyStore = keyDir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "storage",
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype",
                "PKCS12", "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool finished");
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(HttpLimits limits) throws IOException {
        StorageSettings s = new StorageSettings(0, OptionalInt.of(0), Optional.of(dir), 8L << 20, Duration.ofHours(1));
        server = StorageServer.start(s, InetAddress.getLoopbackAddress(), StorageServerTest.auth(), keyStore, PASSWORD, Clock.systemUTC(), limits);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().sslContext(trusting).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Stores a file over HTTP; @return its name */
    private String upload(byte[] bytes) throws Exception {
        String name = StorageServerTest.randomName();
        HttpRequest put = HttpRequest.newBuilder(URI.create(server.baseUris().get(0) + name)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Authorization", StorageServerTest.basic("alice", "wonderland")).timeout(Duration.ofSeconds(10)).build();
        assertEquals(201, client().send(put, HttpResponse.BodyHandlers.discarding()).statusCode());
        return name;
    }

    private Socket connect(boolean https) throws IOException {
        URI base = URI.create(server.baseUris().get(https ? 1 : 0));
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", base.getPort()), 5000);
        if (!https) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) trusting.getSocketFactory().createSocket(plain, "127.0.0.1", base.getPort(), true);
        tls.setSoTimeout(5000);
        tls.startHandshake();
        return tls;
    }

    @Test
    void slowHeadersOverHttpNeitherStarveAGetNorOutliveTheHeadDeadline() throws Exception {
        slowHeadersNeitherStarveAGetNorOutliveTheHeadDeadline(false);
    }

    @Test
    void slowHeadersOverHttpsNeitherStarveAGetNorOutliveTheHeadDeadline() throws Exception {
        slowHeadersNeitherStarveAGetNorOutliveTheHeadDeadline(true);
    }

    private void slowHeadersNeitherStarveAGetNorOutliveTheHeadDeadline(boolean https) throws Exception {
        start(HttpLimits.DEFAULT.withHeadTimeout(HEAD_TIMEOUT));
        byte[] bytes = StorageServerTest.randomBytes(100_000);
        String name = upload(bytes);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = connect(https);
                s.getOutputStream().write(("GET " + StorageServer.BASE_PATH + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            boolean[] closed = new boolean[SLOW_CLIENTS];
            dribble(slow, closed); // one more byte each: they are all busy sending their heads

            HttpRequest get = HttpRequest.newBuilder(URI.create(server.baseUris().get(https ? 1 : 0) + name)).timeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<byte[]> r = client().send(get, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), "a GET is served while " + SLOW_CLIENTS + " clients dribble their headers");
            assertArrayEquals(bytes, r.body());
            assertEquals(SLOW_CLIENTS, count(closed, false), "the GET came before the head deadline of the slow ones");

            // still dribbling: the deadline bounds the whole head, not the time between two bytes
            long end = System.nanoTime() + HEAD_TIMEOUT.plusSeconds(10).toNanos();
            for (int round = 0; round < 200 && count(closed, true) < SLOW_CLIENTS && System.nanoTime() < end; round++) {
                Thread.sleep(100);
                dribble(slow, closed);
            }
            assertEquals(SLOW_CLIENTS, count(closed, true), "every slow connection is closed by the server");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void unfinishedTlsHandshakesHoldNoWorkerAndAreClosedAtTheHeadDeadline() throws Exception {
        start(HttpLimits.DEFAULT.withHeadTimeout(HEAD_TIMEOUT));
        String name = upload(StorageServerTest.randomBytes(1000));
        int port = URI.create(server.baseUris().get(1)).getPort();
        List<Socket> hanging = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.getOutputStream().write(new byte[] { 0x16, 0x03, 0x01 }); // the start of a TLS handshake record, then nothing
                s.getOutputStream().flush();
                hanging.add(s);
            }
            HttpRequest get = HttpRequest.newBuilder(URI.create(server.baseUris().get(1) + name)).timeout(Duration.ofSeconds(5)).build();
            assertEquals(200, client().send(get, HttpResponse.BodyHandlers.discarding()).statusCode(), "HTTPS is served meanwhile");
            for (Socket s : hanging) {
                s.setSoTimeout((int) HEAD_TIMEOUT.plusSeconds(10).toMillis());
                int n;
                try {
                    n = s.getInputStream().read();
                } catch (SocketTimeoutException stillOpen) {
                    n = -2;
                } catch (IOException reset) {
                    n = -1;
                }
                assertEquals(-1, n, "closed by the server at the head deadline");
            }
        } finally {
            for (Socket s : hanging) {
                s.close();
            }
        }
    }

    /** Sends one header byte on each open connection, marks those the server closed or answered. */
    private static void dribble(List<Socket> sockets, boolean[] closed) throws IOException {
        for (int i = 0; i < sockets.size(); i++) {
            if (closed[i]) {
                continue;
            }
            Socket s = sockets.get(i);
            try {
                s.getOutputStream().write('x');
                s.getOutputStream().flush();
                s.setSoTimeout(1);
                int n = s.getInputStream().read(); // -1 (closed) or the first byte of a 408
                closed[i] = true;
                if (n >= 0) {
                    byte[] status = new byte[11];
                    s.setSoTimeout(2000);
                    s.getInputStream().readNBytes(status, 0, status.length);
                    assertTrue(new String(status, StandardCharsets.US_ASCII).startsWith("TTP/1.1 408"),
                            "only a 408 may answer an incomplete head: H" + new String(status, StandardCharsets.US_ASCII));
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing from the server yet
            } catch (IOException reset) {
                closed[i] = true;
            }
        }
    }

    private static int count(boolean[] closed, boolean value) {
        int n = 0;
        for (boolean c : closed) {
            n += c == value ? 1 : 0;
        }
        return n;
    }

    @Test
    void oneSourceHoldsABoundedNumberOfConnectionsAndAFreedSlotServesAgain() throws Exception {
        int perSource = 6;
        start(HttpLimits.DEFAULT.withMaxPerSource(perSource)); // the head deadline (10 s) is not what closes them here
        String name = upload(StorageServerTest.randomBytes(1000));
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < perSource; i++) {
                idle.add(connect(false));
            }
            try (Socket extra = connect(false)) {
                extra.setSoTimeout(5000);
                int n;
                try {
                    n = extra.getInputStream().read();
                } catch (SocketTimeoutException stillOpen) {
                    n = -2;
                } catch (IOException reset) {
                    n = -1;
                }
                assertEquals(-1, n, "a connection beyond " + perSource + " from one address is closed at once");
            }
            idle.remove(0).close();
            // the server notices the close asynchronously: bounded retries until the slot is free
            int status = 0;
            for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
                try (RawHttp raw = new RawHttp(((InetSocketAddress) idle.get(0).getRemoteSocketAddress()).getPort())) {
                    raw.send(RawHttp.request("GET", StorageServer.BASE_PATH + name));
                    status = raw.read().status();
                } catch (IOException closedAtOnce) {
                    Thread.sleep(100);
                }
            }
            assertEquals(200, status, "a freed slot serves again");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aStalledUploadOverHttpsIsEndedByTheStallLimitAndReleasesItsReservation() throws Exception {
        start(HttpLimits.DEFAULT.withStallTimeout(Duration.ofSeconds(1)));
        try (Socket s = connect(true)) {
            s.getOutputStream().write(("PUT " + StorageServer.BASE_PATH + StorageServerTest.randomName() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + StorageServerTest.basic("alice", "wonderland") + "\r\nContent-Length: 1000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(new byte[1000]); // then nothing
            s.getOutputStream().flush();
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (server.store().reserved() == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(1_000_000, server.store().reserved(), "the upload started");
            while (server.store().reserved() != 0 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertEquals(0, server.store().reserved(), "ended once stalled, its reservation released");
        }
    }

    @Test
    void plainTextOnTheHttpsPortIsClosedAndHttpsServesOn() throws Exception {
        start(HttpLimits.DEFAULT); // 10 s for a head: the close must come from the failed handshake
        String name = upload(StorageServerTest.randomBytes(1000));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", URI.create(server.baseUris().get(1)).getPort()), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int n;
            try {
                n = s.getInputStream().readAllBytes().length >= 0 ? -1 : 0; // to the end: an alert at most, then closed
            } catch (SocketTimeoutException stillOpen) {
                n = -2;
            } catch (IOException reset) {
                n = -1;
            }
            assertEquals(-1, n, "closed by the server");
        }
        HttpRequest get = HttpRequest.newBuilder(URI.create(server.baseUris().get(1) + name)).timeout(Duration.ofSeconds(5)).build();
        assertEquals(200, client().send(get, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    @Test
    void parallelRangeGetsFromOneClientAreAllServed() throws Exception {
        start(HttpLimits.DEFAULT);
        byte[] bytes = StorageServerTest.randomBytes(1 << 20);
        String name = upload(bytes);
        int parts = 16;
        int size = bytes.length / parts;
        HttpClient c = client();
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> gets = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            for (String base : server.baseUris()) {
                gets.add(c.sendAsync(HttpRequest.newBuilder(URI.create(base + name)).header("Range", "bytes=" + i * size + "-" + ((i + 1) * size - 1))
                        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
        }
        for (int i = 0; i < gets.size(); i++) {
            HttpResponse<byte[]> r = gets.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(206, r.statusCode());
            int part = i / server.baseUris().size();
            assertArrayEquals(java.util.Arrays.copyOfRange(bytes, part * size, (part + 1) * size), r.body());
        }
    }
}
