package org.sipdrop.negotiation.internal.pagemode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Builds and parses small {@code multipart/mixed} bodies (RFC 2046 §5.1), such as a page-mode
 * MESSAGE carrying a {@code text/plain} note beside the {@code message/external-body} part.
 * <p>
 * A generated boundary is checked against every part, and regenerated on the astronomically
 * unlikely hit, so it can never occur in the content (RFC 2046 §5.1.1). Parsing is strict
 * (CRLF line ends, a closing delimiter) and bounded in size and part count.
 */
public final class MultipartCodec {

    /** Media type built here, RFC 2046 §5.1.3. */
    public static final String MEDIA_TYPE = "multipart/mixed";

    /** Largest multipart body accepted or built: offers are small, files travel elsewhere. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Most parts accepted. */
    public static final int MAX_PARTS = 16;

    /** RFC 2046 §5.1.1 bchars minus space, so a boundary never needs quoting trouble. */
    private static final String BCHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=?";

    private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final int RANDOM_CHARS = 32;

    private final RandomGenerator random;

    /** A codec drawing boundaries from a {@link SecureRandom}. */
    public MultipartCodec() {
        this(new SecureRandom());
    }

    /** @param random the source of boundary characters (tests pass a predictable one) */
    public MultipartCodec(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** One body part: its headers (Content-Type at least, by convention) and raw content. */
    public static final class Part {
        private final MimeHeaders headers;
        private final byte[] content;

        public Part(MimeHeaders headers, byte[] content) {
            this.headers = Objects.requireNonNull(headers, "headers");
            this.content = content.clone();
        }

        /** @return a part with the single header {@code Content-Type: type} */
        public static Part of(String contentType, byte[] content) {
            return new Part(MimeHeaders.builder().add("Content-Type", contentType).build(), content);
        }

        public MimeHeaders headers() {
            return headers;
        }

        public byte[] content() {
            return content.clone();
        }

        /** @return the part's Content-Type; RFC 2046 §5.1 defaults it to text/plain; charset=us-ascii */
        public String contentType() {
            return headers.first("Content-Type").orElse("text/plain; charset=us-ascii");
        }
    }

    /** A built body with the Content-Type (carrying the boundary) to send it under. */
    public static final class Built {
        private final String contentType;
        private final byte[] body;

        Built(String contentType, byte[] body) {
            this.contentType = contentType;
            this.body = body;
        }

        public String contentType() {
            return contentType;
        }

        public byte[] body() {
            return body.clone();
        }
    }

    /** @return {@code parts} as a multipart/mixed body with a boundary that occurs in none of them */
    public Built format(List<Part> parts) {
        if (parts.isEmpty() || parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("A multipart body needs 1 to " + MAX_PARTS + " parts, got " + parts.size());
        }
        String boundary = boundary();
        while (collides(boundary, parts)) {
            boundary = boundary();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            out.writeBytes(("--" + boundary + "\r\n" + p.headers.format() + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        if (out.size() > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("Multipart body of " + out.size() + " bytes exceeds " + MAX_BODY_BYTES
                    + "; send large content by indirection");
        }
        return new Built(MimeValue.of(MEDIA_TYPE).param("boundary", boundary).build().format(), out.toByteArray());
    }

    private String boundary() {
        StringBuilder sb = new StringBuilder("sipdrop-");
        for (int i = 0; i < RANDOM_CHARS; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private static boolean collides(String boundary, List<Part> parts) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (Part p : parts) {
            byte[] headers = p.headers.format().getBytes(StandardCharsets.UTF_8);
            if (MimeHeaders.indexOf(p.content, delimiter, 0, p.content.length) >= 0
                    || MimeHeaders.indexOf(headers, delimiter, 0, headers.length) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param contentType the Content-Type header value, {@code multipart/mixed; boundary=...}
     *                    (any multipart subtype is split the same way, RFC 2046 §5.1.7)
     * @param body        the body
     * @return the parts, preamble and epilogue discarded
     */
    public List<Part> parse(String contentType, byte[] body) throws PageModeException {
        MimeValue ct = MimeValue.parse(contentType);
        if (!ct.value().regionMatches(true, 0, "multipart/", 0, 10)) {
            throw new PageModeException("Expected a multipart body, got " + ct.value());
        }
        String boundary = ct.param("boundary").orElseThrow(() -> new PageModeException(
                "multipart Content-Type lacks the mandatory boundary parameter (RFC 2046 §5.1.1)"));
        if (boundary.isEmpty() || boundary.length() > 70 || boundary.endsWith(" ")
                || boundary.chars().anyMatch(c -> BCHARS.indexOf(c) < 0 && c != ' ')) {
            throw new PageModeException("Invalid multipart boundary '" + MimeHeaders.printable(boundary)
                    + "' (RFC 2046 §5.1.1: 1-70 bchars, not ending in space)");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new PageModeException("Multipart body of " + body.length + " bytes exceeds the limit of "
                    + MAX_BODY_BYTES);
        }
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int pos = startsWith(body, dash, 0) ? 0 : MimeHeaders.indexOf(body, delimiter, 0, body.length) + 2;
        if (pos < 0 || pos == 1) {
            throw new PageModeException("Multipart body never contains its boundary '--" + boundary + "'");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            pos += dash.length;
            if (startsWith(body, new byte[] {'-', '-'}, pos)) {
                return requireSome(parts);
            }
            pos = afterLineEnd(body, pos);
            int next = MimeHeaders.indexOf(body, delimiter, pos, body.length);
            if (next < 0) {
                throw new PageModeException("Multipart body ends without the closing '--" + boundary
                        + "--' delimiter (RFC 2046 §5.1.1)");
            }
            if (parts.size() == MAX_PARTS) {
                throw new PageModeException("Multipart body has more than " + MAX_PARTS + " parts");
            }
            parts.add(part(body, pos, next));
            pos = next + 2;
        }
    }

    private static List<Part> requireSome(List<Part> parts) throws PageModeException {
        if (parts.isEmpty()) {
            throw new PageModeException("Multipart body has no parts (RFC 2046 §5.1.1 requires at least one)");
        }
        return parts;
    }

    /** RFC 2046 §5.1.1: transport padding (linear white space) may follow a delimiter before its CRLF. */
    private static int afterLineEnd(byte[] body, int pos) throws PageModeException {
        int p = pos;
        while (p < body.length && (body[p] == ' ' || body[p] == '\t')) {
            p++;
        }
        if (!startsWith(body, new byte[] {'\r', '\n'}, p)) {
            throw new PageModeException("Multipart boundary line is not followed by CRLF at offset " + p);
        }
        return p + 2;
    }

    private static Part part(byte[] body, int from, int to) throws PageModeException {
        if (from >= to) {
            // "--b CRLF CRLF --b": the CRLF after the boundary line is the next delimiter's own
            // (RFC 2046 §5.1.1), so the part is empty, without headers
            return new Part(MimeHeaders.empty(), new byte[0]);
        }
        if (startsWith(body, new byte[] {'\r', '\n'}, from)) {
            return new Part(MimeHeaders.empty(), java.util.Arrays.copyOfRange(body, from + 2, to));
        }
        int blank = MimeHeaders.indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, from, to);
        if (blank < 0) {
            MimeHeaders h = MimeHeaders.parse(MimeHeaders.utf8(body, from, to, "Body part headers"));
            return new Part(h, new byte[0]);
        }
        MimeHeaders h = MimeHeaders.parse(MimeHeaders.utf8(body, from, blank, "Body part headers"));
        return new Part(h, java.util.Arrays.copyOfRange(body, blank + 4, to));
    }

    private static boolean startsWith(byte[] body, byte[] prefix, int at) {
        return at >= 0 && at + prefix.length <= body.length
                && MimeHeaders.indexOf(body, prefix, at, at + prefix.length) == at;
    }
}
