package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Gathers the short slices the frame reader hands out (a body slice ends at every CR, since the
 * reader must look for the end-line, RFC 4975 §7.1) into one fixed buffer, and writes it to the
 * sink in large positional writes: one system call per buffer instead of one per slice. The
 * buffer is the only copy and its size is fixed, so memory does not grow with the message.
 */
final class CoalescingSink {

    /** Size of the one buffer. */
    static final int SIZE = 256 * 1024;

    private final WritableByteChannel sink;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(SIZE);
    private long bufferPosition = -1;

    /** @param sink a file, a seekable channel, or a plain channel written in order */
    CoalescingSink(WritableByteChannel sink) {
        this.sink = sink;
    }

    /**
     * @param slice bytes to write, consumed
     * @param position where they go in the sink (ignored for plain channels, which are in order)
     */
    void write(ByteBuffer slice, long position) throws IOException {
        long at = position;
        while (slice.hasRemaining()) {
            if (buffer.position() > 0 && (bufferPosition + buffer.position() != at || !buffer.hasRemaining())) {
                flush();
            }
            if (buffer.position() == 0) {
                bufferPosition = at;
            }
            int n = Math.min(slice.remaining(), buffer.remaining());
            ByteBuffer part = slice.duplicate();
            part.limit(part.position() + n);
            buffer.put(part);
            slice.position(slice.position() + n);
            at += n;
        }
    }

    /** Writes what is gathered. */
    void flush() throws IOException {
        buffer.flip();
        try {
            if (sink instanceof FileChannel) {
                FileChannel file = (FileChannel) sink;
                for (long p = bufferPosition; buffer.hasRemaining();) {
                    p += file.write(buffer, p);
                }
            } else {
                if (sink instanceof SeekableByteChannel && buffer.hasRemaining()) {
                    ((SeekableByteChannel) sink).position(bufferPosition);
                }
                while (buffer.hasRemaining()) {
                    sink.write(buffer);
                }
            }
        } finally {
            buffer.clear();
        }
    }
}
