package org.sipdrop.transport.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.Cleanup;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.ExpiringSession;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;

/**
 * One file's use of the share (storage carriage). Outgoing: {@link #localEndpoint()} is the
 * {@code file:} URL the file will have; {@link #send} copies it there through a hidden part file
 * and an atomic rename, so a receiver never sees half a file. Incoming: {@link #receive} reads the
 * offered URL from the request's offset, after {@link SharedFolder#offered} has checked it.
 * Closing an outgoing session with {@link Cleanup#DELETE} (or before its copy completed) removes
 * what it stored; closing any session mid-copy ends the copy with {@link Reason#CANCELLED}, and so
 * does stopping the provider.
 */
final class FileTransportSession implements ExpiringSession {

    private static final int BUFFER = 64 * 1024;

    private final SharedFolder share;
    private final TransportRequest request;
    private final Clock clock;
    private final Runnable onClose;
    /** outgoing: where the file is stored; incoming: {@code null} */
    private final Path stored;
    private volatile String cancelled;
    private volatile boolean complete;
    private volatile Optional<Instant> expiry = Optional.empty();

    FileTransportSession(SharedFolder share, TransportRequest request, Clock clock, Runnable onClose) {
        this.share = share;
        this.request = request;
        this.clock = clock;
        this.onClose = onClose;
        this.stored = request.direction() == Direction.OUTGOING ? share.newObject(request.offer().name()) : null;
    }

    @Override
    public TransportEndpoint localEndpoint() {
        return TransportEndpoint.of((stored != null ? stored : share.root()).toUri());
    }

    @Override
    public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
        if (stored == null) {
            throw new TransportException(Reason.UNAVAILABLE, "this session receives; it cannot send");
        }
        if (!to.equals(localEndpoint())) {
            throw new TransportException(Reason.UNAVAILABLE, "a shared-folder session stores at its own " + localEndpoint() + ", not " + to);
        }
        Path object = stored.getParent();
        Path part = SharedFolder.partOf(stored);
        try {
            Files.createDirectory(object);
            Optional<Duration> lifetime = request.get(TransportParameter.LIFETIME);
            if (lifetime.isPresent()) {
                Instant when = clock.instant().plus(lifetime.get());
                share.expireAt(object, when);
                expiry = Optional.of(when);
            }
            long copied = copy(source, part, progress);
            if (copied != request.offer().size()) {
                throw new TransportException(Reason.BROKEN, "the file ended after " + copied + " of " + request.offer().size() + " bytes");
            }
            publish(part);
        } catch (IOException | RuntimeException e) {
            SharedFolder.deleteObject(object); // nothing half-copied stays in the share
            throw typed(e, "Copying into the shared folder failed");
        }
    }

    private long copy(ReadableByteChannel source, Path part, LongConsumer progress) throws IOException {
        long copied = 0;
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                checkNotCancelled();
                buffer.clear();
                int n = source.read(buffer);
                if (n < 0) {
                    break;
                }
                checkNotCancelled();
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                copied += n;
                progress.accept(copied);
            }
            out.force(true);
        }
        return copied;
    }

    /** The atomic rename that makes the file visible; guarded against a concurrent {@link #close()}. */
    private synchronized void publish(Path part) throws IOException {
        checkNotCancelled();
        Files.move(part, stored, StandardCopyOption.ATOMIC_MOVE);
        complete = true;
    }

    @Override
    public Optional<Instant> expiry() {
        return expiry;
    }

    @Override
    public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
        Path file = share.offered(from.uri());
        long size = request.offer().size();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (in.size() != size) {
                throw new TransportException(Reason.BROKEN, "the shared file has " + in.size() + " bytes, the offer says " + size);
            }
            long position = request.offset();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (position < size) {
                checkNotCancelled();
                buffer.clear();
                int n = in.read(buffer, position);
                if (n < 0) {
                    throw new TransportException(Reason.BROKEN, "the shared file ended at byte " + position);
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    sink.write(buffer);
                }
                position += n;
                progress.accept(position); // file positions, the bytes before the offset included
            }
        } catch (NoSuchFileException e) {
            throw new TransportException(Reason.NOT_FOUND, "the offered file was removed from the shared folder", e);
        } catch (IOException | RuntimeException e) {
            throw typed(e, "Reading from the shared folder failed");
        }
    }

    private void checkNotCancelled() throws TransportException {
        String why = cancelled;
        if (why != null) {
            throw new TransportException(Reason.CANCELLED, why);
        }
    }

    /** The provider stops: the copy in flight ends with {@link Reason#CANCELLED}. */
    void stop() {
        cancelled = "The shared-folder transport was stopped";
    }

    @Override
    public void close() {
        synchronized (this) {
            if (cancelled == null) {
                cancelled = "The transfer was cancelled";
            }
            if (stored != null && (!complete || request.get(TransportParameter.CLEANUP).orElse(Cleanup.KEEP) == Cleanup.DELETE)) {
                SharedFolder.deleteObject(stored.getParent());
            }
        }
        onClose.run();
    }

    private static TransportException typed(Exception e, String what) {
        if (e instanceof TransportException) {
            return (TransportException) e;
        }
        if (e instanceof FileAlreadyExistsException) {
            return new TransportException(Reason.BROKEN, what + ": " + e.getMessage() + " exists already", e);
        }
        return new TransportException(Reason.BROKEN, what + ": " + e, e);
    }
}
