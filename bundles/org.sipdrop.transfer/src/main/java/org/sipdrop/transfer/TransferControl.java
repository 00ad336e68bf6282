package org.sipdrop.transfer;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The side of a {@link Transfer} that the engine driving it sees: the one state machine of a
 * transfer, created by {@link TransferService#newTransfer}. Thread-safe: state changes are
 * serialised and listeners are called outside the lock. Moves that are no longer possible (a
 * transfer cancelled while its bytes were still moving) are ignored by {@link #tryMove} and
 * {@link #tryFail}, so racing threads never throw.
 *
 * @since 0.2
 */
@ProviderType
public interface TransferControl extends Transfer {

    /** Moves to {@code next}; REJECTED and FAILED need {@link #fail}. @throws IllegalStateException when not allowed */
    void moveTo(TransferState next);

    /** Moves to REJECTED or FAILED with the reason. @throws IllegalStateException when not allowed */
    void fail(TransferState rejectedOrFailed, TransferFailure reason);

    /** Moves to {@code next} if the current state allows it; @return whether it moved */
    boolean tryMove(TransferState next);

    /** Fails (or rejects) if the current state allows it; @return whether it moved */
    boolean tryFail(TransferState rejectedOrFailed, TransferFailure reason);

    /** Records confirmed bytes; progress never goes backwards nor past the file size. */
    void progress(long confirmed);

    /** Records the scheme of the transport that carries it. */
    void setTransport(String scheme);

    /** Records the local file (the saved file once received). */
    void setFile(Path path);

    /**
     * Replaces the requested description with the one the holder answered a pull with (RFC 5547
     * §8.3.2: its own file-selector, with the hash); the size stays when the request named it.
     *
     * @throws IllegalArgumentException when {@code sizeKnown} and the answered size differs
     */
    void describe(FileOffer answered, boolean sizeKnown);

    /** Sets what {@link #cancel()} runs to stop the transport and the call. */
    void onCancel(Runnable action);
}
