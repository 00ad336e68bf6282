package org.sipdrop.transfer;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where received bytes go, safely: into {@code name.part} inside the download folder, hashed
 * while written, then moved atomically to a safe name that never overwrites an existing file.
 * A hostile offered name never escapes the folder.
 */
@ProviderType
public interface ReceivedFileStore {

    /**
     * Starts (or resumes) receiving {@code offer} into {@code folder}.
     *
     * @return the partial file, positioned after the bytes already received
     * @throws IOException when the folder cannot be written
     */
    Partial begin(Path folder, FileOffer offer) throws IOException;

    /** A file being received. Write the bytes in order from {@link #offset()}. */
    interface Partial extends WritableByteChannel {

        /** @return the bytes already held, where writing continues; 0 for a new file */
        long offset();

        /** @return the {@code .part} file */
        Path partFile();

        /**
         * Checks size and SHA-1 against the offer and moves the file into place.
         *
         * @return the final path, a sibling of the part file
         * @throws IOException with the reason when the size or hash do not match; the part
         *         file is kept for inspection
         */
        Path complete() throws IOException;

        /**
         * Forgets the bytes from {@code offset} on, so that writing continues there: a sender
         * that resumes with its own {@code a=file-range} (RFC 5547 §8.1, §8.3.1) sends from
         * where it chooses, which may be before what this side holds.
         *
         * @throws IOException when {@code offset} is beyond the bytes held, or this part cannot rewind
         * @since 0.2
         */
        default void rewindTo(long offset) throws IOException {
            throw new IOException("this part file cannot rewind to byte " + offset);
        }
    }
}
