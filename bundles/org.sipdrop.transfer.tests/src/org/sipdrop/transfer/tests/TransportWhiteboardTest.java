package org.sipdrop.transfer.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * Proves the whiteboard in a real Equinox with Felix SCR: a TransportProvider registered at
 * run time reaches the DS-managed TransferService, and leaves it when unregistered.
 */
class TransportWhiteboardTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BundleContext context = FrameworkUtil.getBundle(TransportWhiteboardTest.class).getBundleContext();
    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private ServiceTracker<TransferService, TransferService> tracker;
    private TransferService service;

    @BeforeEach
    void findService() throws InterruptedException {
        tracker = new ServiceTracker<>(context, TransferService.class, null);
        tracker.open();
        service = tracker.waitForService(WAIT.toMillis());
        assertNotNull(service, "Felix SCR did not activate the TransferService component");
    }

    @AfterEach
    void cleanUp() {
        registrations.forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // unregistered by the test itself
            }
        });
        tracker.close();
    }

    private ServiceRegistration<TransportProvider> register(String name, Object schemes, int ranking) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(TransportProvider.SCHEME_PROPERTY, schemes);
        props.put(TransportProvider.NAME_PROPERTY, name);
        props.put(Constants.SERVICE_RANKING, ranking);
        ServiceRegistration<TransportProvider> reg = context.registerService(TransportProvider.class, new FakeTransport(name), props);
        registrations.add(reg);
        return reg;
    }

    @Test
    void providerRegisteredAtRuntimeIsSeenAndGoesAwayWhenUnregistered() {
        assertFalse(service.schemes().contains("test-a"));
        ServiceRegistration<TransportProvider> reg = register("A", new String[] { "test-a", "test-as" }, 0);
        await().atMost(WAIT).until(() -> service.schemes().containsAll(Set.of("test-a", "test-as")));
        assertEquals("A", service.transport("TEST-A").orElseThrow().name());

        reg.unregister();
        await().atMost(WAIT).until(() -> !service.schemes().contains("test-a"));
        assertTrue(service.transport("test-a").isEmpty());
    }

    @Test
    void higherRankingWinsForASharedScheme() {
        register("low", "test-shared", 1);
        register("high", "test-shared", 50);
        await().atMost(WAIT).until(() -> service.transport("test-shared").map(TransportProvider::name).orElse("").equals("high"));
    }

    @Test
    void listenersAreToldWhenTransportsChange() {
        List<Set<String>> seen = new CopyOnWriteArrayList<>();
        TransferServiceListener listener = new TransferServiceListener() {
            @Override
            public void transportsChanged(TransferService s) {
                seen.add(s.schemes());
            }
        };
        service.addListener(listener);
        try {
            ServiceRegistration<TransportProvider> reg = register("B", "test-b", 0);
            await().atMost(WAIT).until(() -> seen.stream().anyMatch(s -> s.contains("test-b")));
            reg.unregister();
            await().atMost(WAIT).until(() -> !seen.get(seen.size() - 1).contains("test-b"));
        } finally {
            service.removeListener(listener);
        }
    }

    @Test
    void providerWithoutSchemePropertyIsIgnored() {
        ServiceRegistration<TransportProvider> reg = context.registerService(TransportProvider.class, new FakeTransport("nameless"), null);
        registrations.add(reg);
        register("C", "test-c", 0);
        await().atMost(WAIT).until(() -> service.schemes().contains("test-c"));
        assertTrue(service.transports().stream().noneMatch(t -> t.name().equals("nameless")));
    }

    /** A provider that moves no bytes: this test is about the whiteboard, not a transport. */
    private static final class FakeTransport implements TransportProvider {
        private final String name;

        FakeTransport(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public TransportSession open(TransportRequest request) throws IOException {
            throw new IOException("test transport " + name + " moves no bytes");
        }

        @Override
        public Set<String> schemes() {
            return Set.of();
        }

        @Override
        public org.sipdrop.transfer.Carriage carriage(String scheme) {
            return org.sipdrop.transfer.Carriage.storage();
        }
    }
}
