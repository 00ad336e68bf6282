package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.TransportException;

/**
 * Copies a response body into a sink with the network read and the sink's work (writing the
 * part file and hashing it, in the receiver's store) on two threads, so they overlap instead of
 * adding up: a reader thread fills {@value #BUFFERS} buffers of {@value #BUFFER} bytes and
 * hands them over a bounded queue; the calling thread writes them, reports progress and gives
 * them back. Memory stays at {@code BUFFERS × BUFFER} whatever the file size.
 * <p>
 * Exactly {@code size - held} bytes are read: a body that ends early fails with "the connection
 * closed after …" (resumable), one with bytes beyond the offered size with "the stored file is
 * longer …" (not resumable).
 */
final class PipelinedCopy {

    /**
     * Bytes per hand-over: large, so the per-buffer costs (queue, write, hash call) vanish, yet
     * under half a G1 region of a small heap (1 MiB at {@code -Xmx512m}): 1 MiB buffers there,
     * "humongous" objects, made a 1 GiB download 1.7 s instead of 1.1 s.
     */
    static final int BUFFER = 256 * 1024;

    /** Buffers in flight between the threads (4 MiB); bounds the memory used. */
    static final int BUFFERS = 16;

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    /** Filled buffers, plus room for the one final item (end or error) so that it never blocks. */
    private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BUFFERS + 1);

    private record Filled(byte[] buffer, int length, IOException error) {
        boolean last() {
            return buffer == null;
        }
    }

    private PipelinedCopy() {
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER]);
        }
    }

    /**
     * @param held the bytes the sink already holds (the body starts there)
     * @param stopped tells that the session was closed or the transport stopped: the buffers
     *        already read are then not written, the copy ends with {@code CANCELLED}
     * @return {@code size}, once every byte is in the sink
     * @throws IOException from the body (read on the reader thread) or from the sink
     */
    static long copy(InputStream body, long held, long size, WritableByteChannel sink, LongConsumer progress,
            BooleanSupplier stopped) throws IOException {
        return new PipelinedCopy().run(body, held, size, sink, progress, stopped);
    }

    private long run(InputStream body, long held, long size, WritableByteChannel sink, LongConsumer progress,
            BooleanSupplier stopped) throws IOException {
        Thread reader = new Thread(() -> read(body, held, size), "sipdrop-http-download-reader");
        reader.setDaemon(true);
        reader.start();
        long at = held;
        try {
            while (true) {
                Filled f = take();
                if (stopped.getAsBoolean()) {
                    throw new TransportException(TransportException.Reason.CANCELLED, "the transfer was stopped");
                }
                if (f.error() != null) {
                    throw f.error();
                }
                if (f.last()) {
                    return at;
                }
                ByteBuffer b = ByteBuffer.wrap(f.buffer(), 0, f.length());
                while (b.hasRemaining()) {
                    sink.write(b);
                }
                at += f.length();
                progress.accept(at);
                free.add(f.buffer());
            }
        } finally {
            reader.interrupt(); // stops it waiting for a free buffer when the sink failed; a blocked
                                // socket read ends when the caller closes the connection
        }
    }

    private Filled take() throws IOException {
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while downloading");
        }
    }

    private void read(InputStream body, long held, long size) {
        long at = held;
        try {
            while (at < size) {
                byte[] buf = free.take();
                int n = 0;
                int want = (int) Math.min(buf.length, size - at);
                while (n < want) {
                    int r = body.read(buf, n, want - n);
                    if (r < 0) {
                        if (n > 0) {
                            filled.add(new Filled(buf, n, null));
                        }
                        throw new IOException("the connection closed after " + (at + n) + " of " + size + " bytes");
                    }
                    n += r;
                }
                at += n;
                filled.add(new Filled(buf, n, null));
            }
            if (body.read() >= 0) {
                throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.HASH_MISMATCH, "the stored file is longer than the offered " + size + " bytes");
            }
            filled.add(new Filled(null, 0, null));
        } catch (IOException e) {
            filled.offer(new Filled(null, 0, e));
        } catch (InterruptedException e) {
            // the writer gave up; it reports its own reason
        }
    }
}
