package org.sipdrop.transport.msrp.internal.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS over a {@link WaitingSocketChannel} with an {@link SSLEngine}, for {@code msrps} URIs and
 * the {@code TCP/TLS/MSRP} transport (RFC 4975 §6, §14.2). Blocking from the caller's view,
 * with fixed buffers sized by the TLS session: reading and writing may run on two threads at
 * once, as {@link SSLEngine} allows; a read that needs a handshake write (TLS 1.3 key update)
 * takes the write lock only for that record.
 */
public final class TlsChannel implements ByteChannel {

    private static final int MAX_HANDSHAKE_STEPS = 10_000;

    private final WaitingSocketChannel raw;
    private final SSLEngine engine;
    private final Object readLock = new Object();
    private final ReentrantLock writeLock = new ReentrantLock();
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private final ByteBuffer netOut;
    private boolean inboundClosed;

    /**
     * @param raw the connected socket
     * @param engine a client- or server-mode engine, handshake not begun
     */
    public TlsChannel(WaitingSocketChannel raw, SSLEngine engine) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.engine = Objects.requireNonNull(engine, "engine");
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        appIn.flip();
    }

    /**
     * Runs the handshake to its end; certificate checks of the trust manager happen here.
     *
     * @throws SSLHandshakeException with the engine's reason, e.g. an untrusted certificate
     */
    public void handshake() throws IOException {
        engine.beginHandshake();
        for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK:
                    runTasks();
                    break;
                case NEED_WRAP:
                    wrapLocked(ByteBuffer.allocate(0));
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    synchronized (readLock) {
                        if (unwrapOnce() < 0) {
                            throw new SSLHandshakeException("The peer closed the connection during the TLS handshake");
                        }
                    }
                    break;
                default:
                    return;
            }
        }
        throw new SSLHandshakeException("TLS handshake did not finish within " + MAX_HANDSHAKE_STEPS + " steps");
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        synchronized (readLock) {
            for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
                if (appIn.hasRemaining()) {
                    int n = Math.min(dst.remaining(), appIn.remaining());
                    ByteBuffer view = appIn.duplicate();
                    view.limit(view.position() + n);
                    dst.put(view);
                    appIn.position(appIn.position() + n);
                    return n;
                }
                if (inboundClosed || unwrapOnce() < 0) {
                    return -1;
                }
            }
            throw new SSLException("TLS records carried no application data for " + MAX_HANDSHAKE_STEPS + " rounds");
        }
    }

    /** @return -1 at the end of the stream, else 0 after one unwrap step */
    private int unwrapOnce() throws IOException {
        appIn.compact();
        try {
            if (netIn.position() == 0 && raw.read(netIn) < 0) {
                inboundClosed = true;
                return -1;
            }
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    if (netIn.position() == netIn.capacity()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (raw.read(netIn) < 0) {
                        throw new EOFException("The peer closed the connection inside a TLS record");
                    }
                    break;
                case BUFFER_OVERFLOW:
                    appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                    break;
                case CLOSED:
                    inboundClosed = true;
                    return -1;
                default:
                    break;
            }
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                wrapLocked(ByteBuffer.allocate(0));
            }
            return 0;
        } finally {
            appIn.flip();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int before = src.remaining();
        wrapLocked(src);
        return before - src.remaining();
    }

    private void wrapLocked(ByteBuffer src) throws IOException {
        writeLock.lock();
        try {
            wrap(src);
        } finally {
            writeLock.unlock();
        }
    }

    /** Wraps once (caller holds the write lock) and sends the record. */
    private void wrap(ByteBuffer src) throws IOException {
        netOut.clear();
        SSLEngineResult r = engine.wrap(src, netOut);
        if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0 && src.hasRemaining()) {
            throw new SSLException("The TLS connection is closed");
        }
        netOut.flip();
        while (netOut.hasRemaining()) {
            raw.write(netOut); // each call progresses or times out
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
    }

    private void runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    /** @return true if decrypted or received bytes wait here, so the socket may look idle */
    public boolean hasBufferedInput() {
        synchronized (readLock) {
            return appIn.hasRemaining() || netIn.position() > 0;
        }
    }

    @Override
    public boolean isOpen() {
        return raw.isOpen();
    }

    /** Sends close_notify unless a write is in progress, then closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            if (raw.isOpen() && writeLock.tryLock()) {
                try {
                    engine.closeOutbound();
                    wrap(ByteBuffer.allocate(0));
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the socket goes anyway
        } finally {
            raw.close();
        }
    }
}
