package org.sipdrop.transport.msrp.internal.codec;

import java.io.IOException;
import java.util.Optional;

/**
 * A received frame broke RFC 4975 §9 or a codec limit. Carries the status to answer with (400,
 * 413 or 501), the transaction id when it could be read, the frame once its paths were read
 * (to address the response, RFC 4975 §7.2), and whether the connection can be
 * resynchronised by skipping to the frame's end-line or must be closed.
 */
public final class MsrpProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Where the reader stands in the broken frame, so that it knows how to skip the rest. */
    enum Resync {
        /** Cannot resynchronise: the connection must be closed. */
        NONE,
        /** The frame is fully consumed; nothing to skip. */
        DONE,
        /** Just after a CRLF inside the header block. */
        LINE_START,
        /** Inside a line or inside the body. */
        MID_LINE
    }

    private final int status;
    private final transient String transactionId;
    private final transient MsrpFrame frame;
    private final transient Resync resync;

    MsrpProtocolException(int status, String message, String transactionId, MsrpFrame frame, Resync resync) {
        super(message);
        this.status = status;
        this.transactionId = transactionId;
        this.frame = frame;
        this.resync = resync;
    }

    /** @return the status code to answer with: 400, 413 or 501 (RFC 4975 §10) */
    public int status() {
        return status;
    }

    /** @return the transaction id of the broken frame, if it could be read */
    public Optional<String> transactionId() {
        return Optional.ofNullable(transactionId);
    }

    /**
     * @return the start line and the header fields read before the error, once To-Path and
     *         From-Path were read; complete for 501 and 413
     */
    public Optional<MsrpFrame> frame() {
        return Optional.ofNullable(frame);
    }

    /**
     * @return true if the reader can skip to the end-line and read the next frame; false if the
     *         connection must be closed
     */
    public boolean isRecoverable() {
        return resync != Resync.NONE;
    }

    /**
     * @return true if a response can be sent: the frame was a request whose transaction id and
     *         paths were read (responses are never answered, RFC 4975 §7.2)
     */
    public boolean isAnswerable() {
        return frame instanceof MsrpRequest;
    }

    Resync resync() {
        return resync;
    }
}
