package org.sipdrop.transfer.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;

/**
 * Receives files into a download folder, safely.
 * <ul>
 * <li>Bytes go to {@code <safe name>.part} (see {@link SafeFileName}); beside it a sidecar
 * {@code <safe name>.part.meta} ({@link PartMeta}) records the offer's name, size and SHA-1.</li>
 * <li>{@link #begin} resumes a part whose sidecar describes the same offer <em>with a hash</em>
 * (RFC 5547 §8.1: name, size and hash identify a file), from its current length, hashing the
 * bytes already there once. A part of the same name that belongs to another offer, or that
 * another transfer holds locked, is left alone: the next name, {@code <safe name> (1).part},
 * is used. A part of an offer without a hash cannot be proven to be the same file, so it is
 * restarted from 0.</li>
 * <li>Every path is resolved against the folder's real path and must stay a direct child of it.
 * A part or sidecar name that is a symbolic link (wherever it points) or a part file with more
 * than one hard link is refused with an {@link IOException}; files are opened with
 * {@code NOFOLLOW_LINKS} so a link slipped in after the check is not followed either.</li>
 * <li>The part file is locked ({@link FileChannel#tryLock()}) while it is written.</li>
 * <li>The final move is described in {@link FinalMove}; the sidecar is deleted after it.</li>
 * </ul>
 * Thread-safe: it holds no state between calls.
 */
@Component(service = ReceivedFileStore.class)
public final class DownloadFolderStore implements ReceivedFileStore {

    /** Appended to the safe name while the file is received. */
    public static final String PART_SUFFIX = ".part";

    /** The longest stem, so that {@code stem + ".part.meta"} stays within {@link SafeFileName#MAX_BYTES}. */
    static final int STEM_BYTES = SafeFileName.MAX_BYTES - PART_SUFFIX.length() - PartMeta.SUFFIX.length();

    @Override
    public Partial begin(Path folder, FileOffer offer) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(offer, "offer");
        Path dir = realFolder(folder);
        String safe = SafeFileName.limit(SafeFileName.of(offer.name()), STEM_BYTES);
        for (int n = 0; n < FinalMove.MAX_ALTERNATIVES; n++) {
            String stem = SafeFileName.numbered(safe, n, STEM_BYTES);
            Path part = inside(dir, stem + PART_SUFFIX);
            Path meta = inside(dir, stem + PART_SUFFIX + PartMeta.SUFFIX);
            Optional<Partial> partial = tryName(dir, safe, part, meta, offer);
            if (partial.isPresent()) {
                return partial.get();
            }
        }
        throw new IOException("Found no free name for a part file of '" + safe + "' in " + dir + " after "
                + FinalMove.MAX_ALTERNATIVES + " tries; delete old .part files there");
    }

    /** @return {@code folder/name}, checked to be a direct child of {@code folder} */
    static Path inside(Path folder, String name) throws IOException {
        Path p = folder.resolve(name).normalize();
        if (!folder.equals(p.getParent())) {
            throw new IOException("Refusing the name '" + name + "': it leads out of " + folder);
        }
        return p;
    }

    private static Path realFolder(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("The download folder " + folder + " is a file, not a folder", e);
        }
        Path dir = folder.toRealPath();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException("Cannot write files into the download folder " + folder
                    + "; check that it exists and you may write there");
        }
        return dir;
    }

    private static Optional<Partial> tryName(Path dir, String safe, Path part, Path meta, FileOffer offer)
            throws IOException {
        BasicFileAttributes partAttrs = attributes(part);
        BasicFileAttributes metaAttrs = attributes(meta);
        refuseLink(part, partAttrs);
        refuseLink(meta, metaAttrs);
        if (partAttrs != null) {
            Optional<PartMeta> m = PartMeta.read(meta);
            if (!partAttrs.isRegularFile() || m.isEmpty() || !m.get().describes(offer)) {
                return Optional.empty(); // not ours, or another file's: leave it alone
            }
            return reopen(dir, safe, part, meta, offer, m.get().resumable());
        }
        if (metaAttrs != null) {
            Optional<PartMeta> m = PartMeta.read(meta);
            if (m.isEmpty() || !m.get().describes(offer)) {
                return Optional.empty();
            }
            Files.deleteIfExists(meta); // our stale sidecar whose part is gone
        }
        return create(dir, safe, part, meta, offer);
    }

    private static Optional<Partial> create(Path dir, String safe, Path part, Path meta, FileOffer offer)
            throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty(); // created concurrently: try the next name
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            try {
                PartMeta.of(offer).create(meta);
            } catch (FileAlreadyExistsException e) {
                channel.close();
                Files.deleteIfExists(part);
                return Optional.empty();
            }
            return Optional.of(new PartFile(dir, safe, part, meta, offer, channel, lock));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Optional<Partial> reopen(Path dir, String safe, Path part, Path meta, FileOffer offer,
            boolean resumable) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another transfer in this JVM
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            refuseHardLinks(part);
            if (!resumable || channel.size() > offer.size()) {
                channel.truncate(0);
            }
            return Optional.of(new PartFile(dir, safe, part, meta, offer, channel, lock));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void refuseLink(Path p, BasicFileAttributes attrs) throws IOException {
        if (attrs != null && attrs.isSymbolicLink()) {
            String target;
            try {
                target = Files.readSymbolicLink(p).toString();
            } catch (IOException e) {
                target = "?";
            }
            throw new IOException("Refusing to receive into " + p + ": it is a symbolic link (to " + target
                    + "); remove it, or choose another download folder");
        }
    }

    private static void refuseHardLinks(Path part) throws IOException {
        Object links;
        try {
            links = Files.getAttribute(part, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return; // not a Unix file system: no hard-link count to check
        }
        if (links instanceof Integer && (Integer) links > 1) {
            throw new IOException("Refusing to resume " + part + ": it has " + links
                    + " hard links, so writing it would change another file too; remove it");
        }
    }
}
