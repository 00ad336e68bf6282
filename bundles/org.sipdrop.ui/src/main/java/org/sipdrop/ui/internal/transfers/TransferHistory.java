package org.sipdrop.ui.internal.transfers;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.receive.Landings;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * The workbench user's finished transfers, kept across restarts: every transfer of the user's
 * agent is recorded when it ends (completed, rejected, failed, cancelled) with where its file is,
 * in {@value #FILE} in the bundle's state location (the workspace metadata), the newest
 * {@value HistoryFile#LIMIT}. The Transfers view shows them as finished rows after a restart.
 */
@Component(service = TransferHistory.class)
public final class TransferHistory {

    /** The file in the bundle's state location. */
    static final String FILE = "transfer-history.properties";

    private final HistoryFile file;
    private final WorkbenchSession session;
    private final TransferService service;
    private final Landings landings;
    /** Oldest first; guarded by itself. */
    private final List<TransferRecord> records;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final TransferListener finished = new TransferListener() {
        @Override
        public void stateChanged(Transfer t, TransferState previous) {
            if (t.state().isTerminal()) {
                put(TransferRecord.of(t, saved(t), Instant.now()));
            }
        }
    };
    private final TransferServiceListener added = new TransferServiceListener() {
        @Override
        public void transferAdded(Transfer t) {
            if (session.owns(t)) {
                t.addListener(finished);
            }
        }
    };
    private final BiConsumer<Transfer, IFile> landed = (t, f) -> {
        if (f.getLocation() != null) {
            savedAt(t.id(), f.getLocation().toPath());
        }
    };

    @Activate
    public TransferHistory(@Reference WorkbenchSession session, @Reference TransferService service, @Reference Landings landings) {
        this(new HistoryFile(Path.of(Platform.getStateLocation(FrameworkUtil.getBundle(TransferHistory.class)).toOSString(), FILE)),
                session, service, landings);
        service.addListener(added);
        landings.addListener(landed);
    }

    /** A history in {@code file} that records only what it is {@link #put given}; for tests. */
    TransferHistory(HistoryFile file) {
        this(file, null, null, null);
    }

    private TransferHistory(HistoryFile file, WorkbenchSession session, TransferService service, Landings landings) {
        this.file = file;
        this.session = session;
        this.service = service;
        this.landings = landings;
        this.records = new ArrayList<>(file.load());
    }

    @Deactivate
    void deactivate() {
        service.removeListener(added);
        landings.removeListener(landed);
    }

    /** @return where a finished transfer's file is: where a received one landed, or the file sent */
    private Optional<Path> saved(Transfer t) {
        Optional<Path> inWorkspace = landings.fileOf(t).map(IFile::getLocation).map(l -> l.toPath());
        if (inWorkspace.isPresent()) {
            return inWorkspace;
        }
        return t.direction() == Direction.OUTGOING || t.state() == TransferState.COMPLETED ? t.file() : Optional.empty();
    }

    /**
     * Records a finished transfer, replacing an earlier record of the same transfer (a resumed
     * one ends again); the history follows its own agent's transfers by itself.
     */
    public void put(TransferRecord r) {
        if (!r.state().isTerminal()) {
            throw new IllegalArgumentException("Only finished transfers are kept, not " + r.state());
        }
        synchronized (records) {
            records.removeIf(old -> old.id().equals(r.id()));
            records.add(r);
            if (records.size() > HistoryFile.LIMIT) {
                records.subList(0, records.size() - HistoryFile.LIMIT).clear();
            }
        }
        changed();
    }

    private void savedAt(String id, Path location) {
        synchronized (records) {
            records.replaceAll(r -> r.id().equals(id) ? r.savedAt(location) : r);
        }
        changed();
    }

    /** @return the finished transfers, oldest first */
    public List<TransferRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** Forgets the transfers with these ids. */
    public void remove(Collection<String> ids) {
        Set<String> gone = Set.copyOf(ids);
        synchronized (records) {
            records.removeIf(r -> gone.contains(r.id()));
        }
        changed();
    }

    /** Forgets every finished transfer. */
    public void clear() {
        synchronized (records) {
            records.clear();
        }
        changed();
    }

    /** Told, on whatever thread changed it, each time the history changes. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void changed() {
        synchronized (file) { // one writer of the file at a time
            try {
                file.save(records());
            } catch (IOException e) {
                ILog.of(TransferHistory.class).warn("SipDrop: cannot save the transfer history: " + e.getMessage());
            }
        }
        listeners.forEach(Runnable::run);
    }
}
