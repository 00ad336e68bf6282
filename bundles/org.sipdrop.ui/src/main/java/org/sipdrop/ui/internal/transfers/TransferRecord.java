package org.sipdrop.ui.internal.transfers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * What the Transfers view shows of one transfer, frozen: a live transfer's state at this
 * moment, or a finished one kept in the {@link TransferHistory} across workbench restarts.
 *
 * @param transport the URI scheme it went over; empty when none was chosen
 * @param reason why it was rejected or failed; empty otherwise
 * @param saved where the file is on this disk: the file sent, or where a received one was
 *        saved; empty when there is none
 */
public record TransferRecord(String id, String name, String peer, Direction direction, String transport, long size,
        long bytes, TransferState state, String reason, String saved, Instant time) {

    public TransferRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(saved, "saved");
        Objects.requireNonNull(time, "time");
    }

    /** @return {@code t} as it stands now, its file where {@code saved} says */
    public static TransferRecord of(Transfer t, Optional<Path> saved, Instant time) {
        return new TransferRecord(t.id(), t.offer().name(), t.peer(), t.direction(), t.transport().orElse(""),
                t.offer().size(), t.bytesTransferred(), t.state(), t.failure().map(Object::toString).orElse(""),
                saved.map(Path::toString).orElse(""), time);
    }

    /** @return a row of the Transfers view (a live {@link Transfer} or a record) as a record */
    public static TransferRecord of(Object row) {
        return row instanceof Transfer ? of((Transfer) row, ((Transfer) row).file(), Instant.now()) : (TransferRecord) row;
    }

    /** @return the file on this disk, if there is one */
    public Optional<Path> savedFile() {
        return saved.isEmpty() ? Optional.empty() : Optional.of(Path.of(saved));
    }

    /** @return a copy whose file is at {@code file} */
    public TransferRecord savedAt(Path file) {
        return new TransferRecord(id, name, peer, direction, transport, size, bytes, state, reason, file.toString(), time);
    }
}
