package org.sipdrop.transfer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A small picture of an offered file, shown beside the offer so the receiver recognises it
 * (RFC 5547 §6 {@code a=file-icon}: a {@code cid:} URL naming a body part of the offer). Only
 * {@code image/*} types, at most {@link #MAX_BYTES} bytes: an icon travels in the INVITE itself,
 * whose body must stay small enough for every proxy on the way (Kamailio's buffer is 64 KiB).
 * Immutable.
 */
public final class FileIcon {

    /** The largest icon carried or accepted. */
    public static final int MAX_BYTES = 32 * 1024;

    private final String mediaType;
    private final byte[] content;

    /**
     * @param mediaType an {@code image/*} type such as {@code image/png}, without parameters
     * @throws IllegalArgumentException when the type is not an image type or the icon is empty or
     *         larger than {@link #MAX_BYTES}
     */
    public FileIcon(String mediaType, byte[] content) {
        String type = Objects.requireNonNull(mediaType, "mediaType").trim().toLowerCase(Locale.ROOT);
        if (!type.startsWith("image/") || type.length() == "image/".length()
                || type.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ';' || c == '"')) {
            throw new IllegalArgumentException("A file icon is an image/* type (RFC 5547 §6), not '" + mediaType + "'");
        }
        if (content.length == 0 || content.length > MAX_BYTES) {
            throw new IllegalArgumentException("A file icon has 1 to " + MAX_BYTES + " bytes, this one " + content.length);
        }
        this.mediaType = type;
        this.content = content.clone();
    }

    /** @return the image type, e.g. {@code image/png} */
    public String mediaType() {
        return mediaType;
    }

    /** @return a copy of the image bytes */
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileIcon && ((FileIcon) o).mediaType.equals(mediaType) && Arrays.equals(((FileIcon) o).content, content);
    }

    @Override
    public int hashCode() {
        return mediaType.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "FileIcon[" + mediaType + ", " + content.length + " bytes]";
    }
}
