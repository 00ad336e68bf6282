package org.sipdrop.sip.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipTls;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.testing.Certificates;
import org.sipdrop.testing.Kamailio;

/** User agents from the DS SipEndpointFactory, registered at a Kamailio; all closed by {@link #close()}. */
final class Agents implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final SipEndpointFactory factory;
    private final ServiceTracker<SipEndpointFactory, SipEndpointFactory> tracker;
    private final List<SipEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final Kamailio kamailio;
    private final Path trustStore;

    Agents(Kamailio kamailio, Path dir) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(Agents.class).getBundleContext();
        tracker = new ServiceTracker<>(context, SipEndpointFactory.class, null);
        tracker.open();
        factory = tracker.waitForService(WAIT.toMillis());
        assertNotNull(factory, "the SIP endpoint factory is a DS service");
        this.kamailio = kamailio;
        this.trustStore = kamailio.tlsPort() > 0 ? trustStoreFor(kamailio.certificate(), dir.resolve("kamailio-trust.p12")) : null;
    }

    private static Path trustStoreFor(Path pem, Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Certificates.trustStore(pem).store(out, "changeit".toCharArray());
        }
        return file;
    }

    /** A user agent of {@code user} that will register at Kamailio over {@code transport}. */
    SipUserAgent agent(String user, String password, SipTransport transport) throws IOException {
        SipEndpointConfig config = SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(transport),
                transport == SipTransport.TLS ? SipTls.trusting(trustStore, "changeit".toCharArray()) : null);
        SipEndpoint ep = factory.open(config);
        endpoints.add(ep);
        return ep.userAgent(SipAccount.builder("sip:" + user + "@" + Kamailio.DOMAIN)
                .registrar(kamailio.uri(transport.token())).transport(transport).password(password).build());
    }

    /** A user agent without registrar or proxy: requests go straight to their Request-URI. */
    SipUserAgent direct(String user, SipTransport transport) throws IOException {
        SipEndpoint ep = factory.open(SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(transport)));
        endpoints.add(ep);
        return ep.userAgent(SipAccount.builder("sip:" + user + "@" + Kamailio.DOMAIN).transport(transport).build());
    }

    @Override
    public void close() {
        endpoints.forEach(SipEndpoint::close);
        tracker.close();
    }
}
