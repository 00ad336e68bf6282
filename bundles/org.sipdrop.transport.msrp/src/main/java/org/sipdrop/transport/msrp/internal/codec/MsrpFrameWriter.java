package org.sipdrop.transport.msrp.internal.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes MSRP frames to one blocking connection: the header block, the body in pieces of at
 * most the buffer size, then the end-line (RFC 4975 §9). Not thread-safe: one writer per
 * connection, used by one thread at a time.
 *
 * <p>RFC 4975 §7.1 requires that the end-line never appears inside a body. This writer does
 * both things the RFC allows: a body held in memory is checked before sending and, if it contains
 * {@code -------<tid>}, a fresh transaction id is drawn; a streamed body (file region, channel)
 * is checked while it is sent with a rolling match and, if the pattern would complete, the chunk
 * is interrupted just before that byte and ended with {@code +}
 * ({@link WriteResult#interrupted()}), so the caller sends the rest in a new chunk with a new
 * transaction id. With 95-bit random ids this practically never happens.
 */
public final class MsrpFrameWriter {

    /** Default piece size for bodies: 16 KiB. */
    public static final int DEFAULT_BUFFER_SIZE = 16 * 1024;

    private static final int MAX_ID_ATTEMPTS = 16;

    private final WritableByteChannel out;
    private final ByteBuffer buffer;
    private final Supplier<String> transactionIds;
    /** True while other traffic waits for the connection: an interruptible chunk then yields. */
    private volatile java.util.function.BooleanSupplier othersWaiting = () -> false;

    /**
     * A chunk body "larger than 2048 octets MUST be interruptible" (RFC 4975 §7.1.1): such a
     * chunk, sent with {@code *} as its range-end, is interrupted once it carried this many
     * octets and other traffic waits, "interrupting chunks (at least 2048 octets long) only when
     * other traffic is waiting to use the same connection" (§7.1.1).
     */
    public static final int INTERRUPTIBLE_AFTER = 2048;

    /**
     * @param out a blocking channel
     * @param bufferSize largest body piece, at least 1 byte
     * @param transactionIds source of new transaction ids, e.g. {@link TransactionIds#secureRandom()}
     */
    public MsrpFrameWriter(WritableByteChannel out, int bufferSize, Supplier<String> transactionIds) {
        this(out, bufferSize, transactionIds, false);
    }

    /**
     * @param out a blocking channel
     * @param bufferSize largest write, at least 1 byte
     * @param transactionIds source of new transaction ids, e.g. {@link TransactionIds#secureRandom()}
     * @param direct true for a direct buffer: file bytes then go to a socket without a copy in the
     *        heap; false where the channel works on heap arrays anyway (TLS)
     */
    public MsrpFrameWriter(WritableByteChannel out, int bufferSize, Supplier<String> transactionIds, boolean direct) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("Buffer size must be at least 1 byte, was " + bufferSize);
        }
        this.out = Objects.requireNonNull(out, "out");
        this.buffer = direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
        this.transactionIds = Objects.requireNonNull(transactionIds, "transactionIds");
    }

    /** @param out a blocking channel; 16 KiB pieces, secure random transaction ids */
    public MsrpFrameWriter(WritableByteChannel out) {
        this(out, DEFAULT_BUFFER_SIZE, TransactionIds.secureRandom());
    }

    /** @param out the connection's output stream; 16 KiB pieces, secure random transaction ids */
    public MsrpFrameWriter(OutputStream out) {
        this(Channels.newChannel(Objects.requireNonNull(out, "out")));
    }

    /**
     * @param waiting true while responses or REPORTs wait to be written: "SEND requests larger
     *        than 2048 octets MUST be interrupted if the sender needs to send pending responses or
     *        REPORT requests" (RFC 4975 §7.1.1); only chunks whose Byte-Range end is {@code *}
     *        are interrupted so
     */
    public void interruptWhen(java.util.function.BooleanSupplier waiting) {
        this.othersWaiting = Objects.requireNonNull(waiting, "waiting");
    }

    /** @return a fresh transaction id (RFC 4975 §7.1) */
    public String newTransactionId() {
        String tid = transactionIds.get();
        MsrpFrame.checkTransactionId(tid);
        return tid;
    }

    /**
     * Writes a response: header block and end-line with {@code $}; responses have no body (§7.2).
     *
     * @param response the response
     */
    public void writeResponse(MsrpResponse response) throws IOException {
        byte[] head = FrameFormatter.head(response, response.transactionId(), false);
        byte[] end = FrameFormatter.endLine(response.transactionId(), ContinuationFlag.COMPLETE, false);
        writeFully(ByteBuffer.wrap(concat(head, end)));
    }

    /**
     * Writes a request without body (e.g. a REPORT or an AUTH), ended with {@code $}.
     *
     * @param request the request; it must not carry a Content-Type
     * @return what was written
     */
    public WriteResult writeRequest(MsrpRequest request) throws IOException {
        return writeRequest(request, null, ContinuationFlag.COMPLETE);
    }

    /**
     * Writes a request, its body and its end-line.
     *
     * @param request the request; its transaction id is used unless an in-memory body contains it
     * @param body the body, or null for none; a body needs a Content-Type header and vice versa
     * @param flag the continuation flag to end with (RFC 4975 §7.1)
     * @return the transaction id used, the bytes written, the flag written, and whether the chunk
     *         was interrupted
     * @throws BodySourceException if reading the body failed; the frame was ended with {@code #}
     *         and the connection is still in step
     */
    public WriteResult writeRequest(MsrpRequest request, BodySource body, ContinuationFlag flag) throws IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(flag, "flag");
        boolean hasBody = body != null;
        if (hasBody != request.headers().contentType().isPresent()) {
            throw new IllegalArgumentException("A request has a Content-Type exactly when it has a body (RFC 4975 §9)");
        }
        String tid = request.transactionId();
        if (!hasBody) {
            writeFully(ByteBuffer.wrap(concat(FrameFormatter.head(request, tid, false),
                    FrameFormatter.endLine(tid, flag, false))));
            return new WriteResult(tid, 0, flag, false);
        }
        byte[] inMemory = body.inMemory();
        if (inMemory != null) {
            for (int attempt = 1; EndLineGuard.occursIn(inMemory, tid); attempt++) {
                if (attempt > MAX_ID_ATTEMPTS) {
                    throw new IllegalStateException("No transaction id absent from the body after " + MAX_ID_ATTEMPTS
                            + " attempts; is the id generator random?");
                }
                tid = newTransactionId();
            }
        } else if (!MsrpMethod.SEND.equals(request.method())) {
            throw new IllegalArgumentException("Only SEND bodies may be streamed, since a streamed chunk may have to be"
                    + " interrupted (RFC 4975 §7.1); give " + request.method() + " an in-memory body");
        }
        boolean interruptible = request.headers().byteRange().map(r -> !r.isEndKnown()).orElse(false);
        return streamBody(tid, FrameFormatter.head(request, tid, true), body, flag, interruptible);
    }

    /**
     * Gathers head, body and end-line into the one buffer and writes it whenever it is full (or
     * the source paused), so a chunk costs about one write per buffer, not three small extra ones.
     */
    private WriteResult streamBody(String tid, byte[] head, BodySource body, ContinuationFlag flag,
            boolean interruptible) throws IOException {
        EndLineGuard guard = new EndLineGuard(tid);
        buffer.clear();
        if (head.length <= buffer.capacity()) {
            buffer.put(head);
        } else {
            writeFully(ByteBuffer.wrap(head));
        }
        long written = 0;
        boolean interrupted = false;
        while (!interrupted) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            // never after the last byte: the chunk would end '+' with no rest to send, and the
            // message would never get its '$' (RFC 4975 §7.1)
            if (interruptible && written >= INTERRUPTIBLE_AFTER && !body.exhausted() && othersWaiting.getAsBoolean()) {
                interrupted = true; // the caller sends the rest in a new chunk (RFC 4975 §7.1.1)
                break;
            }
            int from = buffer.position();
            int wanted = buffer.remaining();
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                flush();
                writeFully(ByteBuffer.wrap(FrameFormatter.endLine(tid, ContinuationFlag.ABORTED, true)));
                throw new BodySourceException(tid, written, e);
            }
            if (n < 0) {
                break;
            }
            int hit = guard.scan(buffer, from, buffer.position());
            if (hit >= 0) {
                buffer.position(hit);
                interrupted = true;
            }
            written += buffer.position() - from;
            if (n < wanted && body.mayPause()) {
                flush(); // the source may be waiting for bytes: do not hold back what it gave
            }
        }
        ContinuationFlag sent = interrupted ? ContinuationFlag.MORE : flag;
        byte[] end = FrameFormatter.endLine(tid, sent, true);
        if (end.length > buffer.remaining()) {
            flush();
        }
        if (end.length <= buffer.remaining()) {
            buffer.put(end);
        } else {
            writeFully(ByteBuffer.wrap(end));
        }
        flush();
        return new WriteResult(tid, written, sent, interrupted);
    }

    /** Writes what the buffer holds and empties it. */
    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Reading the body failed; the chunk was ended with {@code #} and the connection is usable. */
    public static final class BodySourceException extends IOException {

        private static final long serialVersionUID = 1L;

        private final String transactionId;
        private final long bodyBytes;

        BodySourceException(String transactionId, long bodyBytes, IOException cause) {
            super("Reading the body of transaction " + transactionId + " failed after " + bodyBytes
                    + " bytes; the chunk was ended with '#': " + cause.getMessage(), cause);
            this.transactionId = transactionId;
            this.bodyBytes = bodyBytes;
        }

        /** @return the transaction id of the aborted chunk */
        public String transactionId() {
            return transactionId;
        }

        /** @return body bytes sent before the failure */
        public long bodyBytes() {
            return bodyBytes;
        }
    }
}
