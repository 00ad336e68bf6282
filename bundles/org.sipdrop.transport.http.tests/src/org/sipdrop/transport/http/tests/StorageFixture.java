package org.sipdrop.transport.http.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportConfiguration;

/**
 * SipDrop's embedded storage on 127.0.0.1 (HTTP and HTTPS with its generated self-signed
 * certificate, open mode: loopback needs no credentials), and the HTTP transport configured for it
 * through Configuration Admin (PID {@value #PID}), the certificate as its PEM trust store. The
 * transport's storage base decides the scheme it uploads with, so one configuration serves one
 * scheme. Stopping the transport disables its DS component.
 */
final class StorageFixture implements AutoCloseable {

    static final String PID = "org.sipdrop.transport.http";
    static final String COMPONENT = "org.sipdrop.transport.http.internal.HttpTransportProvider";
    static final Duration WAIT = Duration.ofSeconds(15);

    private final BundleContext context = FrameworkUtil.getBundle(StorageFixture.class).getBundleContext();
    private final TransportConfiguration configurations = new TransportConfiguration(context, PID, WAIT);
    /** Open as long as the fixture: closing a tracker ungets the service (Configuration Admin is a service factory). */
    private final java.util.List<ServiceTracker<?, ?>> trackers = new java.util.ArrayList<>();
    private final EmbeddedServer server;
    private final Path trust;

    StorageFixture(Path dir) throws Exception {
        server = service(EmbeddedServerFactory.class).start(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp",
                EmbeddedServerFactory.HTTP_PORT, "0", EmbeddedServerFactory.HTTPS_PORT, "0"));
        trust = dir.resolve("storage.pem");
        Files.writeString(trust, pem(server.tlsCertificate().orElseThrow(() -> new IllegalStateException(
                "the embedded storage runs HTTPS without a certificate"))), StandardCharsets.US_ASCII);
    }

    /** @return the storage base URL of {@code scheme}, e.g. {@code http://127.0.0.1:40123/storage/} */
    String base(String scheme) {
        return server.storageUris().stream().filter(u -> u.startsWith(scheme + "://")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the embedded storage has no " + scheme + " URL: " + server.storageUris()));
    }

    /** Configures the transport to upload to the storage's {@code scheme} URL; waits until it runs so. */
    TransportProvider configure(String scheme) throws Exception {
        return configurations.apply(java.util.Map.of("base.url", base(scheme), "tls.trust.store", trust.toString(),
                "timeout.ms", 10_000));
    }

    /** Disables the transport's DS component (as stopping its bundle would) and waits until it is gone. */
    void disable() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        scr.disableComponent(description(scr)).getValue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (context.getServiceReferences(TransportProvider.class, "(" + TransportProvider.SCHEME_PROPERTY + "=http)").size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The HTTP transport is still registered after disabling its component");
            }
            Thread.sleep(20);
        }
    }

    /** Enables the component again when a test disabled it. */
    void enable() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        ComponentDescriptionDTO d = description(scr);
        if (!scr.isComponentEnabled(d)) {
            scr.enableComponent(d).getValue();
        }
    }

    private ComponentDescriptionDTO description(ServiceComponentRuntime scr) {
        ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(context.getBundle(), COMPONENT);
        if (d == null) {
            throw new IllegalStateException("No DS component " + COMPONENT + " in " + context.getBundle().getSymbolicName());
        }
        return d;
    }


    private synchronized <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> t = new ServiceTracker<>(context, type, null);
        t.open();
        trackers.add(t);
        S s = t.waitForService(WAIT.toMillis());
        if (s == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " service in the test runtime");
        }
        return s;
    }

    private static String pem(X509Certificate c) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public void close() throws Exception {
        try {
            enable();
            configurations.delete();
        } finally {
            server.close();
            trackers.forEach(ServiceTracker::close);
            configurations.close();
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
