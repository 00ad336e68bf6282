package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Nginx;
import org.sipdrop.transfer.TransportProvider;

/**
 * nginx WebDAV as the storage, SipDrop's embedded server as registrar and proxy, and the HTTP
 * transport configured through Configuration Admin (PID org.sipdrop.transport.http), all on
 * 127.0.0.1; users registered over TCP (page-mode offers exceed the UDP size limit).
 */
final class StorageFixture implements AutoCloseable {

    static final String PID = "org.sipdrop.transport.http";
    static final String USER = "alice";
    static final String PASSWORD = "webdav-secret";

    final Nginx nginx;
    final Peers services;
    final EmbeddedServer server;

    StorageFixture(Path runDir) throws Exception {
        int http = FreePorts.tcp();
        int https;
        do {
            https = FreePorts.tcp();
        } while (https == http);
        nginx = Nginx.start(runDir, http, https, Map.of(USER, PASSWORD));
        services = new Peers();
        server = services.service(EmbeddedServerFactory.class).start(new HashMap<>(Map.of(EmbeddedServerFactory.BIND,
                "127.0.0.1", EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "udp,tcp",
                EmbeddedServerFactory.HTTP_PORT, "0")));
    }

    /** Configures the HTTP transport for the embedded server's own storage (open mode: no credentials). */
    ServiceReference<TransportProvider> configureEmbedded() throws Exception {
        return configure(URI.create(server.storageUris().get(0)), "", "", null);
    }

    /** Configures the HTTP transport and waits until it runs with exactly that configuration. */
    ServiceReference<TransportProvider> configure(URI base, String user, String password, Path trust) throws Exception {
        ConfigurationAdmin cm = services.service(ConfigurationAdmin.class);
        Configuration c = cm.getConfiguration(PID, "?");
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("base.url", base.toString());
        p.put("user", user);
        p.put(".password", password);
        if (trust != null) {
            p.put("tls.trust.store", trust.toString());
        }
        String marker = UUID.randomUUID().toString();
        p.put("test.marker", marker);
        c.update(p);
        ServiceTracker<TransportProvider, TransportProvider> t = new ServiceTracker<>(services.context(),
                services.context().createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                        + TransportProvider.SCHEME_PROPERTY + "=http)(test.marker=" + marker + "))"), null);
        t.open();
        try {
            assertNotNull(t.waitForService(Duration.ofSeconds(15).toMillis()), "the HTTP transport restarts with the new configuration");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (services.transfers.transport("http").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return t.getServiceReference();
        } finally {
            t.close();
        }
    }

    ServiceReference<TransportProvider> configureNginx(boolean https) throws Exception {
        return https ? configure(nginx.davsUri(), USER, PASSWORD, nginx.certificate())
                : configure(nginx.davUri(), USER, PASSWORD, null);
    }

    /** A user registered at the embedded server over TCP, with a file-transfer agent. */
    Peer user(Peers peers, String user, AgentSettings settings) throws Exception {
        return user(peers, user, settings, SipTransport.TCP);
    }

    /** A user registered at the embedded server over {@code transport}, with a file-transfer agent. */
    Peer user(Peers peers, String user, AgentSettings settings, SipTransport transport) throws Exception {
        SipEndpoint ep = peers.sip.open(SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(transport)));
        peers.track(ep);
        String registrar = server.uris().stream().filter(u -> u.endsWith("transport=" + transport.token().toLowerCase()))
                .findFirst().orElseThrow();
        SipUserAgent ua = ep.userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").registrar(registrar)
                .transport(transport).build());
        assertEquals(200, ua.register().get(15, TimeUnit.SECONDS).status(), user + " registers");
        return peers.attach(ua, settings);
    }

    /** @return the number of PUT requests nginx logged so far */
    long puts() throws IOException {
        return accessLog().stream().filter(l -> l.contains("\"PUT /dav/")).count();
    }

    List<String> accessLog() throws IOException {
        Path log = nginx.runDir().resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    /** @return the files currently stored in the WebDAV collection */
    List<Path> stored() throws IOException {
        if (!Files.isDirectory(nginx.dataDir())) {
            return List.of();
        }
        try (var s = Files.list(nginx.dataDir())) {
            return s.toList();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            Configuration c = services.service(ConfigurationAdmin.class).getConfiguration(PID, "?");
            c.delete();
        } finally {
            server.close();
            services.close();
            nginx.close();
        }
    }
}
