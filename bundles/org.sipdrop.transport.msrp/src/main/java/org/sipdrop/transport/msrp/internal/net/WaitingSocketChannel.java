package org.sipdrop.transport.msrp.internal.net;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A non-blocking {@link SocketChannel} seen as a blocking {@link ByteChannel}: a read or write
 * that cannot progress waits on a small per-direction {@link Selector} (no thread of its own),
 * at most {@code timeoutMillis} of silence. The shared {@link IoReactor} only hands the channel
 * to a worker once bytes are there, so waiting happens only inside a frame or while the peer's
 * receive window is full (back-pressure: nothing is queued in memory).
 */
public final class WaitingSocketChannel implements ByteChannel {

    private final SocketChannel socket;
    private final long timeoutMillis;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile Selector readWait;
    private volatile Selector writeWait;

    /**
     * @param socket a connected channel; it is switched to non-blocking mode
     * @param timeoutMillis longest silence tolerated while a read or write waits
     */
    public WaitingSocketChannel(SocketChannel socket, long timeoutMillis) throws IOException {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("Timeout must be at least 1 ms, was " + timeoutMillis);
        }
        this.timeoutMillis = timeoutMillis;
        socket.configureBlocking(false);
    }

    /** @return the underlying non-blocking channel, for registration with the reactor */
    public SocketChannel socket() {
        return socket;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        synchronized (readLock) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int n = socket.read(dst);
                if (n != 0 || !dst.hasRemaining()) {
                    return n;
                }
                readWait = await(readWait, SelectionKey.OP_READ, deadline);
            }
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        synchronized (writeLock) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                int n = socket.write(src);
                if (n != 0 || !src.hasRemaining()) {
                    return n;
                }
                writeWait = await(writeWait, SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    /** Waits for readiness; each call ends by the deadline, so callers' loops are bounded. */
    private Selector await(Selector selector, int op, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new SocketTimeoutException("No MSRP traffic for " + timeoutMillis + " ms ("
                    + (op == SelectionKey.OP_READ ? "peer sends nothing" : "peer reads nothing") + ")");
        }
        if (!socket.isOpen()) {
            throw new AsynchronousCloseException();
        }
        Selector s = selector;
        try {
            if (s == null) {
                s = Selector.open();
                try {
                    socket.register(s, op);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(s);
                    throw e;
                }
            }
            s.select(left);
            s.selectedKeys().clear();
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
        if (!socket.isOpen()) {
            throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("Interrupted while waiting for the MSRP connection");
        }
        return s;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    /** Closes the socket and wakes a thread waiting in {@link #read} or {@link #write}. */
    @Override
    public void close() throws IOException {
        try {
            socket.close();
        } finally {
            closeQuietly(readWait);
            closeQuietly(writeWait);
        }
    }

    private static void closeQuietly(Selector s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
        }
    }
}
