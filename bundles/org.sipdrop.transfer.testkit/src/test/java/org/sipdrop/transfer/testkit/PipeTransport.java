package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * A session-carriage transport inside one JVM, to test the kit itself without a network: the
 * sender's bytes go through a bounded queue keyed by the sender's endpoint, which the receiver
 * names in {@code receive}. Small on purpose; the {@code fault} lets a test break one rule.
 */
class PipeTransport implements TransportProvider {

    static final String SCHEME = "x-kit-pipe";

    /** One rule to break, to see the kit notice. */
    enum Fault {
        NONE, PROGRESS_FROM_OFFSET, UNTYPED_FAILURES, CLOSE_IGNORED
    }

    private static final byte[] END = new byte[0];

    private final Fault fault;
    private final Map<URI, Pipe> pipes = new ConcurrentHashMap<>();
    private final Set<PipeSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    PipeTransport(Fault fault) {
        this.fault = fault;
    }

    /** What stopping the bundle would do. */
    void stop() {
        stopped = true;
        open.forEach(s -> s.fail("The pipe transport was stopped"));
    }

    @Override
    public String name() {
        return "Pipe (kit self-test)";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public Carriage carriage(String scheme) {
        return Carriage.session("TCP/X-KIT-PIPE");
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        if (!SCHEME.equals(request.scheme())) {
            throw new TransportException(Reason.UNAVAILABLE, "pipes only, not " + request.scheme());
        }
        if (stopped) {
            throw new TransportException(Reason.UNAVAILABLE, "The pipe transport was stopped");
        }
        PipeSession s = new PipeSession(request, URI.create(SCHEME + "://" + UUID.randomUUID()));
        open.add(s);
        return s;
    }

    /** The bytes of one sender, and why they stopped coming. */
    private static final class Pipe {
        final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(4);
        volatile String failure;
    }

    private final class PipeSession implements TransportSession {
        private final TransportRequest request;
        private final URI self;
        private volatile Pipe pipe;
        private volatile String failure;

        PipeSession(TransportRequest request, URI self) {
            this.request = request;
            this.self = self;
        }

        @Override
        public TransportEndpoint localEndpoint() {
            return TransportEndpoint.of(self);
        }

        @Override
        public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
            Pipe p = pipes.computeIfAbsent(self, k -> new Pipe());
            pipe = p;
            long at = request.offset();
            ByteBuffer buf = ByteBuffer.allocate(32 * 1024);
            while (at < request.offer().size()) {
                buf.clear();
                int n = source.read(buf);
                if (n < 0) {
                    break;
                }
                byte[] chunk = new byte[n];
                buf.flip().get(chunk);
                offer(p, chunk);
                at += n;
                progress.accept(fault == Fault.PROGRESS_FROM_OFFSET ? at - request.offset() : at);
            }
            offer(p, END);
        }

        private void offer(Pipe p, byte[] chunk) throws IOException {
            try {
                while (!p.chunks.offer(chunk, 20, TimeUnit.MILLISECONDS)) {
                    check(p);
                }
                check(p);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(Reason.CANCELLED, "interrupted");
            }
        }

        @Override
        public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
            Pipe p = pipes.computeIfAbsent(from.uri(), k -> new Pipe());
            pipe = p;
            long at = request.offset();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                while (true) {
                    byte[] chunk = p.chunks.poll(20, TimeUnit.MILLISECONDS);
                    check(p);
                    if (chunk == null) {
                        if (at == request.offset() && System.nanoTime() > deadline) {
                            throw new TransportException(Reason.UNREACHABLE, "no sender at " + from);
                        }
                        continue;
                    }
                    if (chunk == END) {
                        return;
                    }
                    ByteBuffer b = ByteBuffer.wrap(chunk);
                    while (b.hasRemaining()) {
                        sink.write(b);
                    }
                    at += chunk.length;
                    progress.accept(fault == Fault.PROGRESS_FROM_OFFSET ? at - request.offset() : at);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(Reason.CANCELLED, "interrupted");
            }
        }

        private void check(Pipe p) throws IOException {
            String why = failure != null ? failure : p.failure;
            if (why != null) {
                throw fault == Fault.UNTYPED_FAILURES ? new IOException(why) : new TransportException(Reason.CANCELLED, why);
            }
        }

        void fail(String why) {
            failure = why;
            Pipe p = pipe;
            if (p != null) {
                p.failure = why;
            }
            pipes.computeIfAbsent(self, k -> new Pipe()).failure = why; // a receiver still to come sees it too
        }

        @Override
        public void close() {
            open.remove(this);
            if (fault != Fault.CLOSE_IGNORED) {
                fail("The session was closed");
            }
        }
    }
}
