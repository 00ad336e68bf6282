package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiver's sink: forwards to the target (or nowhere) and counts what the transport wrote;
 * optionally pauses once, when {@code holdAt} bytes have been written, until the test has
 * interrupted the transfer (the receiver's side of {@link HeldSource}).
 */
final class CountingSink implements WritableByteChannel {

    private final WritableByteChannel target;
    private final long holdAt;
    private final HeldSource.Hold hold;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean held;
    private volatile boolean open = true;

    /** @param target {@code null}: discard the bytes */
    CountingSink(WritableByteChannel target) {
        this(target, Long.MAX_VALUE, null);
    }

    /** @param hold {@code null}: never pause */
    CountingSink(WritableByteChannel target, long holdAt, HeldSource.Hold hold) {
        this.target = target;
        this.holdAt = holdAt;
        this.hold = hold;
    }

    long bytesWritten() {
        return written.get();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (hold != null && !held && written.get() >= holdAt) {
            held = true;
            try {
                hold.run();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the kit held the receiver");
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        int n;
        if (target == null) {
            n = src.remaining();
            src.position(src.limit());
        } else {
            n = target.write(src);
        }
        written.addAndGet(n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return open && (target == null || target.isOpen());
    }

    @Override
    public void close() throws IOException {
        open = false;
        if (target != null) {
            target.close();
        }
    }
}
