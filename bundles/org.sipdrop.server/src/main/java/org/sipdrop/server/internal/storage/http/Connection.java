package org.sipdrop.server.internal.storage.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of an {@link HttpFront}: its wire, the bytes received and not yet
 * consumed, and the clock the front watches. While {@link State#HEAD} the front reads the
 * request head without blocking, bounded by {@link #deadline}; while {@link State#BUSY} a worker
 * reads and writes it blocking, and {@link #lastProgress} tells a stalled body.
 */
final class Connection {

    enum State {
        /** The front waits for a request head. */
        HEAD,
        /** A head is complete; a worker will take it. */
        QUEUED,
        /** A worker serves a request. */
        BUSY
    }

    /** Most bytes written at once, so that a slow but living client shows progress. */
    private static final int WRITE_SLICE = 16 * 1024;

    final SocketChannel channel;
    final Wire wire;
    final InetAddress source;
    final InetSocketAddress local;
    final InetSocketAddress remote;
    private final byte[] buf;
    /** Received bytes not yet consumed are buf[start, end). */
    private int start;
    private int end;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable onClose;
    volatile State state = State.HEAD;
    /** {@link System#nanoTime()} by which the head must be complete, in {@link State#HEAD}. */
    volatile long deadline;
    /** In {@link State#HEAD}: a persistent connection between two requests, no byte of the next yet. */
    volatile boolean idle;
    /** {@link System#nanoTime()} of the last body byte moved, in {@link State#BUSY}. */
    volatile long lastProgress;
    /** The front's registration, in {@link State#HEAD}; front thread only. */
    SelectionKey key;

    Connection(SocketChannel channel, Wire wire, int maxHead, Runnable onClose) throws IOException {
        this.channel = channel;
        this.wire = wire;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.source = remote.getAddress();
        this.buf = new byte[maxHead];
        this.onClose = onClose;
    }

    /** A complete head ends at {@code end} bytes from {@link #headStart()}. */
    static final int MORE = 0;
    static final int EOF = -1;
    static final int TOO_LARGE = -2;

    /**
     * Reads what has arrived, without blocking.
     *
     * @return the index just after a complete head in {@link #buffer()}, or {@link #MORE},
     *         {@link #EOF}, {@link #TOO_LARGE}
     */
    int readHead() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        int headEnd = RequestHead.end(buf, 0, end);
        while (headEnd < 0) {
            if (end == buf.length) {
                return TOO_LARGE;
            }
            int n = wire.read(ByteBuffer.wrap(buf, end, buf.length - end));
            if (n < 0) {
                return EOF;
            }
            if (n == 0) {
                return MORE;
            }
            end += n;
            headEnd = RequestHead.end(buf, 0, end);
        }
        return headEnd;
    }

    byte[] buffer() {
        return buf;
    }

    /** Consumes the head, up to {@code headEnd}. */
    void consumeHead(int headEnd) {
        start = headEnd;
    }

    /** @return whether part of a request has arrived that no exchange consumed */
    boolean hasPartialRequest() {
        return end > start;
    }

    /** Reads body bytes, blocking; @return how many, or -1 at the end of the stream */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        if (start < end) {
            n = Math.min(len, end - start);
            System.arraycopy(buf, start, b, off, n);
            start += n;
        } else {
            start = 0;
            end = 0;
            n = wire.read(ByteBuffer.wrap(b, off, len));
        }
        if (n > 0) {
            lastProgress = System.nanoTime();
        }
        return n;
    }

    /** Reads one body byte, blocking; @return it, or -1 at the end of the stream */
    int read() throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
            int n = wire.read(ByteBuffer.wrap(buf, 0, buf.length));
            if (n < 0) {
                return -1;
            }
            end = n;
            lastProgress = System.nanoTime();
        }
        return buf[start++] & 0xff;
    }

    /** Writes, blocking. */
    void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            int n = Math.min(WRITE_SLICE, len - done);
            wire.write(ByteBuffer.wrap(b, off + done, n));
            done += n;
            lastProgress = System.nanoTime();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Closes the socket (a worker blocked on it gets an exception); idempotent, from any thread. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closed anyway
            }
            onClose.run();
        }
    }
}
