package org.sipdrop.ui.internal.views;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.transfers.TransferRecord;

/**
 * What the Transfers view lists: the finished transfers of earlier sessions (records from the
 * history), then this session's transfers of the user, each oldest first, minus the rows the user
 * removed. A transfer of this session that finished is also in the history; it shows once, live.
 * Transfer threads add, the UI thread reads.
 */
final class TransferRows {

    /** Kept when the session signs in again with a new agent. */
    private final Set<Transfer> mine = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    /** @return whether {@code t} is new here (then it is to be followed) */
    boolean add(Transfer t) {
        return mine.add(t);
    }

    /** @return this session's transfers shown, oldest first */
    List<Transfer> live() {
        synchronized (mine) {
            return mine.stream().filter(t -> !removed.contains(t.id())).toList();
        }
    }

    /** @return every transfer of this session seen, removed ones too (to stop following them) */
    List<Transfer> all() {
        synchronized (mine) {
            return List.copyOf(mine);
        }
    }

    /** @return the rows, given the history's records (oldest first) */
    List<Object> rows(List<TransferRecord> history) {
        Set<String> ids;
        synchronized (mine) {
            ids = mine.stream().map(Transfer::id).collect(Collectors.toSet());
        }
        List<Object> rows = new ArrayList<>();
        history.stream().filter(r -> !ids.contains(r.id()) && !removed.contains(r.id())).forEach(rows::add);
        rows.addAll(live());
        return rows;
    }

    /** Hides the rows with these ids. */
    void remove(Collection<String> ids) {
        removed.addAll(ids);
    }

    /** Hides this session's finished transfers (the history forgets the earlier ones). */
    void removeFinished() {
        live().stream().filter(t -> t.state().isTerminal()).forEach(t -> removed.add(t.id()));
    }
}
