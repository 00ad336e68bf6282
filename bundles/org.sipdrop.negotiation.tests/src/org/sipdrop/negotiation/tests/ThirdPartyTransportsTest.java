package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceRegistration;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.sip.SipCapabilities;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.Cleanup;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * Transports SipDrop has never heard of, registered the way a third-party bundle does, are
 * negotiated like the built-in ones: a session transport with its own SDP proto token travels in
 * the RFC 5547 SDP of an INVITE, a storage transport with its own URL scheme in an RFC 4483
 * offer, both through the embedded server; peers are told of them in OPTIONS while they run,
 * and not once they stop.
 */
class ThirdPartyTransportsTest {

    /** A session transport's own proto token; it moves bytes through the real MSRP stack. */
    static final String ACME_PROTO = "TCP/X-ACME";

    @TempDir
    Path dir;
    private Peers peers;
    private EmbeddedServer server;
    private ServiceRegistration<TransportProvider> acme;
    private ServiceRegistration<TransportProvider> share;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        server = peers.service(EmbeddedServerFactory.class).start(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
    }

    /** A user registered at the embedded server: offers, answers and notifications all go through it. */
    private Peer registered(String user, AgentSettings settings) throws Exception {
        String registrar = server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst().orElseThrow();
        return peers.registered("sip:" + user + "@127.0.0.1", registrar, null, settings);
    }

    @AfterEach
    void stop() {
        for (ServiceRegistration<?> r : new ServiceRegistration<?>[] {acme, share}) {
            try {
                if (r != null) {
                    r.unregister();
                }
            } catch (IllegalStateException e) {
                // already gone
            }
        }
        peers.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSessionTransportWithItsOwnSdpProtoCarriesAFileAndIsAdvertisedOnlyWhileItRuns() throws Exception {
        acme = register(new AcmeTransport(peers.msrp()), "acme", "ACME");
        Peer alice = registered("alice", peers.settings("none", null, dir.resolve("alice-in")));
        Peer bob = registered("bob", peers.settings("all", null, dir.resolve("bob-in")));
        assertTrue(advertised(alice, bob).contains("acme"), "OPTIONS lists the new transport");

        Path file = Peers.randomFile(dir.resolve("out"), "plan.bin", 300 * 1024 + 5, 7);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("acme")).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals("acme", sent.transport().orElse(null), "the transfer records which transport carried it");
        assertEquals("acme", got.transport().orElse(null), "the receiver found the transport by the offer's SDP proto");

        acme.unregister();
        acme = null;
        assertFalse(advertised(alice, bob).contains("acme"), "a stopped transport is no longer offered to peers");
    }

    @Test
    void aStorageTransportWithItsOwnUrlSchemeCarriesAFileByContentIndirection() throws Exception {
        FolderStorage folder = new FolderStorage(Files.createDirectories(dir.resolve("share")));
        share = register(folder, "share", "Shared folder");
        Peer alice = registered("alice", peers.settings("none", null, dir.resolve("alice-in")));
        Peer bob = registered("bob", peers.settings("all", null, dir.resolve("bob-in")));
        assertTrue(advertised(alice, bob).contains("share"));

        Path file = Peers.randomFile(dir.resolve("out"), "notes.txt", 200 * 1024 + 3, 9);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via("share")).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(got.file().orElseThrow()));
        assertEquals("share", got.transport().orElse(null));
        assertEquals(1, folder.stored, "stored once");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (folder.deleted == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, folder.deleted, "the sender cleans up once the recipient confirmed delivery");
    }

    @Test
    void autoTakesTheUsersPreferredCommonTransport() throws Exception {
        acme = register(new AcmeTransport(peers.msrp()), "acme", "ACME");
        Peer alice = registered("alice", peers.settings("none", null, dir.resolve("alice-in")).preferring(List.of("acme")));
        Peer bob = registered("bob", peers.settings("all", null, dir.resolve("bob-in")));
        Path file = Peers.randomFile(dir.resolve("out"), "auto.bin", 64 * 1024, 11);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals("acme", sent.transport().orElse(null));
    }

    /** RFC 3261 §21.4.26: a peer that refuses the first transport with 488 gets the next common one. */
    @Test
    void aPeerThatRefusesTheFirstTransportIsOfferedTheNextCommonOne() throws Exception {
        acme = register(new AcmeTransport(peers.msrp()), "acme", "ACME");
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")).preferring(List.of("acme", "msrp")));
        Path file = Peers.randomFile(dir.resolve("out"), "fallback.bin", 32 * 1024, 13);
        try (RfcFileReceiver carol = new RfcFileReceiver()) {
            Transfer sent = alice.agent().send(carol.uri(), List.of(file), SendOptions.defaults()).get(0);
            RfcFileSender.Message first = carol.refuseInvite();
            assertTrue(first.body().contains(" " + ACME_PROTO + " "), "offered over the preferred transport first: " + first.body());
            RfcFileSender.Message second = carol.acceptInvite();
            assertTrue(second.body().contains(" TCP/MSRP "), "then over MSRP: " + second.body());
            assertTrue(second.body().contains(sent.offer().transferId().orElseThrow()), "the same transfer, offered again");
            assertEquals("msrp", sent.transport().orElse(null), "the transfer records the transport that carried it");
            assertFalse(sent.state().isTerminal(), "still going: " + sent.state() + " " + sent.failure());
        }
    }

    /** A peer that lists the transport but refuses it with warn-code 302 (RFC 3261 §20.43) gets the next one. */
    @Test
    void aPeerThatSaysItRefusesTheTransportIsOfferedTheNextOne() throws Exception {
        acme = register(new AcmeTransport(peers.msrp()), "acme", "ACME");
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")).preferring(List.of("acme", "msrp")));
        Path file = Peers.randomFile(dir.resolve("out"), "warned.bin", 16 * 1024, 14);
        java.util.concurrent.ExecutorService answering = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (RfcFileReceiver carol = new RfcFileReceiver().advertising("acme", "msrp")) {
            // carol answers alice's OPTIONS (listing acme) while alice decides, then refuses the INVITE
            java.util.concurrent.Future<RfcFileSender.Message> first = answering.submit(() -> carol.refuseInvite(true));
            Transfer sent = alice.agent().send(carol.uri(), List.of(file), SendOptions.defaults()).get(0);
            assertTrue(first.get(30, TimeUnit.SECONDS).body().contains(" " + ACME_PROTO + " "));
            RfcFileSender.Message second = carol.acceptInvite();
            assertTrue(second.body().contains(" TCP/MSRP "), "then over MSRP: " + second.body());
            assertEquals("msrp", sent.transport().orElse(null));
        } finally {
            answering.shutdownNow();
        }
    }

    /** A peer that lists the transport and refuses without saying it is the transport refuses the file. */
    @Test
    void aPeerThatListedTheTransportAndRefusesIsNotAskedAgain() throws Exception {
        acme = register(new AcmeTransport(peers.msrp()), "acme", "ACME");
        Peer alice = peers.direct("alice", peers.settings("none", null, dir.resolve("alice-in")).preferring(List.of("acme", "msrp")));
        Path file = Peers.randomFile(dir.resolve("out"), "refused.bin", 16 * 1024, 15);
        java.util.concurrent.ExecutorService answering = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (RfcFileReceiver carol = new RfcFileReceiver().advertising("acme", "msrp")) {
            java.util.concurrent.Future<RfcFileSender.Message> first = answering.submit(() -> carol.refuseInvite(false));
            Transfer sent = alice.agent().send(carol.uri(), List.of(file), SendOptions.defaults()).get(0);
            assertTrue(first.get(30, TimeUnit.SECONDS).body().contains(" " + ACME_PROTO + " "), "acme offered first");
            assertEquals(TransferState.REJECTED, Peers.end(sent), () -> "no second offer: " + sent.failure());
            assertEquals(488, sent.failure().orElseThrow().status());
        } finally {
            answering.shutdownNow();
        }
    }

    /**
     * SipDrop refusing an offer whose only stream is of a proto no running transport declares says
     * so with 488 and warn-code 302 (RFC 3261 §20.43), which lets a caller try another transport.
     */
    @Test
    void anOfferOfAnUnknownProtoIsRefusedWithTheTransportWarning() throws Exception {
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        try (RfcFileSender raw = new RfcFileSender(bob.uri())) {
            String offer = raw.offer("x.bin", 10, new byte[20], true, 0).replace(" TCP/MSRP *", " TCP/X-NOBODY *");
            RfcFileSender.Message r = raw.invite(offer);
            assertEquals(488, r.status(), r.startLine());
            assertTrue(r.header("Warning").startsWith("302 "), "RFC 3261 §20.43 warning: " + r.headers());
        }
    }

    private ServiceRegistration<TransportProvider> register(TransportProvider p, String scheme, String name) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(TransportProvider.SCHEME_PROPERTY, scheme);
        props.put(TransportProvider.NAME_PROPERTY, name);
        props.put("service.ranking", 10);
        return peers.context().registerService(TransportProvider.class, p, props);
    }

    /** @return the transports {@code to} lists in its OPTIONS answer (RFC 3261 §11) */
    private static List<String> advertised(Peer from, Peer to) throws Exception {
        SipResponse r = from.ua().options("sip:" + to.ua().account().user() + "@127.0.0.1").get(10, TimeUnit.SECONDS);
        return SipCapabilities.transports(r);
    }

    /** A session transport of its own proto, moving bytes with the MSRP provider underneath. */
    static final class AcmeTransport implements TransportProvider {
        private final TransportProvider msrp;

        AcmeTransport(TransportProvider msrp) {
            this.msrp = msrp;
        }

        @Override
        public String name() {
            return "ACME";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("acme");
        }

        @Override
        public Carriage carriage(String scheme) {
            return Carriage.session(ACME_PROTO);
        }

        @Override
        public TransportSession open(TransportRequest request) throws IOException {
            TransportRequest inner = new TransportRequest(request.offer(), request.direction(), request.peer(), "msrp",
                    request.offset());
            copy(request, inner);
            TransportSession s = msrp.open(inner);
            return new TransportSession() {
                @Override
                public TransportEndpoint localEndpoint() {
                    return s.localEndpoint();
                }

                @Override
                public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
                    copy(request, inner);
                    s.send(to, source, progress);
                }

                @Override
                public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
                    copy(request, inner);
                    s.receive(from, sink, progress);
                }

                @Override
                public void close() throws IOException {
                    s.close();
                }
            };
        }

        /** What the engine settled on the outer request (setup role, resume offset) goes to the MSRP one. */
        private static void copy(TransportRequest from, TransportRequest to) {
            from.get(TransportParameter.SETUP).ifPresent(v -> to.settle(TransportParameter.SETUP, v));
            from.get(TransportParameter.ACCEPT_TYPES).ifPresent(v -> to.settle(TransportParameter.ACCEPT_TYPES, v));
            from.get(TransportParameter.WRAP).ifPresent(v -> to.settle(TransportParameter.WRAP, v));
            from.get(TransportParameter.MAX_SIZE).ifPresent(v -> to.settle(TransportParameter.MAX_SIZE, v));
            if (from.offset() > to.offset()) {
                to.resumeAt(from.offset());
            }
        }
    }

    /** A storage transport copying through a folder, URLs of its own scheme {@code share:}. */
    static final class FolderStorage implements TransportProvider {
        private final Path root;
        volatile int stored;
        volatile int deleted;

        FolderStorage(Path root) {
            this.root = root;
        }

        @Override
        public String name() {
            return "Shared folder";
        }

        @Override
        public Set<String> schemes() {
            return Set.of("share");
        }

        @Override
        public Carriage carriage(String scheme) {
            return Carriage.storage();
        }

        @Override
        public TransportSession open(TransportRequest request) {
            String name = UUID.randomUUID().toString();
            URI own = URI.create("share:" + name);
            return new TransportSession() {
                @Override
                public TransportEndpoint localEndpoint() {
                    return TransportEndpoint.of(own);
                }

                @Override
                public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
                    Path tmp = root.resolve(name + ".tmp");
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                        long n = 0;
                        while (source.read(b) >= 0) {
                            b.flip();
                            while (b.hasRemaining()) {
                                n += out.write(b);
                            }
                            b.clear();
                            progress.accept(n);
                        }
                    }
                    Files.move(tmp, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    stored++;
                }

                @Override
                public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
                    String id = from.uri().getSchemeSpecificPart();
                    if (!id.matches("[0-9a-f-]{36}")) {
                        throw new TransportException(TransportException.Reason.FORBIDDEN, "not a share of this folder: " + from);
                    }
                    try (FileChannel in = FileChannel.open(root.resolve(id), StandardOpenOption.READ)) {
                        long pos = request.offset();
                        long size = in.size();
                        while (pos < size) {
                            pos += in.transferTo(pos, size - pos, sink);
                            progress.accept(pos);
                        }
                    } catch (NoSuchFileException e) {
                        throw new TransportException(TransportException.Reason.NOT_FOUND, "the shared file is gone: " + from);
                    }
                }

                @Override
                public void close() throws IOException {
                    if (request.direction() == Direction.OUTGOING
                            && request.get(TransportParameter.CLEANUP).orElse(Cleanup.KEEP) == Cleanup.DELETE
                            && Files.deleteIfExists(root.resolve(name))) {
                        deleted++;
                    }
                }
            };
        }
    }
}
