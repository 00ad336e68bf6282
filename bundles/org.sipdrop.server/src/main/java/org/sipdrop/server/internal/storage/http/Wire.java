package org.sipdrop.server.internal.storage.http;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLSession;

/**
 * The bytes of one connection, plain or TLS, over a socket channel that is non-blocking while
 * the front reads a request head and blocking while a worker serves the request.
 */
interface Wire {

    /**
     * Reads application bytes into {@code dst}: in non-blocking mode what has arrived (0 for
     * nothing yet, which for TLS may mean the handshake progressed), in blocking mode at least
     * one byte.
     *
     * @return the number of bytes, or -1 at the end of the stream
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes all of {@code src}; blocking mode only. */
    void write(ByteBuffer src) throws IOException;

    /** @return whether bytes of the wire's own (a TLS handshake) wait for the socket to take them */
    boolean wantsWrite();

    /** Ends the stream cleanly (TLS close_notify); blocking mode only. */
    void shutdown() throws IOException;

    /** @return the TLS session, or {@code null} for plain HTTP */
    javax.net.ssl.SSLSession session();

    /** Plain HTTP. */
    static Wire plain(java.nio.channels.SocketChannel channel) {
        return new Wire() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                return channel.read(dst);
            }

            @Override
            public void write(ByteBuffer src) throws IOException {
                while (src.hasRemaining()) {
                    channel.write(src);
                }
            }

            @Override
            public boolean wantsWrite() {
                return false;
            }

            @Override
            public void shutdown() {
                // FIN comes with close
            }

            @Override
            public SSLSession session() {
                return null;
            }
        };
    }
}
