package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import org.sipdrop.transport.msrp.internal.codec.BodySource;
import org.sipdrop.transport.msrp.internal.codec.ByteRange;
import org.sipdrop.transport.msrp.internal.codec.ContinuationFlag;
import org.sipdrop.transport.msrp.internal.codec.FailureReport;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameWriter;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameWriter.BodySourceException;
import org.sipdrop.transport.msrp.internal.codec.MsrpHeaders;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponse;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.StatusHeader;
import org.sipdrop.transport.msrp.internal.codec.SuccessReport;
import org.sipdrop.transport.msrp.internal.codec.TransactionIds;
import org.sipdrop.transport.msrp.internal.codec.WriteResult;
import org.sipdrop.transport.msrp.internal.net.MsrpConnection;

/**
 * The sending side of one message (RFC 4975 §7.1.1): chunks of the configured size written one
 * after another without waiting for their 200s (at most {@link #WINDOW} unanswered), each with
 * its Byte-Range, {@code Success-Report: yes} so that the receiver's REPORTs (§7.1.2) drive
 * progress, and the message is done when its success REPORTs together cover every byte
 * ({@link ReportedRanges}: one REPORT for the whole, or one per chunk, §7.1.3). A 4xx response
 * stops it (413: the receiver wants no more, §10.5); {@link #abort()} ends the chunk on the wire
 * with {@code #}. Through relays, which answer SENDs themselves (RFC 4976 §7), the sender also
 * stays within {@link #RELAY_WINDOW} bytes of the receiver's last progress REPORT, so a slow
 * receiver cannot make a relay queue (and drop) an unbounded number of bytes. Runs on the
 * caller's thread; responses and REPORTs arrive on workers.
 */
final class OutgoingMessage {

    /** Unanswered SENDs allowed in flight. */
    static final int WINDOW = 64;

    /**
     * Through relays, bytes sent beyond the receiver's last progress REPORT (RFC 4975 §7.1.2). A
     * relay answers each SEND itself (RFC 4976 §7), so 200s do not pace the sender; Kamailio 5.6
     * drops frames once 4 MB wait for the next hop. Must exceed the receiver's report interval.
     */
    static final long RELAY_WINDOW = 3L * 1024 * 1024;

    /**
     * How long a sender blocked by {@link #RELAY_WINDOW} waits for the first progress REPORT before
     * concluding the receiver reports only at the end (as RFC 4975 allows) and sending unpaced.
     */
    static final long FIRST_REPORT_GRACE_MILLIS = 2_000;

    private final MsrpConnection connection;
    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;
    private final String messageId;
    private final long total;
    private final int chunkSize;
    private final String contentType;
    private final LongConsumer progress;
    private final long timeoutMillis;
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Object lock = new Object();
    private long confirmed;
    private final ReportedRanges reported;
    private IOException failure;
    private volatile boolean aborted;
    private boolean hashSent;
    private long lastActivity = System.nanoTime();
    private boolean paced;
    private boolean progressSeen;

    OutgoingMessage(MsrpConnection connection, List<MsrpUri> toPath,
            List<MsrpUri> fromPath, long total, int chunkSize,
            String contentType, LongConsumer progress, long timeoutMillis) {
        this.connection = connection;
        this.toPath = toPath;
        this.fromPath = fromPath;
        this.messageId = TransactionIds.next(new java.security.SecureRandom());
        this.total = total;
        this.chunkSize = chunkSize;
        this.contentType = contentType;
        this.progress = progress;
        this.timeoutMillis = timeoutMillis;
        this.paced = toPath.size() > 1;
        this.reported = new ReportedRanges(total);
    }

    /** @return the Message-ID (RFC 4975 §7.1.1) */
    String messageId() {
        return messageId;
    }

    /**
     * Sends every chunk, then waits for the success REPORT.
     *
     * @param source positioned at the first byte of the message
     */
    void run(ReadableByteChannel source) throws IOException {
        long start = source instanceof FileChannel ? ((FileChannel) source).position() : 0;
        long[] sent = { 0 };
        try {
            do {
                checkState();
                awaitWindow(sent[0]);
                sent[0] += sendChunk(source, start, sent[0]);
            } while (sent[0] < total);
        } catch (IOException e) {
            if (aborted && !hashSent && sent[0] < total) {
                try {
                    sendAbortChunk(sent[0]);
                } catch (IOException ignored) {
                    // the connection is gone: the receiver learns from that
                }
            }
            throw e;
        }
        awaitReport();
    }

    /** @return body bytes written (fewer than a full chunk if the writer interrupted it) */
    private long sendChunk(ReadableByteChannel source, long start, long sent) throws IOException {
        long n = Math.min(chunkSize, total - sent);
        boolean last = sent + n == total;
        MsrpRequest send = chunk(connection.newTransactionId(), sent, n);
        ChunkSource chunk = new ChunkSource(source, start + sent, n, () -> aborted);
        unanswered.incrementAndGet();
        connection.expectResponse(send.transactionId(), this::onResponse);
        WriteResult r;
        try {
            BodySource body = chunk.isStored() ? BodySource.ofStoredChannel(chunk, n) : BodySource.ofChannel(chunk, n);
            r = connection.write(w -> w.writeRequest(send, body,
                    last ? ContinuationFlag.COMPLETE : ContinuationFlag.MORE));
        } catch (BodySourceException e) {
            hashSent = true;
            throw failWith(aborted ? new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.CANCELLED, "The sender abandoned the message after "
                    + (sent + e.bodyBytes()) + " bytes; the chunk was ended with '#' (RFC 4975 §7.1)", e) : e);
        }
        if (r.interrupted() && !chunk.canResumeAt(r.bodyBytes())) {
            throw failWith(new IOException("A chunk had to be interrupted (RFC 4975 §7.1) but the source cannot be reread"));
        }
        return r.bodyBytes();
    }

    private MsrpRequest chunk(String tid, long offset, long length) {
        MsrpHeaders h = MsrpHeaders.builder(toPath, fromPath).messageId(messageId)
                .successReport(SuccessReport.YES).failureReport(FailureReport.YES)
                .byteRange(range(offset, length)).contentType(contentType).build();
        return new MsrpRequest(tid, MsrpMethod.SEND, h);
    }

    /**
     * "Any chunk with a body of greater than 2048 octets will have a '*' character in the
     * range-end field" (RFC 4975 §7.1.1): the writer may interrupt it for a waiting response or
     * REPORT, and the rest goes in the next chunk.
     */
    private ByteRange range(long offset, long length) {
        return length > MsrpFrameWriter.INTERRUPTIBLE_AFTER ? new ByteRange(offset + 1, ByteRange.UNKNOWN, total)
                : ByteRange.ofChunk(offset, length, total);
    }

    /**
     * Waits until fewer than {@link #WINDOW} SENDs are unanswered and, through relays, until the
     * receiver's REPORTs confirm all but {@link #RELAY_WINDOW} of the bytes sent.
     *
     * @param sent bytes sent so far
     */
    private void awaitWindow(long sent) throws IOException {
        synchronized (lock) {
            long blockedSince = -1;
            while (failure == null) {
                if (unanswered.get() >= WINDOW) {
                    waitBounded("200 responses");
                } else if (paced && sent - confirmed >= RELAY_WINDOW) {
                    if (progressSeen) {
                        waitBounded("progress REPORTs from behind the relay (RFC 4975 §7.1.2)");
                        continue;
                    }
                    long now = System.nanoTime();
                    blockedSince = blockedSince < 0 ? now : blockedSince;
                    long left = FIRST_REPORT_GRACE_MILLIS - (now - blockedSince) / 1_000_000L;
                    if (left <= 0) {
                        paced = false; // the receiver reports only the whole message
                    } else {
                        waitGrace(left);
                    }
                } else {
                    break;
                }
            }
        }
        checkState();
    }

    private void waitGrace(long millis) {
        try {
            lock.wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new InterruptedIOException("Interrupted while sending");
        }
    }

    private void awaitReport() throws IOException {
        synchronized (lock) {
            while (failure == null && (confirmed < total || unanswered.get() > 0)) {
                waitBounded("the success REPORT (RFC 4975 §7.1.2)");
            }
        }
        checkState();
    }

    /** Waits for a response or REPORT; fails when nothing arrived for the timeout. */
    private void waitBounded(String what) throws IOException {
        long silent = (System.nanoTime() - lastActivity) / 1_000_000L;
        if (silent >= timeoutMillis) {
            failure = new IOException("No answer from the receiver for " + timeoutMillis + " ms while waiting for "
                    + what + " (" + confirmed + " of " + total + " bytes confirmed)");
            return;
        }
        try {
            lock.wait(Math.max(1, timeoutMillis - silent));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new InterruptedIOException("Interrupted while sending");
        }
    }

    private void checkState() throws IOException {
        synchronized (lock) {
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
        }
    }

    private IOException failWith(IOException e) {
        fail(e);
        return e;
    }

    /** A transaction response (RFC 4975 §7.2): 200 frees the window, anything else stops. */
    void onResponse(MsrpResponse response) {
        synchronized (lock) {
            lastActivity = System.nanoTime();
            unanswered.decrementAndGet();
            if (response.statusCode() != MsrpStatus.OK && failure == null) {
                failure = new org.sipdrop.transfer.TransportException(MsrpStatus.reasonOf(response.statusCode()), "The receiver answered " + response.statusCode() + " "
                        + response.reason().orElse(MsrpStatus.reason(response.statusCode()))
                        + (response.statusCode() == MsrpStatus.MESSAGE_TOO_LARGE
                                ? ": it wants no more of this message (RFC 4975 §10.5)" : ""));
            }
            lock.notifyAll();
        }
    }

    /** A REPORT on this message (RFC 4975 §7.1.2): progress, success or failure. */
    void onReport(MsrpRequest report) {
        StatusHeader status = report.headers().status().orElse(StatusHeader.msrp(MsrpStatus.OK));
        ByteRange range = report.headers().byteRange().orElse(null);
        synchronized (lock) {
            lastActivity = System.nanoTime();
            if (status.code() != MsrpStatus.OK) {
                if (failure == null) {
                    failure = new org.sipdrop.transfer.TransportException(MsrpStatus.reasonOf(status.code()), "The receiver reported failure " + status + " for bytes "
                            + (range == null ? "?" : range.toString()) + " (RFC 4975 §7.1.2)");
                }
            } else if (range != null && range.isEndKnown() && reported.add(range.start(), range.end()) > confirmed) {
                // the union of the reported ranges: a receiver may report per chunk (RFC 4975 §7.1.3)
                progressSeen = true;
                confirmed = reported.covered();
                progress.accept(confirmed);
            }
            lock.notifyAll();
        }
    }

    /** The session failed (connection lost, transport stopped). */
    void fail(IOException cause) {
        synchronized (lock) {
            if (failure == null) {
                failure = cause;
            }
            lock.notifyAll();
        }
    }

    /** Gives up: a chunk being written is ended with {@code #}; the sender's call fails. */
    void abort() {
        aborted = true;
        fail(new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.CANCELLED, "The sender abandoned the message; the receiver was told with '#' (RFC 4975 §7.1)"));
    }

    /** @return true once the receiver confirmed the whole message */
    boolean isDone() {
        synchronized (lock) {
            return failure == null && confirmed == total && unanswered.get() == 0;
        }
    }

    /** Ends the message on the wire with an empty {@code #} chunk when no chunk is being written. */
    private void sendAbortChunk(long sentSoFar) throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(toPath, fromPath).messageId(messageId) // the same report headers (§7.1.1)
                .successReport(SuccessReport.YES).failureReport(FailureReport.YES)
                .byteRange(ByteRange.ofChunk(sentSoFar, 0, total)).contentType(contentType).build();
        MsrpRequest send = new MsrpRequest(connection.newTransactionId(), MsrpMethod.SEND, h);
        connection.write(w -> w.writeRequest(send, BodySource.of(new byte[0]), ContinuationFlag.ABORTED));
        hashSent = true;
    }
}
