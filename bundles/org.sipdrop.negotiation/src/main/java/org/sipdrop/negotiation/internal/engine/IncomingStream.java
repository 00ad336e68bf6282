package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportSession;

/**
 * One accepted file of an incoming offer: bytes from the transport go into the store's
 * {@code .part}, hashed while written; then the hash is checked and the file moved into place.
 */
final class IncomingStream {

    private static final System.Logger LOG = System.getLogger(IncomingStream.class.getName());

    private final TransferControl transfer;
    private final ReceivedFileStore.Partial partial;
    private final TransportSession session;
    private final List<String> remotePath;
    private final DrainingSink sink;
    private volatile int verdictCause = -1;
    private volatile TransferFailure failure;
    private volatile String abortedBecause;

    IncomingStream(TransferControl transfer, ReceivedFileStore.Partial partial, TransportSession session,
            List<String> remotePath) {
        this.transfer = transfer;
        this.partial = partial;
        this.session = session;
        this.remotePath = remotePath;
        this.sink = new DrainingSink(partial);
    }

    TransferControl transfer() {
        return transfer;
    }

    /**
     * Receives, verifies and saves; runs on an agent thread. The outcome is held until
     * {@link #finish()}, so the peer can be told the verdict before anyone here sees the
     * transfer end (a command that exits on COMPLETED would otherwise close the call first).
     */
    void receive() {
        try {
            if (!transfer.tryMove(TransferState.TRANSFERRING)) {
                return;
            }
            transfer.progress(partial.offset());
            verdictCause = Verdict.NOT_SAVED;
            session.receive(AgentContext.endpoint(remotePath), sink, transfer::progress);
            verdictCause = Verdict.MISMATCH;
            Path saved = complete(); // size and SHA-1 of the whole file, resumed bytes included
            transfer.setFile(saved);
            transfer.progress(transfer.offer().size());
            verdictCause = 0;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Receiving " + transfer.offer().name() + " failed", e);
            close(session); // stop the transport first,
            sink.drain(); // let it write out what it already received, so a resume need not fetch it again,
            abandon(); // then close the .part
            String why = abortedBecause;
            failure = new TransferFailure(0, why != null ? why : String.valueOf(e.getMessage()));
        } finally {
            close(session);
        }
    }

    /** Ends the transfer with the outcome of {@link #receive()}: COMPLETED, or FAILED with the reason. */
    void finish() {
        TransferFailure f = failure;
        if (f == null && verdictCause == 0) {
            transfer.tryMove(TransferState.COMPLETED);
        } else {
            transfer.tryFail(TransferState.FAILED, f != null ? f : new TransferFailure(0, "not received"));
        }
    }

    /** @return why receiving failed, once {@link #receive()} returned; empty when the file is saved */
    java.util.Optional<TransferFailure> failure() {
        TransferFailure f = failure;
        return f == null && verdictCause != 0 ? java.util.Optional.of(new TransferFailure(0, "not received"))
                : java.util.Optional.ofNullable(f);
    }

    /** Checks and saves; a failure that is not about the bytes (the move, the disk) is the receiver's: 500. */
    private Path complete() throws IOException {
        try {
            return partial.complete();
        } catch (IOException e) {
            if (!(e instanceof TransportException)) { // not about the bytes (HASH_MISMATCH, BROKEN: incomplete)
                verdictCause = Verdict.NOT_SAVED;
            }
            throw e;
        }
    }

    /**
     * @return the cause for the verdict on this file (RFC 3326 Reason, see {@link Verdict}): 0
     *         while it went well, else {@link Verdict#MISMATCH}, {@link Verdict#NOT_SAVED} or
     *         {@link Verdict#CANCELLED}
     */
    int verdictCause() {
        if (transfer.state() == TransferState.CANCELLED) {
            return Verdict.CANCELLED;
        }
        return verdictCause < 0 ? Verdict.NOT_SAVED : verdictCause;
    }

    /**
     * The peer aborted this file stream inside the session (RFC 5547 §8.4): the transport stops,
     * {@link #receive()} ends with {@code why}, and the {@code .part} stays to be resumed.
     */
    void abort(String why) {
        abortedBecause = why;
        close(session);
    }

    /** Stops without completing: the {@code .part} stays, to be resumed. */
    void abandon() {
        close(partial);
        close(session);
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing " + c, e);
        }
    }
}
