package org.sipdrop.transport.msrp.internal.session;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.sipdrop.transport.msrp.internal.codec.BodyReader;
import org.sipdrop.transport.msrp.internal.codec.MsrpCodecLimits;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponses;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.TransactionIds;
import org.sipdrop.transport.msrp.internal.net.ConnectionListener;
import org.sipdrop.transport.msrp.internal.net.Connector;
import org.sipdrop.transport.msrp.internal.net.IoReactor;
import org.sipdrop.transport.msrp.internal.net.MsrpConnection;
import org.sipdrop.transport.msrp.internal.relay.RelayClient;

/**
 * An MSRP endpoint: listeners for {@code msrp} (and {@code msrps}), the sessions by session-id,
 * the connections to reuse, and the relay registration. Requests are matched to sessions as
 * RFC 4975 §5.4 says: the rightmost To-Path URI names the session (481 if none), the rightmost
 * From-Path URI must be the peer (and a direct one must come from the address the peer's path
 * names, when that is checkable), and a session answers only on the connection it is bound to
 * (506 otherwise, and the session ends as attacked: see {@link MsrpSession}). No statics: many
 * stacks live in one JVM.
 */
public final class MsrpStack implements Closeable, ConnectionListener {

    private static final Logger LOG = Logger.getLogger(MsrpStack.class.getName());

    private final StackConfig config;
    private final IoReactor reactor;
    private final Connector connector;
    private final ServerSocketChannel plain;
    private final ServerSocketChannel secure;
    private final Map<String, MsrpSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, MsrpConnection> pool = new ConcurrentHashMap<>();
    private final Map<MsrpConnection, Set<MsrpSession>> users = new ConcurrentHashMap<>();
    private final Set<MsrpConnection> open = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private final RelayClient relay;
    private volatile boolean closed;

    private MsrpStack(StackConfig config) throws IOException {
        this.config = config;
        this.reactor = new IoReactor("msrp", config.workers());
        try {
            this.connector = new Connector(reactor, InetAddress.getByName(config.bindAddress()), config.tls(),
                    config.bufferSize(), config.idleTimeoutMillis(), MsrpCodecLimits.defaults(), this);
            this.plain = connector.listen(config.port(), false);
            this.secure = config.tlsPort() >= 0 ? connector.listen(config.tlsPort(), true) : null;
            this.relay = config.relay() == null ? null
                    : new RelayClient(config.relay(), connector, reactor.scheduler(), config.sessionTimeoutMillis());
        } catch (IOException | RuntimeException e) {
            reactor.close();
            throw e;
        }
    }

    /**
     * @param config the settings
     * @return a listening stack
     */
    public static MsrpStack start(StackConfig config) throws IOException {
        return new MsrpStack(config);
    }

    /** @return the settings */
    public StackConfig config() {
        return config;
    }

    /** @return the {@code msrp} listening port */
    public int port() {
        return ((InetSocketAddress) plain.socket().getLocalSocketAddress()).getPort();
    }

    /** @return the {@code msrps} listening port, or -1 */
    public int tlsPort() {
        return secure == null ? -1 : ((InetSocketAddress) secure.socket().getLocalSocketAddress()).getPort();
    }

    /** @return the relay registration, if a relay is configured */
    public java.util.Optional<RelayClient> relay() {
        return java.util.Optional.ofNullable(relay);
    }

    /** @return connections open now, accepted or opened */
    public int openConnections() {
        return open.size();
    }

    /** @return the number of I/O worker threads, fixed whatever the number of sessions */
    public int ioThreads() {
        return reactor.workerCount();
    }

    /**
     * Opens a session with a fresh session-id (RFC 4975 §6, §14.1: at least 80 bits of randomness).
     * With a relay configured, the session is active and its path starts with the relay's
     * Use-Path, obtained by AUTH (RFC 4976 §5).
     *
     * @param tls true for an {@code msrps} session
     * @param active true if this side connects (RFC 6135 {@code a=setup:active})
     * @return the session, registered for matching
     */
    public MsrpSession openSession(boolean tls, boolean active) throws IOException {
        if (closed) {
            throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.CANCELLED, "The MSRP transport was stopped");
        }
        if (tls && secure == null && relay == null) {
            throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.UNAVAILABLE, "msrps needs a TLS key store in the MSRP settings");
        }
        String id = TransactionIds.next(random) + TransactionIds.next(random).substring(0, 8);
        List<MsrpUri> relayPath = relay == null ? List.of() : relay.usePath();
        int port = tls && secure != null ? tlsPort() : port();
        MsrpUri local = MsrpUri.of(tls, config.bindAddress(), port, id);
        MsrpSession s = new MsrpSession(this, id, local, relayPath, active || relay != null);
        sessions.put(id, s);
        return s;
    }

    /** @return chunk size for this To-Path: small when it has relays (RFC 4976; Kamailio's limit) */
    int chunkSizeFor(List<MsrpUri> toPath) {
        return toPath.size() > 1 ? Math.min(config.chunkSize(), config.relayChunkSize()) : config.chunkSize();
    }

    /**
     * The connection for an active session: the relay's when one is used, else a pooled one to
     * the same hop (connection reuse, RFC 4975 §5.4), else a new one. Taking a pooled connection
     * and counting the session as its user happen under the pool's lock, the same lock under
     * which an idle connection is judged unused and closed: a connection is never handed out
     * while it is being closed.
     */
    MsrpConnection connectionFor(MsrpSession session, MsrpUri hop) throws IOException {
        if (relay != null) {
            MsrpConnection c = relay.connection();
            users.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).add(session);
            return c;
        }
        String key = (hop.isSecure() ? "msrps://" : "msrp://") + hop.host() + ":" + hop.effectivePort();
        synchronized (pool) {
            MsrpConnection c = pool.get(key);
            if (c == null || !c.isOpen()) {
                c = connector.connect(hop);
                pool.put(key, c);
            }
            users.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).add(session);
            return c;
        }
    }

    @Override
    public void onRequest(MsrpConnection c, MsrpRequest r, BodyReader body) throws IOException {
        if (MsrpMethod.AUTH.equals(r.method())) {
            c.sendControl(MsrpResponses.forbidden(r)); // an endpoint is not a relay (RFC 4976 §5)
            return;
        }
        List<MsrpUri> to = r.headers().toPath();
        MsrpUri dest = to.get(to.size() - 1);
        MsrpSession s = dest.sessionId().map(sessions::get).orElse(null);
        boolean matches = s != null && (config.sessionIdMatchOnly() || s.localUri().sessionMatches(to))
                && s.isFromPeer(r.headers().fromPath());
        if (!matches) {
            answer(c, r, MsrpStatus.SESSION_DOES_NOT_EXIST);
            return;
        }
        if (r.headers().fromPath().size() == 1 && !s.isFromPeerHost(c)) {
            answer(c, r, MsrpStatus.SESSION_DOES_NOT_EXIST); // not from the peer's host (see MsrpSession)
            return;
        }
        // 506 guards a direct session's binding; through relays (From-Path longer than one URI)
        // a relay may deliver on a connection of its own (RFC 4976 §6)
        if (!s.bind(c, r.headers().fromPath()) && r.headers().fromPath().size() == 1) {
            answer(c, r, MsrpStatus.SESSION_ALREADY_BOUND);
            s.claimedBy(c);
            closeIfUnused(c);
            return;
        }
        if (s.isAttacked()) {
            answer(c, r, MsrpStatus.SESSION_DOES_NOT_EXIST); // it no longer exists for anyone (RFC 4975 §7.3)
            return;
        }
        users.computeIfAbsent(c, k -> ConcurrentHashMap.newKeySet()).add(s);
        if (MsrpMethod.SEND.equals(r.method())) {
            if (s.isRefusing()) {
                answer(c, r, MsrpStatus.MESSAGE_TOO_LARGE);
            } else {
                s.onSend(c, r, body);
            }
        } else if (MsrpMethod.REPORT.equals(r.method())) {
            s.onReport(r);
        } else {
            answer(c, r, MsrpStatus.NOT_IMPLEMENTED);
        }
    }

    /**
     * Closes a connection that claimed a session bound elsewhere, unless sessions of its own use
     * it (connection reuse, RFC 4975 §5.4: a connection is not closed under its sessions).
     */
    private void closeIfUnused(MsrpConnection c) {
        Set<MsrpSession> own = users.get(c);
        if (own == null || own.isEmpty()) {
            c.close(new IOException("It claimed an MSRP session bound to another connection (RFC 4975 §5.4)"));
        }
    }

    private static void answer(MsrpConnection c, MsrpRequest r, int status) throws IOException {
        if (MsrpResponses.mustAnswer(r, status)) {
            c.sendControl(MsrpResponses.of(r, status));
        }
    }

    @Override
    public void onOpened(MsrpConnection c) {
        open.add(c);
        if (closed) {
            c.close();
        }
    }

    @Override
    public void onClosed(MsrpConnection c, IOException cause) {
        open.remove(c);
        pool.values().remove(c);
        Set<MsrpSession> bound = users.remove(c);
        if (relay != null) {
            relay.connectionClosed(c);
        }
        if (bound != null) {
            IOException why = new IOException("The MSRP connection " + c.description() + " closed"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
            bound.forEach(s -> s.fail(why));
        }
    }

    /** A session ended: forget it (after a linger if it is refusing a message with 413). */
    void release(MsrpSession s) {
        long linger = s.isRefusing() ? config.lingerMillis() : 0;
        Runnable forget = () -> {
            sessions.remove(s.id(), s);
            MsrpConnection c = s.connection();
            if (c != null) {
                Set<MsrpSession> left = users.get(c);
                if (left != null) {
                    left.remove(s);
                }
                scheduleIdleClose(c);
            }
        };
        if (linger > 0 && !closed) {
            reactor.scheduler().schedule(forget, linger, TimeUnit.MILLISECONDS);
        } else {
            forget.run();
        }
    }

    /**
     * Graceful close (RFC 4975 §5.4): a connection that this stack opened and that no session
     * uses goes after the linger time. Only the opener closes a connection for being idle: it
     * alone knows whether it is about to reuse it for a new session, whose first request the
     * accepting side has not seen yet. Were the accepting side to close it, that request would
     * meet "The peer closed the MSRP connection". Accepted connections end when their opener
     * closes them, or when this stack stops.
     */
    private void scheduleIdleClose(MsrpConnection c) {
        if (closed || !opened(c)) {
            return;
        }
        Runnable check = () -> {
            synchronized (pool) {
                Set<MsrpSession> left = users.get(c);
                if (left != null && !left.isEmpty()) {
                    return;
                }
                pool.values().remove(c);
            }
            c.close();
        };
        if (config.lingerMillis() == 0) {
            check.run();
        } else {
            reactor.scheduler().schedule(check, config.lingerMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** @return true for a pooled connection this stack opened (not the relay's, not an accepted one) */
    private boolean opened(MsrpConnection c) {
        synchronized (pool) {
            return pool.containsValue(c);
        }
    }

    /** Stops: every session fails with a clear reason, every connection and listener closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException stopped = new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.CANCELLED, "The MSRP transport was stopped");
        sessions.values().forEach(s -> s.fail(stopped));
        sessions.clear();
        if (relay != null) {
            relay.close();
        }
        open.forEach(MsrpConnection::close);
        for (ServerSocketChannel server : new ServerSocketChannel[] { plain, secure }) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "close listener", e);
                }
            }
        }
        try {
            reactor.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "close reactor", e);
        }
    }
}
