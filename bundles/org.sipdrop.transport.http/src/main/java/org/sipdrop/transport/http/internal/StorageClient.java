package org.sipdrop.transport.http.internal;

import org.sipdrop.transfer.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;

/**
 * The HTTP exchanges with a storage: streaming PUT (RFC 9110 §9.3.4, WebDAV RFC 4918 §9.7) from
 * {@link ChannelPublisher} and DELETE (§9.3.5) on {@code java.net.http}; GET with {@code Range}
 * (RFC 9110 §14.2) on {@link Download}, copied by {@link PipelinedCopy}. Bodies stream through
 * bounded buffers; nothing holds a whole file. Errors name the
 * status and what to change: a missing object is a {@link TransportException} NOT_FOUND or EXPIRED (expired or
 * removed), refused credentials FORBIDDEN.
 */
final class StorageClient {

    private static final System.Logger LOG = System.getLogger(StorageClient.class.getName());

    private final HttpClient http;
    private final Credentials credentials;
    private final Duration timeout;
    private final Download download;

    StorageClient(HttpClient http, Credentials credentials, Duration timeout) {
        this.http = http;
        this.credentials = credentials;
        this.timeout = timeout;
        this.download = new Download(http.sslContext(), timeout);
    }

    /** Cancels the exchange in flight when {@link #abort()} runs (on session close). */
    static final class Exchange {
        private volatile CompletableFuture<?> future;
        private volatile Download.Response response;
        private volatile boolean aborted;

        void abort() {
            aborted = true;
            CompletableFuture<?> f = future;
            if (f != null) {
                f.cancel(true);
            }
            Download.Response r = response;
            if (r != null) {
                r.abort();
            }
        }

        boolean aborted() {
            return aborted;
        }
    }

    /**
     * Finds how to authenticate before a large upload, so the body is sent once: a HEAD on the
     * object with Basic credentials; a Digest challenge (RFC 7616) is answered instead.
     *
     * @return the Authorization value for the PUT, empty when anonymous
     */
    Optional<String> authorizationFor(String method, URI url) throws IOException {
        if (!credentials.covers(url)) {
            return Optional.empty();
        }
        HttpRequest probe = HttpRequest.newBuilder(url).timeout(timeout).header("Authorization", credentials.basic())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<Void> r = send(probe, HttpResponse.BodyHandlers.discarding(), new Exchange());
        if (r.statusCode() != 401) {
            return Optional.of(credentials.basic());
        }
        Optional<String> digest = r.headers().allValues("WWW-Authenticate").stream()
                .map(c -> credentials.digest(c, method, url)).flatMap(Optional::stream).findFirst();
        if (digest.isEmpty()) {
            throw refused(401, url);
        }
        return digest;
    }

    /**
     * Uploads {@code length} bytes from {@code source} to {@code url} in one streaming PUT with
     * {@code Expect: 100-continue} (RFC 9110 §10.1.1), so a storage that refuses the credentials
     * or the size does it before any body byte moves; a 401 with a Digest challenge (a storage
     * that takes Basic only over TLS, such as SipDrop's embedded one) is answered once.
     *
     * @param headers further request headers, e.g. the lifetime asked of the storage
     * @return when the storage says the object expires ({@link #grantedExpiry}), empty when it
     *         does not say (a plain WebDAV server)
     * @throws TransportException FORBIDDEN on 401/403, TOO_LARGE on 413/507
     * @throws IOException on any other non-2xx status, with the status and a hint (413: too large)
     */
    Optional<Instant> put(URI url, ReadableByteChannel source, long length, LongConsumer progress,
            Map<String, String> headers, Exchange exchange) throws IOException {
        Instant asked = Instant.now();
        long start = source instanceof SeekableByteChannel ? ((SeekableByteChannel) source).position() : -1;
        Optional<String> auth = authorizationFor("PUT", url);
        ChannelPublisher body = new ChannelPublisher(source, length, progress);
        HttpResponse<String> r = putOnce(url, body, auth, headers, exchange);
        if (r.statusCode() == 401 && credentials.covers(url) && (!body.started() || start >= 0)) {
            Optional<String> digest = r.headers().allValues("WWW-Authenticate").stream()
                    .map(c -> credentials.digest(c, "PUT", url)).flatMap(Optional::stream).findFirst();
            if (digest.isPresent()) {
                if (start >= 0) {
                    ((SeekableByteChannel) source).position(start);
                }
                r = putOnce(url, new ChannelPublisher(source, length, progress), digest, headers, exchange);
            }
        }
        int s = r.statusCode();
        if (s == 401 || s == 403) {
            throw refused(s, url);
        }
        if (s == 413 || s == 507) {
            throw new TransportException(TransportException.Reason.TOO_LARGE, "the storage refused the upload as too large (HTTP " + s + reason(r.body()) + ")");
        }
        if (s / 100 != 2) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "the storage answered the upload with HTTP " + s + reason(r.body()) + " (" + url + ")");
        }
        return grantedExpiry(r.headers(), asked);
    }

    /**
     * The lifetime a storage granted to an upload: SipDrop's embedded storage answers the PUT with
     * {@value HttpTransportSession#EXPIRES_HEADER} (seconds granted, counted here from
     * {@code asked}, when the PUT started, so the result is never later than the storage's own
     * moment and does not depend on its clock), and with {@code Expires} (an HTTP-date, RFC 9111
     * §5.3), used when the first is absent. An invalid {@code Expires} is ignored here: on a PUT
     * response it says nothing about the stored object.
     *
     * @return empty when the storage states no expiry (e.g. nginx WebDAV)
     */
    static Optional<Instant> grantedExpiry(java.net.http.HttpHeaders headers, Instant asked) {
        Optional<String> seconds = headers.firstValue(HttpTransportSession.EXPIRES_HEADER).map(String::strip);
        if (seconds.isPresent() && seconds.get().matches("[0-9]{1,12}")) {
            return Optional.of(asked.plusSeconds(Long.parseLong(seconds.get())));
        }
        try {
            return headers.firstValue("Expires").map(v -> java.time.ZonedDateTime
                    .parse(v.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> putOnce(URI url, ChannelPublisher body, Optional<String> auth, Map<String, String> headers,
            Exchange exchange) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).expectContinue(true)
                .header("Content-Type", "application/octet-stream").PUT(body);
        auth.ifPresent(a -> b.header("Authorization", a));
        headers.forEach(b::header);
        return send(b.build(), HttpResponse.BodyHandlers.ofString(), exchange);
    }

    /**
     * Downloads {@code url} from byte {@code offset} into {@code sink}: {@code Range: bytes=offset-}
     * when resuming; a 200 to such a request (Range ignored, RFC 9110 §14.2) is read past the bytes
     * already held. The GET runs on {@link Download} and the body is copied by
     * {@link PipelinedCopy}, the network read overlapping the sink's write and hash.
     *
     * @return the bytes held after this attempt (equal to {@code size} when complete)
     */
    long get(URI url, long offset, long size, WritableByteChannel sink, LongConsumer progress, Exchange exchange)
            throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        if (offset > 0) {
            headers.put("Range", Ranges.ByteRange.from(offset).format());
        }
        try (Download.Response r = authenticatedGet(url, headers, exchange)) {
            int s = r.status();
            if (s == 404 || s == 410) {
                throw new TransportException(s == 410 ? TransportException.Reason.EXPIRED : TransportException.Reason.NOT_FOUND,
                        "the file is gone from the storage (HTTP " + s + "): the link expired or was removed");
            }
            if (s == 401 || s == 403) {
                throw refused(s, url);
            }
            long skip = 0;
            if (offset > 0) {
                Ranges.ResumeVerdict v = Ranges.decide(s, r.header("Content-Range").orElse(null), offset, size);
                switch (v.action()) {
                case COMPLETE:
                    return offset;
                case APPEND:
                    break;
                case RESTART:
                    if (s != 200) {
                        throw new TransportException(TransportException.Reason.UNAVAILABLE, "cannot resume the download: " + v.reason());
                    }
                    skip = offset; // the whole object again: the held bytes are read past
                    break;
                default:
                    throw new TransportException(TransportException.Reason.UNAVAILABLE, "cannot download " + url + ": " + v.reason());
                }
            } else if (s != 200) {
                throw new TransportException(TransportException.Reason.UNAVAILABLE, "the storage answered the download with HTTP " + s + " (" + url + ")");
            }
            InputStream body = r.body();
            if (skip > 0) {
                body.skipNBytes(skip);
            }
            long held = PipelinedCopy.copy(body, offset, size, sink, progress, exchange::aborted);
            r.consumed();
            return held;
        } catch (IOException e) {
            if (exchange.aborted()) {
                throw new TransportException(TransportException.Reason.CANCELLED, "the transfer was stopped", e);
            }
            throw e;
        } finally {
            exchange.response = null;
        }
    }

    /** A GET with Basic when the storage's credentials cover the URL; answers one Digest challenge. */
    private Download.Response authenticatedGet(URI url, Map<String, String> headers, Exchange exchange)
            throws IOException {
        Map<String, String> h = new java.util.HashMap<>(headers);
        if (credentials.covers(url)) {
            h.put("Authorization", credentials.basic());
        }
        Download.Response r = open(url, h, exchange);
        if (r.status() != 401 || !credentials.covers(url)) {
            return r;
        }
        Optional<String> digest = r.headers("WWW-Authenticate").stream().map(c -> credentials.digest(c, "GET", url))
                .flatMap(Optional::stream).findFirst();
        if (digest.isEmpty()) {
            return r;
        }
        r.close();
        h.put("Authorization", digest.get());
        return open(url, h, exchange);
    }

    private Download.Response open(URI url, Map<String, String> headers, Exchange exchange) throws IOException {
        if (exchange.aborted()) {
            throw new TransportException(TransportException.Reason.CANCELLED, "the transfer was stopped");
        }
        try {
            Download.Response r = download.get(url, headers);
            exchange.response = r;
            if (exchange.aborted()) {
                r.abort();
            }
            return r;
        } catch (java.net.ConnectException e) {
            throw new TransportException(TransportException.Reason.UNREACHABLE, "cannot connect to the storage at " + url.getScheme() + "://" + url.getRawAuthority()
                    + ": " + e.getMessage(), e);
        } catch (javax.net.ssl.SSLException e) {
            throw new TransportException(TransportException.Reason.FORBIDDEN, "TLS with the storage failed (" + e.getMessage()
                    + "); give its certificate as the storage trust store", e);
        }
    }

    /** Deletes {@code url} (RFC 9110 §9.3.5); 404 counts as done. */
    void delete(URI url) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).DELETE();
        HttpResponse<InputStream> r = authenticated(b, "DELETE", url, new Exchange());
        r.body().close();
        if (r.statusCode() / 100 != 2 && r.statusCode() != 404 && r.statusCode() != 410) {
            throw new IOException("the storage answered DELETE with HTTP " + r.statusCode() + " (" + url + ")");
        }
    }

    /** Sends with Basic when the storage's credentials cover the URL; answers one Digest challenge. */
    private HttpResponse<InputStream> authenticated(HttpRequest.Builder b, String method, URI url, Exchange exchange)
            throws IOException {
        if (!credentials.covers(url)) {
            return send(b.build(), HttpResponse.BodyHandlers.ofInputStream(), exchange);
        }
        HttpResponse<InputStream> r = send(b.copy().header("Authorization", credentials.basic()).build(),
                HttpResponse.BodyHandlers.ofInputStream(), exchange);
        if (r.statusCode() != 401) {
            return r;
        }
        r.body().close();
        Optional<String> digest = r.headers().allValues("WWW-Authenticate").stream()
                .map(c -> credentials.digest(c, method, url)).flatMap(Optional::stream).findFirst();
        if (digest.isEmpty()) {
            return r;
        }
        return send(b.header("Authorization", digest.get()).build(), HttpResponse.BodyHandlers.ofInputStream(), exchange);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Exchange exchange)
            throws IOException {
        if (exchange.aborted()) {
            throw new TransportException(TransportException.Reason.CANCELLED, "the transfer was stopped");
        }
        CompletableFuture<HttpResponse<T>> f = http.sendAsync(request, handler);
        exchange.future = f;
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted talking to the storage");
        } catch (CancellationException e) {
            throw new TransportException(TransportException.Reason.CANCELLED, "the transfer was stopped", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (exchange.aborted()) {
                throw new TransportException(TransportException.Reason.CANCELLED, "the transfer was stopped", c);
            }
            if (c instanceof java.net.ConnectException) {
                throw new TransportException(TransportException.Reason.UNREACHABLE, "cannot connect to the storage at " + request.uri().getScheme() + "://"
                        + request.uri().getRawAuthority() + ": " + c.getMessage(), c);
            }
            if (c instanceof javax.net.ssl.SSLException) {
                throw new TransportException(TransportException.Reason.FORBIDDEN, "TLS with the storage failed (" + c.getMessage()
                        + "); give its certificate as the storage trust store", c);
            }
            if (c instanceof IOException) {
                throw (IOException) c;
            }
            throw new IOException("talking to the storage failed: " + c, c);
        } finally {
            exchange.future = null;
        }
    }

    private static TransportException refused(int status, URI url) {
        return new TransportException(TransportException.Reason.FORBIDDEN, "the storage at " + url.getScheme() + "://" + url.getRawAuthority()
                + " refused the credentials (HTTP " + status + "): check the storage user and password");
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + (text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }

    static void quietly(String what, IOExceptionRunnable r) {
        try {
            r.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, what, e);
        }
    }

    @FunctionalInterface
    interface IOExceptionRunnable {
        void run() throws IOException;
    }
}
