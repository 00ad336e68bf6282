package org.sipdrop.negotiation.tests;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * A test transport registered above the real MSRP provider (higher service ranking) that hands
 * every session to it and watches, counts or damages what the sender reads: how many sessions
 * each side opened, which offsets they were asked for, how many file bytes the senders read,
 * a cut after some bytes (the sender's session is closed mid-way) and a flipped byte.
 */
final class ShapingProvider implements TransportProvider {

    private final TransportProvider real;
    private final List<TransportRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private volatile long cutAfter = -1;
    private volatile boolean tamper;
    private volatile long pauseMillisPerRead;
    private ServiceRegistration<TransportProvider> registration;

    ShapingProvider(TransportProvider real) {
        this.real = real;
    }

    ShapingProvider register(BundleContext context) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(SCHEME_PROPERTY, new String[] { "msrp", "msrps" });
        p.put(NAME_PROPERTY, "shaped MSRP");
        p.put("service.ranking", 1000);
        registration = context.registerService(TransportProvider.class, this, p);
        return this;
    }

    void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException gone) {
                // already unregistered
            }
            registration = null;
        }
    }

    /** The next sender closes its session after reading {@code bytes} of the file. */
    void cutSendersAfter(long bytes) {
        this.cutAfter = bytes;
    }

    /** Senders flip one bit of the first chunk they read. */
    void tamper() {
        this.tamper = true;
    }

    /** Senders sleep this long before each read: a slow link, to stop a transfer mid-way. */
    void slowDown(long millis) {
        this.pauseMillisPerRead = millis;
    }

    /** Back to a faithful transport, with the counters at 0. */
    void reset() {
        cutAfter = -1;
        tamper = false;
        pauseMillisPerRead = 0;
        requests.clear();
        bytesSent.set(0);
    }

    List<TransportRequest> requests(Direction direction) {
        return requests.stream().filter(r -> r.direction() == direction).toList();
    }

    /** @return file bytes the senders read since the last reset */
    long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public String name() {
        return "shaped " + real.name();
    }

    @Override
    public Set<String> schemes() {
        return real.schemes();
    }

    @Override
    public Carriage carriage(String scheme) {
        return real.carriage(scheme);
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        requests.add(request);
        TransportSession session = real.open(request);
        return new TransportSession() {
            @Override
            public TransportEndpoint localEndpoint() {
                return session.localEndpoint();
            }

            @Override
            public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
                session.send(to, new Shaped(source, session), progress);
            }

            @Override
            public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
                session.receive(from, sink, progress);
            }

            @Override
            public void close() throws IOException {
                session.close();
            }
        };
    }

    /** The sender's file channel as the transport reads it. */
    private final class Shaped implements ReadableByteChannel {
        private final ReadableByteChannel in;
        private final TransportSession session;
        private long read;
        private boolean flipped;

        Shaped(ReadableByteChannel in, TransportSession session) {
            this.in = in;
            this.session = session;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (pauseMillisPerRead > 0) {
                try {
                    Thread.sleep(pauseMillisPerRead);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            long cut = cutAfter;
            if (cut >= 0 && read >= cut) {
                session.close();
                throw new IOException("cut by the test after " + read + " bytes");
            }
            if (cut >= 0 && dst.remaining() > cut - read) {
                dst.limit(dst.position() + (int) (cut - read));
            }
            int start = dst.position();
            int n = in.read(dst);
            if (n > 0) {
                read += n;
                bytesSent.addAndGet(n);
                if (tamper && !flipped) {
                    dst.put(start, (byte) (dst.get(start) ^ 0x01));
                    flipped = true;
                }
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
