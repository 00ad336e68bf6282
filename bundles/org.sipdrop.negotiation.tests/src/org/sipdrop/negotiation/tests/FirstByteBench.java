package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.testing.Kamailio;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

/**
 * Benchmark, not a test (its name matches no test pattern; run it with
 * {@code releng/bench/first-byte}): the time from a user's send to the first file byte at the
 * receiver (issue 17), a file of {@code BENCH_SIZE} bytes (1 MiB) alice → bob, SIP over TCP on
 * loopback, through the embedded server and through Kamailio, {@code BENCH_ROUNDS} (30) rounds
 * after 3 unmeasured ones. Prints the median and p90 of each step's time since the send: the
 * transfer API's callbacks (hashing, the receiver's offer and first byte, completion) and the
 * marks the engine and the MSRP transport write while the system property
 * {@code sipdrop.trace.file} names a file (off by default).
 */
class FirstByteBench {

    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");
    private static final int WARMUP = 3;
    private static final String FIRST_BYTE = "FIRST BYTE (receiver's progress)";

    @TempDir
    Path dir;

    @Test
    void throughTheEmbeddedServer() throws Exception {
        try (Peers peers = new Peers()) {
            Map<String, String> settings = new HashMap<>(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                    EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
            Path users = dir.resolve("users.txt");
            StringBuilder lines = new StringBuilder();
            USERS.forEach((u, p) -> lines.append(u).append(':').append(p).append('\n'));
            Files.writeString(users, lines, StandardCharsets.UTF_8);
            settings.put(EmbeddedServerFactory.USERS, users.toString());
            EmbeddedServer server = peers.service(EmbeddedServerFactory.class).start(settings);
            try {
                String registrar = server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst().orElseThrow();
                run("embedded-server", 15, peers, "127.0.0.1", registrar);
            } finally {
                server.close();
            }
        }
    }

    @Test
    void throughKamailio() throws Exception {
        if ("0".equals(System.getenv("BENCH_KAMAILIO"))) {
            return;
        }
        try (Kamailio kamailio = Kamailio.start(Kamailio.Mode.DIGEST, dir.resolve("kamailio"), Kamailio.Ports.freeWithoutTls(),
                USERS); Peers peers = new Peers()) {
            run("kamailio", 25, peers, Kamailio.DOMAIN, kamailio.uri("tcp"));
        }
    }

    private void run(String via, int goalMillis, Peers peers, String domain, String registrar) throws Exception {
        int rounds = (int) env("BENCH_ROUNDS", 30);
        long size = env("BENCH_SIZE", 1024 * 1024);
        Peer alice = peers.registered("sip:alice@" + domain, registrar, USERS.get("alice"),
                peers.settings("none", null, dir.resolve(via + "-alice-in")));
        Peer bob = peers.registered("sip:bob@" + domain, registrar, USERS.get("bob"),
                peers.settings("all", null, dir.resolve(via + "-bob-in")));
        Path trace = dir.resolve(via + "-trace.txt");
        Map<Transfer, Long> offered = new ConcurrentHashMap<>();
        Map<Transfer, Long> firstByte = new ConcurrentHashMap<>();
        bob.agent().onIncoming(t -> {
            offered.putIfAbsent(t, System.nanoTime());
            t.addListener(new TransferListener() {
                @Override
                public void progress(Transfer transfer, long bytes) {
                    if (bytes > 0) {
                        firstByte.putIfAbsent(transfer, System.nanoTime());
                    }
                }
            });
        });
        Map<String, List<Long>> steps = new LinkedHashMap<>();
        System.setProperty("sipdrop.trace.file", trace.toString());
        try {
            for (int r = 0; r < WARMUP + rounds; r++) {
                Path file = Peers.randomFile(dir.resolve(via + "-out"), "r" + r + ".bin", (int) size, r);
                Files.deleteIfExists(trace);
                AtomicReference<Long> hashed = new AtomicReference<>();
                int known = bob.agent().transfers().size();
                long t0 = System.nanoTime();
                Transfer sent = alice.agent().send("sip:bob@" + domain, List.of(file), SendOptions.defaults()
                        .onHashing((f, bytes, total) -> {
                            if (bytes == total) {
                                hashed.compareAndSet(null, System.nanoTime());
                            }
                        })).get(0);
                long returned = System.nanoTime();
                Transfer got = Peers.incoming(bob, known);
                assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
                long receiverDone = System.nanoTime();
                assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
                if (r < WARMUP) {
                    continue;
                }
                Map<String, Long> at = new LinkedHashMap<>();
                at.put("hash (SHA-1 pre-pass) done", hashed.get());
                Map<String, Long> marks = marks(trace);
                at.put("OPTIONS sent", marks.get("options.sent"));
                at.put("OPTIONS answered", marks.get("options.answered"));
                at.put("INVITE sent", marks.get("invite.sent"));
                at.put("send() returned", returned);
                at.put("offer at the receiver (onIncoming)", offered.get(got));
                at.put("200 OK handled by the sender", marks.get("invite.answered"));
                at.put("sender's stream starts", marks.get("sender.send"));
                at.put("MSRP connected (sender, active)", marks.get("msrp.connected"));
                at.put("MSRP first data SEND starts", marks.get("msrp.sending"));
                at.put("MSRP bound at the receiver", marks.get("msrp.bind.received"));
                at.put("first chunk at the receiver (wire)", marks.get("msrp.chunk.received"));
                at.put(FIRST_BYTE, firstByte.get(got));
                at.put("first REPORT at the sender", marks.get("msrp.report"));
                at.put("receiver's binding settled", marks.get("msrp.settled"));
                at.put("receiver completed (seen)", receiverDone);
                at.forEach((step, t) -> steps.computeIfAbsent(step, k -> new ArrayList<>()).add(t == null ? null : t - t0));
                Files.deleteIfExists(got.file().orElseThrow());
                Files.delete(file);
            }
        } finally {
            System.clearProperty("sipdrop.trace.file");
        }
        System.out.printf("bench first-byte via=%s size=%d rounds=%d (after %d warm-up), SIP over TCP, ms since send():%n",
                via, size, rounds, WARMUP);
        steps.forEach((step, list) -> {
            List<Long> v = list.stream().filter(java.util.Objects::nonNull).sorted().toList();
            if (v.isEmpty()) {
                System.out.printf("bench   %-40s (no mark)%n", step);
            } else {
                System.out.printf("bench   %-40s median %8.1f  p90 %8.1f  min %8.1f  max %8.1f%n", step, ms(pct(v, 50)),
                        ms(pct(v, 90)), ms(v.get(0)), ms(v.get(v.size() - 1)));
            }
        });
        List<Long> first = steps.get(FIRST_BYTE).stream().filter(java.util.Objects::nonNull).sorted().toList();
        System.out.printf("bench first-byte via=%s median %.1f ms, goal %d ms (issue 17): ratio %.2f%n", via,
                ms(pct(first, 50)), goalMillis, ms(pct(first, 50)) / goalMillis);
    }

    /** @return the first time each event was marked */
    private static Map<String, Long> marks(Path trace) throws Exception {
        Map<String, Long> first = new HashMap<>();
        if (Files.exists(trace)) {
            for (String line : Files.readAllLines(trace)) {
                String[] p = line.split(" ");
                first.merge(p[0], Long.parseLong(p[1]), Math::min);
            }
        }
        return first;
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long env(String name, long fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Long.parseLong(v.strip());
    }
}
