package org.sipdrop.negotiation.internal.pagemode;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import org.sipdrop.transfer.FileOffer;

/**
 * One {@code <file-info>} of a GSMA RCS FT-over-HTTP body (GSMA RCC.07, File Transfer via HTTP): the file itself
 * ({@code type="file"}) or its thumbnail ({@code type="thumbnail"}). Immutable.
 */
public final class RcsFileInfo {

    /** The two {@code file-info} types RCC.07 defines. */
    public enum Type {
        FILE("file"), THUMBNAIL("thumbnail");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        /** @return the attribute value, {@code file} or {@code thumbnail} */
        public String wire() {
            return wire;
        }
    }

    private final Type type;
    private final Long size;
    private final String name;
    private final String contentType;
    private final URI url;
    private final Instant until;
    private final String disposition;

    /**
     * @param type        file or thumbnail
     * @param size        octets, or null if the sender did not say (linphone's legacy fallback)
     * @param name        file name as sent, or null (thumbnails have none)
     * @param contentType media type, e.g. {@code image/png}
     * @param url         where to fetch the data
     * @param until       when the URL expires, or null
     * @param disposition {@code render} or {@code attachment} (RCS file-disposition), or null
     */
    public RcsFileInfo(Type type, Long size, String name, String contentType, URI url, Instant until,
            String disposition) {
        this.type = Objects.requireNonNull(type, "type");
        if (size != null && size < 0) {
            throw new IllegalArgumentException("file-size must be 0 or more octets, was " + size);
        }
        this.size = size;
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("file-name cannot be empty");
        }
        this.name = name;
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("file-info needs a content-type");
        }
        this.contentType = contentType.strip();
        this.url = Objects.requireNonNull(url, "data url");
        if (!url.isAbsolute()) {
            throw new IllegalArgumentException("data url must be absolute, got " + url);
        }
        this.until = until;
        this.disposition = disposition;
    }

    /** @return the file-info for {@code offer} stored at {@code url} until {@code until} */
    public static RcsFileInfo of(FileOffer offer, URI url, Instant until) {
        return new RcsFileInfo(Type.FILE, offer.size(), offer.name(), offer.mediaType(), url, until, null);
    }

    /**
     * @return the offer this file-info describes; the name falls back to the URL's last segment
     * @throws PageModeException if the size is missing or the content type is not type/subtype
     */
    public FileOffer toOffer() throws PageModeException {
        if (size == null) {
            throw new PageModeException("RCS file-info for " + url + " lacks file-size; SipDrop needs it to decide");
        }
        String n = name;
        if (n == null) {
            String path = url.getPath() == null ? "" : url.getPath();
            n = path.substring(path.lastIndexOf('/') + 1);
            n = n.isEmpty() ? "download" : n;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        try {
            return FileOffer.builder(n, size).mediaType(media).build();
        } catch (IllegalArgumentException e) {
            throw new PageModeException("RCS file-info is unusable: " + e.getMessage(), e);
        }
    }

    public Type type() {
        return type;
    }

    public OptionalLong size() {
        return size == null ? OptionalLong.empty() : OptionalLong.of(size);
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return the content-type as sent, parameters included (e.g. {@code audio/wav;voice-recording=yes}) */
    public String contentType() {
        return contentType;
    }

    public URI url() {
        return url;
    }

    public Optional<Instant> until() {
        return Optional.ofNullable(until);
    }

    public Optional<String> disposition() {
        return Optional.ofNullable(disposition);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RcsFileInfo)) {
            return false;
        }
        RcsFileInfo f = (RcsFileInfo) o;
        return type == f.type && Objects.equals(size, f.size) && Objects.equals(name, f.name)
                && contentType.equals(f.contentType) && url.equals(f.url) && Objects.equals(until, f.until)
                && Objects.equals(disposition, f.disposition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, size, name, contentType, url, until, disposition);
    }

    @Override
    public String toString() {
        return "RcsFileInfo[" + type.wire + ", " + name + ", " + contentType + ", " + size + ", " + url + "]";
    }
}
