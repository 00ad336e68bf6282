package org.sipdrop.transport.msrp.internal.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where the bytes of an outgoing body come from: a small array held in memory, a region of a
 * file read with positional reads, or a one-shot channel. {@link MsrpFrameWriter} copies it to
 * the connection in bounded pieces.
 */
public abstract class BodySource {

    private BodySource() {
    }

    /**
     * Reads the next bytes.
     *
     * @param dst where to put them
     * @return bytes read, or -1 at the end of the body
     */
    abstract int read(ByteBuffer dst) throws IOException;

    /**
     * @return true if a short read may mean "no more bytes for now" (a pipe, a socket): the writer
     *         then sends what it gathered instead of waiting to fill its buffer
     */
    boolean mayPause() {
        return false;
    }

    /** @return the bytes if the whole body is in memory (then it can be checked up front), else null */
    byte[] inMemory() {
        return null;
    }

    /**
     * @return true once every byte of a body of known length was read: the writer must not
     *         interrupt the chunk then, as no byte is left for a next chunk to carry its end flag
     */
    boolean exhausted() {
        return false;
    }

    /**
     * @param bytes the body; not copied, do not modify it while writing
     * @return a source for those bytes
     */
    public static BodySource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new BodySource() {
            private int position;

            @Override
            int read(ByteBuffer dst) {
                if (position == bytes.length) {
                    return -1;
                }
                int n = Math.min(dst.remaining(), bytes.length - position);
                dst.put(bytes, position, n);
                position += n;
                return n;
            }

            @Override
            byte[] inMemory() {
                return bytes;
            }

            @Override
            boolean exhausted() {
                return position == bytes.length;
            }
        };
    }

    /**
     * @param text a text body
     * @return a source for its UTF-8 bytes
     */
    public static BodySource ofUtf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A region of a file, read with positional reads (the channel's own position is untouched).
     *
     * @param file the file
     * @param position offset of the first byte
     * @param length number of bytes
     * @return a source that fails if the file is shorter than the region
     */
    public static BodySource ofFileRegion(FileChannel file, long position, long length) {
        Objects.requireNonNull(file, "file");
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("File region needs position >= 0 and length >= 0");
        }
        return new BodySource() {
            private long done;

            @Override
            int read(ByteBuffer dst) throws IOException {
                if (done == length) {
                    return -1;
                }
                ByteBuffer view = dst.slice();
                view.limit((int) Math.min(view.limit(), length - done));
                int n = file.read(view, position + done);
                if (n < 0) {
                    throw new IOException("File ended at offset " + (position + done) + ", before the end of region "
                            + position + "+" + length);
                }
                dst.position(dst.position() + n);
                done += n;
                return n;
            }

            @Override
            boolean exhausted() {
                return done == length;
            }
        };
    }

    /**
     * @param channel a blocking channel, read to its end or to {@code maxLength} bytes
     * @param maxLength most bytes to take
     * @return a one-shot source
     */
    public static BodySource ofChannel(ReadableByteChannel channel, long maxLength) {
        return ofChannel(channel, maxLength, true);
    }

    /**
     * A channel over stored bytes (a file, or a view of a region of one) whose reads never wait
     * for bytes to arrive, so the writer gathers them into full-buffer writes.
     *
     * @param channel a blocking channel, read to its end or to {@code maxLength} bytes
     * @param maxLength most bytes to take
     * @return a one-shot source
     */
    public static BodySource ofStoredChannel(ReadableByteChannel channel, long maxLength) {
        return ofChannel(channel, maxLength, false);
    }

    private static BodySource ofChannel(ReadableByteChannel channel, long maxLength, boolean mayPause) {
        Objects.requireNonNull(channel, "channel");
        return new BodySource() {
            private long done;

            @Override
            int read(ByteBuffer dst) throws IOException {
                if (done == maxLength) {
                    return -1;
                }
                ByteBuffer view = dst.slice();
                view.limit((int) Math.min(view.limit(), maxLength - done));
                int n = channel.read(view);
                if (n > 0) {
                    dst.position(dst.position() + n);
                    done += n;
                }
                return n;
            }

            @Override
            boolean mayPause() {
                return mayPause;
            }

            @Override
            boolean exhausted() {
                return done == maxLength;
            }
        };
    }
}
