package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.sipdrop.transfer.ReceivedFileStore;

/**
 * The receiving end of a file this side already holds whole: an earlier transfer delivered
 * every byte but was cut before the {@code .part} was moved into place, and the store has now
 * verified its SHA-1 and saved it. An RFC 5547 answer cannot accept a stream while asking for
 * no octet ({@code a=file-range} names at least one, §6), so the answer asks for the last octet
 * only; this sink takes that one octet, checks it against the saved file and discards it.
 */
final class HeldFile implements ReceivedFileStore.Partial {

    private final Path saved;
    private final long size;
    private final byte last;
    private boolean received;
    private boolean open = true;

    /** @param saved the verified, saved file; not empty */
    HeldFile(Path saved, long size) throws IOException {
        this.saved = saved;
        this.size = size;
        try (FileChannel in = FileChannel.open(saved, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            if (in.read(b, size - 1) != 1) {
                throw new IOException("The saved file " + saved + " is shorter than " + size + " bytes");
            }
            this.last = b.get(0);
        }
    }

    /** @return the octet before the last: only the last one is asked for again */
    @Override
    public synchronized long offset() {
        return size - 1;
    }

    @Override
    public Path partFile() {
        return saved;
    }

    @Override
    public synchronized int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int n = src.remaining();
        if (n == 0) {
            return 0;
        }
        if (received || n > 1) {
            throw new IOException("Refusing bytes past the end of " + saved.getFileName() + ": only its last octet was asked for");
        }
        if (src.get() != last) {
            throw new IOException("The last octet sent differs from the one of the verified " + saved.getFileName());
        }
        received = true;
        return 1;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    /** @return the saved file, once its last octet came again */
    @Override
    public synchronized Path complete() throws IOException {
        open = false;
        if (!received) {
            throw new IOException("'" + saved.getFileName() + "' is incomplete: its last octet did not come again");
        }
        return saved;
    }
}
