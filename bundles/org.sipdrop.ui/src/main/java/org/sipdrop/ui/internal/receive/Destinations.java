package org.sipdrop.ui.internal.receive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;

/**
 * Remembers where the user wants each accepted offer saved (Save As…) between the moment the
 * notification is answered and the moment the file has arrived. An offer is recognised by its
 * sender and its file-selector (RFC 5547 §8.1: name, type, size and hash identify a file).
 * Entries are taken once; at most {@link #CAPACITY} are kept, the oldest dropped first.
 *
 * @param <D> the destination, e.g. a workspace path
 */
final class Destinations<D> {

    /** Bound on remembered choices, so offers that never arrive cannot grow the list forever. */
    static final int CAPACITY = 256;

    private final List<Entry<D>> entries = new ArrayList<>();

    /** Remembers that the file {@code offer} from {@code sender} goes to {@code destination}. */
    synchronized void remember(String sender, FileOffer offer, D destination) {
        Objects.requireNonNull(destination, "destination");
        if (entries.size() == CAPACITY) {
            entries.remove(0);
        }
        entries.add(new Entry<>(sender, offer, destination));
    }

    /** @return the destination chosen for this transfer's offer, forgetting it; empty when none was chosen */
    synchronized Optional<D> take(Transfer transfer) {
        for (int i = 0; i < entries.size(); i++) {
            Entry<D> e = entries.get(i);
            if (e.sender.equals(transfer.peer()) && (e.offer == transfer.offer() || e.offer.sameFileAs(transfer.offer())
                    || e.offer.equals(transfer.offer()))) {
                entries.remove(i);
                return Optional.of(e.destination);
            }
        }
        return Optional.empty();
    }

    /** @return how many choices wait for their file */
    synchronized int size() {
        return entries.size();
    }

    private static final class Entry<D> {
        final String sender;
        final FileOffer offer;
        final D destination;

        Entry(String sender, FileOffer offer, D destination) {
            this.sender = sender;
            this.offer = offer;
            this.destination = destination;
        }
    }
}
