package org.sipdrop.transport.msrp.internal.codec;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** The reader's one fixed-size buffer over a blocking channel; in read mode between calls. */
final class InputBuffer {

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer;

    /**
     * @param channel the connection
     * @param size buffer size
     * @param direct a direct buffer, so socket reads and file writes need no copy in the heap
     */
    InputBuffer(ReadableByteChannel channel, int size, boolean direct) {
        if (size < 1) {
            throw new IllegalArgumentException("Buffer size must be at least 1 byte, was " + size);
        }
        this.channel = channel;
        this.buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        buffer.flip();
    }

    /** @return the buffer, positioned at the next unread byte */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Makes at least one byte available.
     *
     * @return false at end of stream
     */
    boolean fill() throws IOException {
        while (!buffer.hasRemaining()) {
            buffer.clear();
            int n = channel.read(buffer);
            buffer.flip();
            if (n < 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the next byte, unsigned */
    int readByte() throws IOException {
        if (!fill()) {
            throw new EOFException("Connection closed in the middle of an MSRP frame");
        }
        return buffer.get() & 0xFF;
    }
}
