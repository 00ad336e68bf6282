package org.sipdrop.sip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A SIP message body with its media type (RFC 3261 §7.4); any type, binary-safe. */
public final class SipBody {

    private final String contentType;
    private final byte[] content;

    /**
     * @param contentType {@code type/subtype} with optional parameters, e.g.
     *        {@code text/plain;charset=UTF-8} or {@code multipart/mixed;boundary=x}
     */
    public SipBody(String contentType, byte[] content) {
        Objects.requireNonNull(contentType, "contentType");
        int slash = contentType.indexOf('/');
        if (slash <= 0 || slash == contentType.length() - 1 || contentType.chars().anyMatch(c -> c < ' ' || c == 127)) {
            throw new IllegalArgumentException("Not a media type: '" + contentType + "'");
        }
        this.contentType = contentType.trim();
        this.content = content.clone();
    }

    /** @return a {@code text/plain;charset=UTF-8} body */
    public static SipBody text(String text) {
        return new SipBody("text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public String contentType() {
        return contentType;
    }

    /** @return {@code type/subtype} in lower case, without parameters */
    public String mediaType() {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** @return a parameter of the content type (e.g. {@code boundary}), unquoted, if present */
    public java.util.Optional<String> parameter(String name) {
        for (String p : contentType.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                return java.util.Optional.of(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
        }
        return java.util.Optional.empty();
    }

    /** @return a copy of the bytes */
    public byte[] content() {
        return content.clone();
    }

    public int length() {
        return content.length;
    }

    /** @return the content decoded as UTF-8 (for text bodies) */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SipBody[" + contentType + ", " + content.length + " bytes]";
    }
}
