package org.sipdrop.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;
import org.sipdrop.transport.msrp.internal.session.StackConfig;
import org.sipdrop.transport.mqtt.internal.MqttTransportConfig;
import org.sipdrop.transport.mqtt.internal.MqttTransportProvider;

/**
 * The MQTT transport on a local mosquitto (started by {@code releng/bench/mqtt-bench}), plain JVM,
 * against a Paho-only baseline on the same broker and against MSRP on loopback; see the script's
 * head for the modes. Sender and receiver are two providers (users alice and bob, one broker
 * connection each per scheme), as two SipDrop peers would be. Settings of the transport come from
 * the system property {@code bench.mqtt} ({@code chunk.size=262144,window=64,...}); the Paho
 * baseline uses the same chunk size and {@code max.inflight = window}.
 */
public final class MqttBench {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final long BOUND_SECONDS = 900;

    private final Map<String, Object> base = new HashMap<>();
    private final String cert;
    private final PahoBaseline paho;

    private MqttBench(int port, int tlsPort, String cert) {
        this.cert = cert;
        this.paho = new PahoBaseline(port, tlsPort);
        base.put("broker", "127.0.0.1");
        base.put("port", port);
        base.put("tls_port", tlsPort);
        base.put("tls_trust_store", cert);
        base.putAll(parse(System.getProperty("bench.mqtt", "")));
    }

    /** {@code a.b=1,c=x} to method names ({@code a_b}) and values. */
    static Map<String, Object> parse(String settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String kv : settings.split("[,;]")) {
            if (kv.isBlank()) {
                continue;
            }
            String[] p = kv.strip().split("=", 2);
            String v = p[1].strip();
            m.put(p[0].strip().replace('.', '_'), v.matches("-?[0-9]+") ? (Object) Integer.valueOf(v) : v);
        }
        return m;
    }

    /** The DS annotation the provider's constructor takes: the annotation's defaults, then {@code values}. */
    static MqttTransportConfig config(Map<String, Object> values) {
        return (MqttTransportConfig) Proxy.newProxyInstance(MqttBench.class.getClassLoader(),
                new Class<?>[] { MqttTransportConfig.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "annotationType":
                            return MqttTransportConfig.class;
                        case "toString":
                            return "MqttTransportConfig" + values;
                        case "hashCode":
                            return values.hashCode();
                        case "equals":
                            return proxy == args[0];
                        default:
                            Object v = values.containsKey(method.getName()) ? values.get(method.getName())
                                    : method.getDefaultValue();
                            if (v == null) {
                                throw new IllegalStateException("no value for " + method.getName());
                            }
                            return method.getReturnType() == int.class && v instanceof String s ? Integer.valueOf(s) : v;
                    }
                });
    }

    private int setting(String name) {
        Object v = base.get(name);
        if (v != null) {
            return ((Number) v).intValue();
        }
        try {
            Method m = MqttTransportConfig.class.getMethod(name);
            return (Integer) m.getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    /** Sender alice and receiver bob: two providers, as two peers; {@code extra} over the base settings. */
    private Peers peers(Map<String, Object> extra) {
        Map<String, Object> a = new HashMap<>(base);
        a.putAll(extra);
        a.put("user", "alice");
        a.put("_password", "alice-secret");
        Map<String, Object> b = new HashMap<>(a);
        b.put("user", "bob");
        b.put("_password", "bob-secret");
        return new Peers(new MqttTransportProvider(config(a)), new MqttTransportProvider(config(b)));
    }

    record Peers(MqttTransportProvider sender, MqttTransportProvider receiver) implements AutoCloseable {
        @Override
        public void close() throws ReflectiveOperationException {
            for (MqttTransportProvider p : List.of(sender, receiver)) {
                Method d = MqttTransportProvider.class.getDeclaredMethod("deactivate");
                d.setAccessible(true);
                d.invoke(p);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        long size = Long.parseLong(args[1]);
        Path dir = Path.of(args[2]);
        MqttBench bench = new MqttBench(Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
        switch (mode) {
            case "time" -> bench.time(size, dir);
            case "memory" -> bench.memory(size, dir);
            case "threads" -> bench.threads(size, dir, Integer.parseInt(args[6]));
            case "variants" -> bench.variants(size, dir, List.of(args).subList(6, args.length));
            case "paho" -> bench.pahoVariants(size, dir, List.of(args).subList(6, args.length));
            case "subscriber" -> bench.subscriber(size, dir, Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException(mode);
        }
        POOL.shutdownNow();
        System.exit(0); // Paho's timers are not all daemons
    }

    // ---------------------------------------------------------------- throughput

    private void time(long size, Path dir) throws Exception {
        Path src = MsrpBench.randomFile(dir.resolve("src.bin"), size);
        Path dst = dir.resolve("dst.bin");
        int chunk = setting("chunk_size");
        int window = setting("window");
        SSLSocketFactory tls = PahoBaseline.pemTrust(Path.of(cert));
        long warm = Math.min(size, 64L << 20);
        try (Peers p = peers(Map.of())) {
            String[] names = { "paho", "paho-tls", "mqtt", "mqtts", "msrp" };
            Run[] runs = { () -> paho.run(null, src, dst, size, chunk, window), () -> paho.run(tls, src, dst, size, chunk, window),
                    () -> sipdrop(p, "mqtt", src, dst, size), () -> sipdrop(p, "mqtts", src, dst, size),
                    () -> MsrpBench.msrp(StackConfig.defaults(), false, src, dst, size) };
            // warm-up on a slice so the JIT has compiled every path before timing
            paho.run(null, src, dst, warm, chunk, window);
            paho.run(tls, src, dst, warm, chunk, window);
            sipdrop(p, "mqtt", src, dst, warm);
            sipdrop(p, "mqtts", src, dst, warm);
            MsrpBench.msrp(StackConfig.defaults(), false, src, dst, warm);
            double[] best = new double[runs.length];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            for (int r = 0; r < ROUNDS; r++) {
                StringBuilder line = new StringBuilder("round " + (r + 1) + ":");
                for (int i = 0; i < runs.length; i++) {
                    double s = runs[i].seconds();
                    best[i] = Math.min(best[i], s);
                    line.append(String.format(" %s %.1f", names[i], size / 1048576.0 / s));
                    if (names[i].startsWith("mqtt")) { // the files through SipDrop, compared outside the timing
                        String hs = sha256(src);
                        String hd = sha256(dst);
                        if (!hs.equals(hd)) {
                            throw new IllegalStateException(names[i] + ": received file differs from the source");
                        }
                        line.append(" (sha256 ok)");
                    }
                }
                System.out.println(line + "  MiB/s");
            }
            double mib = size / 1048576.0;
            System.out.printf("size=%.0f MiB, chunk.size=%d, window=%d, max.inflight=%d (Paho baseline: max inflight %d)%n",
                    mib, chunk, window, setting("max_inflight"), window);
            System.out.printf("sha256 %s (mqtt and mqtts received files identical)%n", sha256(src));
            String[] label = { "Paho-only baseline (QoS 1, file to file)", "Paho-only baseline over TLS", "SipDrop mqtt", "SipDrop mqtts",
                    "SipDrop msrp (loopback)" };
            for (int i = 0; i < runs.length; i++) {
                System.out.printf("%-42s %7.3f s  %7.1f MiB/s%n", label[i], best[i], mib / best[i]);
            }
            System.out.printf("mqtt  / paho baseline      %.2f  (throughput ratio)%n", best[0] / best[2]);
            System.out.printf("mqtts / paho baseline      %.2f%n", best[0] / best[3]);
            System.out.printf("mqtts / paho TLS baseline  %.2f%n", best[1] / best[3]);
            System.out.printf("mqtt  / msrp               %.2f%n", best[4] / best[2]);
        }
        Files.deleteIfExists(src);
        Files.deleteIfExists(dst);
    }

    /** Runs each settings line (e.g. {@code chunk.size=262144,window=64}) on plain mqtt; best of the rounds. */
    private void variants(long size, Path dir, List<String> variants) throws Exception {
        Path src = MsrpBench.randomFile(dir.resolve("src.bin"), size);
        Path dst = dir.resolve("dst.bin");
        String hs = sha256(src);
        System.out.printf("size=%.0f MiB, plain mqtt, best of %d%n", size / 1048576.0, ROUNDS);
        for (String v : variants) {
            Map<String, Object> extra = parse(v);
            double best = Double.MAX_VALUE;
            try (Peers p = peers(extra)) {
                sipdrop(p, "mqtt", src, dst, Math.min(size, 64L << 20));
                for (int r = 0; r < ROUNDS; r++) {
                    best = Math.min(best, sipdrop(p, "mqtt", src, dst, size));
                }
            }
            boolean same = hs.equals(sha256(dst));
            System.out.printf("%-44s %7.3f s  %7.1f MiB/s  sha256 %s%n", v.isBlank() ? "(defaults)" : v, best,
                    size / 1048576.0 / best, same ? "ok" : "DIFFERENT");
        }
        Files.deleteIfExists(src);
        Files.deleteIfExists(dst);
    }

    /** The Paho-only baseline with each {@code CHUNK:INFLIGHT} pair, plain; best of the rounds. */
    private void pahoVariants(long size, Path dir, List<String> variants) throws Exception {
        Path src = MsrpBench.randomFile(dir.resolve("src.bin"), size);
        Path dst = dir.resolve("dst.bin");
        System.out.printf("size=%.0f MiB, Paho-only baseline, plain, best of %d%n", size / 1048576.0, ROUNDS);
        for (String v : variants) {
            String[] ci = v.split(":");
            int chunk = Integer.parseInt(ci[0]);
            int inflight = Integer.parseInt(ci[1]);
            paho.run(null, src, dst, Math.min(size, 64L << 20), chunk, inflight);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < ROUNDS; r++) {
                best = Math.min(best, paho.run(null, src, dst, size, chunk, inflight));
            }
            System.out.printf("paho chunk=%-8d inflight=%-5d %7.3f s  %7.1f MiB/s%n", chunk, inflight, best, size / 1048576.0 / best);
        }
        Files.deleteIfExists(src);
        Files.deleteIfExists(dst);
    }

    /**
     * Paho's receiving side alone: a Paho subscriber (QoS 1, counting, no SipDrop code) takes
     * {@code count} messages of {@code size} bytes in all that mosquitto_pub publishes (the script
     * starts it once {@code dir/subscribed} exists); timed from the first message to the last.
     */
    private void subscriber(long size, Path dir, int count) throws Exception {
        MqttAsyncClient sub = new MqttAsyncClient("tcp://127.0.0.1:" + base.get("port"), "bench-sub-" + System.nanoTime(),
                new MemoryPersistence());
        CountDownLatch all = new CountDownLatch(1);
        AtomicLong bytes = new AtomicLong();
        AtomicInteger messages = new AtomicInteger();
        long[] first = { 0 };
        sub.setCallback(new PahoBaseline.Callback() {
            @Override
            public void messageArrived(String t, MqttMessage m) {
                if (messages.getAndIncrement() == 0) {
                    first[0] = System.nanoTime();
                }
                if (bytes.addAndGet(m.getPayload().length) >= size || messages.get() >= count) {
                    all.countDown();
                }
            }
        });
        sub.connect(PahoBaseline.options(null, "bob", 32)).waitForCompletion(10_000);
        sub.subscribe("bench/c", 1).waitForCompletion(10_000);
        Files.writeString(dir.resolve("subscribed"), "");
        if (!all.await(BOUND_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("only " + messages.get() + " of " + count + " messages arrived");
        }
        double s = (System.nanoTime() - first[0]) / 1e9;
        System.out.printf("%-42s %7.3f s  %7.1f MiB/s  (%d messages of %d bytes)%n", "mosquitto_pub -> Paho subscriber", s,
                bytes.get() / 1048576.0 / s, messages.get(), bytes.get() / Math.max(1, messages.get()));
        sub.disconnect(0).waitForCompletion(2_000);
        sub.close(true);
    }

    interface Run {
        double seconds() throws Exception;
    }

    /** One file through SipDrop: sessions opened and endpoints exchanged, then send and receive at once (timed). */
    static double sipdrop(Peers p, String scheme, Path src, Path dst, long size) throws Exception {
        try (FileChannel in = FileChannel.open(src); FileChannel out = MsrpBench.open(dst)) {
            return sipdrop(p, scheme, in, out, size, null);
        }
    }

    static double sipdrop(Peers p, String scheme, java.nio.channels.ReadableByteChannel in, WritableByteChannel out, long size,
            CountDownLatch started) throws Exception {
        FileOffer offer = FileOffer.builder("bench.bin", size).build();
        try (TransportSession tx = p.sender().open(new TransportRequest(offer, Direction.OUTGOING, "sip:bob@127.0.0.1", scheme, 0));
                TransportSession rx = p.receiver()
                        .open(new TransportRequest(offer, Direction.INCOMING, "sip:alice@127.0.0.1", scheme, 0))) {
            TransportEndpoint offered = tx.localEndpoint();
            TransportEndpoint answered = rx.localEndpoint();
            if (started != null) {
                started.countDown();
                started.await();
            }
            long t0 = System.nanoTime();
            Future<?> r = POOL.submit(() -> {
                rx.receive(offered, out, n -> {
                });
                return null;
            });
            Future<?> s = POOL.submit(() -> {
                tx.send(answered, in, n -> {
                });
                return null;
            });
            s.get(BOUND_SECONDS, TimeUnit.SECONDS);
            r.get(BOUND_SECONDS, TimeUnit.SECONDS);
            return (System.nanoTime() - t0) / 1e9;
        }
    }


    // ---------------------------------------------------------------- memory and threads

    /**
     * One file of {@code size} bytes through SipDrop over plain mqtt (run under -Xmx128m): the
     * live heap peak after GC as {@link MsrpBench} measures it. The source is a sparse file (zeros,
     * no disk space); the sink hashes and discards, checked against the source's SHA-256.
     */
    private void memory(long size, Path dir) throws Exception {
        Path src = dir.resolve("mem-src.bin");
        try (FileChannel ch = MsrpBench.open(src)) {
            ch.truncate(0);
            ch.position(size - 1).write(ByteBuffer.wrap(new byte[1])); // sparse: all zeros, no blocks
        }
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long[] liveMax = { 0 };
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                        .from((javax.management.openmbean.CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(java.lang.management.MemoryUsage::getUsed).sum();
                synchronized (liveMax) {
                    liveMax[0] = Math.max(liveMax[0], used);
                }
            }, null, null);
        }
        HashingSink sink = new HashingSink();
        double s;
        try (Peers p = peers(Map.of()); FileChannel in = FileChannel.open(src)) {
            s = sipdrop(p, "mqtt", in, sink, size, null);
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPeak += p.getPeakUsage().getUsed();
            }
        }
        String hs = sha256(src);
        String hd = sink.hex();
        Files.delete(src);
        System.out.printf("memory size=%d seconds=%.2f MiB/s=%.1f liveAfterGcPeakMiB=%.1f heapPeakMiB=%.1f maxHeapMiB=%.0f"
                + " rssPeakMiB=%.1f sha256 %s%n", size, s, size / 1048576.0 / s, liveMax[0] / 1048576.0, heapPeak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, vmHwmKiB() / 1024.0, hs.equals(hd) ? "ok" : "DIFFERENT");
        if (!hs.equals(hd) || sink.count != size) {
            throw new IllegalStateException("received " + sink.count + " bytes, sha256 " + hd + ", sent " + hs);
        }
    }

    /**
     * {@code n} concurrent transfers of {@code size} bytes each through the same two providers
     * (one broker connection per side), sampling the JVM's threads every 20 ms while bytes move;
     * prints the peak, the peak without the bench's own callers (two per transfer: the API
     * blocks), and the peak of Paho's threads by name.
     */
    private void threads(long size, Path dir, int n) throws Exception {
        Path src = MsrpBench.randomFile(dir.resolve("thr-src.bin"), size);
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Peers p = peers(Map.of())) {
            sipdrop(p, "mqtt", src, dir.resolve("thr-dst-0.bin"), Math.min(size, 1 << 20)); // connect both links first
            int idle = mx.getThreadCount();
            CountDownLatch started = new CountDownLatch(n);
            List<Future<Double>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path dst = dir.resolve("thr-dst-" + i + ".bin");
                runs.add(POOL.submit(() -> {
                    try (FileChannel in = FileChannel.open(src); FileChannel out = MsrpBench.open(dst)) {
                        return sipdrop(p, "mqtt", in, out, size, started);
                    }
                }));
            }
            started.await();
            int peak = 0;
            int peakNonBench = 0;
            TreeMap<String, Integer> pahoPeak = new TreeMap<>();
            while (!runs.stream().allMatch(Future::isDone)) {
                ThreadInfo[] all = mx.getThreadInfo(mx.getAllThreadIds());
                int total = 0;
                int nonBench = 0;
                Map<String, Integer> paho = new TreeMap<>();
                for (ThreadInfo t : all) {
                    if (t == null) {
                        continue;
                    }
                    total++;
                    if (!t.getThreadName().startsWith("bench-")) {
                        nonBench++;
                    }
                    if (t.getThreadName().startsWith("MQTT")) {
                        paho.merge(t.getThreadName().replaceAll(":.*", ""), 1, Integer::sum);
                    }
                }
                peak = Math.max(peak, total);
                if (nonBench > peakNonBench) {
                    peakNonBench = nonBench;
                    pahoPeak = new TreeMap<>(paho);
                }
                Thread.sleep(20);
            }
            double slowest = 0;
            for (Future<Double> f : runs) {
                slowest = Math.max(slowest, f.get());
            }
            System.out.printf("threads transfers=%d sizeEach=%.0fMiB idle=%d peak=%d peakWithoutBenchCallers=%d paho=%s"
                    + " aggregate=%.1fMiB/s%n", n, size / 1048576.0, idle, peak, peakNonBench, pahoPeak,
                    n * size / 1048576.0 / slowest);
        }
        for (int i = 0; i < n; i++) {
            Files.deleteIfExists(dir.resolve("thr-dst-" + i + ".bin"));
        }
        Files.deleteIfExists(src);
    }

    /** Counts and hashes what it is given; keeps nothing. */
    private static final class HashingSink implements WritableByteChannel {
        private final MessageDigest md;
        long count;

        HashingSink() throws Exception {
            md = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            md.update(src);
            count += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        String hex() {
            return java.util.HexFormat.of().formatHex(md.digest());
        }
    }

    // ---------------------------------------------------------------- files

    static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(p)) {
            while (ch.read(b) >= 0) {
                b.flip();
                md.update(b);
                b.clear();
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    private static long vmHwmKiB() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
