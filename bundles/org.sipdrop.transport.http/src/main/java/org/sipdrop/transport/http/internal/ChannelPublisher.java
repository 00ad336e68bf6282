package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A request body read straight from a channel in chunks, as many as the
 * HTTP client asks for (reactive-streams demand, {@link Flow}): the file streams without an
 * InputStream adaptor and without ever being held whole. Exactly {@code length} bytes are
 * published; a file that ends early fails the request. Reads run on whichever thread signals
 * demand, serialised by a work-in-progress counter.
 */
final class ChannelPublisher implements java.net.http.HttpRequest.BodyPublisher {

    static final int CHUNK = 256 * 1024;

    /** Bytes per mapping when the source is a file. */
    static final int MAPPED_CHUNK = 4 * 1024 * 1024;

    private final ReadableByteChannel channel;
    private final long length;
    private final LongConsumer progress;
    private volatile boolean started;

    ChannelPublisher(ReadableByteChannel channel, long length, LongConsumer progress) {
        this.channel = channel;
        this.length = length;
        this.progress = progress;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        started = true;
        subscriber.onSubscribe(new Subscription(subscriber));
    }

    /** @return whether the client began to read the body (false after a refusal before 100 Continue) */
    boolean started() {
        return started;
    }

    private final class Subscription implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean done;
        private long sent;

        Subscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                done = true;
                subscriber.onError(new IllegalArgumentException("demand must be positive (reactive-streams §3.9), was " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        /**
         * @return the next chunk: for a file, a read-only mapping of the next {@value #MAPPED_CHUNK}
         *         bytes (a direct buffer the socket writes without a copy into the Java heap);
         *         otherwise {@value #CHUNK} bytes read into a heap buffer
         */
        private ByteBuffer next() throws IOException {
            if (channel instanceof FileChannel) {
                FileChannel file = (FileChannel) channel;
                long at = file.position();
                long n = Math.min(MAPPED_CHUNK, length - sent);
                if (at + n > file.size()) {
                    throw new IOException("the file ended after " + (sent + file.size() - at) + " of " + length + " bytes");
                }
                ByteBuffer b = file.map(FileChannel.MapMode.READ_ONLY, at, n);
                file.position(at + n);
                return b;
            }
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(CHUNK, length - sent));
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new IOException("the file ended after " + (sent + b.position()) + " of " + length + " bytes");
                }
            }
            return b.flip();
        }

        @Override
        public void cancel() {
            done = true;
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!done && demand.get() > 0) {
                    if (sent == length) {
                        done = true;
                        subscriber.onComplete();
                        break;
                    }
                    try {
                        ByteBuffer b = next();
                        sent += b.remaining();
                        demand.decrementAndGet();
                        progress.accept(sent);
                        subscriber.onNext(b);
                    } catch (IOException | RuntimeException e) {
                        done = true;
                        subscriber.onError(e);
                    }
                }
            } while (wip.decrementAndGet() != 0);
        }
    }
}
