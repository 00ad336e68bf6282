package org.sipdrop.transport.msrp.internal.session;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.function.BooleanSupplier;

/**
 * The bytes of one chunk, read from the transfer's source: positional reads from a
 * {@link FileChannel} (its own position untouched, so a chunk can be resent), sequential reads
 * otherwise. Reading fails once the sender gives up, which makes the frame writer end the
 * chunk with {@code #} (RFC 4975 §7.1), and fails if the source ends before the chunk does, so
 * a short file never produces a chunk shorter than its Byte-Range.
 */
final class ChunkSource implements ReadableByteChannel {

    private final ReadableByteChannel source;
    private final FileChannel file;
    private final long position;
    private final long length;
    private final BooleanSupplier aborted;
    private long done;

    /**
     * @param source the transfer's source
     * @param filePosition absolute file position of the chunk's first byte (file sources only)
     * @param length the chunk length
     * @param aborted true once the sender gives up
     */
    ChunkSource(ReadableByteChannel source, long filePosition, long length, BooleanSupplier aborted) {
        this.source = source;
        this.file = source instanceof FileChannel ? (FileChannel) source : null;
        this.position = filePosition;
        this.length = length;
        this.aborted = aborted;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (aborted.getAsBoolean()) {
            throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.CANCELLED, "The sender abandoned the message");
        }
        if (done == length) {
            return -1;
        }
        ByteBuffer view = dst.slice();
        view.limit((int) Math.min(view.limit(), length - done));
        int n = file != null ? file.read(view, position + done) : source.read(view);
        if (n < 0) {
            throw new EOFException("The source ended " + (length - done) + " bytes before the end of its chunk");
        }
        dst.position(dst.position() + n);
        done += n;
        return n;
    }

    /** @return true for a file source: reads never wait for bytes to arrive */
    boolean isStored() {
        return file != null;
    }

    /**
     * The writer stops early when a chunk must be interrupted (RFC 4975 §7.1); a sequential
     * source then has consumed bytes the next chunk needs, which only a file can reread.
     *
     * @return true if bytes after {@code consumed} can be read again
     */
    boolean canResumeAt(long consumed) {
        return file != null || consumed == done;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // the transfer's source is its owner's
    }
}
