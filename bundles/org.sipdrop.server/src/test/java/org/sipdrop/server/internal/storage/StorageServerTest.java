package org.sipdrop.server.internal.storage;

import org.sipdrop.server.internal.TestClock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.server.internal.DigestAuth;
import org.sipdrop.server.internal.UserDirectory;

/**
 * The storage over HTTP on loopback, driven by java.net.http and by raw sockets: PUT/GET/HEAD/
 * DELETE, ranges, authentication, quota, expiry, hostile names, no listing, concurrency.
 */
class StorageServerTest {

    static final String REALM = "sipdrop.test";
    static final long QUOTA = 8L << 20;

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.now());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StorageServer server;
    private String base;
    private int port;

    static StorageAuth auth() throws IOException {
        UserDirectory users = UserDirectory.parse(new StringReader("alice:wonderland\nbob:builder\n"), "users", REALM);
        return new StorageAuth(users, REALM, new DigestAuth(REALM, users, java.time.Clock.systemUTC(), new SecureRandom()));
    }

    @BeforeEach
    void start() throws IOException {
        StorageSettings s = new StorageSettings(0, OptionalInt.empty(), Optional.of(dir), QUOTA, Duration.ofHours(1));
        server = StorageServer.start(s, java.net.InetAddress.getLoopbackAddress(), auth(), null, null, clock);
        base = server.baseUris().get(0);
        port = URI.create(base).getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String randomName() {
        byte[] r = new byte[16];
        new SecureRandom().nextBytes(r);
        return HexFormat.of().formatHex(r);
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private HttpResponse<String> put(String name, byte[] body, String authorization, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + name)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/pdf");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String name, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + name));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String bodyOf(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetGivesTheSameBytesWithTypeLengthRangesAndEtag() throws Exception {
        String name = randomName();
        byte[] bytes = randomBytes(300_000);
        HttpResponse<String> put = put(name, bytes, basic("alice", "wonderland"));
        assertEquals(201, put.statusCode(), put.body());
        assertTrue(put.headers().firstValue("Expires").isPresent());
        HttpResponse<byte[]> get = get(name);
        assertEquals(200, get.statusCode());
        assertArrayEquals(bytes, get.body());
        assertEquals("application/pdf", get.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(Long.toString(bytes.length), get.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("bytes", get.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals(put.headers().firstValue("ETag"), get.headers().firstValue("ETag"));
        assertTrue(get.headers().firstValue("ETag").orElseThrow().matches("\"[^\"]+\""), "a strong ETag");
    }

    @Test
    void rangeGives206WithContentRangeAndBeyondTheEndGives416() throws Exception {
        String name = randomName();
        byte[] bytes = randomBytes(10_000);
        assertEquals(201, put(name, bytes, basic("alice", "wonderland")).statusCode());
        HttpResponse<byte[]> part = get(name, "Range", "bytes=1000-1999");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/10000", part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 1000, 2000), part.body());
        HttpResponse<byte[]> tail = get(name, "Range", "bytes=9000-");
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 9000, 10000), tail.body());
        HttpResponse<byte[]> none = get(name, "Range", "bytes=10000-");
        assertEquals(416, none.statusCode());
        assertEquals("bytes */10000", none.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void ifRangeWithAnotherEtagGivesTheWholeFile() throws Exception {
        String name = randomName();
        byte[] bytes = randomBytes(5000);
        String etag = put(name, bytes, basic("alice", "wonderland")).headers().firstValue("ETag").orElseThrow();
        assertEquals(206, get(name, "Range", "bytes=100-", "If-Range", etag).statusCode());
        HttpResponse<byte[]> whole = get(name, "Range", "bytes=100-", "If-Range", "\"not-it\"");
        assertEquals(200, whole.statusCode());
        assertArrayEquals(bytes, whole.body());
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() throws Exception {
        String name = randomName();
        assertEquals(201, put(name, randomBytes(4321), basic("alice", "wonderland")).statusCode());
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("HEAD", URI.create(base).getPath() + name));
            RawHttp.Response r = raw.read(true);
            assertEquals(200, r.status());
            assertEquals("4321", r.headers().get("content-length"));
            assertEquals("bytes", r.headers().get("accept-ranges"));
            raw.send(RawHttp.request("GET", URI.create(base).getPath() + name, "Range: bytes=0-9"));
            assertEquals(206, raw.read().status(), "the HEAD had no body: the next answer on the connection is the GET's");
        }
    }

    @Test
    void deleteByTheUploaderRemovesTheFileAndAnotherUserIsForbidden() throws Exception {
        String name = randomName();
        assertEquals(201, put(name, randomBytes(100), basic("alice", "wonderland")).statusCode());
        HttpRequest.Builder delete = HttpRequest.newBuilder(URI.create(base + name)).DELETE();
        assertEquals(401, client.send(delete.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(403, client.send(delete.header("Authorization", basic("bob", "builder")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertEquals(403, put(name, randomBytes(10), basic("bob", "builder")).statusCode(), "bob cannot replace alice's file");
        HttpRequest byAlice = HttpRequest.newBuilder(URI.create(base + name)).DELETE().header("Authorization", basic("alice", "wonderland")).build();
        assertEquals(204, client.send(byAlice, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, get(name).statusCode());
        assertEquals(404, client.send(byAlice, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, server.store().used());
    }

    @Test
    void replacingByTheUploaderAnswers204() throws Exception {
        String name = randomName();
        assertEquals(201, put(name, randomBytes(100), basic("alice", "wonderland")).statusCode());
        byte[] second = randomBytes(50);
        assertEquals(204, put(name, second, basic("alice", "wonderland")).statusCode());
        assertArrayEquals(second, get(name).body());
    }

    @Test
    void wrongOrMissingCredentialsAre401WithDigestAndBasicChallengesAndStoreNothing() throws Exception {
        String name = randomName();
        for (String authorization : new String[] { null, basic("alice", "wrong"), basic("mallory", "wonderland"), "Basic !!!",
                "Digest username=\"alice\", realm=\"" + REALM + "\", nonce=\"forged\", uri=\"/storage/" + name
                        + "\", response=\"00\", qop=auth, nc=00000001, cnonce=\"x\", opaque=\"y\"" }) {
            HttpResponse<String> r = put(name, randomBytes(1000), authorization);
            assertEquals(401, r.statusCode(), String.valueOf(authorization));
            List<String> challenges = r.headers().allValues("WWW-Authenticate");
            assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Digest ") && c.contains("algorithm=SHA-256")), challenges.toString());
            assertTrue(challenges.stream().anyMatch(c -> c.startsWith("Basic ")), "Basic is offered on loopback: " + challenges);
        }
        assertEquals(404, get(name).statusCode());
        assertEquals(0, server.store().used() + server.store().reserved());
    }

    @Test
    void quotaExceededIs413WithAReasonBeforeAnyBodyByte() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            // headers only: the answer must come without a single body byte sent
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: " + (QUOTA + 1)));
            RawHttp.Response r = raw.read();
            assertEquals(413, r.status());
            assertTrue(r.body().contains("quota exceeded"), r.body());
            assertEquals("close", r.headers().get("connection"));
        }
        assertEquals(0, server.store().reserved());
        byte[] fits = randomBytes((int) QUOTA);
        assertEquals(201, put(randomName(), fits, basic("alice", "wonderland")).statusCode(), "exactly the quota fits");
        HttpResponse<String> over = put(randomName(), new byte[1], basic("alice", "wonderland"));
        assertEquals(413, over.statusCode());
        assertTrue(over.body().contains("quota exceeded"), over.body());
    }

    @Test
    void refusalsForSpaceRevealNeitherTheQuotaLeftNorTheFreeDiskSpace() throws Exception {
        long stored = 3L << 20;
        assertEquals(201, put(randomName(), randomBytes((int) stored), basic("alice", "wonderland")).statusCode());
        long asked = 6L << 20; // more than the 5 MiB left, less than the quota
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Content-Length: " + asked));
            RawHttp.Response r = raw.read();
            assertEquals(401, r.status(), "credentials are asked first");
        }
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: " + asked));
            RawHttp.Response r = raw.read();
            assertEquals(413, r.status());
            assertTrue(r.body().contains("quota exceeded"), r.body());
            assertRevealsOnlyTheRequest(r, asked, QUOTA - stored, "free");
        }
        try (RawHttp raw = new RawHttp(port)) {
            long beyondQuota = QUOTA + 1;
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: " + beyondQuota));
            RawHttp.Response r = raw.read();
            assertEquals(413, r.status());
            assertTrue(r.body().contains(Long.toString(QUOTA)), "a request larger than the whole quota may learn the limit: " + r.body());
            assertRevealsOnlyTheRequest(r, beyondQuota, QUOTA - stored, "free");
        }
        assertEquals(stored, server.store().used());
    }

    @Test
    void insufficientStorageRevealsNotTheFreeDiskSpace() throws Exception {
        server.close();
        long quota = 1L << 62;
        server = StorageServer.start(new StorageSettings(0, OptionalInt.empty(), Optional.of(dir), quota, Duration.ofHours(1)),
                java.net.InetAddress.getLoopbackAddress(), auth(), null, null, clock);
        long asked = 1L << 55; // no disk has 32 PiB free
        try (RawHttp raw = new RawHttp(URI.create(server.baseUris().get(0)).getPort())) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: " + asked));
            RawHttp.Response r = raw.read();
            assertEquals(507, r.status());
            assertRevealsOnlyTheRequest(r, asked, quota, "free");
        }
        assertEquals(0, server.store().reserved());
    }

    /** The only number in the answer's text and headers is the requester's own (or the quota when it asked for more). */
    private static void assertRevealsOnlyTheRequest(RawHttp.Response r, long asked, long left, String word) {
        String all = r.body() + "\n" + r.headers().entrySet().stream().filter(h -> !h.getKey().equals("content-length") && !h.getKey().equals("date"))
                .map(Object::toString).collect(java.util.stream.Collectors.joining("\n"));
        assertFalse(all.toLowerCase(java.util.Locale.ROOT).contains(word), all);
        assertFalse(all.contains(Long.toString(left)), "the quota left is not told: " + all);
        List<String> numbers = java.util.regex.Pattern.compile("[0-9]{2,}").matcher(all).results().map(m -> m.group())
                .filter(n -> !n.equals(Long.toString(asked)) && !n.equals(Long.toString(QUOTA))).toList();
        assertEquals(List.of(), numbers, "no other number (free disk space) is told: " + all);
    }

    @Test
    void aRefusalToAClientWaitingFor100ContinueEndsTheExchangeAtOnce() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Content-Length: 1000000", "Expect: 100-continue"));
            RawHttp.Response r = raw.read();
            assertEquals(401, r.status(), "the final answer, no 100 Continue before it");
            assertEquals("close", r.headers().get("connection"));
            assertTrue(raw.closedByServer(), "the server waits for no body the client was never invited to send");
        }
        try (RawHttp raw = new RawHttp(port)) { // and with credentials, 100 Continue comes when the body is wanted
            byte[] body = randomBytes(1000);
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: " + body.length, "Expect: 100-continue"));
            assertEquals(100, raw.readInterim().status());
            raw.sendBody(body);
            assertEquals(201, raw.read().status());
        }
    }

    @Test
    void unauthenticatedUploadIs401BeforeAnyBodyByte() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + randomName(), "Content-Length: 1000000"));
            assertEquals(401, raw.read().status());
        }
    }

    @Test
    void cutUploadLeavesNoFileAndNoReservation() throws Exception {
        String name = randomName();
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + name, "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: 1000000"));
            raw.sendBody(randomBytes(300_000));
        }
        // the server notices the cut asynchronously: bounded wait for the reservation to go
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.store().reserved() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.store().reserved());
        assertEquals(404, get(name).statusCode());
        try (Stream<Path> incoming = Files.list(dir.resolve("incoming"))) {
            assertEquals(0, incoming.count());
        }
    }

    @Test
    void stalledUploadIsEndedAndReleasesItsReservation() throws Exception {
        String name = randomName();
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PUT", URI.create(base).getPath() + name, "Authorization: " + basic("alice", "wonderland"),
                    "Content-Length: 1000000"));
            raw.sendBody(randomBytes(1000)); // then nothing: a client that vanished without closing
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.store().reserved() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1_000_000, server.store().reserved(), "the upload holds its reservation");
            while (server.store().reserved() != 0 && System.nanoTime() < deadline) {
                // advanced in the loop: the worker may read the 1000 bytes (progress, now) after a first advance
                clock.advance(Duration.ofMillis(FileStore.STALL_MILLIS + 1000));
                server.store().sweep();
                Thread.sleep(20);
            }
            assertEquals(0, server.store().reserved(), "released once stalled");
        }
        assertEquals(404, get(name).statusCode());
        try (Stream<Path> incoming = Files.list(dir.resolve("incoming"))) {
            assertEquals(0, incoming.count());
        }
    }

    @Test
    void uploadWithoutLengthIs411AndPartialPutIs400() throws Exception {
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(base + randomName()))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[10])))
                .header("Authorization", basic("alice", "wonderland")).build();
        assertEquals(411, client.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> partial = put(randomName(), new byte[10], basic("alice", "wonderland"), "Content-Range", "bytes 0-9/20");
        assertEquals(400, partial.statusCode());
        assertTrue(partial.body().contains("restart"), partial.body());
    }

    @Test
    void expiryAskedByTheUploaderIsBoundedAndAGetAfterItIs410ThenTheFileIsGone() throws Exception {
        String longLived = randomName();
        HttpResponse<String> bounded = put(longLived, randomBytes(10), basic("alice", "wonderland"), StorageServer.EXPIRES_IN_HEADER, "999999");
        assertEquals("3600", bounded.headers().firstValue(StorageServer.EXPIRES_IN_HEADER).orElseThrow(), "bounded by the server maximum");
        String name = randomName();
        HttpResponse<String> put = put(name, randomBytes(10), basic("alice", "wonderland"), StorageServer.EXPIRES_IN_HEADER, "60");
        assertEquals(201, put.statusCode());
        assertEquals("60", put.headers().firstValue(StorageServer.EXPIRES_IN_HEADER).orElseThrow());
        Instant expires = ZonedDateTime.parse(put.headers().firstValue("Expires").orElseThrow(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertEquals(clock.instant().plusSeconds(60).getEpochSecond(), expires.getEpochSecond());
        clock.advance(Duration.ofSeconds(61));
        HttpResponse<byte[]> gone = get(name);
        assertEquals(410, gone.statusCode());
        assertTrue(bodyOf(gone).contains("expired at " + DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(expires)),
                bodyOf(gone));
        server.store().sweep();
        assertFalse(Files.exists(dir.resolve("data").resolve(name)), "the bytes are deleted");
        assertEquals(410, get(name).statusCode(), "still reported as expired after the sweep");
        assertEquals(200, get(longLived).statusCode());
        assertEquals(400, put(randomName(), new byte[1], basic("alice", "wonderland"), StorageServer.EXPIRES_IN_HEADER, "soon").statusCode());
    }

    @Test
    void hostileNamesAreRefusedAndNothingLandsOutsideTheStorage() throws Exception {
        String path = URI.create(base).getPath();
        String[] hostile = { path + "..%2f..%2fescaped", path + "%2e%2e/escaped", path + "../escaped", path + "a/b", path + ".hidden",
                path + "a%20b", path + "..", "/escaped" };
        for (String target : hostile) {
            try (RawHttp raw = new RawHttp(port)) {
                raw.send(RawHttp.request("PUT", target, "Authorization: " + basic("alice", "wonderland"), "Content-Length: 3"));
                raw.sendBody("bad".getBytes(StandardCharsets.US_ASCII));
                int status = raw.read().status();
                assertTrue(status == 400 || status == 404, target + " -> " + status);
            }
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().contains("escaped") || p.getFileName().toString().equals("b")));
        }
        assertFalse(Files.exists(dir.getParent().resolve("escaped")));
        assertEquals(0, server.store().used());
    }

    @Test
    void neverListsAndDirectoriesAre404() throws Exception {
        assertEquals(201, put(randomName(), randomBytes(10), basic("alice", "wonderland")).statusCode());
        String path = URI.create(base).getPath();
        for (String target : new String[] { path, "/", path.substring(0, path.length() - 1), path + "?list", path + "data/",
                path + "../data/" }) {
            try (RawHttp raw = new RawHttp(port)) {
                raw.send(RawHttp.request("GET", target));
                RawHttp.Response r = raw.read();
                assertEquals(404, r.status(), target);
            }
        }
        try (RawHttp raw = new RawHttp(port)) {
            raw.send(RawHttp.request("PROPFIND", path, "Depth: 1"));
            assertEquals(405, raw.read().status());
        }
    }

    @Test
    void concurrentUploadsAllArriveIntact() throws Exception {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> puts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add(randomName());
            contents.add(randomBytes(512 * 1024 + i));
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + names.get(i))).PUT(HttpRequest.BodyPublishers.ofByteArray(contents.get(i)))
                    .header("Authorization", basic(i % 2 == 0 ? "alice" : "bob", i % 2 == 0 ? "wonderland" : "builder")).build();
            puts.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = puts.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertNotNull(r);
            assertEquals(201, r.statusCode(), r.body());
        }
        long total = 0;
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(contents.get(i), get(names.get(i)).body());
            total += contents.get(i).length;
        }
        assertEquals(total, server.store().used());
        assertEquals(0, server.store().reserved());
    }
}
