package org.sipdrop.server.internal.storage.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.sun.net.httpserver.Headers;

/**
 * A request line and its header fields (HTTP/1.1 message syntax, RFC 9112; semantics RFC 9110),
 * parsed strictly from a complete head: what cannot be framed safely is refused with the status
 * to answer ({@link Refused}) rather than guessed.
 *
 * @param method the method token
 * @param target the request target (origin-form, absolute-form or {@code *})
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields, values as received without surrounding whitespace
 * @param contentLength the body's length, -1 when the body is chunked
 */
record RequestHead(String method, URI target, String version, Headers headers, long contentLength) {

    /** A request refused before the handler sees it; {@link #status()} is the answer. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    static final int MAX_FIELDS = 100;
    /** RFC 9110 §5.6.2 token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    /** @return whether the client asked to close after this exchange (RFC 9110 §7.6.1), or HTTP/1.0 which this server never keeps */
    boolean wantsClose() {
        return version.equals("HTTP/1.0") || hasToken("Connection", "close");
    }

    /** @return whether the client waits for 100 Continue before sending the body (RFC 9110 §10.1.1) */
    boolean expectsContinue() {
        return version.equals("HTTP/1.1") && hasToken("Expect", "100-continue");
    }

    private boolean hasToken(String field, String token) {
        List<String> values = headers.get(field);
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (String t : v.split(",")) {
                if (t.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @param head the bytes of the head, the final empty line included */
    static RequestHead parse(byte[] head, int from, int to) throws Refused {
        String[] lines = new String(head, from, to - from, StandardCharsets.ISO_8859_1).split("\n", -1);
        int i = 0;
        while (i < lines.length && strip(lines[i]).isEmpty()) {
            i++; // empty lines before the request line are ignored (RFC 9112 §2.2)
        }
        if (i == lines.length) {
            throw new Refused(400, "Bad request: no request line");
        }
        String[] parts = strip(lines[i++]).split(" ", -1);
        if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches() || parts[1].isEmpty()) {
            throw new Refused(400, "Bad request line");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new Refused(version.matches("HTTP/[0-9]\\.[0-9]") ? 505 : 400, "HTTP version not supported: use HTTP/1.1");
        }
        URI target;
        try {
            target = new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw new Refused(400, "Bad request target");
        }
        Headers headers = new Headers();
        int fields = 0;
        for (; i < lines.length; i++) {
            String line = strip(lines[i]);
            if (line.isEmpty()) {
                break;
            }
            if (++fields > MAX_FIELDS) {
                throw new Refused(431, "Too many header fields (at most " + MAX_FIELDS + ")");
            }
            int colon = line.indexOf(':');
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t' || colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
                throw new Refused(400, "Bad header field line"); // obs-fold and whitespace before the colon included (RFC 9112 §5)
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new Refused(400, "Bad header field value");
            }
            headers.add(line.substring(0, colon), value);
        }
        List<String> hosts = headers.get("Host");
        if (version.equals("HTTP/1.1") && (hosts == null || hosts.size() != 1)) {
            throw new Refused(400, "Bad request: exactly one Host header field is required"); // RFC 9112 §3.2
        }
        return new RequestHead(parts[0], target, version, headers, contentLength(headers));
    }

    /**
     * Frames the body as RFC 9112 §6.3 says: chunked wins over Content-Length (and the connection
     * is closed after, see {@link Exchange}); a request whose last transfer coding is not chunked,
     * or whose Content-Length values disagree, cannot be framed reliably and is refused with 400
     * (request smuggling otherwise).
     */
    private static long contentLength(Headers headers) throws Refused {
        List<String> te = headers.get("Transfer-Encoding");
        if (te != null) {
            String last = te.get(te.size() - 1);
            // -1 keeps empty elements: "Transfer-Encoding: ," has an empty last coding, not none at all
            String[] codings = last.split(",", -1);
            if (!codings[codings.length - 1].strip().toLowerCase(Locale.ROOT).equals("chunked")) {
                throw new Refused(400, "Bad request: a transfer coding other than chunked ends the body");
            }
            return -1;
        }
        List<String> cl = headers.get("Content-Length");
        if (cl == null) {
            return 0;
        }
        String length = null;
        for (String v : cl) {
            for (String one : v.split(",", -1)) {
                String s = one.strip();
                if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9') || length != null && !length.equals(s)) {
                    throw new Refused(400, "Bad Content-Length");
                }
                length = s;
            }
        }
        return Long.parseLong(length);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * @param buf bytes received
     * @param from where the head starts
     * @param to where the bytes end
     * @return the index just after the empty line that ends the head, or -1 if it has not come
     */
    static int end(byte[] buf, int from, int to) {
        int i = from;
        while (i < to && (buf[i] == '\r' || buf[i] == '\n')) {
            i++; // leading empty lines
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                int j = i + 1;
                if (j < to && buf[j] == '\r') {
                    j++;
                }
                if (j < to && buf[j] == '\n') {
                    return j + 1;
                }
            }
        }
        return -1;
    }
}
