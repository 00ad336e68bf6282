package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/** The receiver's sink: forwards to the target (or nowhere) and counts what the transport wrote. */
final class CountingSink implements WritableByteChannel {

    private final WritableByteChannel target;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean open = true;

    /** @param target {@code null}: discard the bytes */
    CountingSink(WritableByteChannel target) {
        this.target = target;
    }

    long bytesWritten() {
        return written.get();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
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
