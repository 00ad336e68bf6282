package org.sipdrop.transfer;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata of one file as it is offered to a receiver: the RFC 5547 file-selector
 * (name, type, size, hash) plus the attributes that describe it (file-transfer-id, file-date).
 * <p>
 * Immutable. The SHA-1 may be absent while it is still being computed for a large file; an
 * offer sent on the wire always carries it.
 */
public final class FileOffer {

    /** Media type used when nothing better is known (RFC 2046 §4.5.1). */
    public static final String DEFAULT_TYPE = "application/octet-stream";

    private final String name;
    private final String mediaType;
    private final long size;
    private final byte[] sha1;
    private final Instant modified;
    private final String transferId;
    private final String description;
    private final FileIcon icon;

    private FileOffer(Builder b) {
        this.name = requireName(b.name);
        this.mediaType = requireType(b.mediaType == null ? DEFAULT_TYPE : b.mediaType);
        if (b.size < 0) {
            throw new IllegalArgumentException("File size must be 0 or more bytes, was " + b.size);
        }
        this.size = b.size;
        this.sha1 = b.sha1 == null ? null : b.sha1.clone();
        this.modified = b.modified;
        this.transferId = b.transferId;
        this.description = b.description;
        this.icon = b.icon;
    }

    /** @return a builder for an offer of the file called {@code name} with {@code size} bytes */
    public static Builder builder(String name, long size) {
        return new Builder(name, size);
    }

    /** @return a builder initialised with every field of this offer */
    public Builder toBuilder() {
        Builder b = new Builder(name, size).mediaType(mediaType).modified(modified)
                .transferId(transferId).description(description).icon(icon);
        b.sha1 = sha1;
        return b;
    }

    /** @return the file name as the sender calls it; never a path, but not yet made safe for a receiver's disk */
    public String name() {
        return name;
    }

    /** @return the media type, e.g. {@code text/plain}; {@link #DEFAULT_TYPE} when unknown */
    public String mediaType() {
        return mediaType;
    }

    /** @return the size in bytes */
    public long size() {
        return size;
    }

    /** @return a copy of the SHA-1 digest of the whole file (RFC 5547 §6 hash), if known */
    public Optional<byte[]> sha1() {
        return Optional.ofNullable(sha1).map(byte[]::clone);
    }

    /** @return the SHA-1 as lower-case hex, if known */
    public Optional<String> sha1Hex() {
        return Optional.ofNullable(sha1).map(HexFormat.of()::formatHex);
    }

    /** @return the file's modification date (RFC 5547 file-date "modification"), if known */
    public Optional<Instant> modified() {
        return Optional.ofNullable(modified);
    }

    /** @return the RFC 5547 file-transfer-id, if one is assigned yet */
    public Optional<String> transferId() {
        return Optional.ofNullable(transferId);
    }

    /** @return a human-readable description (SDP {@code i=} line), if any */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /**
     * @return the small picture the sender attached to the offer (RFC 5547 §6 file-icon), if any;
     *         for a receiver's prompt to show. It is not part of the file's identity
     *         ({@link #sameFileAs}).
     * @since 0.1 (added with file-icon support)
     */
    public Optional<FileIcon> icon() {
        return Optional.ofNullable(icon);
    }

    /**
     * Tells whether {@code other} describes the same file version: RFC 5547 §8.1 says a
     * file-selector identifies a file by name, type, size and hash together.
     */
    public boolean sameFileAs(FileOffer other) {
        return other != null && name.equals(other.name) && size == other.size
                && mediaType.equalsIgnoreCase(other.mediaType)
                && sha1 != null && other.sha1 != null && java.util.Arrays.equals(sha1, other.sha1);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FileOffer)) {
            return false;
        }
        FileOffer f = (FileOffer) o;
        return size == f.size && name.equals(f.name) && mediaType.equals(f.mediaType)
                && java.util.Arrays.equals(sha1, f.sha1) && Objects.equals(modified, f.modified)
                && Objects.equals(transferId, f.transferId) && Objects.equals(description, f.description)
                && Objects.equals(icon, f.icon);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, mediaType, transferId) * 31 + java.util.Arrays.hashCode(sha1);
    }

    @Override
    public String toString() {
        return "FileOffer[" + name + ", " + mediaType + ", " + size + " bytes"
                + sha1Hex().map(h -> ", sha-1 " + h).orElse("") + "]";
    }

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A file offer needs a non-empty file name");
        }
        return name;
    }

    private static String requireType(String type) {
        int slash = type.indexOf('/');
        if (slash <= 0 || slash == type.length() - 1 || type.indexOf('/', slash + 1) >= 0
                || type.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw new IllegalArgumentException("Not a media type (type/subtype): '" + type + "'");
        }
        return type.toLowerCase(Locale.ROOT);
    }

    /** Builds a {@link FileOffer}; name and size are mandatory, the rest optional. */
    public static final class Builder {
        private final String name;
        private final long size;
        private String mediaType;
        private byte[] sha1;
        private Instant modified;
        private String transferId;
        private String description;
        private FileIcon icon;

        private Builder(String name, long size) {
            this.name = name;
            this.size = size;
        }

        public Builder mediaType(String type) {
            this.mediaType = type;
            return this;
        }

        /** @param digest the 20-byte SHA-1 of the whole file */
        public Builder sha1(byte[] digest) {
            if (digest != null && digest.length != 20) {
                throw new IllegalArgumentException("A SHA-1 digest has 20 bytes, got " + digest.length);
            }
            this.sha1 = digest == null ? null : digest.clone();
            return this;
        }

        /** @param hex the SHA-1 as 40 hex digits, optionally separated by colons as in RFC 5547 */
        public Builder sha1Hex(String hex) {
            if (hex == null) {
                return sha1(null);
            }
            String digits = hex.replace(":", "");
            if (digits.length() != 40) {
                throw new IllegalArgumentException("A SHA-1 has 40 hex digits, got '" + hex + "'");
            }
            try {
                return sha1(HexFormat.of().parseHex(digits));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Not a hex SHA-1: '" + hex + "'", e);
            }
        }

        public Builder modified(Instant when) {
            this.modified = when;
            return this;
        }

        public Builder transferId(String id) {
            this.transferId = id;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        /** @param picture the icon to offer with the file (RFC 5547 §6 file-icon), or null for none */
        public Builder icon(FileIcon picture) {
            this.icon = picture;
            return this;
        }

        public FileOffer build() {
            return new FileOffer(this);
        }
    }
}
