package org.sipdrop.sip.internal.server;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipServerFactory;

/**
 * The DS component that starts SIP servers and, when deactivated (bundle stopped, framework shut
 * down), stops every one it started so no non-daemon SIP thread outlives it.
 */
@Component(service = SipServerFactory.class)
public final class JainSipServerFactory implements SipServerFactory {

    private final List<SipServer> running = new CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile boolean active = true;

    @Override
    public SipServer start(SipServerConfig config) throws IOException {
        if (!active) {
            throw new IllegalStateException("The SIP server factory is stopped");
        }
        JainSipServer server = new JainSipServer(config, "sipdrop-server-" + config.name() + "-" + counter.incrementAndGet(),
                running::remove);
        running.add(server);
        return server;
    }

    @Override
    public List<SipServer> running() {
        return List.copyOf(running);
    }

    @Deactivate
    void deactivate() {
        active = false;
        for (SipServer s : List.copyOf(running)) {
            s.close();
        }
    }
}
