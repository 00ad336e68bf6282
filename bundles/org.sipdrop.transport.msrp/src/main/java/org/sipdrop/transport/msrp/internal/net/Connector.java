package org.sipdrop.transport.msrp.internal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

import org.sipdrop.transport.msrp.internal.codec.MsrpCodecLimits;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * Opens MSRP connections: outgoing to the first hop of a path, incoming on a listener, both
 * from the stack's bind address, with TLS for {@code msrps} (RFC 4975 §6, §14.2). The client
 * checks the server's certificate against the trust store and the host name against the URI;
 * a refused certificate surfaces as an {@link SSLException} naming the peer.
 */
public final class Connector {

    private static final Logger LOG = Logger.getLogger(Connector.class.getName());

    private final IoReactor reactor;
    private final InetAddress bindAddress;
    private final SSLContext tls;
    private final int bufferSize;
    private final long timeoutMillis;
    private final MsrpCodecLimits limits;
    private final ConnectionListener listener;

    /**
     * @param reactor the threads
     * @param bindAddress local address for listeners and outgoing sockets
     * @param tls the TLS context, or null
     * @param bufferSize per-connection buffer
     * @param timeoutMillis connect, handshake and idle timeout
     * @param limits parser limits
     * @param listener the session layer
     */
    public Connector(IoReactor reactor, InetAddress bindAddress, SSLContext tls, int bufferSize, long timeoutMillis,
            MsrpCodecLimits limits, ConnectionListener listener) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.tls = tls;
        this.bufferSize = bufferSize;
        this.timeoutMillis = timeoutMillis;
        this.limits = limits;
        this.listener = listener;
    }

    /**
     * Connects to a hop and starts reading.
     *
     * @param hop the first URI of a To-Path; {@code msrps} means TLS
     * @return the connection
     */
    public MsrpConnection connect(MsrpUri hop) throws IOException {
        if (hop.isSecure() && tls == null) {
            throw new IOException("Cannot connect to " + hop + ": msrps needs a TLS trust store in the MSRP settings");
        }
        SocketChannel ch = SocketChannel.open();
        try {
            ch.bind(new InetSocketAddress(bindAddress, 0));
            ch.socket().setTcpNoDelay(true);
            ch.socket().connect(new InetSocketAddress(hop.host(), hop.effectivePort()), (int) timeoutMillis);
            String description = (hop.isSecure() ? "msrps" : "msrp") + " to " + hop.host() + ":" + hop.effectivePort();
            MsrpConnection c = wrap(ch, hop.isSecure(), true, hop.host(), hop.effectivePort(), description);
            c.start(reactor);
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof SSLException) {
                throw new SSLException("TLS with " + hop.host() + ":" + hop.effectivePort() + " failed: "
                        + e.getMessage(), e);
            }
            if (e instanceof java.net.ConnectException || e instanceof java.net.SocketTimeoutException
                    || e instanceof java.net.NoRouteToHostException || e instanceof java.net.UnknownHostException) {
                throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.UNREACHABLE,
                        "Cannot connect to " + hop.host() + ":" + hop.effectivePort() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Listens; each accepted connection is set up (TLS handshake) on a worker.
     *
     * @param port 0 for an ephemeral port
     * @param secure TLS listener
     * @return the bound server channel; close it to stop listening
     */
    public ServerSocketChannel listen(int port, boolean secure) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(bindAddress, port), 64);
        reactor.listen(server, ch -> accepted(ch, secure));
        return server;
    }

    private void accepted(SocketChannel ch, boolean secure) {
        String description = (secure ? "msrps" : "msrp") + " from " + ch.socket().getRemoteSocketAddress();
        try {
            ch.socket().setTcpNoDelay(true);
            wrap(ch, secure, false, null, -1, description).start(reactor);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.INFO, "Refused MSRP connection " + description + ": " + e.getMessage(), e);
            try {
                ch.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private MsrpConnection wrap(SocketChannel ch, boolean secure, boolean client, String host, int port,
            String description) throws IOException {
        WaitingSocketChannel raw = new WaitingSocketChannel(ch, timeoutMillis);
        TlsChannel t = null;
        if (secure) {
            SSLEngine engine = client ? tls.createSSLEngine(host, port) : tls.createSSLEngine();
            engine.setUseClientMode(client);
            if (client) {
                SSLParameters p = engine.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                engine.setSSLParameters(p);
            }
            t = new TlsChannel(raw, engine);
            t.handshake();
        }
        return new MsrpConnection(raw, t, bufferSize, limits, listener, description);
    }
}
