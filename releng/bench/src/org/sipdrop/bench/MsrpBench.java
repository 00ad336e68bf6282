package org.sipdrop.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.net.TlsContexts;
import org.sipdrop.transport.msrp.internal.session.MsrpSession;
import org.sipdrop.transport.msrp.internal.session.MsrpStack;
import org.sipdrop.transport.msrp.internal.session.StackConfig;

/**
 * MSRP throughput and memory on loopback, measured against raw copies in the same JVM and run:
 * {@code time <size> <dir> <keystore> <password>} prints MSRP vs raw TCP and msrps vs raw TLS;
 * {@code memory <size> <dir>} (run under -Xmx128m) prints the heap peak of one MSRP transfer;
 * {@code relay <size> <dir> <relayPort> <user> <password>} sends through a running MSRP relay
 * (RFC 4976; Kamailio, chunks of {@link StackConfig#DEFAULT_RELAY_CHUNK_SIZE}) and prints its
 * throughput next to a direct transfer's, with SHA-256 of source and received file.
 */
public final class MsrpBench {

    private static final int BUFFER = 64 * 1024;
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench");
        t.setDaemon(true);
        return t;
    });

    private MsrpBench() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[1]);
        Path dir = Path.of(args[2]);
        if ("memory".equals(args[0])) {
            Path src = randomFile(dir.resolve("mem-src.bin"), size);
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
            double s = msrp(StackConfig.defaults(), false, src, dir.resolve("mem-dst.bin"), size);
            long heapPeak = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPeak += p.getPeakUsage().getUsed();
                }
            }
            System.out.printf("memory size=%d seconds=%.2f liveAfterGcPeakMiB=%.1f heapPeakMiB=%.1f maxHeapMiB=%.0f"
                    + " rssPeakMiB=%.1f%n", size, s, liveMax[0] / 1048576.0, heapPeak / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0, vmHwmKiB() / 1024.0);
            Files.delete(src);
            Files.delete(dir.resolve("mem-dst.bin"));
            return;
        }
        if ("relay".equals(args[0])) {
            relay(size, dir, Integer.parseInt(args[3]), args[4], args[5]);
            return;
        }
        SSLContext tls = TlsContexts.create(Path.of(args[3]), args[4].toCharArray(), Path.of(args[5]),
                args[4].toCharArray());
        Path src = randomFile(dir.resolve("src.bin"), size);
        Path dst = dir.resolve("dst.bin");
        StackConfig plain = StackConfig.defaults();
        StackConfig secure = StackConfig.defaults().withTls(tls, 0);
        // warm-up on a slice so the JIT has compiled both paths before timing
        rawTcp(src, dst, Math.min(size, 64L << 20));
        msrp(plain, false, src, dst, Math.min(size, 64L << 20));
        double[] plainTimes = bestInterleaved(() -> rawTcp(src, dst, size), () -> msrp(plain, false, src, dst, size));
        check(src, dst);
        double raw = plainTimes[0];
        double m = plainTimes[1];
        double[] tlsTimes = bestInterleaved(() -> rawTls(tls, src, dst, size), () -> msrp(secure, true, src, dst, size));
        check(src, dst);
        double rawTls = tlsTimes[0];
        double mTls = tlsTimes[1];
        double mib = size / 1048576.0;
        System.out.printf("size=%.0f MiB%n", mib);
        System.out.printf("raw TCP copy   %7.3f s  %7.1f MiB/s%n", raw, mib / raw);
        System.out.printf("MSRP           %7.3f s  %7.1f MiB/s  ratio %.2f%n", m, mib / m, m / raw);
        System.out.printf("raw TLS copy   %7.3f s  %7.1f MiB/s%n", rawTls, mib / rawTls);
        System.out.printf("MSRP over TLS  %7.3f s  %7.1f MiB/s  ratio %.2f%n", mTls, mib / mTls, mTls / rawTls);
        Files.delete(src);
        Files.delete(dst);
    }

    interface Run {
        double seconds() throws Exception;
    }

    /** Rounds per measurement: {@code -Dbench.rounds=N}, default 5. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    /**
     * Best of {@link #ROUNDS} runs of each, alternating baseline and MSRP so that both see the
     * same load on a shared machine; the minimum is the least disturbed run.
     *
     * @return the baseline's best time, then the other's
     */
    private static double[] bestInterleaved(Run baseline, Run other) throws Exception {
        double[] best = { Double.MAX_VALUE, Double.MAX_VALUE };
        for (int i = 0; i < ROUNDS; i++) {
            best[0] = Math.min(best[0], baseline.seconds());
            best[1] = Math.min(best[1], other.seconds());
        }
        return best;
    }

    /**
     * One relay, TCP: the sender AUTHs with the relay and sends through it; the relay connects to
     * the passive receiver. The relay answers each SEND itself (RFC 4976 §7), so the sender's pace
     * is the relay's.
     */
    private static void relay(long size, Path dir, int relayPort, String user, String password) throws Exception {
        Path src = randomFile(dir.resolve("src.bin"), size);
        Path dst = dir.resolve("dst.bin");
        StackConfig direct = StackConfig.defaults();
        StackConfig viaRelay = direct.withRelay(new StackConfig.Relay(
                MsrpUri.parse("msrp://127.0.0.1:" + relayPort + ";tcp"), user, password, -1));
        msrp(viaRelay, direct, false, src, dst, Math.min(size, 16L << 20)); // warm-up
        double d = msrp(direct, direct, false, src, dst, size);
        check(src, dst);
        double r = msrp(viaRelay, direct, false, src, dst, size);
        String hs = sha256(src);
        String hd = sha256(dst);
        double mib = size / 1048576.0;
        System.out.printf("size=%.0f MiB, chunks of %d bytes through the relay%n", mib,
                StackConfig.DEFAULT_RELAY_CHUNK_SIZE);
        System.out.printf("MSRP direct           %7.3f s  %7.1f MiB/s%n", d, mib / d);
        System.out.printf("MSRP via one relay    %7.3f s  %7.1f MiB/s  (%.2fx the direct time)%n", r, mib / r, r / d);
        System.out.printf("sha256 sent     %s%nsha256 received %s  %s%n", hs, hd, hs.equals(hd) ? "identical" : "DIFFERENT");
        Files.delete(src);
        Files.delete(dst);
        if (!hs.equals(hd)) {
            throw new IllegalStateException("the file received through the relay differs from the source");
        }
    }

    private static String sha256(Path p) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
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

    static double msrp(StackConfig c, boolean tls, Path src, Path dst, long size) throws Exception {
        return msrp(c, c, tls, src, dst, size);
    }

    /** The sender's stack uses {@code tx}, the receiver's {@code rx}; the sender connects. */
    static double msrp(StackConfig tx0, StackConfig rx0, boolean tls, Path src, Path dst, long size) throws Exception {
        try (MsrpStack a = MsrpStack.start(tx0); MsrpStack b = MsrpStack.start(rx0);
                FileChannel in = FileChannel.open(src); FileChannel out = open(dst)) {
            MsrpSession tx = a.openSession(tls, true);
            MsrpSession rx = b.openSession(tls, false);
            long t0 = System.nanoTime();
            Future<?> r = POOL.submit(() -> {
                rx.receive(tx.localPath(), out, size, n -> { });
                return null;
            });
            tx.send(rx.localPath(), in, size, "application/octet-stream", n -> { });
            r.get(600, TimeUnit.SECONDS);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** The baseline: the same bytes file to socket to file with 64 KiB buffers, no framing. */
    static double rawTcp(Path src, Path dst, long size) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            long t0 = System.nanoTime();
            Future<?> r = POOL.submit(() -> {
                try (SocketChannel s = server.accept(); FileChannel out = open(dst)) {
                    copy(s, out, size);
                }
                return null;
            });
            try (SocketChannel c = SocketChannel.open(server.getLocalAddress()); FileChannel in = FileChannel.open(src)) {
                copy(in, c, size);
            }
            r.get(600, TimeUnit.SECONDS);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    static double rawTls(SSLContext tls, Path src, Path dst, long size) throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            long t0 = System.nanoTime();
            Future<?> r = POOL.submit(() -> {
                try (SSLSocket s = (SSLSocket) server.accept(); FileChannel out = open(dst)) {
                    copy(java.nio.channels.Channels.newChannel(s.getInputStream()), out, size);
                }
                return null;
            });
            try (SSLSocket c = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.getLocalPort());
                    FileChannel in = FileChannel.open(src)) {
                copy(in, java.nio.channels.Channels.newChannel(c.getOutputStream()), size);
                c.getOutputStream().flush();
            }
            r.get(600, TimeUnit.SECONDS);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static void copy(java.nio.channels.ReadableByteChannel in, java.nio.channels.WritableByteChannel out,
            long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BUFFER);
        for (long done = 0; done < size;) {
            b.clear();
            int n = in.read(b);
            if (n < 0) {
                throw new IOException("short copy at " + done);
            }
            b.flip();
            while (b.hasRemaining()) {
                out.write(b);
            }
            done += n;
        }
    }

    static FileChannel open(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    static Path randomFile(Path p, long size) throws IOException {
        if (Files.exists(p) && Files.size(p) == size) {
            return p;
        }
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        try (FileChannel ch = open(p)) {
            for (long done = 0; done < size;) {
                int n = (int) Math.min(block.length, size - done);
                block[0] ^= (byte) done; // no two blocks alike
                block[1] ^= (byte) (done >>> 20);
                ch.write(ByteBuffer.wrap(block, 0, n));
                done += n;
            }
        }
        return p;
    }

    private static void check(Path a, Path b) throws IOException {
        if (Files.mismatch(a, b) != -1) {
            throw new IllegalStateException("received file differs from the source");
        }
    }

    private static long vmHwmKiB() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
        for (String l : lines) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
