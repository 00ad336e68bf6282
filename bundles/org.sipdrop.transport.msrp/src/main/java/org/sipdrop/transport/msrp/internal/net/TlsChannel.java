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
 * with fixed buffers sized by the TLS session, each holding a few records so that one socket call
 * moves several; a read with room for a whole record decrypts straight into the caller's buffer: reading and writing may run on two threads at
 * once, as {@link SSLEngine} allows; a read that needs a handshake write (TLS 1.3 key update)
 * takes the write lock only for that record.
 */
public final class TlsChannel implements ByteChannel {

    private static final int MAX_HANDSHAKE_STEPS = 10_000;

    /** TLS records buffered per direction: one socket call moves this many. */
    private static final int RECORDS_PER_IO = 4;

    /** {@link #unwrapStep} result: the end of the stream. */
    private static final int END = -1;

    /** {@link #unwrapStep} result: the target has no room for the record. */
    private static final int OVERFLOW = -2;

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
        this.netIn = ByteBuffer.allocate(RECORDS_PER_IO * packet);
        this.netOut = ByteBuffer.allocate(RECORDS_PER_IO * packet);
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
                        if (unwrapIntoAppIn() == END) {
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
            int appSize = engine.getSession().getApplicationBufferSize();
            for (int step = 0; step < MAX_HANDSHAKE_STEPS; step++) {
                if (appIn.hasRemaining()) {
                    int n = Math.min(dst.remaining(), appIn.remaining());
                    ByteBuffer view = appIn.duplicate();
                    view.limit(view.position() + n);
                    dst.put(view);
                    appIn.position(appIn.position() + n);
                    return n;
                }
                if (inboundClosed) {
                    return -1;
                }
                if (dst.remaining() >= appSize) {
                    // room for a whole record: decrypt straight into the caller's buffer, then
                    // the records already received, without waiting for more
                    int n = unwrapStep(dst, true);
                    if (n == END) {
                        return -1;
                    }
                    if (n > 0) {
                        for (int more = n; more > 0 && dst.remaining() >= appSize;) {
                            more = unwrapStep(dst, false);
                            n += Math.max(0, more);
                        }
                        return n;
                    }
                    if (n != OVERFLOW) {
                        continue; // a handshake record, or a partial record was read
                    }
                }
                if (unwrapIntoAppIn() == END) {
                    return -1;
                }
            }
            throw new SSLException("TLS records carried no application data for " + MAX_HANDSHAKE_STEPS + " rounds");
        }
    }

    /** @return {@link #END} at the end of the stream, else the bytes decrypted into appIn */
    private int unwrapIntoAppIn() throws IOException {
        appIn.compact();
        try {
            int n = unwrapStep(appIn, true);
            if (n == OVERFLOW) {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return 0;
            }
            return n;
        } finally {
            appIn.flip();
        }
    }

    /**
     * Unwraps one record from netIn into {@code target} (in write mode), reading the socket first
     * if netIn is empty or holds part of a record and {@code mayRead}.
     *
     * @return bytes decrypted (0 for a handshake record or when more bytes are needed), {@link #END}
     *         at the end of the stream, or {@link #OVERFLOW} if {@code target} lacks room
     */
    private int unwrapStep(ByteBuffer target, boolean mayRead) throws IOException {
        if (netIn.position() == 0) {
            if (!mayRead) {
                return 0;
            }
            if (raw.read(netIn) < 0) {
                inboundClosed = true;
                return END;
            }
        }
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, target);
        } finally {
            netIn.compact();
        }
        int result = r.bytesProduced();
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW:
                if (mayRead) {
                    if (netIn.position() == netIn.capacity()) {
                        netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (raw.read(netIn) < 0) {
                        throw new EOFException("The peer closed the connection inside a TLS record");
                    }
                }
                break;
            case BUFFER_OVERFLOW:
                result = OVERFLOW;
                break;
            case CLOSED:
                inboundClosed = true;
                if (result == 0) {
                    result = END;
                }
                break;
            default:
                break;
        }
        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
            runTasks();
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrapLocked(ByteBuffer.allocate(0));
        }
        return result;
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

    /**
     * Wraps (caller holds the write lock) as many records as netOut holds, then sends them with
     * one write: a 64 KiB piece costs one system call, not one per 16 KiB record.
     */
    private void wrap(ByteBuffer src) throws IOException {
        netOut.clear();
        int packet = engine.getSession().getPacketBufferSize();
        SSLEngineResult r;
        do {
            r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0 && src.hasRemaining()) {
                throw new SSLException("The TLS connection is closed");
            }
        } while (r.getStatus() == SSLEngineResult.Status.OK && src.hasRemaining() && netOut.remaining() >= packet
                && r.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING);
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
