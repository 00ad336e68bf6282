package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Gathers short body slices (a socket read that returned little, the bytes around an end-line
 * look-alike, RFC 4975 §7.1) into one fixed buffer and writes it to the sink in large positional
 * writes: one system call per buffer instead of one per slice. Slices of {@link #DIRECT_MIN}
 * bytes or more are written as they are, without the copy. The buffer's size is fixed, so
 * memory does not grow with the message.
 */
final class CoalescingSink {

    /** Size of the one buffer. */
    static final int SIZE = 256 * 1024;

    /** Slices at least this long skip the buffer: a copy would cost more than the write it saves. */
    static final int DIRECT_MIN = 32 * 1024;

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
        if (slice.remaining() >= DIRECT_MIN) {
            flush();
            writeOut(slice, position);
            return;
        }
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
            writeOut(buffer, bufferPosition);
        } finally {
            buffer.clear();
        }
    }

    private void writeOut(ByteBuffer bytes, long position) throws IOException {
        if (sink instanceof FileChannel) {
            FileChannel file = (FileChannel) sink;
            for (long p = position; bytes.hasRemaining();) {
                p += file.write(bytes, p);
            }
        } else {
            if (sink instanceof SeekableByteChannel && bytes.hasRemaining()) {
                ((SeekableByteChannel) sink).position(position);
            }
            while (bytes.hasRemaining()) {
                sink.write(bytes);
            }
        }
    }
}
