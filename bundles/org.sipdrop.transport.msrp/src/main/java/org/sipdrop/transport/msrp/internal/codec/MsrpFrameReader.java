package org.sipdrop.transport.msrp.internal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

import org.sipdrop.transport.msrp.internal.codec.MsrpProtocolException.Resync;

/**
 * Reads MSRP frames from one blocking connection through a single fixed-size buffer
 * (RFC 4975 §9). {@link #next()} parses a start line and headers within the
 * {@link MsrpCodecLimits} and returns the body as a stream; unread body bytes, those of a refused
 * chunk, are skipped by the following {@link #next()} up to a bound
 * ({@link BodyReader#discardRefused()}): a peer that goes on sending past it breaks the
 * connection. After a recoverable {@link MsrpProtocolException}, {@link #next()}
 * first skips to the broken frame's end-line (resynchronisation); after an unrecoverable one the
 * connection must be closed and {@link #next()} refuses to continue. Not thread-safe.
 */
public final class MsrpFrameReader {

    /** Default buffer size: 16 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = 16 * 1024;

    private final InputBuffer in;
    private final MsrpCodecLimits limits;
    private final FrameHeadParser parser;
    private BodyReader current;
    private EndLineScanner resync;
    private String closeReason;

    /**
     * @param channel a blocking channel
     * @param bufferSize size of the one buffer, at least 1 byte
     * @param limits the bounds to enforce
     */
    public MsrpFrameReader(ReadableByteChannel channel, int bufferSize, MsrpCodecLimits limits) {
        this(channel, bufferSize, limits, false);
    }

    /**
     * @param channel a blocking channel
     * @param bufferSize size of the one buffer, at least 1 byte
     * @param limits the bounds to enforce
     * @param direct true for a direct buffer: socket bytes then reach a file without a copy in the
     *        heap; body slices are then direct too
     */
    public MsrpFrameReader(ReadableByteChannel channel, int bufferSize, MsrpCodecLimits limits, boolean direct) {
        this.in = new InputBuffer(Objects.requireNonNull(channel, "channel"), bufferSize, direct);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new FrameHeadParser(in, limits);
    }

    /**
     * @param stream the connection's input stream
     * @param bufferSize size of the one buffer, at least 1 byte
     * @param limits the bounds to enforce
     */
    public MsrpFrameReader(InputStream stream, int bufferSize, MsrpCodecLimits limits) {
        this(Channels.newChannel(Objects.requireNonNull(stream, "stream")), bufferSize, limits);
    }

    /**
     * Reads the next frame's start line and headers.
     *
     * @return the frame, or null if the peer closed the connection between frames
     * @throws MsrpProtocolException if the frame is malformed; see
     *         {@link MsrpProtocolException#isRecoverable()}
     * @throws java.io.EOFException if the connection closed inside a frame
     * @throws IllegalStateException after an unrecoverable error
     */
    public ReceivedFrame next() throws IOException {
        if (closeReason != null) {
            throw new IllegalStateException("The MSRP connection must be closed after: " + closeReason);
        }
        try {
            if (current != null) {
                BodyReader previous = current;
                current = null;
                if (!previous.discardRefused()) {
                    throw new IOException("The peer went on sending the body of transaction "
                            + previous.transactionId() + " after it was refused, beyond its declared end and "
                            + BodyReader.REFUSED_BODY_GRACE + " bytes more (RFC 4975 §10.5: it must stop)");
                }
            }
            if (resync != null) {
                EndLineScanner scanner = resync;
                resync = null;
                while (!scanner.feed((byte) in.readByte())) {
                    // discard the rest of the broken frame
                }
            }
            if (!in.fill()) {
                return null;
            }
            FrameHeadParser.Head head = parser.parse();
            BodyReader body = head.hasBody()
                    ? new BodyReader(in, new EndLineScanner(head.frame().transactionId()), head.frame(),
                            limits.maxBodyBytes())
                    : BodyReader.finished(head.flag());
            current = body;
            return new ReceivedFrame(head.frame(), body);
        } catch (MsrpProtocolException e) {
            prepareResync(e);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeReason = e.toString();
            throw e;
        }
    }

    private void prepareResync(MsrpProtocolException e) {
        Resync mode = e.resync();
        if (mode == Resync.NONE) {
            closeReason = e.getMessage();
        } else if (mode != Resync.DONE) {
            resync = new EndLineScanner(e.transactionId().orElseThrow());
            if (mode == Resync.LINE_START) {
                resync.startAfterLineBreak();
            }
        }
    }

    /**
     * Tells an event-driven caller whether another frame may be parsed without waiting for the
     * socket: bytes are already buffered, so a selector would not report the channel readable.
     *
     * @return true if the reader's buffer holds unread bytes
     */
    public boolean hasBufferedInput() {
        return in.buffer().hasRemaining();
    }

    /** @return true once an unrecoverable error or a broken connection was seen */
    public boolean mustClose() {
        return closeReason != null;
    }
}
