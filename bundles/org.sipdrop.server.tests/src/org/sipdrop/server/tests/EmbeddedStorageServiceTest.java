package org.sipdrop.server.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * In Equinox with Felix SCR: the storage runs inside OSGi (com.sun.net.httpserver comes from the
 * system bundle), both from the factory service and from a Configuration Admin configuration of
 * the DS component, and goes away with the server.
 */
class EmbeddedStorageServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static <S> S service(BundleContext context, Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker.waitForService(WAIT.toMillis());
    }

    private static String name() {
        byte[] r = new byte[16];
        new SecureRandom().nextBytes(r);
        return HexFormat.of().formatHex(r);
    }

    private void putAndGet(String base) throws Exception {
        String url = base + name();
        HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofString("from OSGi"))
                .header("Content-Type", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals("from OSGi", get.body());
        assertEquals("text/plain", get.headers().firstValue("Content-Type").orElseThrow());
    }

    private boolean refused(String base) {
        try {
            client.send(HttpRequest.newBuilder(URI.create(base + "x")).build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<EmbeddedServer> startedSince(EmbeddedServerFactory factory, List<EmbeddedServer> before) {
        return factory.running().stream().filter(s -> !before.contains(s)).findFirst();
    }

    @Test
    void factoryServiceStartsAStorageThatServesFiles() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedStorageServiceTest.class).getBundleContext();
        EmbeddedServerFactory factory = service(context, EmbeddedServerFactory.class);
        assertNotNull(factory, "the embedded server factory is a service");
        EmbeddedServer server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "udp",
                EmbeddedServerFactory.HTTP_PORT, "0"));
        String base;
        try {
            assertEquals(1, server.storageUris().size(), server.storageUris().toString());
            base = server.storageUris().get(0);
            putAndGet(base);
        } finally {
            server.close();
        }
        assertTrue(refused(base), "closing the server stops its storage");
    }

    @Test
    void configurationOfTheDsComponentStartsAServerWithStorage() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedStorageServiceTest.class).getBundleContext();
        ConfigurationAdmin cm = service(context, ConfigurationAdmin.class);
        assertNotNull(cm, "Configuration Admin is running");
        EmbeddedServerFactory factory = service(context, EmbeddedServerFactory.class);
        List<EmbeddedServer> before = factory.running();
        Configuration c = cm.getConfiguration(EmbeddedServerFactory.PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("sip.port", "0");
        props.put("transports", "udp");
        props.put("http.port", "0");
        c.update(props);
        String base;
        try {
            await().atMost(WAIT).until(() -> startedSince(factory, before).isPresent());
            EmbeddedServer started = startedSince(factory, before).orElseThrow();
            base = started.storageUris().get(0);
            putAndGet(base);
        } finally {
            c.delete();
        }
        await().atMost(WAIT).until(() -> refused(base));
    }
}
