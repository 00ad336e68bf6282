package org.sipdrop.negotiation.tests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a storage that breaks one download: once armed, the first
 * response to a GET is cut (both sockets closed) after {@code cutAfter} bytes, as a dropped
 * connection would. Everything else passes through untouched, and the bytes sent towards the
 * storage are counted.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long cutAfter;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger cuts = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong upstream = new java.util.concurrent.atomic.AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    CuttingProxy(int targetPort, long cutAfter) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.cutAfter = cutAfter;
        this.acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cuts the next GET response. */
    void arm() {
        armed.set(true);
    }

    /** @return the bytes clients sent towards the storage so far (requests and uploaded bodies) */
    long upstreamBytes() {
        return upstream.get();
    }

    /** @return how many responses were cut */
    int cuts() {
        return cuts.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                AtomicBoolean get = new AtomicBoolean();
                AtomicInteger sinceGet = new AtomicInteger();
                pump(client, target, get, null, sinceGet);
                pump(target, client, null, get, sinceGet);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean markGet, AtomicBoolean isGet, AtomicInteger sinceGet) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (markGet != null) {
                        upstream.addAndGet(n);
                    }
                    if (markGet != null && n >= 4 && "GET ".equals(new String(buf, 0, 4, StandardCharsets.US_ASCII))) {
                        markGet.set(true);
                        sinceGet.set(0);
                    }
                    if (isGet != null && isGet.get() && armed.get() && sinceGet.addAndGet(n) > cutAfter
                            && armed.compareAndSet(true, false)) {
                        out.write(buf, 0, n / 2);
                        out.flush();
                        cuts.incrementAndGet();
                        from.close();
                        to.close();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "cutting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(CuttingProxy::closeQuietly);
    }
}
