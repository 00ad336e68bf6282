package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.sipdrop.transport.msrp.internal.codec.AcceptTypes;
import org.sipdrop.transport.msrp.internal.codec.BodyReader;
import org.sipdrop.transport.msrp.internal.codec.ByteRange;
import org.sipdrop.transport.msrp.internal.codec.ContinuationFlag;
import org.sipdrop.transport.msrp.internal.codec.CpimEnvelope;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;

/**
 * The receiving side of one message (RFC 4975 §7.1.1): each chunk's body goes straight from the
 * socket buffer to the sink at the position its Byte-Range names, so chunks may arrive out of
 * order or overlap when the sink is seekable (a {@link FileChannel} at its starting position);
 * a plain channel takes chunks in order, overlaps trimmed. The message is complete when the
 * {@code $} chunk was seen and every byte of the total is there. What one message may bring is
 * bounded (RFC 4975 §7.1.1, §14.5: sanity-check the Byte-Range before taking bytes): the
 * negotiated file size, or for a message of unknown length the most the session takes; a chunk
 * that goes beyond it, also one that never names its end ({@code 1-*}{@code /*}), is refused
 * with 413 at the first byte too many, not at its end-line. A file may come wrapped in
 * message/cpim (RFC 5547 §8.7): then only its payload is written ({@link #unwrapping}). Used by
 * one worker at a time.
 */
final class IncomingMessage {

    private final WritableByteChannel sink;
    /** The negotiated length of the content (the file, or its range), or -1 for a message of unknown length. */
    private final long payload;
    /** Octets of a message/cpim wrapper in front of the content (RFC 5547 §8.7), 0 when unwrapped. */
    private long wrapperLength;
    private byte[] wrapper;
    private boolean wrapperChecked;
    private boolean notCpim;
    private boolean firstChunk = true;
    private AcceptTypes accepted = AcceptTypes.ANY;
    private final SeekableByteChannel seekable;
    private final long base;
    /** The negotiated length, or, for a message of unknown length, -1 until its first chunk. */
    private long expected;
    /** The largest message of unknown length taken, or -1 when the length was negotiated. */
    private final long maxUnknown;
    private String contentType;
    private final LongConsumer progress;
    private final ReceivedRanges ranges = new ReceivedRanges();
    private final CoalescingSink out;
    private String messageId;
    private boolean lastSeen;
    private long lastReported;
    private volatile boolean cancelled;

    /**
     * @param sink where bytes go; a seekable sink is written at {@code position() + offset}
     * @param expected message length: the bytes this transfer carries
     * @param progress told the bytes received so far
     */
    IncomingMessage(WritableByteChannel sink, long expected, LongConsumer progress) throws IOException {
        this(sink, expected, -1, progress);
    }

    /**
     * As {@link #IncomingMessage(WritableByteChannel, long, LongConsumer)}, taking only the types
     * this side's SDP accepted: another Content-Type is answered 415 (RFC 4975 §7.3.1).
     */
    IncomingMessage(WritableByteChannel sink, long expected, AcceptTypes accepted, LongConsumer progress) throws IOException {
        this(sink, expected, -1, progress);
        this.accepted = accepted;
    }

    /**
     * A message whose length only the sender knows (a page-mode message in a plain message
     * session): the first chunk's Byte-Range total sets it (RFC 4975 §7.1.1).
     *
     * @param max the largest message taken; a longer one is refused with 413 (RFC 4975 §7.1.1)
     */
    static IncomingMessage ofUnknownLength(WritableByteChannel sink, long max, LongConsumer progress) throws IOException {
        return new IncomingMessage(sink, -1, max, progress);
    }

    private IncomingMessage(WritableByteChannel sink, long expected, long maxUnknown, LongConsumer progress)
            throws IOException {
        this.maxUnknown = maxUnknown;
        this.payload = expected;
        this.sink = sink;
        this.seekable = sink instanceof SeekableByteChannel ? (SeekableByteChannel) sink : null;
        this.base = seekable != null ? seekable.position() : 0;
        this.expected = expected;
        this.progress = progress;
        this.out = new CoalescingSink(sink);
    }

    /** What became of a chunk: the status for the transaction response and why. */
    record Outcome(int status, String problem) {
        static final Outcome OK = new Outcome(MsrpStatus.OK, null);
    }

    /**
     * Takes one chunk (RFC 4975 §7.1.1).
     *
     * @param send the SEND
     * @param body its body, consumed here
     * @return 200, or 413 if the message is unwanted (another message, too long, receiver gave
     *         up), or 400 for a Byte-Range that does not fit
     */
    Outcome onChunk(MsrpRequest send, BodyReader body) throws IOException {
        String id = send.headers().messageId().orElse("");
        if (messageId == null) {
            messageId = id;
        } else if (!messageId.equals(id)) {
            return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, "a second message '" + id + "' in a one-file session");
        }
        String type = send.headers().contentType().orElse(null);
        if (type != null && !accepted.accepts(type)) {
            return new Outcome(MsrpStatus.UNSUPPORTED_MEDIA_TYPE, type + " is not among the accepted " + accepted
                    + " (RFC 4975 §7.3.1)");
        }
        ByteRange range = send.headers().byteRange().orElse(new ByteRange(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN));
        if (firstChunk) {
            firstChunk = false;
            Outcome wrapped = unwrapping(send.headers().contentType().orElse(null), range);
            if (wrapped != null) {
                return wrapped;
            }
        }
        if (expected < 0) {
            if (!range.isTotalKnown()) {
                return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, "a message of unknown total length ('*') is not taken here");
            }
            if (range.total() > maxUnknown) {
                return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, "message of " + range.total()
                        + " bytes; at most " + maxUnknown + " are taken here");
            }
            expected = range.total();
            contentType = send.headers().contentType().orElse(null);
        }
        if (range.isTotalKnown() && range.total() != expected) {
            return new Outcome(range.total() > expected ? MsrpStatus.MESSAGE_TOO_LARGE : MsrpStatus.BAD_REQUEST,
                    "message of " + range.total() + " bytes where " + expected + " were negotiated");
        }
        long offset = range.offset();
        long written;
        try {
            written = seekable != null ? writeAt(body, offset) : writeInOrder(body, offset);
        } finally {
            out.flush();
        }
        if (written < 0) {
            return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, "the receiver stopped the message");
        }
        if (offset + written > expected) {
            return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, "chunk ends at byte " + (offset + written)
                    + ", beyond the negotiated " + expected);
        }
        try {
            ranges.add(offset, written);
        } catch (IllegalStateException e) {
            return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, e.getMessage());
        }
        if (body.flag() == ContinuationFlag.COMPLETE) {
            lastSeen = true;
        }
        if (wrapperLength > 0 && !wrapperChecked && ranges.contiguous() >= wrapperLength) {
            wrapperChecked = true;
            java.util.Optional<String> problem = CpimEnvelope.problemOf(wrapper);
            if (problem.isPresent()) {
                notCpim = true; // never complete: its octets are not the file
                return new Outcome(MsrpStatus.BAD_REQUEST, problem.get());
            }
        }
        progress.accept(Math.max(0, ranges.covered() - wrapperLength));
        return Outcome.OK;
    }

    /**
     * A file may come wrapped in message/cpim (RFC 5547 §8.7, Fig. 10 of §9.1: the MSRP message is
     * the CPIM message, the file its payload), so the Byte-Range total exceeds the negotiated
     * length by the wrapper's octets: the file is the message's last {@code payload} octets, what
     * comes before them is the wrapper, kept (bounded) to be checked and not written.
     *
     * @return null to go on, or the refusal
     */
    private Outcome unwrapping(String contentType, ByteRange range) {
        if (payload < 0 || !CpimEnvelope.isCpim(contentType) || !range.isTotalKnown() || range.total() <= payload) {
            return null;
        }
        long head = range.total() - payload;
        if (head > CpimEnvelope.MAX_HEAD) {
            return new Outcome(MsrpStatus.MESSAGE_TOO_LARGE, "message of " + range.total() + " bytes for "
                    + payload + " negotiated: a message/cpim wrapper of " + head + " bytes is more than the "
                    + CpimEnvelope.MAX_HEAD + " taken here");
        }
        wrapperLength = head;
        wrapper = new byte[(int) head];
        expected = range.total();
        return null;
    }

    /**
     * Puts message octets from {@code messagePos} (0-based): a wrapper's into its buffer, the
     * content's into the sink at their place in it.
     */
    private void put(ByteBuffer slice, long messagePos) throws IOException {
        long pos = messagePos;
        if (pos < wrapperLength) {
            int n = (int) Math.min(slice.remaining(), wrapperLength - pos);
            slice.get(wrapper, (int) pos, n);
            pos += n;
        }
        if (slice.hasRemaining()) {
            out.write(slice, base + pos - wrapperLength);
        }
    }

    /**
     * @return bytes written, -1 if cancelled meanwhile, or past the end of the message when the
     *         chunk runs beyond it; the rest of a refused body is not read here but discarded,
     *         bounded, once the 413 went out ({@link BodyReader#discardRefused()})
     */
    private long writeAt(BodyReader body, long offset) throws IOException {
        long written = 0;
        for (ByteBuffer slice = body.nextSlice(Integer.MAX_VALUE); slice != null; slice = body.nextSlice(Integer.MAX_VALUE)) {
            if (cancelled) {
                return -1; // the rest is discarded, bounded, after the 413 (BodyReader#discardRefused)
            }
            if (offset + written + slice.remaining() > expected) {
                return expected + 1 - offset;
            }
            written += write(slice, offset + written);
        }
        return written;
    }

    private int write(ByteBuffer slice, long messagePos) throws IOException {
        int n = slice.remaining();
        put(slice, messagePos);
        return n;
    }

    /** A plain sink: bytes already written are skipped, a gap cannot be filled. */
    private long writeInOrder(BodyReader body, long offset) throws IOException {
        long next = ranges.contiguous();
        if (offset > next) {
            throw new IOException("Chunk at byte " + offset + " left a gap after byte " + next
                    + "; out-of-order chunks need a seekable sink (RFC 4975 §7.1.1)");
        }
        long position = offset;
        long written = 0;
        for (ByteBuffer slice = body.nextSlice(Integer.MAX_VALUE); slice != null; slice = body.nextSlice(Integer.MAX_VALUE)) {
            if (cancelled) {
                return -1;
            }
            int n = slice.remaining();
            if (position + n > next) {
                int skip = (int) Math.max(0, next - position);
                slice.position(slice.position() + skip);
                if (next + slice.remaining() > expected) {
                    return expected + 1 - offset;
                }
                int r = slice.remaining();
                put(slice, next);
                next += r;
            }
            position += n;
            written += n;
        }
        return written;
    }

    /** @return true once the whole message is there */
    boolean isComplete() {
        return lastSeen && !notCpim && ranges.covered() == expected;
    }

    /** @return the gap-free prefix received, for progress REPORTs */
    long contiguous() {
        return ranges.contiguous();
    }

    /** @return the contiguous count last reported to the sender */
    long lastReported() {
        return lastReported;
    }

    /** @param contiguous the count just reported */
    void reported(long contiguous) {
        lastReported = contiguous;
    }

    /** @return bytes received */
    long received() {
        return ranges.covered();
    }

    /** @return the Content-Type of the message's first chunk, for a message of unknown length */
    Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** @return the message length */
    long expected() {
        return expected;
    }

    /** @return the Message-ID, once the first chunk came */
    Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The receiver does not want the rest: the current and next chunks are answered 413. */
    void cancel() {
        cancelled = true;
    }

    /** @return true once cancelled */
    boolean isCancelled() {
        return cancelled;
    }
}
