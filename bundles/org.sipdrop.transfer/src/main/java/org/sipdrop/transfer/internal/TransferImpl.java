package org.sipdrop.transfer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferControl;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

/**
 * The one state machine of a transfer ({@link TransferControl}), created by
 * {@link TransferServiceImpl#newTransfer} for the engine that drives it.
 */
public final class TransferImpl implements TransferControl {

    private static final System.Logger LOG = System.getLogger(TransferImpl.class.getName());

    private final String id;
    private volatile FileOffer offer;
    private final String peer;
    private final Direction direction;
    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Runnable onCancel;

    private TransferState state = TransferState.OFFERED;
    private long bytes;
    private String transport;
    private TransferFailure failure;
    private Path file;

    /**
     * @param onCancel run once when a user cancels, to stop the transport; may be a no-op
     */
    public TransferImpl(String id, FileOffer offer, String peer, Direction direction, Path file, Runnable onCancel) {
        this.id = Objects.requireNonNull(id, "id");
        this.offer = Objects.requireNonNull(offer, "offer");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.file = file;
        this.onCancel = Objects.requireNonNull(onCancel, "onCancel");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public FileOffer offer() {
        return offer;
    }

    @Override
    public String peer() {
        return peer;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public synchronized TransferState state() {
        return state;
    }

    @Override
    public synchronized long bytesTransferred() {
        return bytes;
    }

    @Override
    public synchronized Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    @Override
    public synchronized Optional<TransferFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Sets what {@link #cancel()} runs to stop the transport and the call. */
    @Override
    public void onCancel(Runnable action) {
        this.onCancel = Objects.requireNonNull(action, "action");
    }

    /** Moves to {@code next} if the current state allows it; @return whether it moved */
    @Override
    public boolean tryMove(TransferState next) {
        synchronized (this) {
            if (!state.canMoveTo(next)) {
                return false;
            }
        }
        try {
            moveTo(next);
            return true;
        } catch (IllegalStateException raced) {
            return false;
        }
    }

    /** Fails (or rejects) if the current state allows it; @return whether it moved */
    @Override
    public boolean tryFail(TransferState rejectedOrFailed, TransferFailure reason) {
        synchronized (this) {
            if (!state.canMoveTo(rejectedOrFailed)) {
                return false;
            }
        }
        try {
            fail(rejectedOrFailed, reason);
            return true;
        } catch (IllegalStateException raced) {
            return false;
        }
    }

    /**
     * Replaces the requested description with the one the file holder answered a pull with
     * (RFC 5547 §8.3.2: its own file-selector, with the hash); the size stays when the request named it.
     */
    @Override
    public synchronized void describe(FileOffer answered, boolean sizeKnown) {
        if (sizeKnown && answered.size() != offer.size()) {
            throw new IllegalArgumentException("The answered size " + answered.size() + " differs from the requested " + offer.size());
        }
        offer = answered;
    }

    @Override
    public synchronized void setTransport(String scheme) {
        this.transport = scheme;
    }

    /** Records the local file (the saved file once received). */
    @Override
    public synchronized void setFile(Path path) {
        this.file = path;
    }

    /** Moves to {@code next}; rejected and failed states need {@link #fail}. */
    @Override
    public void moveTo(TransferState next) {
        if (next == TransferState.REJECTED || next == TransferState.FAILED) {
            throw new IllegalArgumentException(next + " needs a reason: use fail()");
        }
        change(next, null);
    }

    /** Moves to {@link TransferState#REJECTED} or {@link TransferState#FAILED} with the reason. */
    @Override
    public void fail(TransferState rejectedOrFailed, TransferFailure reason) {
        if (rejectedOrFailed != TransferState.REJECTED && rejectedOrFailed != TransferState.FAILED) {
            throw new IllegalArgumentException("fail() moves to REJECTED or FAILED, not " + rejectedOrFailed);
        }
        change(rejectedOrFailed, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * Records confirmed bytes. Progress never goes backwards and never past the file size.
     */
    @Override
    public void progress(long confirmed) {
        long now;
        synchronized (this) {
            if (confirmed < 0 || confirmed > offer.size()) {
                throw new IllegalArgumentException("Progress " + confirmed + " outside 0.." + offer.size());
            }
            if (confirmed <= bytes) {
                return;
            }
            bytes = confirmed;
            now = bytes;
        }
        fire(l -> l.progress(this, now));
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (!state.canMoveTo(TransferState.CANCELLED)) {
                return;
            }
        }
        change(TransferState.CANCELLED, null);
        onCancel.run();
    }

    private void change(TransferState next, TransferFailure reason) {
        TransferState previous;
        synchronized (this) {
            if (!state.canMoveTo(next)) {
                throw new IllegalStateException("Transfer " + id + " cannot move from " + state + " to " + next);
            }
            previous = state;
            state = next;
            failure = reason;
        }
        fire(l -> l.stateChanged(this, previous));
    }

    private void fire(Consumer<TransferListener> event) {
        for (TransferListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A transfer listener failed on " + id, e);
            }
        }
    }

    @Override
    public void addListener(TransferListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(TransferListener listener) {
        listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "Transfer[" + id + ", " + direction + " " + peer + ", " + offer.name() + ", " + state() + "]";
    }
}
