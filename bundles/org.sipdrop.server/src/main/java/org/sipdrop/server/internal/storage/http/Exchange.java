package org.sipdrop.server.internal.storage.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.Headers;

/**
 * One request and its response on a {@link Connection}, served by a worker: the request body
 * framed by Content-Length or chunked, 100 Continue sent when the handler first reads a body the
 * client holds back (RFC 9110 §10.1.1), so a refusal sent before goes without it; the response
 * framed by the length the handler gives. Decides whether the connection may carry another
 * request. {@link PlainExchange} and {@link TlsExchange} show it to a handler.
 */
final class Exchange {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(100, "Continue"), Map.entry(200, "OK"),
            Map.entry(201, "Created"), Map.entry(204, "No Content"), Map.entry(206, "Partial Content"), Map.entry(304, "Not Modified"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"),
            Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"), Map.entry(507, "Insufficient Storage"));

    final Connection connection;
    final RequestHead head;
    final Headers responseHeaders = new Headers();
    final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final Body requestBody;
    private OutputStream responseBody;
    private InputStream requestStream;
    private OutputStream responseStream;
    private int status = -1;
    private boolean continued;
    private boolean keep;
    private boolean closed;

    Exchange(Connection connection, RequestHead head) {
        this.connection = connection;
        this.head = head;
        this.requestBody = new Body();
        this.requestStream = requestBody;
        this.keep = !head.wantsClose() && !(head.contentLength() < 0 && head.headers().containsKey("Content-Length"));
        this.responseStream = new OutputStream() { // before the headers are sent, writes fail as in the JDK server
            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (responseBody == null) {
                    throw new IOException("sendResponseHeaders must come before the response body");
                }
                responseBody.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (responseBody != null) {
                    responseBody.flush();
                }
            }

            @Override
            public void close() throws IOException {
                if (responseBody != null) {
                    responseBody.close();
                }
            }
        };
    }

    InputStream requestBody() {
        return requestStream;
    }

    OutputStream responseBody() {
        return responseStream;
    }

    void setStreams(InputStream in, OutputStream out) {
        if (in != null) {
            requestStream = in;
        }
        if (out != null) {
            responseStream = out;
        }
    }

    int status() {
        return status;
    }

    /**
     * Sends the status line and header fields.
     *
     * @param length the body's length; -1 for none, 0 for chunked (as {@code HttpExchange} says)
     */
    void sendResponseHeaders(int code, long length) throws IOException {
        if (status >= 0) {
            throw new IOException("Response headers already sent");
        }
        if (code < 200 || code > 999) {
            throw new IllegalArgumentException("Final status code expected, was " + code);
        }
        status = code;
        Headers h = responseHeaders;
        boolean isHead = head.method().equals("HEAD");
        if (code == 204 || code == 304) {
            h.remove("Content-Length");
            h.remove("Transfer-Encoding");
            responseBody = new FixedBody(0, false);
        } else if (isHead) {
            if (length > 0) {
                h.set("Content-Length", Long.toString(length));
            }
            responseBody = new FixedBody(0, true); // RFC 9110 §9.3.2: the headers of a GET, no content
        } else if (length > 0) {
            h.set("Content-Length", Long.toString(length));
            responseBody = new FixedBody(length, false);
        } else if (length == 0) {
            h.remove("Content-Length");
            h.set("Transfer-Encoding", "chunked");
            responseBody = new ChunkedBody();
        } else {
            h.set("Content-Length", "0");
            responseBody = new FixedBody(0, false);
        }
        if (!h.containsKey("Date")) {
            h.set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))); // RFC 9110 §6.6.1
        }
        List<String> connectionOptions = h.get("Connection");
        if (connectionOptions != null && connectionOptions.stream().anyMatch(v -> v.strip().equalsIgnoreCase("close"))) {
            keep = false;
        }
        if (!keep) {
            h.set("Connection", "close"); // RFC 9110 §7.6.1
        }
        StringBuilder s = new StringBuilder(256).append("HTTP/1.1 ").append(code).append(' ').append(REASONS.getOrDefault(code, ""))
                .append("\r\n");
        for (Map.Entry<String, List<String>> e : h.entrySet()) {
            for (String v : e.getValue()) {
                if (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("Line break in response header " + e.getKey());
                }
                s.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        byte[] bytes = s.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        connection.write(bytes, 0, bytes.length);
    }

    /** Ends the exchange: completes the response; @return whether the connection may carry another request */
    boolean close() {
        if (closed) {
            return keep;
        }
        closed = true;
        try {
            if (status < 0) {
                keep = false; // no answer at all: only closing tells the client
                return false;
            }
            responseStream.close();
            if (!requestBody.complete()) {
                keep = false; // the rest of the body would be read as the next request
            }
        } catch (IOException | RuntimeException e) {
            keep = false;
        }
        return keep;
    }

    /** The request body as framed by the head; 100 Continue before its first byte if the client waits for it. */
    private final class Body extends InputStream {
        private long left = head.contentLength(); // -1: chunked
        private long chunkLeft;
        private boolean lastChunk;

        boolean complete() {
            return head.contentLength() >= 0 ? left == 0 : lastChunk;
        }

        private void beforeRead() throws IOException {
            if (!continued && head.expectsContinue()) {
                continued = true;
                byte[] line = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                connection.write(line, 0, line.length);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (complete()) {
                return -1;
            }
            if (!continued && head.expectsContinue() && status >= 0) {
                // RFC 9110 §10.1.1: the client waits for 100 Continue and got a final answer instead, so
                // it will not send the body: nothing to read (or drain); the connection is closed after
                keep = false;
                return -1;
            }
            beforeRead();
            if (head.contentLength() >= 0) {
                int n = connection.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    keep = false;
                    throw new IOException("The request body ended after " + (head.contentLength() - left) + " of " + head.contentLength()
                            + " bytes");
                }
                left -= n;
                return n;
            }
            if (chunkLeft == 0) {
                nextChunk();
                if (lastChunk) {
                    return -1;
                }
            }
            int n = connection.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                keep = false;
                throw new IOException("The chunked request body ended early");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                expectLineEnd();
            }
            return n;
        }

        /** chunk-size [ chunk-ext ] CRLF; after the last chunk, the trailer section up to its empty line. */
        private void nextChunk() throws IOException {
            String line = line();
            int semi = line.indexOf(';');
            String size = (semi < 0 ? line : line.substring(0, semi)).strip();
            if (size.isEmpty() || size.length() > 15 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                keep = false;
                throw new IOException("Bad chunk size line");
            }
            chunkLeft = Long.parseLong(size, 16);
            if (chunkLeft == 0) {
                for (int trailers = 0; !line().isEmpty(); trailers++) {
                    if (trailers > RequestHead.MAX_FIELDS) {
                        throw new IOException("Too many trailer fields");
                    }
                }
                lastChunk = true;
            }
        }

        private void expectLineEnd() throws IOException {
            if (!line().isEmpty()) {
                keep = false;
                throw new IOException("Chunk data longer than its size");
            }
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int c; (c = connection.read()) != '\n'; ) {
                if (c < 0 || s.length() > 4096) {
                    keep = false;
                    throw new IOException("Bad chunked request body");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }
    }

    /** A response body of a known length (HEAD: none sent whatever the length). */
    private final class FixedBody extends OutputStream {
        private final long length;
        private final boolean discard;
        private long written;

        FixedBody(long length, boolean discard) {
            this.length = length;
            this.discard = discard;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (discard) {
                return;
            }
            if (written + len > length) {
                keep = false;
                throw new IOException("Response body longer than its Content-Length " + length);
            }
            connection.write(b, off, len);
            written += len;
        }

        @Override
        public void close() {
            if (!discard && written < length) {
                keep = false; // the client would wait for the rest: only closing ends it
            }
        }
    }

    /** A chunked response body. */
    private final class ChunkedBody extends OutputStream {
        private boolean done;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) {
                throw new IOException("Response body closed");
            }
            if (len == 0) {
                return;
            }
            byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            connection.write(size, 0, size.length);
            connection.write(b, off, len);
            connection.write(new byte[] { '\r', '\n' }, 0, 2);
        }

        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                byte[] last = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                connection.write(last, 0, last.length);
            }
        }
    }
}
