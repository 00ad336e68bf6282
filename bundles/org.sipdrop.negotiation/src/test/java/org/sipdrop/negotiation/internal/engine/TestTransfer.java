package org.sipdrop.negotiation.internal.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferControl;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

/**
 * A single-threaded stand-in for the transfer service's state machine, for engine unit tests that
 * run without OSGi (the real one is internal to the transfer bundle and tested there). It keeps
 * the rules a test can observe: only moves {@link TransferState#canMoveTo} allows, a reason for
 * REJECTED and FAILED.
 */
final class TestTransfer implements TransferControl {

    private final String id;
    private FileOffer offer;
    private final String peer;
    private final Direction direction;
    private final List<TransferListener> listeners = new ArrayList<>();
    private Runnable onCancel;
    private TransferState state = TransferState.OFFERED;
    private TransferFailure failure;
    private long bytes;
    private String transport;
    private Path file;

    TestTransfer(String id, FileOffer offer, String peer, Direction direction, Path file, Runnable onCancel) {
        this.id = id;
        this.offer = offer;
        this.peer = peer;
        this.direction = direction;
        this.file = file;
        this.onCancel = onCancel;
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
    public TransferState state() {
        return state;
    }

    @Override
    public long bytesTransferred() {
        return bytes;
    }

    @Override
    public Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    @Override
    public Optional<TransferFailure> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public void cancel() {
        if (tryMove(TransferState.CANCELLED)) {
            onCancel.run();
        }
    }

    @Override
    public void addListener(TransferListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(TransferListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void moveTo(TransferState next) {
        if (!tryMove(next)) {
            throw new IllegalStateException(state + " cannot move to " + next);
        }
    }

    @Override
    public void fail(TransferState rejectedOrFailed, TransferFailure reason) {
        if (!tryFail(rejectedOrFailed, reason)) {
            throw new IllegalStateException(state + " cannot move to " + rejectedOrFailed);
        }
    }

    @Override
    public boolean tryMove(TransferState next) {
        if (!state.canMoveTo(next)) {
            return false;
        }
        TransferState previous = state;
        state = next;
        listeners.forEach(l -> l.stateChanged(this, previous));
        return true;
    }

    @Override
    public boolean tryFail(TransferState rejectedOrFailed, TransferFailure reason) {
        if (!state.canMoveTo(rejectedOrFailed)) {
            return false;
        }
        failure = reason;
        return tryMove(rejectedOrFailed);
    }

    @Override
    public void progress(long confirmed) {
        bytes = Math.max(bytes, confirmed);
    }

    @Override
    public void setTransport(String scheme) {
        transport = scheme;
    }

    @Override
    public void setFile(Path path) {
        file = path;
    }

    @Override
    public void describe(FileOffer answered, boolean sizeKnown) {
        offer = answered;
    }

    @Override
    public void onCancel(Runnable action) {
        onCancel = action;
    }
}
