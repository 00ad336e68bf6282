package org.sipdrop.server.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;

/**
 * The storage's HTTP semantics (RFC 9110) over a {@link FileStore}: capability URLs
 * {@code BASE/NAME} ({@link StoredName}); GET and HEAD for anyone holding the URL, with single
 * byte ranges (§14), {@code If-Range} (§13.1.5), strong ETags; PUT (§9.3.4: 201 new, 204
 * replaced) and DELETE (§9.3.5) for authenticated users ({@link StorageAuth}), a file only by
 * its uploader. Never lists: the base path and anything but a valid name is 404.
 * <p>
 * A PUT must announce its length ({@code Content-Length}, else 411) so that authentication
 * (401), the quota (413) and free disk space (507, RFC 4918 §11.5) are checked before any body
 * byte is read; the body is then streamed to disk. Partial PUT ({@code Content-Range}) is
 * refused with 400 as RFC 9110 §14.5 asks: a cut upload is restarted from the beginning.
 * The uploader may ask for an expiry with {@value StorageServer#EXPIRES_IN_HEADER} (delta seconds),
 * bounded by the server's maximum; the answer's {@code Expires} says when the file goes. After
 * that, GET answers 410 Gone with the time it expired.
 */
final class StorageHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(StorageHandler.class.getName());
    private static final String ALLOW = "GET, HEAD, PUT, DELETE, OPTIONS";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    /** RFC 9110 §8.3.1 media-type, without quoted parameter values. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]{1,64}=[A-Za-z0-9!#$&^_.+-]{1,64}){0,4}");
    static final String DEFAULT_TYPE = "application/octet-stream";
    /** Bytes per write of a download: few large writes, which the front sends straight to the socket. */
    static final int DOWNLOAD_BUFFER = 256 * 1024;

    private final FileStore store;
    private final StorageAuth auth;
    private final String base;

    StorageHandler(FileStore store, StorageAuth auth, String base) {
        this.store = store;
        this.auth = auth;
        this.base = base;
    }

    @Override
    public void handle(HttpExchange x) throws IOException {
        try {
            Headers h = x.getResponseHeaders();
            h.set("Server", "SipDrop storage");
            h.set("X-Content-Type-Options", "nosniff");
            switch (x.getRequestMethod()) {
            case "GET", "HEAD" -> get(x);
            case "PUT" -> put(x);
            case "DELETE" -> delete(x);
            case "OPTIONS" -> {
                h.set("Allow", ALLOW);
                x.sendResponseHeaders(204, -1);
            }
            default -> {
                h.set("Allow", ALLOW);
                fail(x, 405, "Method " + x.getRequestMethod() + " is not allowed; use " + ALLOW);
            }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Storage exchange failed: " + x.getRequestMethod() + " " + x.getRequestURI(), e);
            throw e;
        } finally {
            x.close();
        }
    }

    private void get(HttpExchange x) throws IOException {
        Optional<String> name = StoredName.fromPath(x.getRequestURI().getRawPath(), base);
        if (name.isEmpty()) {
            fail(x, 404, "Not found (the storage serves files by their exact name and never lists them)");
            return;
        }
        Optional<FileStore.Entry> found = store.find(name.get());
        if (found.isEmpty()) {
            Optional<Instant> expired = store.expiredAt(name.get());
            if (expired.isPresent()) {
                fail(x, 410, "Expired: " + name.get() + " expired at " + HTTP_DATE.format(expired.get()) + " and was deleted");
            } else {
                fail(x, 404, "Not found: " + name.get());
            }
            return;
        }
        FileStore.Entry e = found.get();
        InputStream in;
        try {
            in = Files.newInputStream(store.path(e));
        } catch (IOException gone) { // deleted or expired between lookup and open
            fail(x, 404, "Not found: " + name.get());
            return;
        }
        try (in) {
            Headers h = x.getResponseHeaders();
            String ifRange = x.getRequestHeaders().getFirst("If-Range");
            ByteRange r = ifRange != null && !ifRange.strip().equals(e.etag()) ? ByteRange.parse(null, e.size())
                    : ByteRange.parse(x.getRequestHeaders().getFirst("Range"), e.size());
            h.set("Accept-Ranges", "bytes");
            h.set("ETag", e.etag());
            h.set("Last-Modified", HTTP_DATE.format(e.created()));
            h.set("Expires", HTTP_DATE.format(e.expires()));
            h.set("Cache-Control", "private");
            h.set("Content-Security-Policy", "sandbox"); // uploaded content never runs as this origin
            if (r.kind() == ByteRange.Kind.UNSATISFIABLE) {
                h.set("Content-Range", "bytes */" + e.size());
                fail(x, 416, "Range not satisfiable: the file has " + e.size() + " bytes");
                return;
            }
            h.set("Content-Type", e.type());
            long first = r.kind() == ByteRange.Kind.PARTIAL ? r.first() : 0;
            long length = r.kind() == ByteRange.Kind.PARTIAL ? r.length() : e.size();
            int status = r.kind() == ByteRange.Kind.PARTIAL ? 206 : 200;
            if (status == 206) {
                h.set("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + e.size());
            }
            if (x.getRequestMethod().equals("HEAD")) {
                h.set("Content-Length", Long.toString(length));
                x.sendResponseHeaders(status, -1);
                return;
            }
            x.sendResponseHeaders(status, length == 0 ? -1 : length);
            in.skipNBytes(first);
            copy(in, x.getResponseBody(), length);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[DOWNLOAD_BUFFER];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("File shrank while being sent");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        out.close();
    }

    private void put(HttpExchange x) throws IOException {
        Headers req = x.getRequestHeaders();
        String lengthHeader = req.getFirst("Content-Length");
        boolean bodyPending = lengthHeader == null || !lengthHeader.strip().equals("0");
        Optional<String> user = authenticate(x);
        if (user.isEmpty()) {
            return;
        }
        Optional<String> name = StoredName.fromPath(x.getRequestURI().getRawPath(), base);
        if (name.isEmpty()) {
            refuse(x, bodyPending, x.getRequestURI().getRawPath().startsWith(base) ? 400 : 404, "Invalid name: use 1.." + StoredName.MAX_LENGTH
                    + " of A-Z a-z 0-9 . _ ~ - directly under " + base + ", not starting with '.'");
            return;
        }
        if (req.containsKey("Content-Range")) {
            refuse(x, bodyPending, 400, "Partial PUT (Content-Range) is not supported: restart the upload with the whole file");
            return;
        }
        if (lengthHeader == null || req.containsKey("Transfer-Encoding")) {
            refuse(x, true, 411, "Content-Length is required so that quota and space are checked before the upload");
            return;
        }
        long length;
        try {
            length = Long.parseLong(lengthHeader.strip());
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0) {
            refuse(x, true, 400, "Invalid Content-Length '" + lengthHeader + "'");
            return;
        }
        Optional<Duration> expiresIn;
        try {
            expiresIn = expiresIn(req.getFirst(StorageServer.EXPIRES_IN_HEADER));
        } catch (IllegalArgumentException e) {
            refuse(x, bodyPending, 400, e.getMessage());
            return;
        }
        String type = req.getFirst("Content-Type") == null ? DEFAULT_TYPE : req.getFirst("Content-Type").strip();
        if (!MEDIA_TYPE.matcher(type).matches()) {
            refuse(x, bodyPending, 400, "Invalid Content-Type '" + type + "'");
            return;
        }
        Optional<FileStore.Entry> old = store.find(name.get());
        if (old.isPresent() && !old.get().owner().equals(user.get())) {
            refuse(x, bodyPending, 403, "Forbidden: " + name.get() + " belongs to another user");
            return;
        }
        Upload upload;
        try {
            upload = store.begin(name.get(), length, type, user.get(), store.expiryFor(expiresIn));
        } catch (FileStore.StorageFullException e) {
            refuse(x, bodyPending, e.status(), e.getMessage());
            return;
        }
        FileStore.Entry e;
        try (upload) {
            upload.copyFrom(x.getRequestBody());
            e = upload.commit();
        }
        Headers h = x.getResponseHeaders();
        h.set("ETag", e.etag());
        h.set("Expires", HTTP_DATE.format(e.expires()));
        h.set(StorageServer.EXPIRES_IN_HEADER, Long.toString(Duration.between(e.created(), e.expires()).toSeconds())); // as granted
        h.set("Location", x.getRequestURI().getRawPath());
        x.sendResponseHeaders(old.isPresent() ? 204 : 201, -1);
    }

    private void delete(HttpExchange x) throws IOException {
        Optional<String> user = authenticate(x);
        if (user.isEmpty()) {
            return;
        }
        Optional<String> name = StoredName.fromPath(x.getRequestURI().getRawPath(), base);
        Optional<FileStore.Entry> e = name.flatMap(store::find);
        if (e.isEmpty()) {
            fail(x, 404, "Not found");
            return;
        }
        if (!e.get().owner().equals(user.get())) {
            fail(x, 403, "Forbidden: " + name.get() + " belongs to another user");
            return;
        }
        store.delete(name.get());
        x.sendResponseHeaders(204, -1);
    }

    private Optional<String> authenticate(HttpExchange x) throws IOException {
        boolean basicAllowed = x instanceof HttpsExchange || x.getRemoteAddress().getAddress().isLoopbackAddress();
        StorageAuth.Result result = auth.authenticate(x.getRequestMethod(), x.getRequestURI().toString(),
                x.getRequestHeaders().getFirst("Authorization"), basicAllowed);
        Optional<String> user = result.user();
        if (user.isEmpty()) {
            auth.challenges(basicAllowed, result.stale()).forEach(c -> x.getResponseHeaders().add("WWW-Authenticate", c));
            String length = x.getRequestHeaders().getFirst("Content-Length");
            refuse(x, length == null || !length.strip().equals("0"), 401, "Authentication required to " + x.getRequestMethod());
        }
        return user;
    }

    /** {@value StorageServer#EXPIRES_IN_HEADER}: delta-seconds (RFC 9111 §1.2.2), at least 1. */
    static Optional<Duration> expiresIn(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 12 || !v.chars().allMatch(c -> c >= '0' && c <= '9') || Long.parseLong(v) == 0) {
            throw new IllegalArgumentException(StorageServer.EXPIRES_IN_HEADER + " must be a number of seconds ≥ 1, was '" + value + "'");
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }

    /**
     * The most of a refused request's body read and dropped after the answer, so that a client
     * still sending (one that did not wait for 100 Continue, or stopped waiting) reads the
     * refusal instead of a connection reset; a larger body is cut off there. A client that sends
     * nothing is cut off by the front's stall limit.
     */
    private static final long DRAIN_LIMIT = 16L << 20;

    /** Answers without storing a request body that may still be coming, and closes the connection after. */
    private static void refuse(HttpExchange x, boolean bodyPending, int status, String reason) throws IOException {
        if (!bodyPending) {
            fail(x, status, reason);
            return;
        }
        x.getResponseHeaders().set("Connection", "close");
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, body.length);
        OutputStream out = x.getResponseBody();
        out.write(body);
        out.flush();
        try (java.io.InputStream in = x.getRequestBody()) {
            byte[] sink = new byte[64 * 1024];
            long drained = 0;
            for (int n; drained < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
                drained += n;
            }
        } catch (IOException e) {
            // the client gave up or the stall timeout ended the read: the answer is already out
        } finally {
            out.close();
        }
    }

    private static void fail(HttpExchange x, int status, String reason) throws IOException {
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (x.getRequestMethod().equals("HEAD")) {
            x.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
