package org.sipdrop.transport.msrp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The provider's settings are its DS configuration (PID {@code org.sipdrop.transport.msrp}):
 * updating it through Configuration Admin restarts the provider with them, deleting it brings
 * the defaults back. Observed on the wire: with a relay configured, opening a session first
 * authenticates to the relay (RFC 4976 §5), here a socket that only records what arrives.
 */
class MsrpConfigurationAdminTest {

    private static final String PID = "org.sipdrop.transport.msrp";

    private final BundleContext context = FrameworkUtil.getBundle(MsrpConfigurationAdminTest.class).getBundleContext();
    private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm;
    private Configuration configuration;

    @BeforeEach
    void open() throws Exception {
        cm = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
        cm.open();
        ConfigurationAdmin admin = cm.waitForService(MsrpProviderFixture.WAIT.toMillis());
        assertNotNull(admin, "no Configuration Admin service in the test runtime");
        configuration = admin.getConfiguration(PID, "?");
    }

    @AfterEach
    void close() throws Exception {
        try {
            configuration.delete();
        } catch (IllegalStateException alreadyDeletedByTheTest) {
            // nothing to undo
        }
        providerWith("(!(relay.uri=msrp*))").close();
        cm.close();
    }

    @Test
    void aRelaySetThroughConfigurationAdminIsAuthenticatedToBeforeASessionOpens() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String uri = "msrp://127.0.0.1:" + relay.getLocalPort() + ";tcp";
            Dictionary<String, Object> settings = new Hashtable<>();
            settings.put("relay.uri", uri);
            settings.put("relay.user", "alice");
            settings.put(".relay.password", "secret"); // private: leading '.' (OSGi Compendium 104.4.3)
            settings.put("session.timeout.ms", 2000L);
            configuration.update(settings);

            try (Tracked p = providerWith("(relay.uri=" + uri + ")")) {
                ServiceReference<TransportProvider> ref = p.tracker().getServiceReference();
                assertEquals("alice", ref.getProperty("relay.user"), "public settings are service properties");
                List<String> keys = List.of(ref.getPropertyKeys());
                assertTrue(keys.stream().noneMatch(k -> k.contains("password")),
                        "the relay password is not a service property (DS leaves out private ones): " + keys);
                CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> firstLine(relay));
                FileOffer offer = FileOffer.builder("f.bin", 1).build();
                // nobody answers the AUTH: the open fails after the configured session timeout
                assertThrows(TransportException.class, () -> p.provider().open(new TransportRequest(offer, Direction.OUTGOING,
                        "bob", "msrp", 0)));
                String line = firstLine.get(10, TimeUnit.SECONDS);
                assertTrue(line.matches("MSRP \\S+ AUTH"), "expected an AUTH request line, got: " + line);
            }
        }
    }

    @Test
    void deletingTheConfigurationBringsBackTheDirectTransport() throws Exception {
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("relay.uri", "msrp://127.0.0.1:9;tcp");
        configuration.update(settings);
        providerWith("(relay.uri=msrp://127.0.0.1:9;tcp)").close();

        configuration.delete();
        try (Tracked p = providerWith("(!(relay.uri=msrp*))")) {
            FileOffer offer = FileOffer.builder("f.bin", 1).build();
            try (TransportSession s = p.provider().open(new TransportRequest(offer, Direction.OUTGOING, "bob", "msrp", 0)
                    .with(TransportParameter.SETUP, ConnectionRole.PASSIVE))) {
                List<URI> path = s.localEndpoint().path();
                assertEquals(1, path.size(), "a direct session's path is just itself: " + path);
            }
        }
    }

    private static String firstLine(ServerSocket relay) {
        try (Socket s = relay.accept()) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) for the MSRP provider registered with service properties matching {@code filter}. */
    private Tracked providerWith(String filter) throws Exception {
        ServiceTracker<TransportProvider, TransportProvider> t = new ServiceTracker<>(context, context.createFilter(
                "(&(objectClass=" + TransportProvider.class.getName() + ")(" + TransportProvider.SCHEME_PROPERTY + "=msrp)"
                        + filter + ")"), null);
        t.open();
        TransportProvider p = t.waitForService(MsrpProviderFixture.WAIT.toMillis());
        if (p == null) {
            t.close();
            StringBuilder seen = new StringBuilder();
            for (org.osgi.framework.ServiceReference<?> r : context.getServiceReferences(TransportProvider.class, null)) {
                for (String k : r.getPropertyKeys()) {
                    seen.append(k).append('=').append(java.util.Arrays.deepToString(new Object[] { r.getProperty(k) })).append(' ');
                }
                seen.append('\n');
            }
            throw new AssertionError("no MSRP provider registered with " + filter + "; registered:\n" + seen);
        }
        return new Tracked(t, p);
    }

    private record Tracked(ServiceTracker<TransportProvider, TransportProvider> tracker, TransportProvider provider)
            implements AutoCloseable {
        @Override
        public void close() {
            tracker.close();
        }
    }
}
