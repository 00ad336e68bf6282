package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * One file's use of the storage. Outgoing: {@link #localEndpoint()} is the object URL (the
 * storage base plus an unguessable name) that goes into the offer; {@link #send} PUTs the file
 * there. Incoming: {@link #receive} GETs the offered URL from the request's offset and resumes
 * with {@code Range} after a broken connection, up to the configured number of attempts.
 * <p>
 * An upload is not resumable on a plain WebDAV storage (RFC 4918 defines no partial PUT, and
 * RFC 9110 §14.5 forbids treating {@code Content-Range} on PUT as partial): a broken upload is
 * restarted once from the first byte, which replaces the object whole; if that fails too the
 * object is deleted, so no truncated file is ever offered. With the request parameter
 * {@value #CLEANUP}={@code delete} the object is deleted when the session closes.
 */
final class HttpTransportSession implements TransportSession {

    /** Request parameter: {@code delete} removes the uploaded object on {@link #close()}. */
    static final String CLEANUP = "cleanup";

    /**
     * Request parameter: the lifetime in seconds to ask of the storage, sent as the
     * {@value #EXPIRES_HEADER} header of the PUT (SipDrop's embedded storage grants it up to its
     * maximum; WebDAV servers ignore it).
     */
    static final String EXPIRES_IN = "expires-in";

    /** The request header of {@link #EXPIRES_IN}. */
    static final String EXPIRES_HEADER = "SipDrop-Expires-In";

    private static final System.Logger LOG = System.getLogger(HttpTransportSession.class.getName());

    private final StorageClient client;
    private final TransportRequest request;
    private final URI local;
    private final int resumeAttempts;
    private final StorageClient.Exchange exchange = new StorageClient.Exchange();
    private volatile boolean uploaded;
    private volatile Optional<Instant> granted = Optional.empty();

    HttpTransportSession(StorageClient client, TransportRequest request, URI local, int resumeAttempts) {
        this.client = client;
        this.request = request;
        this.local = local;
        this.resumeAttempts = resumeAttempts;
    }

    @Override
    public URI localEndpoint() {
        return local;
    }

    @Override
    public void send(URI remote, ReadableByteChannel source, LongConsumer progress) throws IOException {
        if (request.direction() != Direction.OUTGOING) {
            throw new IOException("this HTTP session downloads; it cannot upload");
        }
        long size = request.offer().size();
        long start = source instanceof SeekableByteChannel ? ((SeekableByteChannel) source).position() : 0;
        if (start != 0) {
            throw new IOException("an HTTP storage upload starts at byte 0 (PUT replaces the whole object), not " + start);
        }
        try {
            granted = client.put(remote, source, size, progress, headers(), exchange);
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException first) {
            if (exchange.aborted() || !(source instanceof SeekableByteChannel) || first.getMessage() != null
                    && first.getMessage().startsWith("the storage")) {
                deleteQuietly(remote);
                throw first;
            }
            LOG.log(System.Logger.Level.INFO, "Upload to " + remote + " broke (" + first.getMessage() + "); restarting it");
            try {
                ((SeekableByteChannel) source).position(0);
                granted = client.put(remote, source, size, progress, headers(), exchange);
            } catch (IOException again) {
                deleteQuietly(remote);
                again.addSuppressed(first);
                throw again;
            }
        }
        uploaded = true;
    }

    private java.util.Map<String, String> headers() {
        String seconds = request.parameters().get(EXPIRES_IN);
        return seconds != null && seconds.matches("[0-9]{1,10}") ? java.util.Map.of(EXPIRES_HEADER, seconds) : java.util.Map.of();
    }

    /**
     * After {@link #send}: when the storage will remove the object, as it answered the PUT (it may
     * grant less than the {@value #EXPIRES_IN} asked; see {@link StorageClient#grantedExpiry}).
     * Empty before the upload, for a download, and for a storage that states no expiry.
     */
    @Override
    public Optional<Instant> expiry() {
        return granted;
    }

    @Override
    public void receive(URI remote, WritableByteChannel sink, LongConsumer progress) throws IOException {
        long size = request.offer().size();
        java.util.concurrent.atomic.AtomicLong held = new java.util.concurrent.atomic.AtomicLong(request.offset());
        LongConsumer tracking = bytes -> {
            held.set(bytes);
            progress.accept(bytes);
        };
        int stalled = 0;
        for (int attempt = 1;; attempt++) {
            long before = held.get();
            try {
                client.get(remote, before, size, sink, tracking, exchange);
                return;
            } catch (NoSuchFileException | AccessDeniedException e) {
                throw e;
            } catch (IOException e) {
                if (exchange.aborted() || e.getMessage() != null && (e.getMessage().startsWith("cannot")
                        || e.getMessage().startsWith("the stored") || e.getMessage().startsWith("the storage"))) {
                    throw e;
                }
                stalled = held.get() > before ? 0 : stalled + 1;
                if (stalled > resumeAttempts || attempt > 4 * resumeAttempts + 4) {
                    throw new IOException("the download broke " + attempt + " times; last: " + e.getMessage(), e);
                }
                LOG.log(System.Logger.Level.INFO, "Download of " + remote + " broke at byte " + held.get() + " ("
                        + e.getMessage() + "); resuming with Range");
                sleep(Math.min(2000, 100L << Math.min(stalled, 4)));
            }
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while resuming the download");
        }
    }

    private void deleteQuietly(URI url) {
        StorageClient.quietly("Deleting " + url, () -> client.delete(url));
    }

    @Override
    public void close() {
        exchange.abort();
        if (request.direction() == Direction.OUTGOING && "delete".equals(request.parameters().get(CLEANUP))) {
            deleteQuietly(local);
        } else if (request.direction() == Direction.OUTGOING && !uploaded) {
            deleteQuietly(local); // a stopped upload leaves nothing half-written behind
        }
    }
}
