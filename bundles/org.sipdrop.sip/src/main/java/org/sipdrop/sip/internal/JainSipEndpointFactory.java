package org.sipdrop.sip.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;

/**
 * The DS component that creates JAIN-SIP stacks and, when it is deactivated (bundle stopped,
 * framework shut down), stops every stack it started so no non-daemon SIP thread outlives it.
 */
@Component(service = SipEndpointFactory.class)
public final class JainSipEndpointFactory implements SipEndpointFactory {

    private final List<SipEndpoint> open = new CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();

    private volatile boolean active = true;
    /** One small timer for every endpoint's refreshes and keep-alives: threads do not grow with agents. */
    private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sipdrop-sip-timer");
        t.setDaemon(true);
        return t;
    });

    public JainSipEndpointFactory() {
        quietLog4j();
    }

    /**
     * The RI logs through log4j 1.2 and warns on stderr when nobody configured it; SipDrop
     * reports SIP failures itself, so an unconfigured log4j gets a null appender.
     */
    private static void quietLog4j() {
        org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
        if (!root.getAllAppenders().hasMoreElements()) {
            root.addAppender(new org.apache.log4j.varia.NullAppender());
        }
    }

    @Override
    public SipEndpoint open(SipEndpointConfig config) throws IOException {
        if (!active) {
            throw new IllegalStateException("The SIP endpoint factory is stopped");
        }
        String stackName = "sipdrop-" + config.name() + "-" + counter.incrementAndGet();
        JainSipEndpoint endpoint = new JainSipEndpoint(config, stackName, timer, open::remove);
        open.add(endpoint);
        return endpoint;
    }

    @Override
    public List<SipEndpoint> openEndpoints() {
        return List.copyOf(open);
    }

    @Deactivate
    void deactivate() {
        active = false;
        // each stack's stop() pauses a second: stop them side by side
        List<java.util.concurrent.CompletableFuture<Void>> stops = new java.util.ArrayList<>();
        for (SipEndpoint e : List.copyOf(open)) {
            stops.add(java.util.concurrent.CompletableFuture.runAsync(e::close, r -> {
                Thread t = new Thread(r, "sipdrop-sip-stop");
                t.setDaemon(true);
                t.start();
            }));
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(stops.toArray(new java.util.concurrent.CompletableFuture[0]))
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            System.getLogger(JainSipEndpointFactory.class.getName()).log(System.Logger.Level.WARNING,
                    "SIP stacks did not stop within 10 s: " + e);
        }
        timer.shutdownNow();
    }
}
