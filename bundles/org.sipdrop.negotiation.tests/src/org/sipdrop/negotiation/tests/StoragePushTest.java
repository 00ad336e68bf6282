package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.internal.pagemode.CpimMessage;
import org.sipdrop.negotiation.internal.pagemode.ExternalBody;
import org.sipdrop.negotiation.internal.pagemode.FileOfferMessage;
import org.sipdrop.negotiation.internal.pagemode.MultipartCodec;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.sip.SipBody;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.testing.Baresip;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Linphonec;

/**
 * Files offered by content indirection (RFC 4483) in SIP MESSAGEs through the embedded server,
 * stored on a real nginx WebDAV storage over HTTP and HTTPS, outcomes back as RFC 5438 delivery
 * notifications: push, one-to-many with mixed answers (one upload), a download cut in the middle
 * and resumed with Range, refused credentials, a hostile file name, an expired link.
 */
class StoragePushTest {

    @TempDir
    static Path runDir;
    private static StorageFixture storage;

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void startStorage() throws Exception {
        storage = new StorageFixture(runDir);
    }

    @AfterAll
    static void stopStorage() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() {
        peers.close();
    }

    private Peer user(String name, String accept) throws Exception {
        return storage.user(peers, name, peers.settings(accept, null, dir.resolve(name + "-in")));
    }

    @Test
    void pushThroughNginxOverHttpDeliversTheVerifiedFileAndRemovesItFromTheStorage() throws Exception {
        storage.configureNginx(false);
        List<Path> storedBefore = storage.stored();
        pushAliceToBob("http", 700 * 1024 + 3, 21);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!storage.stored().equals(storedBefore) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(storedBefore, storage.stored(), "the sender removes the file once every recipient answered");
    }

    @Test
    void pushThroughNginxOverHttpsDeliversTheVerifiedFile() throws Exception {
        storage.configureNginx(true);
        pushAliceToBob("https", 300 * 1024, 22);
    }

    @Test
    void anOfferTooLargeForUdpFailsTheTransferWithTheReasonInsteadOfHanging() throws Exception {
        storage.configureNginx(false);
        Peer alice = storage.user(peers, "alice", peers.settings("none", null, dir.resolve("alice-in")),
                org.sipdrop.sip.SipTransport.UDP);
        Path file = Peers.randomFile(dir.resolve("out"), "minutes.odt", 20_000, 26);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("http")).get(0);
        assertEquals(TransferState.FAILED, Peers.end(sent));
        assertTrue(sent.failure().orElseThrow().reason().contains("1300 bytes"), () -> "reason: " + sent.failure());
    }

    private void pushAliceToBob(String via, int size, long seed) throws Exception {
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "all");
        Path file = Peers.randomFile(dir.resolve("out"), "minutes.odt", size, seed);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via(via)).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        Path saved = got.file().orElseThrow();
        assertEquals(bob.folder().toRealPath().resolve("minutes.odt"), saved);
        assertEquals(Peers.sha1(file), Peers.sha1(saved));
        assertEquals(via, got.transport().orElseThrow());
        assertEquals("sip:alice@127.0.0.1", got.peer());
    }

    @Test
    void oneToManyThroughTheEmbeddedStorageDeliversToWhoAcceptsAndTellsTheSenderWhoDeclined() throws Exception {
        storage.configureEmbedded();
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "all");
        Peer carol = user("carol", "none");
        Path file = Peers.randomFile(dir.resolve("out"), "design.pdf", 900 * 1024 + 7, 27);
        List<Transfer> sent = alice.agent().sendToAll(List.of("sip:bob@127.0.0.1", "sip:carol@127.0.0.1"), List.of(file),
                SendOptions.defaults().via("http"));
        assertEquals(2, sent.size());
        assertEquals(TransferState.COMPLETED, Peers.end(sent.get(0)), () -> "bob: " + sent.get(0).failure());
        assertEquals(TransferState.REJECTED, Peers.end(sent.get(1)), () -> "carol: " + sent.get(1).failure());
        assertEquals(603, sent.get(1).failure().orElseThrow().status());
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "bob's side: " + got.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
    }

    @Test
    void oneToManyUploadsOnceAndReportsEachRecipientsOutcome() throws Exception {
        storage.configureNginx(false);
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "all");
        Peer carol = user("carol", "none");
        Peer dave = user("dave", "all");
        Path file = Peers.randomFile(dir.resolve("out"), "slides.pdf", 256 * 1024, 23);
        long putsBefore = storage.puts();
        List<Transfer> sent = alice.agent().sendToAll(List.of("sip:bob@127.0.0.1", "sip:carol@127.0.0.1",
                "sip:dave@127.0.0.1"), List.of(file), SendOptions.defaults().via("http"));
        assertEquals(3, sent.size());
        assertEquals(TransferState.COMPLETED, Peers.end(sent.get(0)), () -> "bob: " + sent.get(0).failure());
        assertEquals(TransferState.REJECTED, Peers.end(sent.get(1)), () -> "carol: " + sent.get(1).failure());
        assertEquals(Decision.DECLINE, sent.get(1).failure().orElseThrow().status());
        assertEquals(TransferState.COMPLETED, Peers.end(sent.get(2)), () -> "dave: " + sent.get(2).failure());
        assertEquals(1, storage.puts() - putsBefore, "one upload, whatever the number of recipients");
        assertEquals(Peers.sha1(file), Peers.sha1(Peers.incoming(bob, 0).file().orElseThrow()));
        assertEquals(Peers.sha1(file), Peers.sha1(Peers.incoming(dave, 0).file().orElseThrow()));
        assertEquals(TransferState.REJECTED, Peers.end(Peers.incoming(carol, 0)));
        assertEquals(List.of(), carol.folder().toFile().exists() ? List.of(carol.folder().toFile().list()) : List.of());
    }

    @Test
    void downloadCutInTheMiddleResumesWithRangeAndVerifies() throws Exception {
        int size = 4 * 1024 * 1024;
        try (CuttingProxy proxy = new CuttingProxy(storage.nginx.httpPort(), size / 2)) {
            storage.configure(URI.create("http://127.0.0.1:" + proxy.port() + "/dav/"), StorageFixture.USER,
                    StorageFixture.PASSWORD, null);
            Peer alice = user("alice", "none");
            Peer bob = user("bob", "all");
            Path file = Peers.randomFile(dir.resolve("out"), "video.mkv", size, 24);
            proxy.arm();
            Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("http")).get(0);
            Transfer got = Peers.incoming(bob, 0);
            assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
            assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
            assertEquals(1, proxy.cuts(), "the first download was cut");
            assertTrue(storage.accessLog().stream().anyMatch(l -> l.contains("\"GET /dav/") && l.contains("\" 206 ")),
                    "the download resumed with a Range request answered 206");
            assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithAClearErrorAndNothingIsOffered() throws Exception {
        storage.configure(storage.nginx.davUri(), StorageFixture.USER, "not-the-password", null);
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "all");
        Path file = Peers.randomFile(dir.resolve("out"), "notes.txt", 10_000, 25);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("http")).get(0);
        assertEquals(TransferState.FAILED, Peers.end(sent));
        String why = sent.failure().orElseThrow().reason();
        assertTrue(why.contains("refused the credentials") && why.contains("401"), why);
        assertTrue(bob.agent().transfers().isEmpty(), "no offer went out");
    }

    @Test
    void passwordIsNotAServiceProperty() throws Exception {
        ServiceReference<TransportProvider> ref = storage.configureNginx(false);
        assertNull(ref.getProperty(".password"));
        for (String key : ref.getPropertyKeys()) {
            assertFalse(String.valueOf(ref.getProperty(key)).contains(StorageFixture.PASSWORD), key);
        }
    }

    @Test
    void hostileFileNameIsSavedInsideTheDownloadFolder() throws Exception {
        storage.configureNginx(false);
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "all");
        byte[] content = "harmless bytes\n".getBytes(StandardCharsets.UTF_8);
        URI url = storage.nginx.davUri().resolve("hostile-" + System.nanoTime());
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString((StorageFixture.USER + ":" + StorageFixture.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(201, http.send(HttpRequest.newBuilder(url).header("Authorization", auth)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        FileOffer offer = FileOffer.builder("../../.bashrc\r\nX-Evil: 1", content.length).mediaType("text/plain")
                .sha1Hex(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(content)))
                .build();
        ExternalBody external = ExternalBody.of(offer, url, ExternalBody.newContentId("127.0.0.1"),
                Instant.now().plusSeconds(600));
        FileOfferMessage.Built body = FileOfferMessage.format("sip:alice@127.0.0.1", "sip:bob@127.0.0.1",
                CpimMessage.newMessageId(), Instant.now(), offer, external, false, new MultipartCodec());
        // nginx wants credentials for GET too: bob's transport sends them, since the URL is inside its configured storage
        assertEquals(200, alice.ua().message("sip:bob@127.0.0.1", new SipBody(body.contentType(), body.body()))
                .get(15, java.util.concurrent.TimeUnit.SECONDS).status());
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        Path saved = got.file().orElseThrow();
        assertEquals(bob.folder().toRealPath(), saved.getParent(), "saved inside the folder: " + saved);
        assertTrue(Files.exists(saved));
        assertFalse(saved.getFileName().toString().contains("/") || saved.getFileName().toString().contains("\n"));
        http.send(HttpRequest.newBuilder(url).header("Authorization", auth).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * baresip answers the CPIM offer 415 (RFC 3428 §7: it takes text only); the sender then sends
     * the link as text/plain, which baresip shows; with no notification to come, the sender's
     * transfer ends when the link expires, saying why.
     */
    @Test
    void baresipGetsTheLinkAsTextAfterRefusingTheOfferBody() throws Exception {
        storage.configureNginx(false);
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")));
        try (Baresip carl = Baresip.start(dir, "carl", FreePorts.tcpAndUdp())) {
            Path file = Peers.randomFile(dir.resolve("out"), "for-carl.txt", 5_000, 27);
            Transfer sent = alice.agent().send(carl.uri() + ";transport=tcp", List.of(file),
                    SendOptions.defaults().via("http").linkLifetime(Duration.ofSeconds(3))).get(0);
            assertTrue(carl.awaitPrinted("Download: " + storage.nginx.davUri(), Duration.ofSeconds(20)), carl.transcript());
            assertTrue(carl.transcript().contains("for-carl.txt (5000 bytes, sha-1 " + Peers.sha1(file)), carl.transcript());
            assertEquals(TransferState.FAILED, Peers.end(sent));
            assertTrue(sent.failure().orElseThrow().reason().contains("sent the link as text"), sent.failure().toString());
        }
    }

    /**
     * linphonec refuses the multipart payload (415) but shows an RCS FT-HTTP body (PEERS.md): the
     * sender falls back to the RCS form and linphonec prints the link.
     */
    @Test
    void linphonecShowsTheLinkOfTheRcsForm() throws Exception {
        storage.configureNginx(false);
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")));
        try (Linphonec lin = Linphonec.start(dir, "lin", FreePorts.tcp())) {
            Path file = Peers.randomFile(dir.resolve("out"), "for-lin.txt", 6_000, 28);
            Transfer sent = alice.agent().send(lin.uri(), List.of(file),
                    SendOptions.defaults().via("http").linkLifetime(Duration.ofSeconds(4))).get(0);
            assertTrue(lin.awaitPrinted("<data url=\"" + storage.nginx.davUri(), Duration.ofSeconds(20)), lin.transcript());
            assertTrue(lin.transcript().contains("<file-name>for-lin.txt</file-name>"), lin.transcript());
            assertEquals(TransferState.FAILED, Peers.end(sent));
            assertTrue(sent.failure().orElseThrow().reason().contains("in RCS form"), sent.failure().toString());
        }
    }

    @Test
    void linkExpiredBeforeTheReceiverAcceptsEndsExpiredOnBothSides() throws Exception {
        storage.configureNginx(false);
        Peer alice = user("alice", "none");
        Peer bob = user("bob", "ask");
        bob.agent().onOffer((sender, offer) -> {
            try {
                Thread.sleep(2500); // the user answers after the link's lifetime
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Decision.accept();
        });
        Path file = Peers.randomFile(dir.resolve("out"), "late.bin", 20_000, 26);
        List<Path> storedBefore = storage.stored();
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file),
                SendOptions.defaults().via("http").linkLifetime(Duration.ofSeconds(1))).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.FAILED, Peers.end(got));
        assertTrue(got.failure().orElseThrow().reason().startsWith("expired"), got.failure().toString());
        assertEquals(410, got.failure().orElseThrow().status());
        assertEquals(TransferState.FAILED, Peers.end(sent));
        assertTrue(sent.failure().orElseThrow().reason().contains("expired"), sent.failure().toString());
        assertEquals(410, sent.failure().orElseThrow().status());
        assertFalse(Files.exists(bob.folder().resolve("late.bin")));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!storage.stored().equals(storedBefore) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(storedBefore, storage.stored(), "the expired file is removed from the storage");
    }

    /**
     * The storage may grant less than the lifetime asked (the embedded storage: at most its
     * {@code storage.max.expiry}); the offer's RFC 4483 §5 {@code expiration} is what it granted, so
     * a recipient answering later sees the link expired from the offer alone, before any download.
     */
    @Test
    void theOfferPromisesOnlyTheLifetimeTheStorageGranted() throws Exception {
        org.sipdrop.server.EmbeddedServer embedded = peers.service(org.sipdrop.server.EmbeddedServerFactory.class)
                .start(new java.util.HashMap<>(java.util.Map.of(org.sipdrop.server.EmbeddedServerFactory.BIND, "127.0.0.1",
                        org.sipdrop.server.EmbeddedServerFactory.SIP_PORT, "0",
                        org.sipdrop.server.EmbeddedServerFactory.TRANSPORTS, "tcp",
                        org.sipdrop.server.EmbeddedServerFactory.HTTP_PORT, Integer.toString(FreePorts.tcp()),
                        org.sipdrop.server.EmbeddedServerFactory.STORAGE_DIR, dir.resolve("granted-storage").toString(),
                        org.sipdrop.server.EmbeddedServerFactory.STORAGE_MAX_EXPIRY, "2")));
        try {
            assertTrue(embedded.openMode(), "no users file: the storage takes uploads without credentials");
            storage.configure(URI.create(embedded.storageUris().get(0)), "", "", null);
            Peer alice = user("alice", "none");
            Peer bob = user("bob", "ask");
            bob.agent().onOffer((sender, offer) -> {
                try {
                    Thread.sleep(3500); // after the 2 s granted, long before the hour asked
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Decision.accept();
            });
            Path file = Peers.randomFile(dir.resolve("out"), "granted.bin", 20_000, 4483);
            Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file),
                    SendOptions.defaults().via("http").linkLifetime(Duration.ofHours(1))).get(0);
            Transfer got = Peers.incoming(bob, 0);
            assertEquals(TransferState.FAILED, Peers.end(got));
            String why = got.failure().orElseThrow().reason();
            assertTrue(why.startsWith("expired") && why.contains("before it was accepted"), why);
            assertEquals(TransferState.FAILED, Peers.end(sent));
            assertTrue(sent.failure().orElseThrow().reason().contains("expired"), sent.failure().toString());
        } finally {
            embedded.close();
            storage.configureNginx(false);
        }
    }
}
