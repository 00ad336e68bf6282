package org.sipdrop.transfer.internal.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.FileOffer;

/**
 * Describes a file on disk as a {@link FileOffer}: the RFC 5547 §6 file-selector (name, type,
 * size, SHA-1) and the file-date "modification" (RFC 5547 §6), to the second, as the wire
 * carries it (RFC 5322 date-time).
 * <p>
 * Thread-safe; the SHA-1 comes from the shared {@link FileHasher}, so offering the same file
 * again costs no second read.
 */
public final class FileOffers {

    private final FileHasher hasher;

    public FileOffers(FileHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** @return the complete offer of {@code file}, hashing it if its hash is not known */
    public FileOffer of(Path file) throws IOException {
        return of(file, bytes -> { });
    }

    /**
     * @param progress told the bytes hashed so far while the file is read
     * @return the complete offer; size and date are those of the version that was hashed
     * @throws IOException when the file is not a readable regular file
     */
    public FileOffer of(Path file, LongConsumer progress) throws IOException {
        FileHasher.Hashed h = hasher.hash(file, progress);
        return FileOffer.builder(nameOf(file), h.size()).mediaType(MediaTypes.of(file)).sha1(h.sha1())
                .modified(h.modified().toInstant().truncatedTo(ChronoUnit.SECONDS)).build();
    }

    /**
     * @return the offer without its SHA-1, at once, for showing the file before the hash is
     *         computed (an offer on the wire needs {@link #of})
     */
    public FileOffer withoutHash(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new IOException(file + " is not a regular file; only files can be sent");
        }
        return FileOffer.builder(nameOf(file), a.size()).mediaType(MediaTypes.of(file))
                .modified(a.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS)).build();
    }

    private static String nameOf(Path file) throws IOException {
        Path name = file.getFileName();
        if (name == null) {
            throw new IOException(file + " has no file name");
        }
        return name.toString(); // a link is offered under its own name, as a file manager shows it
    }
}
