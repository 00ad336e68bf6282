package org.sipdrop.transfer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told about a transfer's progress and state changes. Called on the thread that made the
 * change: return quickly and hand anything slow (UI updates) to another thread.
 */
@ConsumerType
public interface TransferListener {

    /** The transfer moved from {@code previous} to its current {@link Transfer#state()}. */
    default void stateChanged(Transfer transfer, TransferState previous) {
    }

    /** More bytes were confirmed; {@code bytes} is the new {@link Transfer#bytesTransferred()}. */
    default void progress(Transfer transfer, long bytes) {
    }
}
