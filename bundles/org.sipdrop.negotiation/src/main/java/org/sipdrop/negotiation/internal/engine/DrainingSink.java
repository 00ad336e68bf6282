package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;

/**
 * What a transport writes received bytes into, in front of the store's {@code .part}. When a
 * transfer is cut, the transport's reading thread may still hold bytes it received (an MSRP
 * session coalesces small slices and writes them out when its chunk ends) while the thread
 * waiting in {@code receive} already learned of the failure. Closing the {@code .part} at once
 * would throw those bytes away and leave less to resume (even nothing). So {@link #drain()}
 * waits, bounded, until no write is running and none came for {@link #QUIET}.
 */
final class DrainingSink implements WritableByteChannel {

    /** A pause in writes this long means the transport has let go of the sink. */
    static final Duration QUIET = Duration.ofMillis(150);
    /** The longest {@link #drain()} waits. */
    static final Duration MAX_DRAIN = Duration.ofSeconds(2);

    private final WritableByteChannel target;
    private int writing;
    private long lastWrite = System.nanoTime();

    DrainingSink(WritableByteChannel target) {
        this.target = target;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        synchronized (this) {
            writing++;
        }
        try {
            return target.write(src);
        } finally {
            synchronized (this) {
                writing--;
                lastWrite = System.nanoTime();
                notifyAll();
            }
        }
    }

    /** Waits until writes have stopped: none running and none for {@link #QUIET}; at most {@link #MAX_DRAIN}. */
    synchronized void drain() {
        long deadline = System.nanoTime() + MAX_DRAIN.toNanos();
        try {
            while (true) {
                long now = System.nanoTime();
                long quietUntil = lastWrite + QUIET.toNanos();
                if ((writing == 0 && now >= quietUntil) || now >= deadline) {
                    return;
                }
                long waitNanos = Math.min(deadline, writing > 0 ? deadline : quietUntil) - now;
                wait(Math.max(1, waitNanos / 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isOpen() {
        return target.isOpen();
    }

    /** Does not close the target: the {@code .part} is closed by its owner, after {@link #drain()}. */
    @Override
    public void close() {
        // the owner closes the part file
    }
}
