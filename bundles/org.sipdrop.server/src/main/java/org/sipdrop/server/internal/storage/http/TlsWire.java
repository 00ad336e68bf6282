package org.sipdrop.server.internal.storage.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a socket channel with an {@link SSLEngine}, so that the handshake and the request
 * head are read without a thread (non-blocking, by the front) and the rest by a worker
 * (blocking). Used by one thread at a time.
 */
final class TlsWire implements Wire {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Received TLS records not yet unwrapped (fill mode). */
    private ByteBuffer netIn;
    /** TLS records not yet sent (fill mode). */
    private ByteBuffer netOut;
    /** Unwrapped application bytes not yet read (fill mode). */
    private ByteBuffer app;

    TlsWire(SocketChannel channel, SSLEngine engine) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        SSLSession s = engine.getSession();
        netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        netOut = ByteBuffer.allocate(s.getPacketBufferSize());
        app = ByteBuffer.allocate(s.getApplicationBufferSize());
        engine.setUseClientMode(false);
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (true) {
            if (app.position() > 0) {
                app.flip();
                int n = Math.min(app.remaining(), dst.remaining());
                int limit = app.limit();
                app.limit(app.position() + n);
                dst.put(app);
                app.limit(limit);
                app.compact();
                return n;
            }
            if (!flush()) {
                return 0; // non-blocking: handshake bytes wait for the socket
            }
            switch (engine.getHandshakeStatus()) {
            case NEED_TASK -> {
                runTasks();
                continue;
            }
            case NEED_WRAP -> {
                wrap(EMPTY);
                continue;
            }
            default -> {
                // unwrap below
            }
            }
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, app);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
            case OK -> {
                // progress made: loop
            }
            case CLOSED -> {
                return -1;
            }
            case BUFFER_OVERFLOW -> app = grow(app, engine.getSession().getApplicationBufferSize());
            case BUFFER_UNDERFLOW -> {
                if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                }
                int n = channel.read(netIn);
                if (n < 0) {
                    try {
                        engine.closeInbound();
                    } catch (SSLException truncated) {
                        // no close_notify: the end of the stream all the same
                    }
                    return -1;
                }
                if (n == 0) {
                    return 0;
                }
            }
            }
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            wrap(src);
            flush();
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        SSLEngineResult r = engine.wrap(src, netOut);
        switch (r.getStatus()) {
        case BUFFER_OVERFLOW -> {
            if (netOut.position() == 0) {
                netOut = grow(netOut, engine.getSession().getPacketBufferSize());
            } else if (!flush()) {
                throw new IOException("TLS output blocked"); // only the handshake wraps in non-blocking mode, after a flush
            }
        }
        case CLOSED -> throw new SSLException("The TLS connection is closed");
        default -> {
            // OK
        }
        }
    }

    /** Sends what {@link #netOut} holds, all of it in blocking mode; @return whether all went */
    private boolean flush() throws IOException {
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                if (channel.write(netOut) == 0) {
                    break;
                }
            }
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    private void runTasks() {
        for (Runnable t; (t = engine.getDelegatedTask()) != null; ) {
            t.run();
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        b.flip();
        return bigger.put(b);
    }

    @Override
    public boolean wantsWrite() {
        return netOut.position() > 0;
    }

    @Override
    public void shutdown() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            SSLEngineResult r = engine.wrap(EMPTY, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                break;
            }
            if (r.bytesProduced() == 0) {
                break;
            }
        }
        flush();
    }

    @Override
    public SSLSession session() {
        return engine.getSession();
    }
}
