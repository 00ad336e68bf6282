package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.Cleanup;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.ExpiringSession;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;

/**
 * One file's use of the storage. Outgoing: {@link #localEndpoint()} is the object URL (the
 * storage base plus an unguessable name) that goes into the offer; {@link #send} PUTs the file
 * there. Incoming: {@link #receive} GETs the offered URL from the request's offset and resumes
 * with {@code Range} after a broken connection, up to the configured number of attempts.
 * <p>
 * An upload is not resumable on a plain WebDAV storage (RFC 4918 defines no partial PUT, and
 * RFC 9110 §14.5 forbids treating {@code Content-Range} on PUT as partial): a broken upload is
 * restarted once from the first byte, which replaces the object whole; if that fails too the
 * object is deleted, so no truncated file is ever offered. With {@link TransportParameter#CLEANUP}
 * {@link Cleanup#DELETE} the object is deleted when the session closes; the
 * {@link TransportParameter#LIFETIME} is asked of the storage as the {@value #EXPIRES_HEADER}
 * header of the PUT (SipDrop's embedded storage grants it up to its maximum; WebDAV servers
 * ignore it).
 */
final class HttpTransportSession implements ExpiringSession {

    /** Failures that a second attempt cannot help. */
    private static final Set<TransportException.Reason> FINAL = Set.of(TransportException.Reason.FORBIDDEN,
            TransportException.Reason.NOT_FOUND, TransportException.Reason.EXPIRED, TransportException.Reason.TOO_LARGE,
            TransportException.Reason.CANCELLED, TransportException.Reason.UNAVAILABLE, TransportException.Reason.HASH_MISMATCH,
            TransportException.Reason.UNREACHABLE);

    /** The request header with the lifetime asked, in seconds. */
    static final String EXPIRES_HEADER = "SipDrop-Expires-In";

    private static final System.Logger LOG = System.getLogger(HttpTransportSession.class.getName());

    private final StorageClient client;
    private final TransportRequest request;
    private final URI local;
    private final int resumeAttempts;
    private final StorageClient.Exchange exchange = new StorageClient.Exchange();
    private volatile boolean uploaded;
    private volatile Optional<Instant> granted = Optional.empty();
    private volatile Runnable onClose = () -> {
    };

    HttpTransportSession(StorageClient client, TransportRequest request, URI local, int resumeAttempts) {
        this.client = client;
        this.request = request;
        this.local = local;
        this.resumeAttempts = resumeAttempts;
    }

    @Override
    public TransportEndpoint localEndpoint() {
        return TransportEndpoint.of(local);
    }

    @Override
    public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
        if (request.direction() != Direction.OUTGOING) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "this HTTP session downloads; it cannot upload");
        }
        if (!to.uri().equals(local)) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "an HTTP storage session uploads to its own "
                    + local + ", not to " + to);
        }
        URI remote = local;
        long size = request.offer().size();
        long start = source instanceof SeekableByteChannel ? ((SeekableByteChannel) source).position() : 0;
        if (start != 0) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "an HTTP storage upload starts at byte 0 (PUT replaces the whole object), not " + start);
        }
        try {
            granted = client.put(remote, source, size, progress, headers(), exchange);
        } catch (IOException first) {
            if (exchange.aborted() || !(source instanceof SeekableByteChannel)
                    || FINAL.contains(TransportException.reasonOf(first))) {
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
        return request.get(TransportParameter.LIFETIME).filter(d -> !d.isNegative())
                .map(d -> java.util.Map.of(EXPIRES_HEADER, Long.toString(Math.max(1, d.toSeconds()))))
                .orElse(java.util.Map.of());
    }

    /**
     * After {@link #send}: when the storage will remove the object, as it answered the PUT (it may
     * grant less than the lifetime asked; see {@link StorageClient#grantedExpiry}).
     * Empty before the upload, for a download, and for a storage that states no expiry.
     */
    @Override
    public Optional<Instant> expiry() {
        return granted;
    }

    @Override
    public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
        URI remote = from.uri();
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
            } catch (IOException e) {
                if (exchange.aborted() || FINAL.contains(TransportException.reasonOf(e))) {
                    throw e;
                }
                stalled = held.get() > before ? 0 : stalled + 1;
                if (stalled > resumeAttempts || attempt > 4 * resumeAttempts + 4) {
                    throw new TransportException(TransportException.Reason.BROKEN, "the download broke " + attempt + " times; last: " + e.getMessage(), e);
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

    /** Runs {@code action} once this session is closed (the provider forgets it). */
    void whenClosed(Runnable action) {
        this.onClose = action;
    }

    /**
     * The provider stops: the exchange in flight ends, so a send or receive in progress fails with
     * {@link TransportException.Reason#CANCELLED}; an upload cut short deletes its object.
     */
    void stop() {
        exchange.abort();
    }

    @Override
    public void close() {
        onClose.run();
        exchange.abort();
        if (request.direction() == Direction.OUTGOING && request.get(TransportParameter.CLEANUP).orElse(Cleanup.KEEP) == Cleanup.DELETE) {
            deleteQuietly(local);
        } else if (request.direction() == Direction.OUTGOING && !uploaded) {
            deleteQuietly(local); // a stopped upload leaves nothing half-written behind
        }
    }
}
