package org.sipdrop.transport.msrp.internal.session;

import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * Settings of one {@link MsrpStack}. Defaults: loopback, ephemeral ports, 1 MiB chunks when
 * direct, 10 000-byte chunks through relays (Kamailio 5.6 drops frames of about 11 KB and
 * more), 128 KiB buffers per connection, two I/O workers, 30 s timeouts, a progress REPORT
 * every 4 MiB.
 *
 * @param bindAddress address to listen on and to connect from
 * @param port TCP port for {@code msrp}, 0 for an ephemeral one
 * @param tlsPort TCP port for {@code msrps}, 0 for an ephemeral one, -1 for no TLS listener
 * @param chunkSize largest chunk body on a direct path
 * @param relayChunkSize largest chunk body when the path has relays (RFC 4976)
 * @param bufferSize the reader's and writer's buffer per connection
 * @param workers I/O worker threads
 * @param idleTimeoutMillis longest silence inside a frame or while the peer's window is full
 * @param sessionTimeoutMillis longest wait for the peer to connect, a chunk, or a REPORT
 * @param reportIntervalBytes bytes between progress REPORTs (RFC 4975 §7.1.2)
 * @param lingerMillis how long an unused connection this stack opened stays open for reuse
 * @param sessionIdMatchOnly match sessions by session-id only ({@code a=msrp-sessmatch}, RFC 7701)
 * @param tls the TLS context (key and trust), or null without TLS
 * @param relay the relay to AUTH with, or null for none
 * @param bindingSettleMillis how long a passive session's direct binding must stand unchallenged
 *        before its message counts as received or its own message is sent (see {@link MsrpSession})
 * @param checkPeerHost refuse a direct connection from another address than the one the peer's
 *        own URI names, when that URI names a non-loopback IP address (see {@link MsrpSession});
 *        turn off for peers behind NAT that advertise a private address and use no relay
 */
public record StackConfig(String bindAddress, int port, int tlsPort, int chunkSize, int relayChunkSize,
        int bufferSize, int workers, long idleTimeoutMillis, long sessionTimeoutMillis, long reportIntervalBytes,
        long lingerMillis, boolean sessionIdMatchOnly, SSLContext tls, Relay relay, long bindingSettleMillis, boolean checkPeerHost) {

    /** Default chunk body size on a direct path. */
    public static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;

    /**
     * Default buffer per connection and direction: 128 KiB. On loopback 64 KiB reads and writes
     * cost a third more time per byte than 128 KiB ones; 256 KiB gains little more.
     */
    public static final int DEFAULT_BUFFER_SIZE = 128 * 1024;

    /** Default (and largest sensible) chunk body through a Kamailio 5.6 relay. */
    public static final int DEFAULT_RELAY_CHUNK_SIZE = 10_000;

    /**
     * A relay and the credentials for its AUTH digest (RFC 4976 §5).
     *
     * @param uri e.g. {@code msrp://127.0.0.1:2855;tcp}
     * @param user digest user name
     * @param password digest password
     * @param expires the Expires to ask for, seconds, or -1 to let the relay choose
     */
    public record Relay(MsrpUri uri, String user, String password, long expires) {
        /** Requires a URI and credentials. */
        public Relay {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }
    }

    /** Checks every value. */
    public StackConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (chunkSize < 1 || relayChunkSize < 1 || bufferSize < 256 || workers < 1 || idleTimeoutMillis < 1
                || sessionTimeoutMillis < 1 || reportIntervalBytes < 1 || lingerMillis < 0 || bindingSettleMillis < 0) {
            throw new IllegalArgumentException("MSRP settings out of range: chunk sizes, workers and timeouts must be"
                    + " positive, buffers at least 256 bytes");
        }
        if (tlsPort >= 0 && tls == null) {
            throw new IllegalArgumentException("A TLS listener (msrps) needs a TLS context with a key");
        }
    }

    /**
     * Default settle time of a passive session's binding: 500 ms. The legitimate active peer
     * connects as soon as the SDP exchange is done (RFC 4975 §5.4: it MUST send at once), so a
     * third party that learnt the paths and connected first is caught when the peer's own
     * connection claims the session within this time.
     */
    public static final long DEFAULT_BINDING_SETTLE_MILLIS = 500;

    /** @return loopback defaults without TLS and without relay */
    public static StackConfig defaults() {
        return new StackConfig("127.0.0.1", 0, -1, DEFAULT_CHUNK_SIZE, DEFAULT_RELAY_CHUNK_SIZE, DEFAULT_BUFFER_SIZE, 2,
                30_000, 30_000, 4L * 1024 * 1024, 2_000, false, null, null, DEFAULT_BINDING_SETTLE_MILLIS, true);
    }

    /** @return a copy with this chunk size */
    public StackConfig withChunkSize(int size) {
        return new StackConfig(bindAddress, port, tlsPort, size, relayChunkSize, bufferSize, workers, idleTimeoutMillis,
                sessionTimeoutMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, tls, relay, bindingSettleMillis, checkPeerHost);
    }

    /** @return a copy with these timeouts */
    public StackConfig withTimeouts(long idleMillis, long sessionMillis) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, bufferSize, workers, idleMillis,
                sessionMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, tls, relay, bindingSettleMillis, checkPeerHost);
    }

    /** @return a copy with a progress REPORT every {@code bytes} */
    public StackConfig withReportInterval(long bytes) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, bufferSize, workers, idleTimeoutMillis,
                sessionTimeoutMillis, bytes, lingerMillis, sessionIdMatchOnly, tls, relay, bindingSettleMillis, checkPeerHost);
    }

    /** @return a copy with TLS: the context, and a listener on {@code port} (0 ephemeral, -1 none) */
    public StackConfig withTls(SSLContext context, int port) {
        return new StackConfig(bindAddress, this.port, port, chunkSize, relayChunkSize, bufferSize, workers,
                idleTimeoutMillis, sessionTimeoutMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, context,
                relay, bindingSettleMillis, checkPeerHost);
    }

    /** @return a copy that uses this relay */
    public StackConfig withRelay(Relay r) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, bufferSize, workers, idleTimeoutMillis,
                sessionTimeoutMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, tls, r, bindingSettleMillis, checkPeerHost);
    }

    /** @return a copy that keeps an unused connection it opened this long for reuse */
    public StackConfig withLinger(long millis) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, bufferSize, workers, idleTimeoutMillis,
                sessionTimeoutMillis, reportIntervalBytes, millis, sessionIdMatchOnly, tls, relay, bindingSettleMillis, checkPeerHost);
    }

    /** @return a copy whose passive sessions trust a direct binding only after it stood this long unchallenged */
    public StackConfig withBindingSettle(long millis) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, bufferSize, workers, idleTimeoutMillis,
                sessionTimeoutMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, tls, relay, millis, checkPeerHost);
    }

    /** @return a copy that checks, or not, the address a peer connects from against its URI */
    public StackConfig withPeerHostCheck(boolean check) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, bufferSize, workers, idleTimeoutMillis,
                sessionTimeoutMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, tls, relay, bindingSettleMillis,
                check);
    }

    /** @return a copy with this many I/O workers and this buffer size */
    public StackConfig withIo(int workerCount, int buffer) {
        return new StackConfig(bindAddress, port, tlsPort, chunkSize, relayChunkSize, buffer, workerCount,
                idleTimeoutMillis, sessionTimeoutMillis, reportIntervalBytes, lingerMillis, sessionIdMatchOnly, tls, relay, bindingSettleMillis, checkPeerHost);
    }
}
