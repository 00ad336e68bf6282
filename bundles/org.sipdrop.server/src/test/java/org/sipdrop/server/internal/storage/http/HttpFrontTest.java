package org.sipdrop.server.internal.storage.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;

/**
 * The front on loopback with a small handler: hostile and malformed heads get their status and
 * the front goes on; chunked bodies, persistent connections and pipelining work; idle, slow and
 * stalled connections are closed.
 */
class HttpFrontTest {

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final CountDownLatch downloadEnded = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(2);
    private final CountDownLatch unblock = new CountDownLatch(1);
    private HttpFront front;

    private void start(HttpLimits limits) throws IOException {
        front = HttpFront.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, this::handle, workers, limits);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (front != null) {
            front.close();
        }
        workers.shutdownNow();
        assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** /echo answers the request body's length; /big sends 256 MiB; /block waits for the test; anything else "ok". */
    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            if (path.equals("/echo")) {
                byte[] body = x.getRequestBody().readAllBytes();
                reply(x, Integer.toString(body.length));
            } else if (path.equals("/block")) {
                blocked.countDown();
                try {
                    unblock.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reply(x, "unblocked");
            } else if (path.equals("/big")) {
                x.sendResponseHeaders(200, 256L << 20);
                OutputStream out = x.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 4096; i++) {
                        out.write(chunk);
                    }
                } finally {
                    downloadEnded.countDown();
                }
            } else {
                reply(x, "ok " + x.getRequestMethod());
            }
        }
    }

    private static void reply(HttpExchange x, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(front.address(), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static String readResponse(Socket s) throws IOException {
        return readResponse(s, false);
    }

    /** @return one response head and body (by Content-Length, none for a HEAD request) */
    private static String readResponse(Socket s, boolean toHead) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(c);
            assertTrue(head.size() < 65536);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(h);
        int length = m.find() && !toHead ? Integer.parseInt(m.group(1)) : 0;
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static boolean closedByServer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private void assertServesAgain() throws IOException {
        try (Socket s = connect()) {
            send(s, "GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readResponse(s).endsWith("ok GET"));
        }
    }

    @Test
    void malformedHeadsGetTheirStatusAndTheConnectionIsClosed() throws Exception {
        start(HttpLimits.DEFAULT);
        String[][] cases = { { "GARBAGE\r\n\r\n", "400" }, { "GET / HTTP/2.0\r\nHost: x\r\n\r\n", "505" },
                { "GET / HTTP/1.1\r\n\r\n", "400" }, // no Host
                { "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "400" },
                { "PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", "400" },
                { "PUT /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "400" },
                // found by RequestHeadFuzzTest: an empty list used to stop the whole front
                { "PUT /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ,\r\n\r\n", "400" },
                { "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "400" }, { "GET / HTTP/1.1\r\nHost : x\r\n\r\n", "400" },
                { "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", "400" }, { "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "400" },
                { "GET / HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n", "400" },
                { "GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(20_000) + "\r\n\r\n", "431" } };
        for (String[] c : cases) {
            try (Socket s = connect()) {
                send(s, c[0]);
                String r = readResponse(s);
                assertTrue(r.startsWith("HTTP/1.1 " + c[1] + " "), c[0] + " -> " + r);
                assertTrue(r.contains("Connection: close"), r);
                assertTrue(closedByServer(s), c[0]);
            }
        }
        assertServesAgain();
    }

    @Test
    void chunkedBodiesPersistentConnectionsAndPipelining() throws Exception {
        start(HttpLimits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "PUT /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n3\r\n123\r\n0\r\nTrailer: t\r\n\r\n");
            assertTrue(readResponse(s).endsWith("\r\n\r\n8"));
            send(s, "PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcdGET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /two HTTP/1.1\r\nHost: x\r\n\r\nGET /three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(readResponse(s).endsWith("\r\n\r\n4"));
            assertTrue(readResponse(s).endsWith("ok GET"));
            String head = readResponse(s, true);
            assertTrue(head.startsWith("HTTP/1.1 200") && head.toLowerCase(java.util.Locale.ROOT).contains("content-length: 7"), head);
            String last = readResponse(s);
            assertTrue(last.contains("Connection: close") && last.endsWith("ok GET"), last);
            assertTrue(closedByServer(s));
        }
    }

    @Test
    void expectContinueIsAnsweredWhenTheBodyIsRead() throws Exception {
        start(HttpLimits.DEFAULT);
        try (Socket s = connect()) {
            send(s, "PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertTrue(readResponse(s).startsWith("HTTP/1.1 100 Continue"));
            send(s, "abc");
            assertTrue(readResponse(s).endsWith("\r\n\r\n3"));
        }
    }

    @Test
    void anIdleConnectionIsClosedAndAnIncompleteHeadGets408() throws Exception {
        start(HttpLimits.DEFAULT.withHeadTimeout(Duration.ofMillis(500)).withKeepAliveTimeout(Duration.ofMillis(700)));
        try (Socket idle = connect(); Socket partial = connect()) {
            send(partial, "GET / HTTP/1.1\r\nHost:");
            assertTrue(closedByServer(idle), "closed without an answer");
            String r = readResponse(partial);
            assertTrue(r.startsWith("HTTP/1.1 408 "), r);
            assertTrue(closedByServer(partial));
        }
        try (Socket kept = connect()) {
            send(kept, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readResponse(kept).endsWith("ok GET"));
            assertTrue(closedByServer(kept), "idle after its response: closed after the keep-alive timeout");
        }
        assertServesAgain();
    }

    @Test
    void aPersistentConnectionMayIdleLongerThanAHeadTakesButItsNextHeadHasTheHeadTimeout() throws Exception {
        start(HttpLimits.DEFAULT.withHeadTimeout(Duration.ofMillis(300)).withKeepAliveTimeout(Duration.ofSeconds(20)));
        try (Socket kept = connect()) {
            send(kept, "GET /one HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readResponse(kept).endsWith("ok GET"));
            Thread.sleep(1000); // idle for more than a head may take
            send(kept, "GET /two HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readResponse(kept).endsWith("ok GET"), "kept open while idle");
            send(kept, "GET /three HTTP/1.1\r\n"); // and never the rest
            assertTrue(readResponse(kept).startsWith("HTTP/1.1 408 "), "the started head has the head timeout, not the idle one");
            assertTrue(closedByServer(kept));
        }
    }

    @Test
    void aDownloadTheClientStopsReadingIsEndedAndFreesItsWorker() throws Exception {
        start(HttpLimits.DEFAULT.withStallTimeout(Duration.ofSeconds(1)));
        try (Socket s = connect()) {
            s.setReceiveBufferSize(4096);
            send(s, "GET /big HTTP/1.1\r\nHost: x\r\n\r\n"); // and never read
            assertTrue(downloadEnded.await(20, TimeUnit.SECONDS), "the worker's write failed once stalled");
        }
        assertServesAgain();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (front.connectionCount() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(0, front.connectionCount(), "no connection left behind");
    }

    @Test
    void oneAddressTakesOnlyItsShareOfTheWorkersAndTheRestWaitInOrder() throws Exception {
        start(HttpLimits.DEFAULT.withMaxBusyPerSource(2)); // of 4 workers
        try (Socket a = connect(); Socket b = connect(); Socket c = connect()) {
            send(a, "GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            send(b, "GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(blocked.await(10, TimeUnit.SECONDS), "both served");
            send(c, "GET /third HTTP/1.1\r\nHost: x\r\n\r\n");
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (front.waiting(InetAddress.getByName("127.0.0.1")) == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertEquals(1, front.waiting(InetAddress.getByName("127.0.0.1")), "the third waits although two workers are idle");
            unblock.countDown();
            assertTrue(readResponse(a).endsWith("unblocked"));
            assertTrue(readResponse(b).endsWith("unblocked"));
            assertTrue(readResponse(c).endsWith("ok GET"), "served once one of its address ended");
        }
    }
}
