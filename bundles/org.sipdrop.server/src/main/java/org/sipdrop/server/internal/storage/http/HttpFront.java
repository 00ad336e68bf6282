package org.sipdrop.server.internal.storage.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * A small HTTP/1.1 server (HTTPS with an {@link SSLContext}) that gives an {@link HttpHandler}
 * only complete requests, so that slow clients cannot starve the others.
 * <p>
 * The JDK's own {@code com.sun.net.httpserver} reads a request's head (and does the TLS
 * handshake) on a worker thread, without a deadline of its own: a few dozen connections that
 * send their headers a byte at a time hold every worker. Its timeouts are JVM-wide system
 * properties ({@code sun.net.httpserver.*}, read once), which a bundle in a shared OSGi process
 * must not set for everyone. Here one thread (the front) accepts connections and reads request
 * heads without blocking, each bounded by {@link HttpLimits#headTimeout()} (answered 408,
 * RFC 9110 §15.5.9, when part of a request came, else just closed; a persistent connection
 * may first idle for {@link HttpLimits#keepAliveTimeout()}); only a complete head goes to
 * a worker of the given executor, which serves it with blocking I/O and then returns a
 * persistent connection to the front. One address holds at most
 * {@link HttpLimits#maxPerSource()} connections, all of them {@link HttpLimits#maxConnections()};
 * more are closed as soon as they are accepted. Requests of one address take at most
 * {@link HttpLimits#maxBusyPerSource()} workers at once ({@link WorkerShares}). A body (upload or download) that makes no
 * progress for {@link HttpLimits#stallTimeout()} has its connection closed.
 */
public final class HttpFront implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
    /** How often deadlines are checked: a connection lives at most this much past its deadline. */
    private static final long TICK_MILLIS = 200;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SSLContext tls;
    private final HttpHandler handler;
    private final WorkerShares workers;
    private final HttpLimits limits;
    private final SourceCounts sources;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Persistent connections a worker gives back, to be registered by the front thread. */
    private final Queue<Connection> returned = new ConcurrentLinkedQueue<>();
    /** Connections leaving the selector in this round, with what a worker does for them. */
    private final List<Runnable> handoffs = new ArrayList<>();
    private final Thread thread;
    private volatile boolean open = true;

    private HttpFront(ServerSocketChannel server, Selector selector, SSLContext tls, HttpHandler handler, Executor workers,
            HttpLimits limits) {
        this.server = server;
        this.selector = selector;
        this.tls = tls;
        this.handler = handler;
        this.workers = new WorkerShares(workers, limits.maxBusyPerSource());
        this.limits = limits;
        this.sources = new SourceCounts(limits.maxPerSource());
        this.thread = new Thread(this::run, "sipdrop-storage-front-" + server.socket().getLocalPort());
        thread.setDaemon(true);
    }

    /**
     * Listens on {@code address} and starts the front thread.
     *
     * @param tls for HTTPS, {@code null} for plain HTTP
     * @param workers where requests are served (the caller owns and stops it)
     * @throws java.net.BindException the address is taken
     */
    public static HttpFront start(InetSocketAddress address, SSLContext tls, HttpHandler handler, Executor workers, HttpLimits limits)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        Selector selector = null;
        try {
            server.bind(address, 128);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            HttpFront f = new HttpFront(server, selector, tls, handler, workers, limits);
            f.thread.start();
            return f;
        } catch (IOException | RuntimeException e) {
            server.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
    }

    /** @return the address listened on (its port when 0 was asked) */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.socket().getLocalSocketAddress();
    }

    /** @return connections open now (for tests and diagnostics) */
    int connectionCount() {
        return connections.size();
    }

    /** @return requests from {@code source} waiting for a worker because it has its share (for tests and diagnostics) */
    int waiting(java.net.InetAddress source) {
        return workers.waiting(source);
    }

    private void run() {
        long nextCheck = System.nanoTime();
        try {
            while (open) {
                selector.select(TICK_MILLIS);
                for (Connection c; (c = returned.poll()) != null; ) {
                    register(c);
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    if (!k.isValid()) {
                        continue;
                    }
                    if (k.isAcceptable()) {
                        acceptAll();
                    } else {
                        readHead((Connection) k.attachment());
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - nextCheck >= 0) {
                    enforceDeadlines(now);
                    nextCheck = now + TICK_MILLIS * 1_000_000;
                }
                dispatch();
            }
        } catch (IOException | RuntimeException e) { // ClosedSelectorException when stopped
            if (open) {
                LOG.log(System.Logger.Level.ERROR, "The storage's HTTP front stopped", e);
            }
        } finally {
            closeAll();
        }
    }

    /** Accepts what is waiting; a failure (out of file descriptors) is logged and the front goes on. */
    private void acceptAll() {
        try {
            accept();
        } catch (IOException | RuntimeException e) {
            if (open) {
                LOG.log(System.Logger.Level.WARNING, "The storage cannot accept a connection: " + e);
                try {
                    Thread.sleep(TICK_MILLIS / 4); // not a busy loop while the cause lasts
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    open = false;
                }
            }
        }
    }

    private void accept() throws IOException {
        for (SocketChannel ch; (ch = server.accept()) != null; ) {
            InetSocketAddress remote = (InetSocketAddress) ch.getRemoteAddress();
            if (remote == null || connections.size() >= limits.maxConnections() || !sources.tryAcquire(remote.getAddress())) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Storage connection refused (too many open): " + remote);
                ch.close();
                continue;
            }
            Connection c;
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c = new Connection(ch, tls == null ? Wire.plain(ch) : new TlsWire(ch, engine()), limits.maxHeadBytes(),
                        () -> sources.release(remote.getAddress()));
            } catch (IOException | RuntimeException e) {
                sources.release(remote.getAddress());
                ch.close();
                continue;
            }
            connections.add(c);
            c.deadline = System.nanoTime() + limits.headTimeout().toNanos();
            c.key = ch.register(selector, SelectionKey.OP_READ, c);
        }
    }

    private SSLEngine engine() {
        SSLEngine e = tls.createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }

    /** A persistent connection back from a worker: wait for its next request, which may already be buffered. */
    private void register(Connection c) {
        if (c.isClosed()) {
            forget(c);
            return;
        }
        try {
            c.key = c.channel.register(selector, SelectionKey.OP_READ, c);
        } catch (IOException | RuntimeException e) {
            close(c);
            return;
        }
        readHead(c);
    }

    /** Reads what a connection sent; a complete head goes to a worker. */
    private void readHead(Connection c) {
        int end;
        try {
            end = c.readHead();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Storage connection from " + c.remote + " failed: " + e);
            close(c);
            return;
        }
        if (c.idle && c.hasPartialRequest()) {
            c.idle = false; // the next request began: its head has the head timeout
            c.deadline = System.nanoTime() + limits.headTimeout().toNanos();
        }
        if (end == Connection.EOF) {
            close(c);
        } else if (end == Connection.TOO_LARGE) {
            handOff(c, () -> refuse(c, 431, "Request head larger than " + limits.maxHeadBytes() + " bytes"));
        } else if (end == Connection.MORE) {
            if (c.key.isValid()) {
                c.key.interestOps(SelectionKey.OP_READ | (c.wire.wantsWrite() ? SelectionKey.OP_WRITE : 0));
            }
        } else {
            try {
                RequestHead head = RequestHead.parse(c.buffer(), 0, end);
                c.consumeHead(end);
                handOff(c, () -> serve(c, head));
            } catch (RequestHead.Refused e) {
                handOff(c, () -> refuse(c, e.status(), e.getMessage()));
            } catch (RuntimeException e) {
                // a parser bug runs on the selector thread: it must cost one request, not the whole front
                LOG.log(System.Logger.Level.WARNING, "The storage could not parse a request head from " + c.remote, e);
                handOff(c, () -> refuse(c, 400, "Bad request"));
            }
        }
    }

    /** Takes {@code c} off the selector; after the next {@code selectNow} a worker runs {@code task} with the channel blocking. */
    private void handOff(Connection c, Runnable task) {
        c.state = Connection.State.QUEUED;
        c.key.cancel();
        handoffs.add(() -> {
            try {
                c.channel.configureBlocking(true);
                workers.execute(c.source, task);
            } catch (IOException | RejectedExecutionException e) {
                close(c);
            }
        });
    }

    private void dispatch() throws IOException {
        if (handoffs.isEmpty()) {
            return;
        }
        selector.selectNow(); // deregisters the cancelled keys, so the channels may block
        for (Runnable r : handoffs) {
            r.run();
        }
        handoffs.clear();
    }

    /** Closes heads past their deadline (408 if part of a request came) and bodies stalled too long. */
    private void enforceDeadlines(long now) {
        long stall = limits.stallTimeout().toNanos();
        for (Connection c : connections) {
            if (c.state == Connection.State.HEAD && now - c.deadline > 0 && c.key != null && c.key.isValid()) {
                if (c.hasPartialRequest()) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "Storage request head from " + c.remote + " not complete in time: 408");
                    handOff(c, () -> refuse(c, 408, "Request head not complete within " + limits.headTimeout().toSeconds() + " s"));
                } else {
                    close(c);
                }
            } else if (c.state == Connection.State.BUSY && now - c.lastProgress > stall) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Storage connection from " + c.remote + " stalled: closed");
                close(c);
            }
        }
    }

    /** On a worker: serves one request, then gives a persistent connection back to the front. */
    private void serve(Connection c, RequestHead head) {
        c.lastProgress = System.nanoTime();
        c.state = Connection.State.BUSY;
        Exchange exchange = new Exchange(c, head);
        HttpExchange x = c.wire.session() == null ? new PlainExchange(exchange) : new TlsExchange(exchange);
        try {
            handler.handle(x);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Storage exchange with " + c.remote + " failed: " + e);
        }
        if (exchange.close() && open && !c.isClosed()) {
            try {
                c.channel.configureBlocking(false);
                c.idle = true;
                c.deadline = System.nanoTime() + limits.keepAliveTimeout().toNanos();
                c.state = Connection.State.HEAD;
                returned.add(c);
                selector.wakeup();
                return;
            } catch (IOException | RuntimeException e) {
                // closed below
            }
        }
        shutdown(c);
    }

    /** On a worker: answers a request the front refused, and closes. */
    private void refuse(Connection c, int status, String reason) {
        c.lastProgress = System.nanoTime();
        c.state = Connection.State.BUSY;
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 " + status + " " + reasonPhrase(status) + "\r\nServer: SipDrop storage\r\nConnection: close\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            c.write(head, 0, head.length);
            c.write(body, 0, body.length);
        } catch (IOException e) {
            // the client is gone: nothing to tell
        }
        shutdown(c);
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
        case 400 -> "Bad Request";
        case 408 -> "Request Timeout";
        case 431 -> "Request Header Fields Too Large";
        case 505 -> "HTTP Version Not Supported";
        default -> "";
        };
    }

    private void shutdown(Connection c) {
        if (!c.isClosed()) {
            try {
                c.wire.shutdown();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
        close(c);
    }

    private void close(Connection c) {
        c.close();
        forget(c);
    }

    private void forget(Connection c) {
        connections.remove(c);
    }

    private void closeAll() {
        for (Connection c : connections) {
            close(c);
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // stopping
        }
    }

    /** Stops listening and closes every connection, which ends the requests in progress. */
    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // stopping
        }
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : connections) {
            close(c); // workers may have added one after the front thread ended
        }
    }
}
