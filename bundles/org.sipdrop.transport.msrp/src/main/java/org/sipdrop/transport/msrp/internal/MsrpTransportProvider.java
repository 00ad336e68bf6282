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
import org.sipdrop.transfer.Direction;
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
 * Request parameters: {@code setup} = {@code active} | {@code passive} | {@code actpass}
 * (RFC 6135). {@code actpass} (an offerer's) waits for the peer like {@code passive} until the
 * answer settles it ({@link TransportRequest#settle}): {@code active} then makes the session
 * connect when bytes start to move. Without the parameter the side that receives connects (a
 * caller that negotiated nothing; the negotiation always says). {@value #WRAP_PARAMETER},
 * {@value #MAX_SIZE_PARAMETER} and {@value #ACCEPT_TYPES_PARAMETER}: see there.
 */
@Component(service = TransportProvider.class, configurationPid = MsrpTransportProvider.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { TransportProvider.SCHEME_PROPERTY + "=msrp", TransportProvider.SCHEME_PROPERTY + "=msrps",
                TransportProvider.NAME_PROPERTY + "=MSRP", "service.ranking:Integer=100" })
@Designate(ocd = MsrpTransportConfig.class)
public final class MsrpTransportProvider implements TransportProvider {

    /** Configuration PID. */
    public static final String PID = "org.sipdrop.transport.msrp";

    /** Request parameter with the negotiated {@code a=setup} value (RFC 6135). */
    public static final String SETUP_PARAMETER = "setup";

    /**
     * Request parameter naming the wrapper to send a file in: {@code message/cpim} when the
     * receiver accepts the file's type only wrapped (RFC 4975 §8.6, RFC 5547 §8.7); absent to
     * send the file as it is, with its own Content-Type.
     */
    public static final String WRAP_PARAMETER = "wrap";

    /** Request parameter with the receiver's a=max-size (RFC 4975 §8.6): no longer message is sent. */
    public static final String MAX_SIZE_PARAMETER = "max-size";

    /**
     * Request parameter with the a=accept-types this side's SDP gave (RFC 4975 §8.6), receiving:
     * a SEND of another Content-Type is answered 415 (§7.3.1); absent, any type is taken.
     */
    public static final String ACCEPT_TYPES_PARAMETER = "accept-types";

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
                relay = MsrpUri.parse(c.relay_uri());
            } catch (IllegalArgumentException e) {
                throw new IOException("relay.uri is not an MSRP URI: " + e.getMessage(), e);
            }
            s = s.withRelay(new StackConfig.Relay(relay, c.relay_user(), c._relay_password(), c.relay_expires()));
        }
        return s;
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
    public TransportSession open(TransportRequest request) throws IOException {
        String scheme = request.scheme().toLowerCase(Locale.ROOT);
        if (!schemes().contains(scheme)) {
            throw new IOException("The MSRP transport does not serve scheme '" + request.scheme() + "'");
        }
        MsrpSession session = stack.openSession(MsrpUri.SECURE_SCHEME.equals(scheme), isActive(request));
        return new MsrpTransportSession(session, request);
    }

    /** @return whether this side opens the connection, by the request's (negotiated or settled) setup */
    static boolean isActive(TransportRequest request) {
        String setup = request.parameters().get(SETUP_PARAMETER);
        if (setup == null) {
            return request.direction() == Direction.INCOMING;
        }
        switch (setup.toLowerCase(Locale.ROOT)) {
            case "active":
                return true;
            case "passive":
            case "actpass":
                return false;
            default:
                throw new IllegalArgumentException("setup must be active, passive or actpass (RFC 6135), was '" + setup + "'");
        }
    }

    /** @return the stack, for tests in the fragment */
    MsrpStack stack() {
        return stack;
    }
}
