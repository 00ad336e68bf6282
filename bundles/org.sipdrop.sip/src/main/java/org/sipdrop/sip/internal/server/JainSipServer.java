package org.sipdrop.sip.internal.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TooManyListenersException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipProvider;

import org.sipdrop.sip.SipBinding;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipTransport;

import gov.nist.javax.sip.SipStackImpl;

/**
 * A {@link SipServer} on its own JAIN-SIP RI stack (created with its constructor, not the
 * SipFactory singleton, so many servers and endpoints share one JVM). UDP and TCP share a port;
 * TLS has its own. A daemon timer expires bindings, publications and subscriptions. The stack's
 * threads are non-daemon: {@link #close()} must run, which the factory guarantees.
 */
final class JainSipServer implements SipServer {

    private static final System.Logger LOG = System.getLogger(JainSipServer.class.getName());

    private final SipServerConfig config;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final Map<SipTransport, ListeningPoint> points = new EnumMap<>(SipTransport.class);
    private final ScheduledExecutorService timer;
    private final LocationService location;
    private final LocalDomain domain;
    private final Consumer<JainSipServer> onClose;
    private volatile boolean open = true;

    JainSipServer(SipServerConfig config, String stackName, Consumer<JainSipServer> onClose) throws IOException {
        this(config, stackName, onClose, Clock.systemUTC());
    }

    /** @param clock for expiries and authentication lockouts; tests move it by hand */
    JainSipServer(SipServerConfig config, String stackName, Consumer<JainSipServer> onClose, Clock clock) throws IOException {
        this.config = config;
        this.onClose = onClose;
        InetAddress bind = InetAddress.getByName(config.bindAddress());
        try {
            stack = new SipStackImpl(ServerStackProperties.of(stackName, config));
            stack.setMessageParserFactory(ServerMessageParser.FACTORY); // before any listening point parses
        } catch (PeerUnavailableException e) {
            throw new IOException("Cannot create the SIP stack for " + config + ": " + e.getMessage(), e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sipdrop-server-" + config.name() + "-timer");
            t.setDaemon(true);
            return t;
        });
        SipProvider created = null;
        Map<String, Integer> ports = new HashMap<>();
        try {
            for (Map.Entry<SipTransport, Integer> e : ports(bind).entrySet()) {
                ListeningPoint lp = stack.createListeningPoint(config.bindAddress(), e.getValue(), e.getKey().token());
                points.put(e.getKey(), lp);
                ports.put(e.getKey().token(), e.getValue());
                if (created == null) {
                    created = stack.createSipProvider(lp);
                } else {
                    created.addListeningPoint(lp);
                }
            }
            provider = created;
            domain = new LocalDomain(bind, config.domains(), new HashSet<>(ports.values()));
            ServerContext ctx = new ServerContext(config, provider, domain, ports, timer);
            location = new LocationService(clock);
            AuthenticationThrottle throttle = new AuthenticationThrottle(clock);
            Optional<Authorizer> auth = config.authenticator().map(a -> new Authorizer(ctx, a, throttle));
            Notifier notifier = new Notifier(ctx, clock);
            PresenceAgent presence = new PresenceAgent(ctx, new PresenceStore(clock), notifier, auth);
            Proxy proxy = new Proxy(ctx);
            RequestDispatcher dispatcher = new RequestDispatcher(ctx, location, new Registrar(ctx, location, auth), proxy, presence,
                    notifier, new ListFanOut(ctx, location), auth);
            provider.addSipListener(new ServerListener(ctx, dispatcher, proxy, notifier, location));
            stack.start();
            timer.scheduleWithFixedDelay(() -> sweep(presence), 1, 1, TimeUnit.SECONDS);
        } catch (InvalidArgumentException | TooManyListenersException | javax.sip.SipException | IOException
                | RuntimeException e) { // the RI throws NullPointerException when a bind fails
            stopQuietly();
            throw new IOException("Cannot listen on " + config.bindAddress() + " " + describePorts() + ": " + describe(e), e);
        }
    }

    /** UDP and TCP on {@code port}; TLS on {@code tlsPort}, else port + 1 beside them, else a free one. */
    private Map<SipTransport, Integer> ports(InetAddress bind) throws IOException {
        Map<SipTransport, Integer> out = new EnumMap<>(SipTransport.class);
        boolean plain = config.transports().contains(SipTransport.UDP) || config.transports().contains(SipTransport.TCP);
        int port = config.port() != 0 ? config.port() : Ports.free(bind, -1);
        for (SipTransport t : config.transports()) {
            if (t != SipTransport.TLS) {
                out.put(t, port);
            }
        }
        if (config.transports().contains(SipTransport.TLS)) {
            int tls = config.tlsPort() != 0 ? config.tlsPort()
                    : !plain ? port : config.port() != 0 ? config.port() + 1 : Ports.free(bind, port);
            out.put(SipTransport.TLS, tls);
        }
        return out;
    }

    private String describePorts() {
        return config.transports() + " port " + (config.port() == 0 ? "(free)" : config.port());
    }

    private void sweep(PresenceAgent presence) {
        try {
            location.purge();
            presence.sweep();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Expiry sweep failed", e);
        }
    }

    private static String describe(Exception e) {
        if (e instanceof NullPointerException) {
            return "the address or port is in use or not available";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e.getMessage() + (root != e ? " (" + root.getMessage() + ")" : "");
    }

    private void stopQuietly() {
        timer.shutdownNow();
        try {
            stack.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Stopping a half-built stack failed", e);
        }
    }

    @Override
    public SipServerConfig config() {
        return config;
    }

    @Override
    public InetSocketAddress localAddress(SipTransport transport) {
        ListeningPoint lp = points.get(transport);
        if (lp == null) {
            throw new IllegalArgumentException(config.name() + " does not listen on " + transport);
        }
        return new InetSocketAddress(lp.getIPAddress(), lp.getPort());
    }

    @Override
    public List<String> uris() {
        List<String> out = new ArrayList<>();
        for (SipTransport t : SipTransport.values()) {
            ListeningPoint lp = points.get(t);
            if (lp != null) {
                out.add("sip:" + domain.advertisedHost() + ":" + lp.getPort() + ";transport=" + t.token());
            }
        }
        return out;
    }

    @Override
    public List<SipBinding> bindings(String user) {
        String aor = "sip:" + user + "@" + domain.advertisedHost();
        return location.lookup(user).stream()
                .map(b -> new SipBinding(aor, b.contact().toString(), Instant.ofEpochMilli(b.expiresAtMillis()))).toList();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        timer.shutdownNow();
        try {
            stack.deleteSipProvider(provider);
        } catch (ObjectInUseException e) {
            LOG.log(System.Logger.Level.DEBUG, "Provider still in use while closing " + config.name(), e);
        }
        for (ListeningPoint lp : points.values()) {
            try {
                stack.deleteListeningPoint(lp); // closes its socket now
            } catch (ObjectInUseException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Could not delete listening point " + lp, e);
            }
        }
        try {
            stack.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Stopping the stack failed", e);
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "SipServer[" + config.name() + " " + uris() + "]";
    }
}
