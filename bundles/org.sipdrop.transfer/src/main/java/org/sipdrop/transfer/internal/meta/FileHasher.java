package org.sipdrop.transfer.internal.meta;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/**
 * Computes the SHA-1 of a file (the RFC 5547 §6 {@code hash} of the file-selector) once per file
 * version and remembers it.
 * <p>
 * A version is the file's real path with its size, last-modified time and file key (the inode
 * where the platform has one): a file written again or replaced gets a new version and is
 * hashed again. (A rewrite that keeps the size, the modification time and the inode is not
 * seen; no file system offers a cheaper proof of change than reading the file.) The cache holds
 * one entry per path, the least recently used dropped beyond its capacity.
 * <p>
 * The file is streamed through a bounded buffer and a progress callback receives the bytes
 * hashed so far after each buffer, so a user interface can show progress rather than a silent
 * pause. A file that changes while it is read is hashed again, up to {@value #ATTEMPTS} times.
 * <p>
 * Thread-safe. Two threads asking for the same version at once share one computation; the one
 * that waits receives no progress calls.
 */
public final class FileHasher {

    /** Default number of files remembered. */
    public static final int DEFAULT_CAPACITY = 1000;
    /** Default read buffer, bytes. */
    public static final int DEFAULT_BUFFER = 64 * 1024;

    static final int ATTEMPTS = 3;

    private final int bufferSize;
    private final Map<Path, Entry> cache;
    private final Map<Version, CompletableFuture<Hashed>> inFlight = new HashMap<>();

    /** The digest of one file version. */
    public record Hashed(Path file, long size, FileTime modified, byte[] sha1) {
        /** @return a copy of the 20-byte SHA-1 */
        @Override
        public byte[] sha1() {
            return sha1.clone();
        }
    }

    public FileHasher() {
        this(DEFAULT_CAPACITY, DEFAULT_BUFFER);
    }

    /**
     * @param capacity how many files to remember, 1 or more
     * @param bufferSize read buffer in bytes, 512 .. 16 MiB
     */
    public FileHasher(int capacity, int bufferSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The hash cache must hold 1 or more files, was " + capacity);
        }
        if (bufferSize < 512 || bufferSize > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("The hash buffer must be 512 bytes .. 16 MiB, was " + bufferSize);
        }
        this.bufferSize = bufferSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return the SHA-1 of {@code file}; see {@link #hash(Path, LongConsumer)} */
    public byte[] sha1(Path file) throws IOException {
        return hash(file, bytes -> { }).sha1();
    }

    /**
     * @param file a regular file
     * @param progress told the bytes hashed so far, after each buffer; not called when the
     *        digest is known already
     * @return the digest with the size and modification time it belongs to
     * @throws IOException when the file cannot be read, or keeps changing while it is read
     */
    public Hashed hash(Path file, LongConsumer progress) throws IOException {
        Objects.requireNonNull(progress, "progress");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Version v = Version.of(file);
            CompletableFuture<Hashed> mine = null;
            CompletableFuture<Hashed> theirs;
            synchronized (this) {
                Entry known = cache.get(v.path());
                if (known != null && known.version().equals(v)) {
                    return known.hashed();
                }
                theirs = inFlight.get(v);
                if (theirs == null) {
                    mine = new CompletableFuture<>();
                    inFlight.put(v, mine);
                }
            }
            Hashed result = mine != null ? compute(v, mine, progress) : await(theirs);
            if (result != null) {
                return result;
            }
        }
        throw new IOException(file + " kept changing while it was hashed; send it when it is written completely");
    }

    /** Forgets every remembered digest. */
    public synchronized void clear() {
        cache.clear();
    }

    /** @return how many files are remembered */
    public synchronized int size() {
        return cache.size();
    }

    /** @return the digest, or null when the file changed while it was read */
    private Hashed compute(Version v, CompletableFuture<Hashed> future, LongConsumer progress) throws IOException {
        try {
            byte[] digest = digest(v.path(), progress);
            Hashed result = Version.of(v.path()).equals(v) ? new Hashed(v.path(), v.size(), v.modified(), digest) : null;
            synchronized (this) {
                inFlight.remove(v);
                if (result != null) {
                    cache.put(v.path(), new Entry(v, result));
                }
            }
            future.complete(result);
            return result;
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                inFlight.remove(v);
            }
            future.completeExceptionally(e);
            throw e;
        }
    }

    private static Hashed await(CompletableFuture<Hashed> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a hash");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
            throw new IOException("Hashing failed: " + e.getCause(), e.getCause());
        }
    }

    private byte[] digest(Path file, LongConsumer progress) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-1", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
        long done = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                done += buffer.remaining();
                sha1.update(buffer);
                buffer.clear();
                progress.accept(done);
            }
        }
        return sha1.digest();
    }

    /** One version of one file. */
    private record Version(Path path, long size, FileTime modified, Object fileKey) {

        static Version of(Path file) throws IOException {
            Path real = file.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new IOException(file + " is not a regular file; only files can be hashed and sent");
            }
            return new Version(real, a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    /** A remembered digest and the version it belongs to. */
    private record Entry(Version version, Hashed hashed) {
    }
}
