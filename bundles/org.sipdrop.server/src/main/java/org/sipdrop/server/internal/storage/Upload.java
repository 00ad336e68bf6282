package org.sipdrop.server.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One upload in progress: bytes go to a temporary file and count against a reservation made by
 * {@link FileStore#begin}. {@link #copyFrom} streams exactly the announced length through a fixed
 * buffer (memory stays flat whatever the size); only a complete upload is {@link #commit}ted,
 * anything else is {@link #abort}ed and leaves no trace.
 */
public final class Upload implements AutoCloseable {

    static final int BUFFER = 64 * 1024;

    private final FileStore store;
    private final String name;
    private final Path temp;
    private final OutputStream out;
    private final long length;
    private final String type;
    private final String owner;
    private final Duration expiry;
    private boolean done;
    /** The thread in {@link #copyFrom}, or {@code null}; guarded by {@code this}. */
    private Thread worker;
    private volatile long lastProgress;

    Upload(FileStore store, String name, Path temp, OutputStream out, long length, String type, String owner, Duration expiry) {
        this.store = store;
        this.name = name;
        this.temp = temp;
        this.out = out;
        this.length = length;
        this.type = type;
        this.owner = owner;
        this.expiry = expiry;
        this.lastProgress = store.now();
    }

    /**
     * Copies exactly {@link #length()} bytes.
     *
     * @throws IOException the stream ended early (a cut upload) or the disk failed
     */
    public void copyFrom(InputStream in) throws IOException {
        synchronized (this) {
            worker = Thread.currentThread();
        }
        try {
            byte[] buffer = new byte[BUFFER];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("Upload of " + name + " ended after " + (length - left) + " of " + length + " bytes");
                }
                out.write(buffer, 0, n);
                left -= n;
                lastProgress = store.now();
            }
        } finally {
            synchronized (this) {
                worker = null;
            }
        }
    }

    /**
     * Ends an upload whose client sent nothing for {@code stallMillis}: interrupts the thread
     * reading it, which closes the connection (the front's connections are interruptible socket
     * channels), so the upload aborts and its reservation is released instead of leaking.
     *
     * @return whether it was stalled
     */
    synchronized boolean interruptIfStalled(long now, long stallMillis) {
        if (worker != null && now - lastProgress > stallMillis) {
            worker.interrupt();
            return true;
        }
        return false;
    }

    /** Makes the file visible under its name; @return its entry */
    public FileStore.Entry commit() throws IOException {
        out.close();
        FileStore.Entry e = store.commit(this);
        done = true;
        return e;
    }

    /** Drops the upload: deletes the temporary file and releases the reservation. Idempotent. */
    public void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // incoming/ is emptied at the next start
        } finally {
            store.release(this);
        }
    }

    @Override
    public void close() {
        abort();
    }

    String name() {
        return name;
    }

    Path temp() {
        return temp;
    }

    long length() {
        return length;
    }

    String type() {
        return type;
    }

    String owner() {
        return owner;
    }

    Duration expiry() {
        return expiry;
    }
}
