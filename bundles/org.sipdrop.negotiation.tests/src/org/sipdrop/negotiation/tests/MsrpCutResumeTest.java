package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.testing.FaultProxy;
import org.sipdrop.testing.FaultProxy.Cut;
import org.sipdrop.testing.FaultProxy.Direction;
import org.sipdrop.testing.KamailioMsrpRelay;
import org.sipdrop.testing.ThrowAwayKeys;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;

/**
 * MSRP sessions cut mid-file: the MSRP transport uses Kamailio's relay (RFC 4976) and reaches it
 * through a {@link FaultProxy}, so every chunk of both users crosses the proxy on the relay
 * connection. The proxy cuts that connection at a random offset of the client-to-relay stream:
 * the transfer fails on both sides and the receiver keeps a {@code .part} (none when no chunk had
 * reached it), never a complete-looking file; sending the same file again resumes after the held bytes (RFC 5547 §6 file-range) and the
 * file arrives with the sender's hash. Over TCP (msrp) and TLS (msrps, the proxy forwarding the
 * TLS records untouched). No production code knows of the proxy: it is only the relay URI.
 */
class MsrpCutResumeTest {

    private static final String PID = "org.sipdrop.transport.msrp";
    private static final int SIZE = 512 * 1024;
    private static final long MIN_CUT = 32 * 1024;
    private static final long MAX_CUT = 448 * 1024;

    @TempDir
    static Path runDir;
    private static KamailioMsrpRelay relay;
    private static Path relayTrust;

    @TempDir
    Path dir;
    private Peers peers;

    @BeforeAll
    static void startRelay() throws Exception {
        Path keys = Files.createDirectories(runDir.resolve("keys"));
        Path relayKey = ThrowAwayKeys.selfSigned(keys, "relay");
        relayTrust = ThrowAwayKeys.trusting(keys, relayKey, "relay");
        relay = KamailioMsrpRelay.start(Files.createDirectories(runDir.resolve("relay")),
                ThrowAwayKeys.pem(keys, relayKey, "relay"));
    }

    @AfterAll
    static void stopRelay() throws Exception {
        if (relay != null) {
            relay.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            Configuration c = peers.service(ConfigurationAdmin.class).getConfiguration(PID, "?");
            c.delete();
        } finally {
            peers.close();
        }
    }

    @Test
    void msrpSessionsCutThroughTheRelayLeaveAPartThatTheNextOfferResumesToTheVerifiedFile() throws Exception {
        cutAndResume("msrp", relay.address());
    }

    @Test
    void msrpsSessionsCutThroughTheRelayLeaveAPartThatTheNextOfferResumesToTheVerifiedFile() throws Exception {
        cutAndResume("msrps", relay.tlsAddress());
    }

    private void cutAndResume(String scheme, String relayAddress) throws Exception {
        CutRun run = new CutRun(scheme);
        int relayPort = Integer.parseInt(relayAddress.substring(relayAddress.lastIndexOf(':') + 1));
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", relayPort)) {
            configure(scheme + "://127.0.0.1:" + proxy.port() + ";tcp");
            Peer alice = peers.direct("alice", "none", null, dir.resolve("alice-in"));
            Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));

            Path warm = Peers.randomFile(dir.resolve("out"), "warm.bin", SIZE, run.seed);
            long before = proxy.bytes(Direction.CLIENT_TO_SERVER);
            Outcome first = send(alice, bob, warm, scheme);
            assertTrue(first.completed, () -> "an unbroken transfer through the proxied relay completes: " + first.note
                    + "\n" + relay.tail());
            long baseline = proxy.bytes(Direction.CLIENT_TO_SERVER) - before;
            assertTrue(baseline >= SIZE, "the file crossed the proxy: " + baseline + " bytes; " + proxy);

            Random random = new Random(run.seed);
            for (int i = 1; run.more(); i++) {
                Path file = Peers.randomFile(dir.resolve("out"), "cut-" + i + ".bin", SIZE, run.seed + i);
                long cutAt = MIN_CUT + (long) (random.nextDouble() * (MAX_CUT - MIN_CUT));
                int brokenBefore = proxy.broken();
                before = proxy.bytes(Direction.CLIENT_TO_SERVER);
                int connectionsBefore = Math.max(0, proxy.connections().size() - 1);
                proxy.injectAll(Direction.CLIENT_TO_SERVER, new Cut(cutAt));
                Outcome cut = send(alice, bob, file, scheme);
                int cuts = proxy.broken() - brokenBefore;
                Path part = bob.folder().resolve(file.getFileName() + ".part");
                Path whole = bob.folder().resolve(file.getFileName().toString());
                long held = Files.exists(part) ? Files.size(part) : -1;
                boolean wholeThere = Files.exists(whole);
                // a cut before the first chunk reached Bob leaves nothing to resume: no .part either
                boolean resumable = !cut.completed && !wholeThere && held < SIZE;
                String wire = resumable ? "" : " proxy: " + proxy.connections().subList(connectionsBefore,
                        proxy.connections().size()) + "; bob's folder: " + listing(bob.folder());
                Outcome again = send(alice, bob, file, scheme);
                boolean hash = again.completed && Peers.sha1(file).equals(Peers.sha1(again.received.file().orElseThrow()));
                long extra = proxy.bytes(Direction.CLIENT_TO_SERVER) - before - baseline;
                run.transfer(again.completed && resumable, hash, cuts, extra, "cut at " + cutAt + ", .part held "
                        + (held < 0 ? "nothing" : Long.toString(held))
                        + (resumable ? "" : " (NOT resumable: first " + cut.note + ", whole file there: " + wholeThere + ")"
                                + wire) + "; resumed: " + again.note + "; no .part left: " + Files.notExists(part));
            }
            run.finish();
        }
    }

    private static String listing(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName() + "=" + f.toFile().length()).sorted().toList().toString();
        }
    }

    private record Outcome(boolean completed, Transfer received, String note) {
    }

    private static Outcome send(Peer alice, Peer bob, Path file, String scheme) throws Exception {
        int known = bob.agent().transfers().size();
        Transfer sent = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults().via(scheme)).get(0);
        Transfer got = Peers.incoming(bob, known);
        TransferState in = Peers.end(got);
        TransferState out = Peers.end(sent);
        String note = "receiver " + in + got.failure().map(f -> " (" + f.reason() + ")").orElse("") + ", sender " + out
                + sent.failure().map(f -> " (" + f.reason() + ")").orElse("");
        return new Outcome(in == TransferState.COMPLETED && out == TransferState.COMPLETED, got, note);
    }

    /** Points the MSRP transport at the relay through the proxy and waits until it runs so. */
    private void configure(String relayUri) throws Exception {
        Configuration c = peers.service(ConfigurationAdmin.class).getConfiguration(PID, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("relay.uri", relayUri);
        p.put("relay.user", KamailioMsrpRelay.USER);
        p.put(".relay.password", KamailioMsrpRelay.PASSWORD);
        p.put("tls.trust.store", relayTrust.toString());
        p.put(".tls.trust.store.password", ThrowAwayKeys.PASSWORD);
        String marker = UUID.randomUUID().toString();
        p.put("test.marker", marker);
        c.update(p);
        ServiceTracker<TransportProvider, TransportProvider> t = new ServiceTracker<>(peers.context(),
                peers.context().createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                        + TransportProvider.SCHEME_PROPERTY + "=msrp)(test.marker=" + marker + "))"), null);
        t.open();
        try {
            assertNotNull(t.waitForService(Duration.ofSeconds(15).toMillis()), "the MSRP transport restarts with the relay");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (peers.transfers.transport("msrp").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            t.close();
        }
    }
}
