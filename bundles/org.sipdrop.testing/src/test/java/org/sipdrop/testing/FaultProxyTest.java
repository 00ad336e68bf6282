package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.testing.FaultProxy.Cut;
import org.sipdrop.testing.FaultProxy.Direction;
import org.sipdrop.testing.FaultProxy.Plan;
import org.sipdrop.testing.FaultProxy.Reset;
import org.sipdrop.testing.FaultProxy.Stall;
import org.sipdrop.testing.FaultProxy.Throttle;

/** The proxy against a local echo server: forwarding, counting, each fault, plans, and a clean stop. */
class FaultProxyTest {

    private static final int TIMEOUT_MS = 10_000;

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = FaultProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
        assertTrue(proxy.isStopped(), "every proxy thread ended");
    }

    @Test
    void forwardsBothWaysUntouchedAndCountsPerDirectionAndConnection() throws IOException {
        byte[] data = random(200_000, 1);
        try (Socket s = connect()) {
            byte[] back = exchange(s, data, data.length);
            assertArrayEquals(data, back);
        }
        FaultProxy.Connection c = proxy.connections().get(0);
        assertEquals(data.length, c.bytes(Direction.CLIENT_TO_SERVER));
        assertEquals(data.length, c.bytes(Direction.SERVER_TO_CLIENT));
        assertEquals(data.length, proxy.bytes(Direction.SERVER_TO_CLIENT));
        assertEquals(0, proxy.broken());
    }

    @Test
    void cutClosesBothSidesAfterExactlyTheGivenBytes() throws IOException {
        proxy.planNext(Plan.of(Direction.SERVER_TO_CLIENT, new Cut(123_457)));
        byte[] data = random(400_000, 2);
        try (Socket s = connect()) {
            byte[] back = exchange(s, data, data.length);
            assertEquals(123_457, back.length, "the client got the bytes before the cut, then end of stream");
            assertArrayEquals(java.util.Arrays.copyOf(data, back.length), back);
        }
        assertEquals(1, proxy.broken());
        assertTrue(proxy.connections().get(0).events().toString().contains("cut at 123457"),
                proxy.connections().get(0).events().toString());
        assertTrue(echo.awaitClosed(1), "the target saw its connection closed too");
    }

    @Test
    void resetEndsTheClientsReadWithConnectionReset() throws IOException {
        proxy.planNext(Plan.of(Direction.CLIENT_TO_SERVER, new Reset(10_000)));
        try (Socket s = connect()) {
            try {
                byte[] back = exchange(s, random(500_000, 3), 500_000);
                // the RST may overtake the client's read after the other direction's end passed on: then
                // the read ends early instead of failing; either way the stream stops at the reset
                assertTrue(back.length <= 10_000, "nothing after the reset: " + back.length);
            } catch (SocketException e) {
                // the usual outcome: "Connection reset"
            }
        }
        assertEquals(10_000, proxy.connections().get(0).bytes(Direction.CLIENT_TO_SERVER));
        assertEquals(1, proxy.broken());
        assertTrue(proxy.connections().get(0).events().toString().contains("reset at 10000"),
                proxy.connections().get(0).events().toString());
    }

    @Test
    void stallHoldsTheStreamForItsDurationThenForwardsTheRest() throws IOException {
        proxy.planNext(Plan.of(Direction.SERVER_TO_CLIENT, new Stall(1_000, Duration.ofMillis(600))));
        byte[] data = random(5_000, 4);
        long t0 = System.nanoTime();
        try (Socket s = connect()) {
            assertArrayEquals(data, exchange(s, data, data.length));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 550, "the stall held the bytes for " + ms + " ms");
        assertEquals(0, proxy.broken());
    }

    @Test
    void throttleLimitsTheRate() throws IOException {
        proxy.planNext(Plan.of(Direction.SERVER_TO_CLIENT, new Throttle(200_000)));
        byte[] data = random(100_000, 5);
        long t0 = System.nanoTime();
        try (Socket s = connect()) {
            assertArrayEquals(data, exchange(s, data, data.length));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 400 && ms < 5_000, "100 000 bytes at 200 000 B/s took " + ms + " ms");
    }

    @Test
    void queuedPlanAppliesToTheNextConnectionOnlyAndThePlannerToTheOthers() throws IOException {
        proxy.planEach(i -> i == 2 ? Plan.of(Direction.SERVER_TO_CLIENT, new Cut(10)) : Plan.none());
        proxy.planNext(Plan.of(Direction.SERVER_TO_CLIENT, new Cut(20)));
        byte[] data = random(1_000, 6);
        int[] got = new int[4];
        for (int i = 0; i < got.length; i++) {
            try (Socket s = connect()) {
                got[i] = exchange(s, data, data.length).length;
            }
        }
        assertArrayEquals(new int[] { 20, 1_000, 10, 1_000 }, got);
        assertEquals(List.of(0, 1, 2, 3), proxy.connections().stream().map(FaultProxy.Connection::index).toList());
    }

    @Test
    void faultInjectedIntoALiveConnectionCountsFromThen() throws IOException {
        byte[] data = random(1_000, 7);
        try (Socket s = connect()) {
            assertArrayEquals(data, exchange(s, data, data.length));
            proxy.injectAll(Direction.SERVER_TO_CLIENT, new Cut(300));
            assertTrue(proxy.connections().get(0).hasPending(Direction.SERVER_TO_CLIENT));
            assertEquals(300, exchange(s, data, data.length).length);
        }
        assertEquals(1_300, proxy.connections().get(0).bytes(Direction.SERVER_TO_CLIENT));
    }

    @Test
    void closeStopsEveryThreadAndSocketWithConnectionsOpen() throws IOException, InterruptedException {
        Socket a = connect();
        Socket b = connect();
        try (a; b) {
            exchange(a, random(10, 8), 10);
            exchange(b, random(10, 9), 10);
            proxy.close();
            assertTrue(proxy.isStopped());
            a.setSoTimeout(TIMEOUT_MS);
            assertEquals(-1, a.getInputStream().read(), "the client sees the end");
            assertThrows(IOException.class, () -> {
                try (Socket c = new Socket()) {
                    c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 1_000);
                }
            }, "the listener is gone");
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Cut(-1));
        assertThrows(IllegalArgumentException.class, () -> new Throttle(0));
        assertThrows(IllegalArgumentException.class, () -> FaultProxy.start("127.0.0.1", 0));
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), TIMEOUT_MS);
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    /** Writes {@code data} (from another thread) and reads up to {@code expect} bytes or the end of stream. */
    private static byte[] exchange(Socket s, byte[] data, int expect) throws IOException {
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (int off = 0; off < data.length; off += 8192) {
                    out.write(data, off, Math.min(8192, data.length - off));
                }
                out.flush();
            } catch (IOException e) {
                // the read side reports the outcome
            }
        }, "fault-proxy-test-writer");
        writer.setDaemon(true);
        writer.start();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            while (got.size() < expect) {
                int n = in.read(buf, 0, Math.min(buf.length, expect - got.size()));
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
        } finally {
            try {
                writer.join(TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return got.toByteArray();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Echoes every connection's bytes back; counts connections that ended. */
    private static final class EchoServer implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();

        EchoServer() throws IOException {
            spawn(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        sockets.add(s);
                        spawn(() -> echo(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void spawn(Runnable r) {
            Thread t = new Thread(r, "echo");
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        private void echo(Socket s) {
            byte[] buf = new byte[8192];
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // the proxy cut or reset it
            } finally {
                ended.incrementAndGet();
            }
        }

        int port() {
            return server.getLocalPort();
        }

        boolean awaitClosed(int count) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ended.get() < count && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return ended.get() >= count;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
            for (Thread t : threads) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
