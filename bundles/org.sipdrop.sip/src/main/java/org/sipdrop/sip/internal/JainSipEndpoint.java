package org.sipdrop.sip.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipProvider;
import java.util.TooManyListenersException;

import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipTransport;

import gov.nist.javax.sip.SipStackImpl;

/**
 * One JAIN-SIP RI stack, created with its constructor (not the reflective SipFactory
 * singleton) so many endpoints can coexist in one JVM. Its threads are non-daemon: close()
 * must run, which the factory guarantees on deactivation.
 */
final class JainSipEndpoint implements SipEndpoint {

    private static final System.Logger LOG = System.getLogger(JainSipEndpoint.class.getName());

    private final SipEndpointConfig config;
    private final SipStackImpl stack;
    private final SipProvider provider;
    private final Map<SipTransport, ListeningPoint> points = new EnumMap<>(SipTransport.class);
    private final RequestRouter router = new RequestRouter();
    private final Consumer<JainSipEndpoint> onClose;
    private final java.util.concurrent.ScheduledExecutorService timer;
    private EndpointListener listener;
    private UserAgentImpl userAgent;
    private volatile boolean open = true;

    JainSipEndpoint(SipEndpointConfig config, String stackName, java.util.concurrent.ScheduledExecutorService timer,
            Consumer<JainSipEndpoint> onClose) throws IOException {
        this.config = config;
        this.timer = timer;
        this.onClose = onClose;
        try {
            java.util.Properties props = StackProperties.forEndpoint(stackName);
            config.tls().ifPresent(t -> StackProperties.withTls(props, t));
            stack = new SipStackImpl(props);
        } catch (PeerUnavailableException e) {
            throw new IOException("Cannot create the SIP stack for " + config + ": " + e.getMessage(), e);
        }
        SipProvider created = null;
        try {
            int port = config.port() != 0 ? config.port() : FreePorts.pick(config.bindAddress());
            for (SipTransport t : config.transports()) {
                ListeningPoint lp = stack.createListeningPoint(config.bindAddress(), port, t.token());
                points.put(t, lp);
                if (created == null) {
                    created = stack.createSipProvider(lp);
                } else {
                    created.addListeningPoint(lp);
                }
            }
            provider = created;
            listener = new EndpointListener(provider, router);
            provider.addSipListener(listener);
            router.register("OPTIONS", new OptionsResponder(router, this::capabilityHeaders, this::capabilityBody));
            stack.start();
        } catch (InvalidArgumentException | TooManyListenersException | javax.sip.SipException | IOException
                | RuntimeException e) { // the RI throws NullPointerException when a bind fails
            stopQuietly();
            throw new IOException("Cannot listen on " + config + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return e instanceof NullPointerException ? "the address or port is in use or not available" : e.getMessage()
                + (root != e ? " (" + root.getMessage() + ")" : "");
    }

    private void stopQuietly() {
        try {
            stack.stop();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "The SIP stack of " + config.name() + " threw while stopping", e);
        }
    }

    @Override
    public SipEndpointConfig config() {
        return config;
    }

    @Override
    public Set<SipTransport> transports() {
        return config.transports();
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
    public synchronized org.sipdrop.sip.SipUserAgent userAgent(org.sipdrop.sip.SipAccount account) {
        if (!open) {
            throw new IllegalStateException("Endpoint " + config.name() + " is closed");
        }
        if (userAgent != null) {
            throw new IllegalStateException("Endpoint " + config.name() + " already serves " + userAgent.account().aor());
        }
        ListeningPoint lp = points.get(account.transport());
        if (lp == null) {
            throw new IllegalArgumentException("Endpoint " + config.name() + " does not listen on " + account.transport()
                    + ", which " + account.aor() + " uses");
        }
        try {
            userAgent = new UserAgentImpl(account, stack, provider, lp, timer);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("Cannot use account " + account + ": " + e.getMessage(), e);
        }
        UserAgentRequests requests = new UserAgentRequests(userAgent);
        requests.registerWith(router);
        listener.onStrayResponse(requests::strayResponse);
        return userAgent;
    }

    private java.util.Optional<org.sipdrop.sip.SipBody> capabilityBody() {
        UserAgentImpl ua = userAgent;
        return ua == null ? java.util.Optional.empty() : ua.capabilityBody();
    }

    private java.util.List<String> capabilityHeaders() {
        UserAgentImpl ua = userAgent;
        return ua == null ? java.util.List.of() : ua.capabilityHeaders();
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
        if (userAgent != null) {
            userAgent.close();
        }
        try {
            stack.deleteSipProvider(provider);
        } catch (ObjectInUseException e) {
            LOG.log(System.Logger.Level.DEBUG, "Provider still in use while closing " + config.name(), e);
        }
        // The RI's UDP processor can throw in stop() (its channel list is null until its threads
        // run) after closing its socket but before the stack stops the other processors; so the
        // connection-oriented listening points are deleted first, one by one, then stop() ends
        // the rest after its one-second pause for the stack's threads.
        for (java.util.Map.Entry<SipTransport, ListeningPoint> e : points.entrySet()) {
            if (e.getKey() != SipTransport.UDP) {
                try {
                    stack.deleteListeningPoint(e.getValue());
                } catch (ObjectInUseException | RuntimeException x) {
                    LOG.log(System.Logger.Level.DEBUG, "Could not delete listening point " + e.getValue(), x);
                }
            }
        }
        stopQuietly();
        awaitListenersClosed();
        onClose.accept(this);
    }

    /**
     * The RI closes its TCP and TLS server sockets on its own threads, after stop() returned; a
     * caller that closed an endpoint expects its ports free (nobody answering there). Waits, at
     * most two seconds, until each can be bound again.
     */
    private void awaitListenersClosed() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        for (java.util.Map.Entry<SipTransport, ListeningPoint> e : points.entrySet()) {
            if (e.getKey() == SipTransport.UDP) {
                continue;
            }
            java.net.InetSocketAddress a = new java.net.InetSocketAddress(e.getValue().getIPAddress(), e.getValue().getPort());
            while (!bindable(a) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean bindable(java.net.InetSocketAddress a) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(a);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SipEndpoint[" + config.name() + " " + points.keySet() + "]";
    }
}
