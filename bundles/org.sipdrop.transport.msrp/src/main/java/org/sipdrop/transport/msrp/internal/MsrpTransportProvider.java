package org.sipdrop.transport.msrp.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.net.TlsContexts;
import org.sipdrop.transport.msrp.internal.session.MsrpSession;
import org.sipdrop.transport.msrp.internal.session.MsrpStack;
import org.sipdrop.transport.msrp.internal.session.StackConfig;

/**
 * The MSRP transport as a whiteboard {@link TransportProvider} for {@code msrp} and
 * {@code msrps}. One {@link MsrpStack} per activation; deactivation (bundle stop, new
 * configuration) stops it, which fails transfers in flight with "The MSRP transport was stopped".
 * <p>
 * Request parameters ({@link TransportParameter}): {@code SETUP} (RFC 6135); {@code ACTPASS} (an
 * offerer's) waits for the peer like {@code PASSIVE} until the answer settles it
 * ({@link TransportRequest#settle}): {@code ACTIVE} then makes the session connect when bytes start
 * to move. Without it the side that receives connects (a caller that negotiated nothing; the
 * negotiation always says). {@code WRAP}, {@code MAX_SIZE} and {@code ACCEPT_TYPES} as RFC 4975
 * §8.6 and RFC 5547 §8.7 say. Its endpoints travel in SDP: {@code TCP/MSRP} and {@code TCP/TLS/MSRP}.
 */
@Component(service = TransportProvider.class, configurationPid = MsrpTransportProvider.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { TransportProvider.SCHEME_PROPERTY + "=msrp", TransportProvider.SCHEME_PROPERTY + "=msrps",
                TransportProvider.NAME_PROPERTY + "=MSRP", "service.ranking:Integer=100" })
@Designate(ocd = MsrpTransportConfig.class)
public final class MsrpTransportProvider implements TransportProvider {

    /** Configuration PID. */
    public static final String PID = "org.sipdrop.transport.msrp";

    /** The SDP proto of msrp (RFC 4975 §8.1). */
    public static final String PROTO = "TCP/MSRP";

    /** The SDP proto of msrps (RFC 4975 §8.1, §14.5). */
    public static final String PROTO_TLS = "TCP/TLS/MSRP";

    private final MsrpStack stack;

    /** Starts the stack from the configuration. */
    @Activate
    public MsrpTransportProvider(MsrpTransportConfig config) throws IOException {
        this.stack = MsrpStack.start(toStackConfig(config));
    }

    static StackConfig toStackConfig(MsrpTransportConfig c) throws IOException {
        StackConfig s = StackConfig.defaults().withChunkSize(c.chunk_size()).withTimeouts(c.session_timeout_ms(),
                c.session_timeout_ms()).withIo(c.io_workers(), 64 * 1024);
        s = new StackConfig(c.bind_address(), c.port(), -1, s.chunkSize(), c.relay_chunk_size(), s.bufferSize(),
                s.workers(), s.idleTimeoutMillis(), s.sessionTimeoutMillis(), s.reportIntervalBytes(), s.lingerMillis(),
                false, null, null, s.bindingSettleMillis(), c.peer_host_check());
        boolean hasKey = !c.tls_key_store().isBlank();
        if (hasKey || !c.tls_trust_store().isBlank()) {
            SSLContext tls = TlsContexts.create(hasKey ? Path.of(c.tls_key_store()) : null,
                    c._tls_key_store_password().toCharArray(),
                    c.tls_trust_store().isBlank() ? null : Path.of(c.tls_trust_store()),
                    c._tls_trust_store_password().toCharArray());
            s = s.withTls(tls, hasKey ? c.tls_port() : -1);
        }
        if (!c.relay_uri().isBlank()) {
            MsrpUri relay;
            try {
                relay = MsrpUri.parse(withTransport(c.relay_uri().trim()));
            } catch (IllegalArgumentException e) {
                throw new IOException("Setting 'relay.uri': '" + c.relay_uri().trim() + "' is not an MSRP relay URI such as"
                        + " msrp://HOST:PORT or msrps://HOST:PORT (" + e.getMessage() + ")", e);
            }
            s = s.withRelay(new StackConfig.Relay(relay, c.relay_user(), c._relay_password(), c.relay_expires()));
        }
        return s;
    }

    /**
     * @return {@code uri}, with {@code ;tcp} when it names none: a user (a CLI flag, a form field)
     *         writes a relay as {@code msrp://HOST:PORT}; RFC 4975 §9 requires the transport part,
     *         and TCP is the only one defined (RFC 4976 §3 relays included)
     */
    static String withTransport(String uri) {
        return uri.indexOf(';') < 0 ? uri + ";tcp" : uri;
    }

    /** Stops the stack: transfers in flight fail cleanly. */
    @Deactivate
    void deactivate() {
        stack.close();
    }

    @Override
    public String name() {
        return "MSRP";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(MsrpUri.SCHEME, MsrpUri.SECURE_SCHEME);
    }

    @Override
    public Carriage carriage(String scheme) {
        return Carriage.session(MsrpUri.SECURE_SCHEME.equalsIgnoreCase(scheme) ? PROTO_TLS : PROTO);
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        String scheme = request.scheme().toLowerCase(Locale.ROOT);
        if (!schemes().contains(scheme)) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "The MSRP transport does not serve scheme '"
                    + request.scheme() + "'");
        }
        MsrpSession session;
        try {
            session = stack.openSession(MsrpUri.SECURE_SCHEME.equals(scheme), isActive(request));
        } catch (IOException e) {
            throw MsrpTransportSession.typed(e);
        }
        return new MsrpTransportSession(session, request);
    }

    /** @return whether this side opens the connection, by the request's (negotiated or settled) setup */
    static boolean isActive(TransportRequest request) {
        return request.get(TransportParameter.SETUP).map(r -> r == ConnectionRole.ACTIVE)
                .orElse(request.direction() == Direction.INCOMING);
    }

    /** @return the stack, for tests in the fragment */
    MsrpStack stack() {
        return stack;
    }
}
