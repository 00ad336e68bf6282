package org.sipdrop.negotiation.internal.pagemode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

import org.sipdrop.transfer.FileOffer;

/**
 * A file offered by content indirection (RFC 4483): where to fetch it, until when, how big, and
 * the headers of the phantom body (type, Content-ID, disposition with file name, description,
 * modification date and SHA-1). Immutable; {@link ExternalBodyCodec} puts it on the wire.
 */
public final class ExternalBody {

    /** Disposition SipDrop uses: the receiver stores the file (RFC 2183 §2.2). */
    public static final String ATTACHMENT = "attachment";

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");
    private static final Pattern CONTENT_ID = Pattern.compile("[\\x21-\\x7e&&[^<>\"\\\\()\\[\\],;:@]]+@[\\x21-\\x7e&&[^<>\"\\\\()\\[\\],;:@]]+");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");

    private final URI url;
    private final Instant expiration;
    private final Long size;
    private final String mediaType;
    private final String contentId;
    private final String disposition;
    private final String fileName;
    private final String description;
    private final Instant modified;
    private final String sha1Hex;

    private ExternalBody(Builder b) {
        this.url = requireUrl(b.url);
        this.expiration = b.expiration;
        if (b.size != null && b.size < 0) {
            throw new IllegalArgumentException("Size must be 0 or more octets, was " + b.size);
        }
        this.size = b.size;
        this.mediaType = b.mediaType == null ? FileOffer.DEFAULT_TYPE : b.mediaType.toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException("Not a media type (type/subtype): '" + b.mediaType + "'");
        }
        if (b.contentId != null && !CONTENT_ID.matcher(b.contentId).matches()) {
            throw new IllegalArgumentException("Not a Content-ID (id@domain, RFC 2392): '" + b.contentId + "'");
        }
        this.contentId = b.contentId;
        this.disposition = b.disposition == null ? ATTACHMENT : b.disposition.toLowerCase(Locale.ROOT);
        if (!MimeValue.isToken(disposition)) {
            throw new IllegalArgumentException("Not a disposition type (RFC 2183 §2): '" + b.disposition + "'");
        }
        if (b.fileName != null && b.fileName.isEmpty()) {
            throw new IllegalArgumentException("A file name cannot be empty");
        }
        this.fileName = b.fileName;
        this.description = b.description;
        this.modified = b.modified;
        this.sha1Hex = b.sha1Hex == null ? null : b.sha1Hex.replace(":", "").toLowerCase(Locale.ROOT);
        if (sha1Hex != null && !SHA1.matcher(sha1Hex).matches()) {
            throw new IllegalArgumentException("Not a SHA-1 (40 hex digits): '" + b.sha1Hex + "'");
        }
    }

    /** @return a builder for content fetched from {@code url} */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /**
     * Describes {@code offer} stored at {@code url}.
     *
     * @param contentId  a fresh Content-ID for this version of the content (RFC 4483 §5.6), e.g.
     *                   from {@link #newContentId(String)}
     * @param expiration when the URL stops working, or null
     */
    public static ExternalBody of(FileOffer offer, URI url, String contentId, Instant expiration) {
        Builder b = builder(url).mediaType(offer.mediaType()).size(offer.size()).contentId(contentId)
                .expiration(expiration).fileName(offer.name());
        offer.description().ifPresent(b::description);
        offer.modified().ifPresent(b::modified);
        offer.sha1Hex().ifPresent(b::sha1Hex);
        return b.build();
    }

    /** @return a random Content-ID {@code uuid@host} (RFC 2392 §2, unique per content version) */
    public static String newContentId(String host) {
        return UUID.randomUUID() + "@" + host;
    }

    /**
     * @return the file this body offers, for the receiver's acceptance policy; the name falls
     *         back to the last segment of the URL path
     * @throws PageModeException if the size is unknown, since no policy can judge the offer then
     */
    public FileOffer toOffer() throws PageModeException {
        if (size == null) {
            throw new PageModeException("The external-body offer for " + url
                    + " lacks the size parameter (RFC 2046 §5.2.3); SipDrop needs it to decide");
        }
        FileOffer.Builder b = FileOffer.builder(fileName != null ? fileName : nameFromUrl(), size)
                .mediaType(mediaType).modified(modified).description(description);
        if (sha1Hex != null) {
            b.sha1Hex(sha1Hex);
        }
        return b.build();
    }

    private String nameFromUrl() {
        String path = url.getPath() == null ? "" : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isEmpty() ? "download" : last;
    }

    public URI url() {
        return url;
    }

    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    public OptionalLong size() {
        return size == null ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** @return the type of the fetched content (inner Content-Type), lower case */
    public String mediaType() {
        return mediaType;
    }

    /** @return the Content-ID without angle brackets; absent only in bodies from legacy senders */
    public Optional<String> contentId() {
        return Optional.ofNullable(contentId);
    }

    /** @return the disposition type, {@code attachment} unless the sender said otherwise */
    public String disposition() {
        return disposition;
    }

    /** @return the sender's file name, as sent (not yet made safe for a disk) */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Optional<Instant> modified() {
        return Optional.ofNullable(modified);
    }

    /** @return the SHA-1 of the content as 40 lower-case hex digits, if sent */
    public Optional<String> sha1Hex() {
        return Optional.ofNullable(sha1Hex);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExternalBody)) {
            return false;
        }
        ExternalBody e = (ExternalBody) o;
        return url.equals(e.url) && Objects.equals(expiration, e.expiration) && Objects.equals(size, e.size)
                && mediaType.equals(e.mediaType) && Objects.equals(contentId, e.contentId)
                && disposition.equals(e.disposition) && Objects.equals(fileName, e.fileName)
                && Objects.equals(description, e.description) && Objects.equals(modified, e.modified)
                && Objects.equals(sha1Hex, e.sha1Hex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, size, mediaType, contentId, fileName);
    }

    @Override
    public String toString() {
        return "ExternalBody[" + url + ", " + mediaType + (size == null ? "" : ", " + size + " bytes")
                + (fileName == null ? "" : ", " + fileName) + "]";
    }

    private static URI requireUrl(URI url) {
        if (url == null || !url.isAbsolute()) { // RFC 4483 §4: any URI scheme the receiver can resolve
            throw new IllegalArgumentException("Content indirection needs an absolute URL such as https://host/file, got "
                    + url);
        }
        String s = url.toString();
        if (s.indexOf('"') >= 0 || !StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException("URL must be US-ASCII without quotes (RFC 2017 §2): " + s);
        }
        return url;
    }

    /** Builds an {@link ExternalBody}; only the URL is mandatory. */
    public static final class Builder {
        private final URI url;
        private Instant expiration;
        private Long size;
        private String mediaType;
        private String contentId;
        private String disposition;
        private String fileName;
        private String description;
        private Instant modified;
        private String sha1Hex;

        private Builder(URI url) {
            this.url = url;
        }

        public Builder expiration(Instant when) {
            this.expiration = when;
            return this;
        }

        public Builder size(long octets) {
            this.size = octets;
            return this;
        }

        public Builder mediaType(String type) {
            this.mediaType = type;
            return this;
        }

        /** @param id the Content-ID without angle brackets, e.g. {@code 4232423424@example.com} */
        public Builder contentId(String id) {
            this.contentId = id;
            return this;
        }

        public Builder disposition(String type) {
            this.disposition = type;
            return this;
        }

        public Builder fileName(String name) {
            this.fileName = name;
            return this;
        }

        public Builder description(String text) {
            this.description = text;
            return this;
        }

        public Builder modified(Instant when) {
            this.modified = when;
            return this;
        }

        /** @param hex 40 hex digits, colons allowed (RFC 5547 §6 hash syntax) */
        public Builder sha1Hex(String hex) {
            this.sha1Hex = hex;
            return this;
        }

        public ExternalBody build() {
            return new ExternalBody(this);
        }
    }
}
