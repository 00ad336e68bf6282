package org.sipdrop.transfer.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;

/**
 * One file being received: the open, locked {@code .part} file, its running SHA-1 and the
 * offer it must match. Written by one transport at a time; the methods are synchronized so a
 * close from another thread (a cut) is safe.
 */
final class PartFile implements ReceivedFileStore.Partial {

    private static final int BUFFER = 64 * 1024;

    private final Path folder;
    private final String safeName;
    private final Path part;
    private final Path meta;
    private final FileOffer offer;
    private final FileChannel channel;
    private final FileLock lock;
    private final MessageDigest sha1;
    private long position;
    private boolean open = true;

    /**
     * Takes over an open, locked part file and hashes the bytes it already holds (once, here),
     * so that the final check covers the whole file. A part that already holds as many bytes
     * as the offer but does not match its SHA-1 is emptied: it is restarted from 0.
     */
    PartFile(Path folder, String safeName, Path part, Path meta, FileOffer offer, FileChannel channel,
            FileLock lock) throws IOException {
        this.folder = folder;
        this.safeName = safeName;
        this.part = part;
        this.meta = meta;
        this.offer = offer;
        this.channel = channel;
        this.lock = lock;
        this.sha1 = newSha1();
        long held = hashPrefix(channel, sha1);
        if (held == offer.size() && held > 0 && !matches(sha1, offer)) {
            // every byte is there but they are not the offered file: start again from the first byte
            channel.truncate(0);
            sha1.reset();
            held = 0;
        }
        this.position = held;
        channel.position(position);
    }

    /** @return whether the digest so far equals the offer's SHA-1 (true when the offer has none) */
    private static boolean matches(MessageDigest running, FileOffer offer) throws IOException {
        byte[] expected = offer.sha1().orElse(null);
        if (expected == null) {
            return true;
        }
        try {
            return Arrays.equals(expected, ((MessageDigest) running.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IOException("Cannot check the part file's SHA-1 here: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized long offset() {
        return position;
    }

    @Override
    public Path partFile() {
        return part;
    }

    /**
     * Writes all remaining bytes of {@code src} and adds them to the SHA-1.
     *
     * @throws IOException when the bytes would go past the offered size; nothing is written then
     */
    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = src.remaining();
        if (n > offer.size() - position) {
            throw new IOException("Refusing to write past the offered size of '" + offer.name() + "': "
                    + offer.size() + " bytes were offered, " + position + " are received and " + n
                    + " more were sent");
        }
        ByteBuffer hashed = src.duplicate();
        int written = 0;
        while (src.hasRemaining()) {
            written += channel.write(src);
        }
        hashed.limit(hashed.position() + written);
        sha1.update(hashed);
        position += written;
        return written;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /**
     * Closes without completing: a cut. The part file and its sidecar stay, to be resumed —
     * unless not one byte arrived: an empty part resumes nothing and would only be litter in the
     * user's download folder, so both go.
     */
    @Override
    public synchronized void close() throws IOException {
        if (open) {
            open = false;
            try {
                channel.close(); // releases the lock too
            } finally {
                if (position == 0) {
                    Files.deleteIfExists(part);
                    Files.deleteIfExists(meta);
                }
            }
        }
    }

    @Override
    public synchronized Path complete() throws IOException {
        ensureOpen();
        open = false;
        try {
            channel.force(true);
            lock.release();
        } finally {
            channel.close();
        }
        if (position != offer.size()) {
            throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.BROKEN,
                    "'" + offer.name() + "' is incomplete: expected " + offer.size() + " bytes, got "
                    + position + "; the part file " + part + " is kept and can be resumed");
        }
        byte[] got = sha1.digest();
        byte[] expected = offer.sha1().orElse(null);
        if (expected != null && !Arrays.equals(expected, got)) {
            // a known-bad part is kept for inspection but must never be resumed
            Files.deleteIfExists(meta);
            throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.HASH_MISMATCH,
                    "hash mismatch: expected " + HexFormat.of().formatHex(expected) + ", got "
                    + HexFormat.of().formatHex(got) + " (SHA-1 of '" + offer.name() + "'; the part file " + part
                    + " is kept for inspection)");
        }
        Path target = FinalMove.toFreeName(part, folder, safeName);
        Files.deleteIfExists(meta);
        return target;
    }

    @Override
    public synchronized void rewindTo(long offset) throws IOException {
        ensureOpen();
        if (offset < 0 || offset > position) {
            throw new IOException("cannot rewind '" + offset + "' bytes into a part holding " + position);
        }
        channel.truncate(offset);
        channel.force(false);
        sha1.reset();
        position = hashPrefix(channel, sha1); // the prefix hash covers exactly what is kept
    }

    private void ensureOpen() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    private static long hashPrefix(FileChannel channel, MessageDigest digest) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long read = 0;
        while (read < size) {
            buffer.clear();
            if (size - read < BUFFER) {
                buffer.limit((int) (size - read));
            }
            int n = channel.read(buffer, read);
            if (n < 0) {
                break;
            }
            buffer.flip();
            digest.update(buffer);
            read += n;
        }
        return read;
    }

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide SHA-1", e);
        }
    }
}
