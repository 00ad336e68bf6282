package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.testing.FaultProxy;
import org.sipdrop.testing.FaultProxy.Cut;
import org.sipdrop.testing.FaultProxy.Direction;
import org.sipdrop.testing.FaultProxy.Plan;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * Downloads cut again and again: the HTTP transport's storage (nginx WebDAV) is reached through a
 * {@link FaultProxy}, so the link in the offer points at the proxy too, and the proxy cuts every
 * connection's server-to-client stream at a random offset. The recipient's transport resumes with
 * {@code Range} by itself, attempt after attempt, and the file arrives with the sender's hash.
 * The bytes that crossed twice per cut are measured against an unbroken transfer.
 */
class HttpCutResumeTest {

    private static final int SIZE = 1024 * 1024;
    private static final long MIN_CUT = 32 * 1024;
    private static final long MAX_CUT = 512 * 1024;

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

    @Test
    void httpDownloadsCutAtRandomOffsetsResumeWithRangeToTheVerifiedFile() throws Exception {
        cutAndResume(false);
    }

    @Test
    void httpsDownloadsCutAtRandomOffsetsResumeWithRangeToTheVerifiedFile() throws Exception {
        cutAndResume(true);
    }

    private void cutAndResume(boolean https) throws Exception {
        String via = https ? "https" : "http";
        CutRun run = new CutRun(via);
        int port = https ? storage.nginx.httpsPort() : storage.nginx.httpPort();
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", port)) {
            storage.configure(URI.create(via + "://127.0.0.1:" + proxy.port() + "/dav/"), StorageFixture.USER,
                    StorageFixture.PASSWORD, https ? storage.nginx.certificate() : null);
            Peer alice = storage.user(peers, "alice", peers.settings("none", null, dir.resolve("alice-in")));
            Peer bob = storage.user(peers, "bob", peers.settings("all", null, dir.resolve("bob-in")));

            long baseline = push(alice, bob, proxy, via, 0, run.seed).extra;
            Random random = new Random(run.seed);
            // new connections (each resume opens one) are cut as they come; a pooled keep-alive
            // connection gets its cut injected before each transfer
            proxy.planEach(i -> Plan.of(Direction.SERVER_TO_CLIENT, new Cut(MIN_CUT + nextLong(random, MAX_CUT - MIN_CUT))));
            for (int i = 1; run.more(); i++) {
                int brokenBefore = proxy.broken();
                for (FaultProxy.Connection c : proxy.connections()) {
                    if (c.isOpen() && !c.hasPending(Direction.SERVER_TO_CLIENT)) {
                        c.inject(Direction.SERVER_TO_CLIENT, new Cut(MIN_CUT + nextLong(random, MAX_CUT - MIN_CUT)));
                    }
                }
                Pushed p = push(alice, bob, proxy, via, i, run.seed + i);
                int cuts = proxy.broken() - brokenBefore;
                run.transfer(p.completed, p.hashOk, cuts, p.extra - baseline, p.note);
            }
            proxy.planEach(i -> Plan.none());
            run.finish();
        } finally {
            storage.configureNginx(false);
        }
    }

    private record Pushed(boolean completed, boolean hashOk, long extra, String note) {
    }

    /** Alice pushes a fresh file to Bob; @return the outcome and the server-to-client bytes beyond the file size */
    private Pushed push(Peer alice, Peer bob, FaultProxy proxy, String via, int index, long seed) throws Exception {
        Path file = Peers.randomFile(dir.resolve("out"), "cut-" + index + ".bin", SIZE, seed);
        long before = proxy.bytes(Direction.SERVER_TO_CLIENT);
        int known = bob.agent().transfers().size();
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults().via(via)).get(0);
        Transfer got = Peers.incoming(bob, known);
        TransferState in = Peers.end(got);
        TransferState out = Peers.end(sent);
        boolean done = in == TransferState.COMPLETED && out == TransferState.COMPLETED;
        boolean hash = done && Peers.sha1(file).equals(Peers.sha1(got.file().orElseThrow()));
        long extra = proxy.bytes(Direction.SERVER_TO_CLIENT) - before - SIZE;
        String note = "receiver " + in + got.failure().map(f -> " (" + f.reason() + ")").orElse("") + ", sender " + out
                + sent.failure().map(f -> " (" + f.reason() + ")").orElse("");
        if (index == 0) {
            assertEquals(TransferState.COMPLETED, in, "an unbroken transfer through the proxy completes: " + note);
        }
        return new Pushed(done, hash, extra, note);
    }

    private static long nextLong(Random r, long bound) {
        synchronized (r) {
            return (long) (r.nextDouble() * bound);
        }
    }
}
