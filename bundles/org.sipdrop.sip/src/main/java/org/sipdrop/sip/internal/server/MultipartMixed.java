package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict, bounded reader of {@code multipart/mixed} bodies (RFC 2046 §5.1.1, RFC 5621 for SIP):
 * parts separated by {@code CRLF--boundary}, closed by {@code --boundary--}; each part has header
 * lines, an empty line, and its body kept as bytes. Preamble and epilogue are ignored.
 */
final class MultipartMixed {

    /** Most parts read. */
    static final int MAX_PARTS = 16;
    /** Longest header section of one part. */
    static final int MAX_PART_HEADERS = 4096;

    /** One body part: header names lower-cased, values trimmed. */
    record Part(Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return the media type without parameters, lower-case; {@code text/plain} when absent (RFC 2045 §5.2) */
        String mediaType() {
            String t = header("Content-Type");
            return t == null ? "text/plain" : t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        }

        /** @return the disposition type without parameters, lower-case, or empty */
        String disposition() {
            String d = header("Content-Disposition");
            return d == null ? "" : d.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        }
    }

    private MultipartMixed() {
    }

    /** @throws IllegalArgumentException saying what is wrong */
    static List<Part> parse(byte[] body, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("multipart boundary must be 1..70 characters (RFC 2046 §5.1.1)");
        }
        // ISO-8859-1 maps bytes to chars one to one: search as text, give bodies back as the same bytes
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String dash = "--" + boundary;
        int start = text.startsWith(dash) ? 0 : text.indexOf("\r\n" + dash);
        if (start < 0) {
            throw new IllegalArgumentException("no boundary delimiter in the body");
        }
        int pos = start + (text.startsWith(dash) && start == 0 ? 0 : 2) + dash.length();
        List<Part> parts = new ArrayList<>();
        while (true) {
            if (text.startsWith("--", pos)) {
                return parts; // close-delimiter
            }
            int lineEnd = text.indexOf("\r\n", pos);
            if (lineEnd < 0 || !text.substring(pos, lineEnd).isBlank()) {
                throw new IllegalArgumentException("boundary line not followed by CRLF");
            }
            int next = text.indexOf("\r\n" + dash, lineEnd);
            if (next < 0) {
                throw new IllegalArgumentException("multipart body not closed with --" + boundary + "--");
            }
            if (parts.size() == MAX_PARTS) {
                throw new IllegalArgumentException("more than " + MAX_PARTS + " body parts");
            }
            parts.add(part(text.substring(lineEnd + 2, next)));
            pos = next + 2 + dash.length();
        }
    }

    private static Part part(String raw) {
        int split = raw.startsWith("\r\n") ? 0 : raw.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new IllegalArgumentException("body part without an empty line after its headers");
        }
        if (split > MAX_PART_HEADERS) {
            throw new IllegalArgumentException("body part headers longer than " + MAX_PART_HEADERS + " bytes");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String head = raw.substring(0, split).replaceAll("\r\n[ \t]+", " "); // unfold (RFC 5322 §2.2.3)
        for (String line : head.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed body part header '" + line + "'");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        String body = raw.substring(split == 0 ? 2 : split + 4);
        return new Part(headers, body.getBytes(StandardCharsets.ISO_8859_1));
    }
}
