package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * The GET of a download on the JDK's {@link HttpURLConnection}, which reads the socket straight
 * into the caller's buffer. {@code java.net.http} hands a response body over in
 * {@code jdk.httpclient.bufsize} pieces (16 KiB unless the whole JVM is started with another
 * value), each through its flow machinery: measured on a 1 GiB download from nginx on loopback,
 * that alone took 2.5 s where this takes 0.6 s (curl: 0.8 s). Uploads and the small exchanges
 * stay on {@code java.net.http}.
 * <p>
 * Redirects are not followed, no JVM-wide {@link Authenticator} is consulted (the storage's
 * credentials are sent by {@link StorageClient}'s rules: Basic first, one Digest challenge
 * answered), and every read has the storage timeout, so a stalled body ends the attempt (and the
 * session resumes with {@code Range}).
 */
final class Download {

    /** Consulted instead of any JVM-wide default, so only the storage's own credentials are sent. */
    private static final Authenticator NONE = new Authenticator() {
    };

    private final SSLContext tls;
    private final Duration timeout;

    Download(SSLContext tls, Duration timeout) {
        this.tls = tls;
        this.timeout = timeout;
    }

    /** An open response: its status, headers and body (the error body for 4xx/5xx, possibly empty). */
    static final class Response implements AutoCloseable {
        private final HttpURLConnection connection;
        private final int status;
        private volatile boolean consumed;

        Response(HttpURLConnection connection, int status) {
            this.connection = connection;
            this.status = status;
        }

        int status() {
            return status;
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(connection.getHeaderField(name));
        }

        List<String> headers(String name) {
            return connection.getHeaderFields().entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }

        InputStream body() throws IOException {
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return in != null ? in : InputStream.nullInputStream();
        }

        /** Ends the exchange; from another thread, it breaks a blocked read. */
        void abort() {
            connection.disconnect();
        }

        /** The body was read to its end: {@link #close()} may keep the connection for the next request. */
        void consumed() {
            consumed = true;
        }

        /**
         * Keeps the connection alive after a body read to its end; otherwise drops it, so that
         * closing never waits for (or drains) the rest of a large body.
         */
        @Override
        public void close() {
            if (!consumed) {
                connection.disconnect();
                return;
            }
            try {
                body().close();
            } catch (IOException e) {
                connection.disconnect();
            }
        }
    }

    /**
     * Sends {@code GET url} with the given headers and waits for the status line and headers.
     *
     * @param headers e.g. {@code Range} and {@code Authorization}
     */
    Response get(URI url, Map<String, String> headers) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
        if (c instanceof HttpsURLConnection) {
            ((HttpsURLConnection) c).setSSLSocketFactory(tls.getSocketFactory());
        }
        c.setInstanceFollowRedirects(false);
        c.setAuthenticator(NONE);
        c.setUseCaches(false);
        c.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        headers.forEach(c::setRequestProperty);
        try {
            return new Response(c, c.getResponseCode());
        } catch (IOException | RuntimeException e) {
            c.disconnect();
            throw e;
        }
    }
}
