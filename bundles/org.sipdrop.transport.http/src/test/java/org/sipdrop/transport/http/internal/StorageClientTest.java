package org.sipdrop.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The storage client against a small in-JVM HTTP server on 127.0.0.1 that misbehaves on purpose. */
class StorageClientTest {

    private static final byte[] CONTENT = new byte[300_000];
    static {
        new Random(7616).nextBytes(CONTENT);
    }

    private HttpServer server;
    private URI base;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private volatile boolean ignoreRange;
    private volatile boolean digestOnly;
    private volatile byte[] stored;
    private volatile boolean headWithoutAuth;
    private final List<String> expiresAsked = new CopyOnWriteArrayList<>();
    /** What the PUT's answer says was granted, as SipDrop's embedded storage does; null: says nothing (nginx). */
    private volatile String grantedSeconds;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dav/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dav/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (headWithoutAuth && x.getRequestMethod().equals("HEAD")) {
                x.sendResponseHeaders(404, -1); // like SipDrop's embedded storage: GET and HEAD need only the URL
                return;
            }
            if (!authorized(x)) {
                x.getResponseHeaders().add("WWW-Authenticate", digestOnly
                        ? "Digest realm=\"dav\", nonce=\"n0nce\", qop=\"auth\", algorithm=MD5"
                        : "Basic realm=\"dav\"");
                x.sendResponseHeaders(401, -1);
                return;
            }
            switch (x.getRequestMethod()) {
            case "HEAD":
                x.sendResponseHeaders(200, -1);
                return;
            case "PUT":
                expiresAsked.add(String.valueOf(x.getRequestHeaders().getFirst("SipDrop-Expires-In")));
                stored = x.getRequestBody().readAllBytes();
                if (grantedSeconds != null) {
                    x.getResponseHeaders().add("SipDrop-Expires-In", grantedSeconds);
                }
                x.sendResponseHeaders(201, -1);
                return;
            case "GET":
                get(x);
                return;
            default:
                x.sendResponseHeaders(405, -1);
            }
        }
    }

    private void get(HttpExchange x) throws IOException {
        byte[] body = stored;
        if (body == null) {
            x.sendResponseHeaders(404, -1);
            return;
        }
        String range = x.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        int from = 0;
        if (range != null && !ignoreRange) {
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            x.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            x.sendResponseHeaders(206, body.length - from);
        } else {
            x.sendResponseHeaders(200, body.length);
        }
        OutputStream out = x.getResponseBody();
        if (cutsLeft.getAndDecrement() > 0) {
            out.write(body, from, (body.length - from) / 2);
            out.flush();
            throw new IOException("cut on purpose"); // the server drops the connection mid-body
        }
        out.write(body, from, body.length - from);
    }

    private boolean authorized(HttpExchange x) {
        String a = x.getRequestHeaders().getFirst("Authorization");
        if (a == null) {
            return false;
        }
        if (!digestOnly) {
            return a.equals("Basic " + java.util.Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> p = Credentials.params(a.substring("Digest ".length()));
        String ha1 = md5("alice:dav:secret");
        String ha2 = md5(x.getRequestMethod() + ":" + p.get("uri"));
        return a.startsWith("Digest ") && "alice".equals(p.get("username")) && x.getRequestURI().getRawPath().equals(p.get("uri"))
                && md5(ha1 + ":n0nce:" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2).equals(p.get("response"));
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private StorageClient client(String password) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new StorageClient(http, new Credentials(base, "alice", password.toCharArray(), new SecureRandom()),
                Duration.ofSeconds(10));
    }

    private HttpTransportSession session(StorageClient client, Direction direction, long offset) {
        return session(client, direction, offset, CONTENT.length);
    }

    private HttpTransportSession session(StorageClient client, Direction direction, long offset, long size) {
        FileOffer offer = FileOffer.builder("f.bin", size).build();
        return new HttpTransportSession(client, new TransportRequest(offer, direction, "peer", "http", offset).with(TransportParameter.LIFETIME, java.time.Duration.ofHours(1)), base.resolve("obj"), 3);
    }

    @Test
    void basicRefusedOnPlainHttpFallsBackToDigestBeforeTheBodyMoves() throws Exception {
        digestOnly = true;
        headWithoutAuth = true; // the probe learns nothing; the PUT's 401 (before 100 Continue) tells
        StorageClient c = client("secret");
        java.nio.file.Path f = java.nio.file.Files.createTempFile("upload", ".bin");
        try {
            java.nio.file.Files.write(f, CONTENT);
            try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(f)) {
                session(c, Direction.OUTGOING, 0).send(TransportEndpoint.of(base.resolve("obj")), in, b -> { });
            }
        } finally {
            java.nio.file.Files.delete(f);
        }
        assertArrayEquals(CONTENT, stored);
        assertEquals(List.of("3600"), expiresAsked, "one upload, asking for the link's lifetime");
    }

    private byte[] download(HttpTransportSession s, long offset) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        sink.write(CONTENT, 0, (int) offset);
        s.receive(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(sink), b -> { });
        return sink.toByteArray();
    }

    @Test
    void uploadsWithBasicAndDownloadsTheSameBytes() throws Exception {
        StorageClient c = client("secret");
        session(c, Direction.OUTGOING, 0).send(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(new java.io.ByteArrayInputStream(CONTENT)), b -> { });
        assertArrayEquals(CONTENT, stored);
        assertArrayEquals(CONTENT, download(session(c, Direction.INCOMING, 0), 0));
    }

    @Test
    void answersADigestChallengeOnUploadAndDownload() throws Exception {
        digestOnly = true;
        StorageClient c = client("secret");
        session(c, Direction.OUTGOING, 0).send(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(new java.io.ByteArrayInputStream(CONTENT)), b -> { });
        assertArrayEquals(CONTENT, stored);
        assertArrayEquals(CONTENT, download(session(c, Direction.INCOMING, 0), 0));
    }

    @Test
    void wrongPasswordIsForbiddenNamingTheStatus() {
        TransportException e = assertThrows(TransportException.class, () -> session(client("wrong"), Direction.OUTGOING, 0)
                .send(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(new java.io.ByteArrayInputStream(CONTENT)), b -> { }));
        assertEquals(TransportException.Reason.FORBIDDEN, e.reason());
        assertTrue(e.getMessage().contains("refused the credentials (HTTP 401)"), e.getMessage());
    }

    @Test
    void missingObjectIsNotFoundSayingExpired() {
        TransportException e = assertThrows(TransportException.class, () -> download(session(client("secret"),
                Direction.INCOMING, 0), 0));
        assertEquals(TransportException.Reason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains("expired or was removed"), e.getMessage());
    }

    @Test
    void resumesFromTheHeldBytesWithRange() throws Exception {
        stored = CONTENT;
        assertArrayEquals(CONTENT, download(session(client("secret"), Direction.INCOMING, 1000), 1000));
        assertEquals(List.of("bytes=1000-"), ranges);
    }

    @Test
    void aServerIgnoringRangeIsReadPastTheHeldBytes() throws Exception {
        stored = CONTENT;
        ignoreRange = true;
        assertArrayEquals(CONTENT, download(session(client("secret"), Direction.INCOMING, 1000), 1000));
    }

    @Test
    void aDownloadCutInTheMiddleResumesWithRange() throws Exception {
        stored = CONTENT;
        cutsLeft.set(1);
        assertArrayEquals(CONTENT, download(session(client("secret"), Direction.INCOMING, 0), 0));
        assertEquals(2, ranges.size(), "two requests: " + ranges);
        Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(ranges.get(1));
        assertTrue(m.matches() && Long.parseLong(m.group(1)) > 0, "the second asks for the rest: " + ranges);
    }

    @Test
    void theLifetimeTheStorageGrantedIsTheSessionsExpiryEvenWhenShorterThanAsked() throws Exception {
        grantedSeconds = "60"; // asked 3600
        HttpTransportSession up = session(client("secret"), Direction.OUTGOING, 0);
        java.time.Instant before = java.time.Instant.now();
        up.send(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(new java.io.ByteArrayInputStream(CONTENT)), b -> { });
        java.time.Instant after = java.time.Instant.now();
        java.time.Instant expiry = up.expiry().orElseThrow();
        assertTrue(!expiry.isBefore(before.plusSeconds(60)) && !expiry.isAfter(after.plusSeconds(60)),
                "60 s from the upload: " + expiry + " (upload " + before + " .. " + after + ")");
    }

    @Test
    void aStorageStatingNoLifetimeLeavesTheExpiryUnknown() throws Exception {
        HttpTransportSession up = session(client("secret"), Direction.OUTGOING, 0);
        up.send(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(new java.io.ByteArrayInputStream(CONTENT)), b -> { });
        assertEquals(java.util.Optional.empty(), up.expiry());
    }

    @Test
    void grantedExpiryFallsBackToTheExpiresDateAndIgnoresAnInvalidOne() {
        java.time.Instant asked = java.time.Instant.parse("2026-11-26T10:00:00Z");
        assertEquals(java.util.Optional.of(java.time.Instant.parse("2026-11-26T10:05:00Z")), StorageClient.grantedExpiry(
                headers(Map.of("Expires", List.of("Thu, 26 Nov 2026 10:05:00 GMT"))), asked));
        assertEquals(java.util.Optional.of(asked.plusSeconds(90)), StorageClient.grantedExpiry(headers(Map.of(
                "SipDrop-Expires-In", List.of("90"), "Expires", List.of("Thu, 26 Nov 2026 10:05:00 GMT"))), asked),
                "the relative lifetime wins: it does not depend on the storage's clock");
        assertEquals(java.util.Optional.empty(), StorageClient.grantedExpiry(headers(Map.of("Expires", List.of("0"))), asked));
        assertEquals(java.util.Optional.empty(), StorageClient.grantedExpiry(headers(Map.of()), asked));
    }

    private static java.net.http.HttpHeaders headers(Map<String, List<String>> map) {
        return java.net.http.HttpHeaders.of(map, (k, v) -> true);
    }

    @Test
    void downloadsAFileOfManyPipelineBuffersByteForByte() throws Exception {
        byte[] big = new byte[PipelinedCopy.BUFFER * (PipelinedCopy.BUFFERS + 2) + 12345];
        new Random(7).nextBytes(big);
        stored = big;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<Long> progress = new CopyOnWriteArrayList<>();
        session(client("secret"), Direction.INCOMING, 0, big.length).receive(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(sink),
                progress::add);
        assertArrayEquals(big, sink.toByteArray());
        assertEquals(big.length, progress.get(progress.size() - 1));
    }

    @Test
    void aStoredFileLongerThanOfferedIsRefusedNotTruncated() {
        stored = CONTENT;
        IOException e = assertThrows(IOException.class, () -> session(client("secret"), Direction.INCOMING, 0,
                CONTENT.length - 1).receive(TransportEndpoint.of(base.resolve("obj")), Channels.newChannel(new ByteArrayOutputStream()), b -> { }));
        assertTrue(e.getMessage().contains("longer than the offered"), e.getMessage());
    }
}
