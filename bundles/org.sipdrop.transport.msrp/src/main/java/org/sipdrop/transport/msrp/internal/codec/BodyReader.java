package org.sipdrop.transport.msrp.internal.codec;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

import org.sipdrop.transport.msrp.internal.codec.MsrpProtocolException.Resync;

/**
 * The body of one received frame, streamed from the reader's fixed buffer until the end-line
 * {@code -------<transaction-id><flag>} (RFC 4975 §7.1, §9). The CRLF before the end-line is not
 * part of the body. {@link #read(ByteBuffer)} returns -1 at the end-line, then {@link #flag()}
 * tells whether more chunks follow. The body is found a block at a time: one slice per buffered
 * run of body bytes, split only where an end-line could straddle two reads. {@link #nextSlice(int)} and
 * {@link #transferTo(FileChannel, long)} hand out views of the reader's buffer, so bytes can go
 * to a file at the Byte-Range offset without another copy. Not thread-safe.
 */
public final class BodyReader implements ReadableByteChannel {

    /**
     * Body bytes a sender may still have in flight when the receiver's 413 reaches it, beyond the
     * chunk's declared range-end: RFC 4975 §10.5 obliges it to stop the message then, and to
     * interrupt an interruptible chunk ({@code *} range-end, §7.1.1). A peer that sends more is
     * not stopping.
     */
    public static final long REFUSED_BODY_GRACE = 4L * 1024 * 1024;

    private final InputBuffer in;
    private final EndLineScanner scanner;
    private final MsrpFrame frame;
    private final long maxBytes;
    private boolean enforceLimit = true;
    private long count;
    private int releasedPosition;
    private int releasedLength;
    private boolean finished;
    private ContinuationFlag flag;

    BodyReader(InputBuffer in, EndLineScanner scanner, MsrpFrame frame, long maxBytes) {
        this.in = in;
        this.scanner = scanner;
        this.frame = frame;
        this.maxBytes = maxBytes;
    }

    /** @return a reader for a frame without body, already at its end-line */
    static BodyReader finished(ContinuationFlag flag) {
        BodyReader r = new BodyReader(null, null, null, 0);
        r.finished = true;
        r.flag = flag;
        return r;
    }

    /**
     * Returns the next body bytes as a read-only view, valid until the next call on this reader
     * or its frame reader.
     *
     * @param max most bytes wanted, at least 1
     * @return a slice with 1..max bytes, or null once the end-line was read
     * @throws MsrpProtocolException 413 (recoverable) when the chunk exceeds the body limit
     * @throws EOFException if the connection closed before the end-line
     */
    public ByteBuffer nextSlice(int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        while (!finished) {
            if (releasedPosition < releasedLength) {
                int n = Math.min(max, releasedLength - releasedPosition);
                ByteBuffer slice = ByteBuffer.wrap(scanner.released(), releasedPosition, n).slice();
                releasedPosition += n;
                return counted(slice);
            }
            if (!in.fill()) {
                throw new EOFException("Connection closed before the end-line of transaction " + frame.transactionId());
            }
            ByteBuffer buffer = in.buffer();
            if (scanner.idle()) {
                int from = buffer.position();
                // look only as far as the slice can reach (plus one end-line), so small reads stay linear
                int window = (int) Math.min(buffer.limit(), (long) from + max + scanner.length());
                int end = scanner.find(buffer, from, window);
                if (end > from) {
                    int to = (int) Math.min(end, (long) from + max);
                    ByteBuffer slice = buffer.duplicate().position(from).limit(to).slice();
                    buffer.position(to);
                    return counted(slice);
                }
                if (scanner.consumeAt(buffer)) {
                    finished = true;
                    flag = scanner.flag();
                    break;
                }
                // a possible end-line runs off the buffered bytes: follow it byte by byte
            }
            if (scanner.feed(buffer.get())) {
                finished = true;
                flag = scanner.flag();
            } else {
                releasedPosition = 0;
                releasedLength = scanner.releasedLength();
            }
        }
        return null;
    }

    private ByteBuffer counted(ByteBuffer slice) throws MsrpProtocolException {
        count += slice.remaining();
        if (enforceLimit && count > maxBytes) {
            throw new MsrpProtocolException(MsrpStatus.MESSAGE_TOO_LARGE,
                    "Chunk body exceeds the limit of " + maxBytes + " bytes", frame.transactionId(), frame,
                    Resync.MID_LINE);
        }
        return slice.asReadOnlyBuffer();
    }

    /**
     * @param dst where to copy body bytes
     * @return bytes copied, or -1 once the end-line was read
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (finished) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        ByteBuffer slice = nextSlice(dst.remaining());
        if (slice == null) {
            return -1;
        }
        int n = slice.remaining();
        dst.put(slice);
        return n;
    }

    /**
     * Writes the rest of the body to a file, straight from the reader's buffer.
     *
     * @param file the target
     * @param position file position for the first byte, e.g. {@link ByteRange#offset()}
     * @return the number of bytes written
     */
    public long transferTo(FileChannel file, long position) throws IOException {
        long written = 0;
        for (ByteBuffer slice = nextSlice(Integer.MAX_VALUE); slice != null; slice = nextSlice(Integer.MAX_VALUE)) {
            while (slice.hasRemaining()) {
                written += file.write(slice, position + written);
            }
        }
        return written;
    }

    /**
     * Discards the rest of the body, ignoring the body limit, so that the next frame can be read.
     *
     * @return the number of bytes discarded
     */
    public long skip() throws IOException {
        enforceLimit = false;
        long skipped = 0;
        for (ByteBuffer slice = nextSlice(Integer.MAX_VALUE); slice != null; slice = nextSlice(Integer.MAX_VALUE)) {
            skipped += slice.remaining();
        }
        return skipped;
    }

    /**
     * Discards the rest of a body the receiver refused (answered 413, 481…), but only as much as
     * the sender may still send after the refusal: the rest of the chunk up to its declared
     * range-end when it gave one, plus {@link #REFUSED_BODY_GRACE}. A chunk that says neither
     * its end ({@code Byte-Range: 1-*}{@code /*}, RFC 4975 §7.1.1) nor ever sends its end-line
     * would otherwise be read until the connection closes.
     *
     * @return true once the end-line was read; false when the peer sent more than that: it is
     *         not stopping, and the connection must be closed
     */
    public boolean discardRefused() throws IOException {
        long declaredLeft = frame instanceof MsrpRequest ? ((MsrpRequest) frame).headers().byteRange()
                .filter(ByteRange::isEndKnown).map(r -> Math.max(0, r.end() - r.start() + 1 - count)).orElse(0L) : 0;
        long max = declaredLeft + REFUSED_BODY_GRACE;
        enforceLimit = false;
        long skipped = 0;
        for (ByteBuffer slice = nextSlice((int) Math.min(Integer.MAX_VALUE, max + 1)); slice != null;
                slice = nextSlice((int) Math.min(Integer.MAX_VALUE, max - skipped + 1))) {
            skipped += slice.remaining();
            if (skipped > max) {
                return false;
            }
        }
        return true;
    }

    /** @return true once the end-line was read */
    public boolean isFinished() {
        return finished;
    }

    /**
     * @return the continuation flag of the end-line (RFC 4975 §7.1)
     * @throws IllegalStateException before the end-line was read
     */
    public ContinuationFlag flag() {
        if (!finished) {
            throw new IllegalStateException("Read the body to its end before asking for the continuation flag");
        }
        return flag;
    }

    /** @return the transaction id of the frame this body belongs to */
    String transactionId() {
        return frame == null ? "" : frame.transactionId();
    }

    /** @return body bytes delivered so far */
    public long bytesRead() {
        return count;
    }

    /** @return true until the end-line was read */
    @Override
    public boolean isOpen() {
        return !finished;
    }

    /** Skips the rest of the body, keeping the connection in step. */
    @Override
    public void close() throws IOException {
        skip();
    }
}
