package org.sipdrop.ui.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;
import java.util.function.LongConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * A shaped transport for pictures of a running transfer: registered for {@code msrp} above the
 * real MSRP provider (whiteboard ranking), it delegates everything to it but reads the file
 * being sent at a limited rate. Closing it unregisters it; the real provider serves again.
 */
final class ThrottledTransport implements TransportProvider, AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final TransportProvider real;
    private final long bytesPerSecond;
    private final ServiceRegistration<TransportProvider> registration;

    /** Registers the throttled wrapper of {@code real}, the provider of {@code msrp}. */
    ThrottledTransport(TransportProvider real, long bytesPerSecond) {
        this.real = real;
        this.bytesPerSecond = bytesPerSecond;
        BundleContext context = FrameworkUtil.getBundle(ThrottledTransport.class).getBundleContext();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SCHEME_PROPERTY, new String[] { "msrp" });
        props.put(NAME_PROPERTY, "MSRP (throttled for a test)");
        props.put(Constants.SERVICE_RANKING, Integer.valueOf(10_000));
        this.registration = context.registerService(TransportProvider.class, this, props);
    }

    @Override
    public String name() {
        return "MSRP (throttled)";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("msrp");
    }

    @Override
    public Carriage carriage(String scheme) {
        return real.carriage(scheme);
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        TransportSession s = real.open(request);
        return new TransportSession() {
            @Override
            public TransportEndpoint localEndpoint() {
                return s.localEndpoint();
            }

            @Override
            public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
                s.send(to, slow(source), progress);
            }

            @Override
            public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
                s.receive(from, sink, progress);
            }

            @Override
            public void close() throws IOException {
                s.close();
            }
        };
    }

    /** @return a channel giving at most {@link #CHUNK} bytes per read, at {@link #bytesPerSecond} on average */
    private ReadableByteChannel slow(ReadableByteChannel source) {
        long start = System.nanoTime();
        return new ReadableByteChannel() {
            private long total;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                long due = start + total * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("throttled read interrupted");
                    }
                }
                ByteBuffer window = dst.slice();
                window.limit(Math.min(window.remaining(), CHUNK));
                int n = source.read(window);
                if (n > 0) {
                    dst.position(dst.position() + n);
                    total += n;
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return source.isOpen();
            }

            @Override
            public void close() throws IOException {
                source.close();
            }
        };
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
