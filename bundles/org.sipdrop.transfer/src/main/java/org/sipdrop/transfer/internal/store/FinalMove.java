package org.sipdrop.transfer.internal.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Moves a finished part file to the first free name among {@code name}, {@code name (1)},
 * {@code name (2)}… in the same folder, never replacing a file, even one that appears while
 * the move runs.
 * <p>
 * How: the target name is first <em>reserved</em> by creating an empty file with
 * {@code CREATE_NEW} (atomic on every file system: whoever creates it first owns it, and an
 * existing file or link makes us try the next name). The part file then replaces our own
 * reservation with an {@code ATOMIC_MOVE}, so the complete file appears at once, never half
 * written. Where the file system cannot move atomically, the reservation is deleted and a plain
 * move without {@code REPLACE_EXISTING} is made, which fails rather than overwrite if another
 * file took the name meanwhile; then the next name is tried.
 */
final class FinalMove {

    /** How many alternative names are tried before giving up. */
    static final int MAX_ALTERNATIVES = 10_000;

    private FinalMove() {
    }

    /**
     * @param part the finished part file, in {@code folder}
     * @param folder the real path of the download folder
     * @param safeName the name wanted, from {@link SafeFileName#of}
     * @return the path the file now has
     */
    static Path toFreeName(Path part, Path folder, String safeName) throws IOException {
        for (int n = 0; n < MAX_ALTERNATIVES; n++) {
            Path target = DownloadFolderStore.inside(folder, SafeFileName.numbered(safeName, n));
            try {
                Files.createFile(target);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            } catch (AtomicMoveNotSupportedException e) {
                Files.delete(target);
                try {
                    Files.move(part, target);
                    return target;
                } catch (FileAlreadyExistsException takenMeanwhile) {
                    continue;
                }
            } catch (IOException e) {
                deleteReservation(target, e);
                throw e;
            }
        }
        throw new IOException("Found no free name for '" + safeName + "' in " + folder + " after "
                + MAX_ALTERNATIVES + " tries; the received file is kept as " + part);
    }

    private static void deleteReservation(Path target, IOException cause) {
        try {
            if (Files.size(target) == 0) {
                Files.delete(target);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
