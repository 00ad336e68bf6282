package org.sipdrop.ui.internal.transfers;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

/** A transfer whose state the test moves by hand; tells its listeners like a real one. */
public final class FakeTransfer implements Transfer {

    private final String id;
    private final FileOffer offer;
    private final String peer;
    private final Direction direction;
    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();
    private volatile TransferState state = TransferState.OFFERED;
    private volatile long bytes;
    private volatile Path file;
    private volatile boolean cancelled;

    public FakeTransfer(String id, FileOffer offer, String peer, Direction direction) {
        this.id = id;
        this.offer = offer;
        this.peer = peer;
        this.direction = direction;
    }

    public static FakeTransfer incoming(String peer, FileOffer offer) {
        return new FakeTransfer("in-" + offer.name(), offer, peer, Direction.INCOMING);
    }

    public void move(TransferState next) {
        TransferState previous = state;
        state = next;
        listeners.forEach(l -> l.stateChanged(this, previous));
    }

    public void progressTo(long b) {
        bytes = b;
        listeners.forEach(l -> l.progress(this, b));
    }

    public void file(Path p) {
        file = p;
    }

    public boolean cancelled() {
        return cancelled;
    }

    @Override public String id() { return id; }
    @Override public FileOffer offer() { return offer; }
    @Override public String peer() { return peer; }
    @Override public Direction direction() { return direction; }
    @Override public TransferState state() { return state; }
    @Override public long bytesTransferred() { return bytes; }
    @Override public Optional<String> transport() { return Optional.of("msrp"); }
    @Override public Optional<TransferFailure> failure() { return Optional.empty(); }
    @Override public Optional<Path> file() { return Optional.ofNullable(file); }
    @Override public void cancel() { cancelled = true; }
    @Override public void addListener(TransferListener listener) { listeners.add(listener); }
    @Override public void removeListener(TransferListener listener) { listeners.remove(listener); }
}
