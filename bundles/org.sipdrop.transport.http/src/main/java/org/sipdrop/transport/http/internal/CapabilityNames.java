package org.sipdrop.transport.http.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names of stored objects that work as capabilities: whoever knows the URL may fetch the file,
 * nobody can guess it. RFC 4483 §7 (security considerations) requires that content referenced
 * indirectly is protected; with an anonymous HTTP GET the only protection is an unguessable URL
 * (the "capability URL" pattern), so the name carries {@value #RANDOM_BITS} bits from a
 * {@link SecureRandom}.
 * <p>
 * A name is the random part in lower-case base32 (RFC 4648 §6 alphabet {@code a-z2-7}, no
 * padding: exactly 32 characters for 160 bits), optionally followed by the original file's
 * extension when it is safe ({@code [a-z0-9]{1,8}} after ASCII lower-casing), e.g.
 * {@code 7kq3xw2m5dm4v6o2j3m2xg7ybtyc4r5f.pdf}. Such names need no escaping in URLs, are case-safe
 * on case-insensitive WebDAV back ends and never form a dot segment. The original name is never
 * part of the URL: it travels in the signalling (RFC 5547 {@code a=file-selector}) only.
 */
public final class CapabilityNames {

    /** Random bits per name; at least 128 as the capability-URL practice asks. */
    public static final int RANDOM_BITS = 160;

    /** Length of the random part of every name (base32: 5 bits per character). */
    public static final int RANDOM_CHARS = RANDOM_BITS / 5;

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,8}");
    private static final Pattern NAME = Pattern.compile("[a-z2-7]{" + RANDOM_CHARS + "}(\\.[a-z0-9]{1,8})?");

    private final SecureRandom random;

    /** @param random the source of the random part; never a predictable {@code Random} */
    public CapabilityNames(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @param originalFileName the sender's file name (may be {@code null}); only its extension
     *        is kept, and only when safe
     * @return a fresh object name, e.g. {@code 7kq3...c4r5f.pdf}
     */
    public String newObjectName(String originalFileName) {
        byte[] bytes = new byte[RANDOM_BITS / 8];
        random.nextBytes(bytes);
        String name = base32(bytes);
        return safeExtension(originalFileName).map(ext -> name + "." + ext).orElse(name);
    }

    /** @return whether {@code name} has the exact form {@link #newObjectName} produces */
    public static boolean isObjectName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @param fileName a file name, possibly with directory parts
     * @return its extension lower-cased (ASCII), when it matches {@code [a-z0-9]{1,8}}; empty for
     *         no extension, hidden files ({@code .profile}) and anything else
     */
    public static Optional<String> safeExtension(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String last = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = last.lastIndexOf('.');
        if (dot <= 0 || dot == last.length() - 1) {
            return Optional.empty();
        }
        String ext = asciiLowerCase(last.substring(dot + 1));
        return SAFE_EXTENSION.matcher(ext).matches() ? Optional.of(ext) : Optional.empty();
    }

    /**
     * Checks a storage base URL: absolute {@code http} or {@code https} (RFC 9110 §4.2), with a
     * host, without user-info (credentials belong in the settings, never in a URL that may be
     * logged: RFC 9110 §4.2.4), without query or fragment (they would end up before the object
     * name).
     *
     * @return {@code base} with its path ending in {@code /}, ready for {@link #objectUri}
     * @throws IllegalArgumentException saying what to change
     */
    public static URI checkBase(URI base) {
        Objects.requireNonNull(base, "base URL");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!base.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("Storage base URL must start with http:// or https://, was '" + base + "'");
        }
        if (base.isOpaque() || base.getHost() == null || base.getHost().isEmpty()) {
            throw new IllegalArgumentException("Storage base URL needs a host name, e.g. https://files.example.org/drop/, was '" + base + "'");
        }
        if (base.getRawUserInfo() != null) {
            throw new IllegalArgumentException("Storage base URL must not contain a user name or password; set them as user/password instead: '"
                    + base.getScheme() + "://" + base.getHost() + "...'");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("Storage base URL must not have a query (?...) or fragment (#...), was '" + base + "'");
        }
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        String authority = base.getRawAuthority();
        return URI.create(scheme + "://" + authority + path);
    }

    /**
     * Builds the URL of an object under a base URL: {@code base/segment1/segment2...}, each
     * segment percent-encoded as an RFC 3986 §3.3 path segment (everything but the unreserved
     * characters of §2.3 is encoded as UTF-8 octets, §2.1).
     *
     * @param base a base URL accepted by {@link #checkBase}
     * @param segments one or more path segments, not empty and not {@code .} or {@code ..}
     *        (RFC 3986 §5.2.4 would remove them)
     * @return the absolute object URL
     */
    public static URI objectUri(URI base, String... segments) {
        if (segments == null || segments.length == 0) {
            throw new IllegalArgumentException("Object URL needs at least one path segment");
        }
        StringBuilder url = new StringBuilder(checkBase(base).toString());
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment == null || segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Path segment must not be empty, '.' or '..', was '" + segment + "'");
            }
            if (i > 0) {
                url.append('/');
            }
            url.append(percentEncodeSegment(segment));
        }
        return URI.create(url.toString());
    }

    /** RFC 3986 §2.1/§2.3: keeps ALPHA / DIGIT / "-" / "." / "_" / "~", encodes all else (UTF-8). */
    static String percentEncodeSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** RFC 4648 §6, lower-case alphabet, no padding. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    private static String asciiLowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }
}
