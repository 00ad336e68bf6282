package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * Benchmark, not a test (its name matches no test pattern; run it with
 * {@code releng/bench/http-bench}): (1) a file of {@code BENCH_SIZE} bytes (environment; 1 GiB) through nginx
 * WebDAV, SipDrop's HTTP transport (streaming PUT, then GET into the receiver's store with SHA-1
 * verified while writing) against {@code curl -T} + {@code curl -o} in the same run, best of
 * {@code BENCH_ROUNDS} (2) interleaved rounds; (2) one file to {@code BENCH_RECIPIENTS} (50)
 * recipients against one: bytes sent to the storage and wall time until every recipient's
 * delivery notification is in.
 */
class HttpStorageBench {

    @TempDir
    static Path runDir;
    private static StorageFixture storage;

    @BeforeAll
    static void start() throws Exception {
        storage = new StorageFixture(runDir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void bigFileSipDropVersusCurl() throws Exception {
        long size = env("BENCH_SIZE", 1L << 30);
        int rounds = (int) env("BENCH_ROUNDS", 2);
        storage.configureNginx(false);
        Path dir = Files.createDirectories(runDir.resolve("big"));
        Path file = randomFile(dir.resolve("big.bin"), size);
        Peers peers = storage.services;
        long hashStart = System.nanoTime();
        FileOffer offer = peers.transfers.describe(file, b -> { }).toBuilder().transferId("bench").build();
        double hashSeconds = (System.nanoTime() - hashStart) / 1e9;
        TransportProvider http = peers.transfers.transport("http").orElseThrow();
        ReceivedFileStore store = peers.service(ReceivedFileStore.class);
        double bestCurl = Double.MAX_VALUE;
        double bestSipdrop = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            bestCurl = Math.min(bestCurl, curl(file, dir));
            bestSipdrop = Math.min(bestSipdrop, sipdrop(http, store, offer, file, dir));
        }
        double mib = size / 1048576.0;
        System.out.printf("bench big-file size=%d bytes rounds=%d%n", size, rounds);
        System.out.printf("bench curl    upload+download %.2f s (%.0f MiB/s per direction)%n", bestCurl, 2 * mib / bestCurl);
        System.out.printf("bench sipdrop upload+download %.2f s (%.0f MiB/s per direction; download SHA-1 verified while writing)%n",
                bestSipdrop, 2 * mib / bestSipdrop);
        System.out.printf("bench ratio sipdrop/curl %.3f (goal <= 1.05); SHA-1 of the file before offering: %.2f s%n",
                bestSipdrop / bestCurl, hashSeconds);
        System.out.printf("bench ratio sipdrop/(curl + sha1sum of the download) %.3f (curl does not verify; SipDrop does)%n",
                bestSipdrop / (bestCurl + lastSha1sum));
        Files.delete(file);
    }

    private static double lastSha1sum = Double.MAX_VALUE;

    private static double curl(Path file, Path dir) throws Exception {
        URI url = storage.nginx.davUri().resolve("curl-" + System.nanoTime() + ".bin");
        String user = StorageFixture.USER + ":" + StorageFixture.PASSWORD;
        Path out = dir.resolve("curl.out");
        long t0 = System.nanoTime();
        run("curl", "-sS", "-f", "-u", user, "-T", file.toString(), url.toString());
        long t1 = System.nanoTime();
        run("curl", "-sS", "-f", "-u", user, "-o", out.toString(), url.toString());
        double s = (System.nanoTime() - t0) / 1e9;
        long t2 = System.nanoTime();
        run("sha1sum", out.toString());
        double sha = (System.nanoTime() - t2) / 1e9;
        lastSha1sum = Math.min(lastSha1sum, sha);
        System.out.printf("bench round curl    up %.2f s down %.2f s (then sha1sum %.2f s)%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, sha);
        assertEquals(Files.size(file), Files.size(out));
        Files.delete(out);
        run("curl", "-sS", "-f", "-u", user, "-X", "DELETE", url.toString());
        return s;
    }

    private static double sipdrop(TransportProvider http, ReceivedFileStore store, FileOffer offer, Path file, Path dir)
            throws Exception {
        Path into = Files.createDirectories(dir.resolve("in-" + System.nanoTime()));
        long t0 = System.nanoTime();
        org.sipdrop.transfer.TransportEndpoint url;
        try (TransportSession up = http.open(new TransportRequest(offer, Direction.OUTGOING, "bench", "http", 0));
                FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            url = up.localEndpoint();
            up.send(url, in, b -> { });
        }
        long t1 = System.nanoTime();
        Path saved;
        try (TransportSession down = http.open(new TransportRequest(offer, Direction.INCOMING, "bench", "http", 0))) {
            ReceivedFileStore.Partial partial = store.begin(into, offer);
            down.receive(url, partial, b -> { });
            saved = partial.complete();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("bench round sipdrop up %.2f s down %.2f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        assertEquals(Files.size(file), Files.size(saved));
        Files.delete(saved);
        run("curl", "-sS", "-f", "-u", StorageFixture.USER + ":" + StorageFixture.PASSWORD, "-X", "DELETE", url.toString());
        return s;
    }

    @Test
    void oneFileToManyRecipientsVersusOne() throws Exception {
        int many = (int) env("BENCH_RECIPIENTS", 50);
        int size = (int) env("BENCH_FANOUT_SIZE", 8 * 1024 * 1024);
        try (CuttingProxy counter = new CuttingProxy(storage.nginx.httpPort(), Long.MAX_VALUE);
                Peers peers = new Peers()) {
            storage.configure(URI.create("http://127.0.0.1:" + counter.port() + "/dav/"), StorageFixture.USER,
                    StorageFixture.PASSWORD, null);
            Path dir = Files.createDirectories(runDir.resolve("fan"));
            Path file = randomFile(dir.resolve("fan.bin"), size);
            Peer alice = storage.user(peers, "alice", peers.settings("none", null, dir.resolve("alice-in")));
            List<String> recipients = new ArrayList<>();
            for (int i = 1; i <= many; i++) {
                storage.user(peers, "r" + i, peers.settings("all", null, dir.resolve("r" + i)));
                recipients.add("sip:r" + i + "@127.0.0.1");
            }
            for (int n : new int[] {1, many}) {
                long before = counter.upstreamBytes();
                long t0 = System.nanoTime();
                List<Transfer> sent = alice.agent().sendToAll(recipients.subList(0, n), List.of(file),
                        SendOptions.defaults().via("http"));
                long done = sent.stream().filter(t -> {
                    try {
                        return Peers.end(t) == TransferState.COMPLETED;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }).count();
                double s = (System.nanoTime() - t0) / 1e9;
                long up = counter.upstreamBytes() - before;
                System.out.printf("bench fan-out recipients=%d delivered=%d file=%d bytes sent-to-storage=%d (%.3f x file; "
                        + "includes every GET's request headers) wall=%.2f s%n", n, done, size, up, up / (double) size, s);
                for (Path p : recipients.subList(0, n).stream().map(r -> dir.resolve(r.substring(4, r.indexOf('@')))).toList()) {
                    deleteTree(p);
                }
            }
        }
    }

    private static long env(String name, long fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
    }

    private static Path randomFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(4483);
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buf.length) {
                for (int i = 0; i < buf.length; i += 8) {
                    long v = random.nextLong();
                    for (int k = 0; k < 8; k++) {
                        buf[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(buf, 0, (int) Math.min(buf.length, left));
            }
        }
        return file;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(600, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 600 s");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command));
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
