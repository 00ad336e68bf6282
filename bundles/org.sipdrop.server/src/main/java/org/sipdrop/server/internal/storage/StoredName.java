package org.sipdrop.server.internal.storage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names files may have in the storage: one path segment of unreserved URI characters (RFC
 * 3986 §2.3: letters, digits, {@code - . _ ~}), 1..255 of them, not starting with a dot. So a
 * name needs no percent-encoding, cannot contain a separator, cannot be {@code .} or {@code ..},
 * and is the same string in the URL and on disk. The names themselves are capabilities chosen by
 * the uploader (≥ 128 random bits); the storage never lists them.
 */
public final class StoredName {

    /** Longest name; most file systems allow 255 bytes per segment. */
    public static final int MAX_LENGTH = 255;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0," + (MAX_LENGTH - 1) + "}");

    private StoredName() {
    }

    /** @return whether {@code name} is a valid stored name */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * @param rawPath the request's raw (still percent-encoded) path
     * @param base the storage's base path, e.g. {@code /storage/}
     * @return the stored name the path addresses; empty for the base itself, a path outside it,
     *         deeper paths, percent-encoded or otherwise invalid names
     */
    public static Optional<String> fromPath(String rawPath, String base) {
        if (rawPath == null || !rawPath.startsWith(base)) {
            return Optional.empty();
        }
        String name = rawPath.substring(base.length());
        return isValid(name) ? Optional.of(name) : Optional.empty();
    }
}
