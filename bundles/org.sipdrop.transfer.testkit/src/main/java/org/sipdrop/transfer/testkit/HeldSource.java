package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sender's file, read in pieces of at most 64 KiB, that pauses once at {@code holdAt} until
 * the test has interrupted the transfer (closed a session, stopped the provider): the transfer is
 * then surely in flight, whatever the machine's speed. Counts the bytes read, so a test sees that
 * a resumed transfer reads only what follows the offset. Seekable, as a file is: a storage
 * transport may rewind to retry an upload.
 */
final class HeldSource implements SeekableByteChannel {

    /** What runs while the sender is held; returns when the interruption is done. */
    @FunctionalInterface
    interface Hold {
        void run() throws Exception;
    }

    private static final int PIECE = 64 * 1024;

    private final FileChannel file;
    private final long holdAt;
    private final Hold hold;
    private final AtomicLong read = new AtomicLong();
    private volatile boolean held;

    /** @param hold {@code null}: never pause */
    HeldSource(FileChannel file, long holdAt, Hold hold) {
        this.file = file;
        this.holdAt = holdAt;
        this.hold = hold;
    }

    long bytesRead() {
        return read.get();
    }

    boolean held() {
        return held;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (hold != null && !held && file.position() >= holdAt) {
            held = true;
            try {
                hold.run();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while the kit held the sender");
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
        ByteBuffer piece = dst.remaining() > PIECE ? dst.slice().limit(PIECE) : dst;
        int n = file.read(piece);
        if (piece != dst && n > 0) {
            dst.position(dst.position() + n);
        }
        if (n > 0) {
            read.addAndGet(n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return file.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
