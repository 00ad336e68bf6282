package org.sipdrop.session.tests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/** A transport that only exists as a whiteboard service: it carries nothing. Closing unregisters it. */
final class TestTransport implements TransportProvider, AutoCloseable {

    private final String scheme;
    private final ServiceRegistration<TransportProvider> registration;

    TestTransport(BundleContext context, String scheme) {
        this.scheme = scheme;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SCHEME_PROPERTY, new String[] { scheme });
        props.put(NAME_PROPERTY, "test transport " + scheme);
        this.registration = context.registerService(TransportProvider.class, this, props);
    }

    @Override
    public String name() {
        return "test transport " + scheme;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public Carriage carriage(String s) {
        return Carriage.session("TCP/" + scheme.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        throw new IOException("the test transport " + scheme + " carries nothing");
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
