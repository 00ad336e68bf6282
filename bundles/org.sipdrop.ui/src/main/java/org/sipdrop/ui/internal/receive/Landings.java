package org.sipdrop.ui.internal.receive;

import java.util.Optional;
import java.util.function.BiConsumer;

import org.eclipse.core.resources.IFile;
import org.sipdrop.transfer.Transfer;

/**
 * Where received files went in the workspace: a received file is moved out of the agent's
 * download folder into a workspace folder, so {@link Transfer#file()} no longer names it.
 * Registered as an OSGi service by the workbench's receiving side.
 */
public interface Landings {

    /** @return the workspace file a completed incoming transfer was saved as, once it is there */
    Optional<IFile> fileOf(Transfer transfer);

    /** Tells {@code listener} of every received file saved into the workspace from now on, on a job's thread. */
    void addListener(BiConsumer<Transfer, IFile> listener);

    void removeListener(BiConsumer<Transfer, IFile> listener);
}
