package org.sipdrop.server.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of the embedded storage on disk, with their expiry and the total quota.
 * <p>
 * Layout under the storage directory: {@code data/NAME} (complete files only), {@code meta/NAME}
 * (a properties file: size, type, owner, created, expires) and {@code incoming/} (uploads in
 * progress). An upload is written to {@code incoming/}, then its metadata and data are moved into
 * place with atomic renames, so a cut upload never looks complete; what {@code incoming/} holds
 * at start-up is deleted. Bytes are reserved against the quota before an upload starts
 * ({@link #begin}) and released if it fails. Expired files are removed by {@link #sweep()} and
 * remembered (bounded, in memory) so a late download learns they expired.
 */
public final class FileStore {

    private static final System.Logger LOG = System.getLogger(FileStore.class.getName());

    /** How many expired names are remembered to answer 410 rather than 404. */
    static final int TOMBSTONES = 10_000;
    /** An upload that receives no byte for this long is ended, and its reservation released. */
    static final long STALL_MILLIS = 60_000;
    /** Disk space left free beyond an upload, so the storage never fills the disk to the last byte. */
    static final long DISK_RESERVE = 64L << 20;

    /** A complete stored file. */
    public record Entry(String name, long size, String type, String owner, Instant created, Instant expires) {
        /** @return a strong entity tag (RFC 9110 §8.8.3), new for each upload of the name */
        public String etag() {
            return "\"" + Long.toHexString(size) + "-" + Long.toHexString(created.toEpochMilli()) + "-"
                    + Integer.toHexString(name.hashCode()) + "\"";
        }
    }

    /**
     * Why an upload cannot start; {@link #status()} is the HTTP status to answer. The message is
     * sent to a client that may not be authenticated (open mode), so it names only the request's
     * own length and, when that alone is too much, the quota: never the space or quota left,
     * which would tell anyone how full the server is. The details are logged instead.
     */
    public static final class StorageFullException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        StorageFullException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** @return 413 (quota) or 507 (disk full, RFC 4918 §11.5) */
        public int status() {
            return status;
        }
    }

    private final Path data;
    private final Path meta;
    private final Path incoming;
    private final long quota;
    private final Duration maxExpiry;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Instant> expired = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > TOMBSTONES;
        }
    };
    private final java.util.Set<Upload> active = ConcurrentHashMap.newKeySet();
    private long used;
    private long reserved;

    private FileStore(Path dir, long quota, Duration maxExpiry, Clock clock) {
        this.data = dir.resolve("data");
        this.meta = dir.resolve("meta");
        this.incoming = dir.resolve("incoming");
        this.quota = quota;
        this.maxExpiry = maxExpiry;
        this.clock = clock;
    }

    /** Opens (creating if needed) the storage in {@code dir}, indexing what a previous run left. */
    public static FileStore open(Path dir, long quota, Duration maxExpiry, Clock clock) throws IOException {
        FileStore s = new FileStore(dir, quota, maxExpiry, Objects.requireNonNull(clock, "clock"));
        for (Path p : List.of(dir, s.data, s.meta, s.incoming)) {
            Files.createDirectories(p);
            if (!Files.isWritable(p)) {
                throw new IOException("The storage directory " + p + " is not writable");
            }
        }
        deleteAll(s.incoming);
        s.load();
        s.sweep();
        return s;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(meta)) {
            for (Path m : files) {
                String name = m.getFileName().toString();
                Optional<Entry> e = StoredName.isValid(name) ? readMeta(name, m) : Optional.empty();
                if (e.isPresent() && Files.isRegularFile(data.resolve(name)) && Files.size(data.resolve(name)) == e.get().size()) {
                    entries.put(name, e.get());
                    used += e.get().size();
                } else {
                    Files.deleteIfExists(m);
                    if (StoredName.isValid(name)) {
                        Files.deleteIfExists(data.resolve(name));
                    }
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(data)) {
            for (Path d : files) {
                if (!entries.containsKey(d.getFileName().toString())) {
                    Files.deleteIfExists(d); // data without metadata: a rename interrupted by a crash
                }
            }
        }
    }

    private static Optional<Entry> readMeta(String name, Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(new Entry(name, Long.parseLong(p.getProperty("size")), p.getProperty("type"), p.getProperty("owner"),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("created"))),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("expires")))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the live (not expired) entry of {@code name} */
    public Optional<Entry> find(String name) {
        Entry e = entries.get(name);
        return e == null || !e.expires().isAfter(clock.instant()) ? Optional.empty() : Optional.of(e);
    }

    /** @return when {@code name} expired, if it did and is still remembered */
    public Optional<Instant> expiredAt(String name) {
        Entry e = entries.get(name);
        if (e != null && !e.expires().isAfter(clock.instant())) {
            return Optional.of(e.expires());
        }
        synchronized (this) {
            return Optional.ofNullable(expired.get(name));
        }
    }

    /** @return the file holding the bytes of {@code e} */
    public Path path(Entry e) {
        return data.resolve(e.name());
    }

    /** @return the expiry an upload asking for {@code requested} (empty: none asked) gets: at most the maximum */
    public Duration expiryFor(Optional<Duration> requested) {
        return requested.filter(d -> d.compareTo(maxExpiry) < 0).orElse(maxExpiry);
    }

    /**
     * Reserves {@code length} bytes and opens a temporary file for an upload.
     *
     * @throws StorageFullException the quota or the disk cannot take {@code length} more bytes
     */
    public Upload begin(String name, long length, String type, String owner, Duration expiry) throws IOException {
        if (!StoredName.isValid(name)) {
            throw new IllegalArgumentException("Invalid stored name '" + name + "'");
        }
        synchronized (this) {
            long free = quota - used - reserved;
            if (length > free) {
                LOG.log(System.Logger.Level.INFO, "Storage quota exceeded: " + length + " bytes asked for " + name + ", " + Math.max(0, free)
                        + " of " + quota + " free");
                throw new StorageFullException(413, length > quota
                        ? "Storage quota exceeded: " + length + " bytes is more than the storage takes (" + quota + " bytes)"
                        : "Storage quota exceeded: the storage cannot take " + length + " more bytes now; try later or send less");
            }
            reserved += length;
        }
        try {
            long usable = Files.getFileStore(data).getUsableSpace();
            if (usable - DISK_RESERVE < length) {
                LOG.log(System.Logger.Level.WARNING, "Insufficient storage: " + length + " bytes asked for " + name + ", the disk of "
                        + data + " has " + usable + " bytes free (" + DISK_RESERVE + " kept in reserve)");
                throw new StorageFullException(507, "Insufficient storage: the server cannot store " + length + " bytes now");
            }
            byte[] r = new byte[8];
            random.nextBytes(r);
            Path temp = incoming.resolve(name + "." + HexFormat.of().formatHex(r));
            OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Upload u = new Upload(this, name, temp, out, length, type, owner, expiry);
            active.add(u);
            return u;
        } catch (IOException | RuntimeException e) {
            release(length);
            throw e;
        }
    }

    /** Ends an upload that failed: its reservation is released. */
    synchronized void release(Upload u) {
        if (active.remove(u)) {
            reserved -= u.length();
        }
    }

    private synchronized void release(long length) {
        reserved -= length;
    }

    long now() {
        return clock.millis();
    }

    /** Moves a complete upload into place; replaces an earlier file of the same name. */
    Entry commit(Upload u) throws IOException {
        Instant now = clock.instant();
        Entry e = new Entry(u.name(), u.length(), u.type(), u.owner(), now, now.plus(u.expiry()));
        Properties p = new Properties();
        p.setProperty("size", Long.toString(e.size()));
        p.setProperty("type", e.type());
        p.setProperty("owner", e.owner());
        p.setProperty("created", Long.toString(e.created().toEpochMilli()));
        p.setProperty("expires", Long.toString(e.expires().toEpochMilli()));
        Path metaTemp = u.temp().resolveSibling(u.temp().getFileName() + ".meta");
        try (OutputStream out = Files.newOutputStream(metaTemp, StandardOpenOption.CREATE_NEW)) {
            p.store(new java.io.OutputStreamWriter(out, StandardCharsets.ISO_8859_1), null);
        }
        synchronized (this) {
            move(metaTemp, meta.resolve(e.name()));
            move(u.temp(), data.resolve(e.name()));
            Entry old = entries.put(e.name(), e);
            expired.remove(e.name());
            active.remove(u);
            reserved -= u.length();
            used += u.length() - (old == null ? 0 : old.size());
        }
        return e;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes {@code name}; @return whether it existed (expired or not) */
    public boolean delete(String name) throws IOException {
        synchronized (this) {
            Entry e = entries.remove(name);
            if (e == null) {
                return false;
            }
            used -= e.size();
            Files.deleteIfExists(meta.resolve(name));
            Files.deleteIfExists(data.resolve(name));
            return true;
        }
    }

    /** Removes expired files from disk and ends stalled uploads ({@link #STALL_MILLIS}); @return how many files */
    public int sweep() {
        Instant now = clock.instant();
        for (Upload u : active) {
            u.interruptIfStalled(now.toEpochMilli(), STALL_MILLIS);
        }
        int n = 0;
        for (Entry e : List.copyOf(entries.values())) {
            if (!e.expires().isAfter(now)) {
                synchronized (this) {
                    if (entries.remove(e.name(), e)) {
                        used -= e.size();
                        expired.put(e.name(), e.expires());
                        try {
                            Files.deleteIfExists(meta.resolve(e.name()));
                            Files.deleteIfExists(data.resolve(e.name()));
                        } catch (IOException ignored) {
                            // the metadata is gone first: the data file is removed at the next start
                        }
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** @return bytes held by complete files */
    public synchronized long used() {
        return used;
    }

    /** @return bytes reserved by uploads in progress */
    public synchronized long reserved() {
        return reserved;
    }

    public long quota() {
        return quota;
    }

    /** Deletes the files in {@code dir} (not sub-directories' contents beyond one level). */
    static void deleteAll(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        }
    }
}
