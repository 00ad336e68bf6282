package org.sipdrop.negotiation.internal.pagemode;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats and strictly parses content indirection bodies (RFC 4483 §5-§7 on RFC 2017 and RFC
 * 2046 §5.2.3):
 *
 * <pre>
 * Content-Type: message/external-body; access-type="URL"; URL="https://store.example.com/f/8f3a";
 *     expiration="Sat, 01 Jun 2024 10:00:00 GMT"; size=52234;
 *     hash=72245FE8653753DB0C535D1C997D6498E2F23F4A                (the SIP header, {@link #contentType})
 *
 * Content-Type: image/jpeg                                          (the body, {@link #body})
 * Content-ID: &lt;4232423424@example.com&gt;
 * Content-Disposition: attachment; filename="photo.jpg"; modification-date="..."; hash="sha-1:72:24:..."
 * Content-Description: Holiday photo
 * </pre>
 *
 * The URL is written as RFC 2017 §3.1 URL-words of at most 40 characters ({@link UrlParameter}),
 * so a multipart body part can fold the header across lines ({@link MimeHeaders.Builder#addFolded}).
 * The file name is written as {@code filename="..."} when it is plain printable ASCII; otherwise
 * an ASCII fallback plus {@code filename*=UTF-8''...} (RFC 6266 §4.3, RFC 8187), which carries
 * quotes, CR/LF and any Unicode exactly and harmlessly. Pure functions; thread-safe.
 */
public final class ExternalBodyCodec {

    /** Media type of a content indirection body, RFC 2046 §5.2.3. */
    public static final String MEDIA_TYPE = "message/external-body";

    /** The only access type RFC 4483 §5 uses: a URL (RFC 2017). */
    public static final String ACCESS_TYPE_URL = "URL";

    /** Largest body accepted: the phantom header block is small. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    /**
     * The name of both hash parameters: on the external-body Content-Type, the hexadecimal SHA-1
     * of the content (RFC 4483 §5.12, the standard place); on the phantom Content-Disposition,
     * SipDrop's earlier place for it, in the RFC 5547 §6 syntax ("sha-1:HH:..."), still written
     * for older SipDrop receivers.
     */
    static final String HASH_PARAM = "hash";

    /** RFC 1123 date as RFC 4483 §5.7 / RFC 2046 §5.2.3.1 want it, two-digit day, always GMT. */
    private static final DateTimeFormatter RFC1123 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The RFC 4483 §6 example writes the full month name ("24 June 2002"); read that too. */
    private static final DateTimeFormatter LONG_MONTH =
            DateTimeFormatter.ofPattern("EEE, d MMMM yyyy HH:mm:ss zzz", Locale.US);

    private ExternalBodyCodec() {
    }

    /** @return the value of the SIP {@code Content-Type} header for {@code e} */
    public static String contentType(ExternalBody e) {
        MimeValue.Builder b = MimeValue.of(MEDIA_TYPE).param("access-type", ACCESS_TYPE_URL)
                .param("URL", UrlParameter.words(e.url().toASCIIString()));
        e.expiration().ifPresent(t -> b.param("expiration", RFC1123.format(t)));
        e.size().ifPresent(s -> b.param("size", Long.toString(s)));
        e.sha1Hex().ifPresent(x -> b.param(HASH_PARAM, x.toUpperCase(Locale.ROOT)));
        return b.build().format();
    }

    /** @return the body: the phantom entity's headers, then the empty line; no phantom content */
    public static byte[] body(ExternalBody e) {
        MimeHeaders.Builder h = MimeHeaders.builder().add("Content-Type", e.mediaType());
        e.contentId().ifPresent(id -> h.add("Content-ID", "<" + id + ">"));
        MimeValue.Builder d = MimeValue.of(e.disposition());
        e.fileName().ifPresent(n -> fileName(d, n));
        e.modified().ifPresent(t -> d.param("modification-date", RFC1123.format(t)));
        e.sha1Hex().ifPresent(x -> d.param(HASH_PARAM, "sha-1:" + colonHex(x)));
        h.add("Content-Disposition", d.build().format());
        e.description().ifPresent(t -> h.add("Content-Description", EncodedWords.encode(t)));
        return (h.build().format() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6266 §4.3: an ASCII fallback first, the exact name as an RFC 8187 ext-value when they differ. */
    private static void fileName(MimeValue.Builder d, String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= ' ' && c < 127 && c != '"' && c != '\\' ? (char) c : '_'));
        d.param("filename", ascii.toString());
        if (!ascii.toString().equals(name)) {
            d.extParam("filename", name);
        }
    }

    private static String colonHex(String hex) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            sb.append(i == 0 ? "" : ":").append(hex.substring(i, i + 2).toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    /**
     * @param contentType the SIP {@code Content-Type} header value
     * @param body        the message body (the phantom entity headers); may be empty, as legacy
     *                    linphone sends, in which case the type is application/octet-stream and
     *                    there is no Content-ID
     */
    public static ExternalBody parse(String contentType, byte[] body) throws PageModeException {
        MimeValue outer = MimeValue.parse(contentType);
        if (!outer.is(MEDIA_TYPE)) {
            throw new PageModeException("Expected " + MEDIA_TYPE + ", got " + outer.value());
        }
        String access = outer.param("access-type").orElseThrow(() -> new PageModeException(
                "message/external-body lacks the mandatory access-type parameter (RFC 2046 §5.2.3)"));
        if (!access.equalsIgnoreCase(ACCESS_TYPE_URL)) {
            throw new PageModeException("Unsupported access-type '" + access + "': RFC 4483 content indirection uses URL");
        }
        String rawUrl = outer.param("url").orElseThrow(() -> new PageModeException(
                "access-type URL without the URL parameter (RFC 2017 §3)"));
        rawUrl = UrlParameter.url(rawUrl);
        ExternalBody.Builder b;
        try {
            b = ExternalBody.builder(new URI(rawUrl));
        } catch (URISyntaxException e) {
            throw new PageModeException("Bad URL parameter '" + rawUrl + "': " + e.getMessage(), e);
        }
        Optional<String> exp = outer.param("expiration");
        if (exp.isPresent()) {
            b.expiration(date("expiration", exp.get()));
        }
        Optional<String> size = outer.param("size");
        if (size.isPresent()) {
            b.size(size("size", size.get()));
        }
        Optional<String> outerHash = outer.param(HASH_PARAM);
        String hash = outerHash.isPresent() ? rfc4483Hash(outerHash.get()) : null;
        Optional<String> phantomHash = readPhantomHeaders(body, b);
        if (hash != null && phantomHash.isPresent() && !hash.equals(phantomHash.get())) {
            throw new PageModeException("The offer gives two different SHA-1 hashes of the file: " + hash
                    + " (hash of the message/external-body, RFC 4483 §5.12) and " + phantomHash.get()
                    + " (hash of its Content-Disposition); refused, since the download could match at most one");
        }
        if (hash != null || phantomHash.isPresent()) {
            b.sha1Hex(hash != null ? hash : phantomHash.get());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new PageModeException("Unacceptable external-body: " + e.getMessage(), e);
        }
    }

    /** Reads the phantom headers into {@code b}; @return the Content-Disposition hash, if any, as lower-case hex */
    private static Optional<String> readPhantomHeaders(byte[] body, ExternalBody.Builder b) throws PageModeException {
        if (body.length > MAX_BODY_BYTES) {
            throw new PageModeException("external-body of " + body.length + " bytes exceeds the limit of "
                    + MAX_BODY_BYTES);
        }
        int end = MimeHeaders.blankLine(body, 0);
        MimeHeaders h = MimeHeaders.parse(MimeHeaders.utf8(body, 0, end < 0 ? body.length : end, "external-body"));
        for (String single : new String[] {"Content-Type", "Content-ID", "Content-Disposition"}) {
            if (h.count(single) > 1) {
                throw new PageModeException("external-body has " + h.count(single) + " " + single + " headers");
            }
        }
        Optional<String> type = h.first("Content-Type");
        if (type.isPresent()) {
            b.mediaType(MimeValue.parse(type.get()).value());
        }
        Optional<String> cid = h.first("Content-ID");
        if (cid.isPresent()) {
            String v = cid.get();
            if (!v.startsWith("<") || !v.endsWith(">")) {
                throw new PageModeException("Content-ID must be <id@domain> (RFC 2045 §7), got '" + v + "'");
            }
            b.contentId(v.substring(1, v.length() - 1));
        }
        String dispositionHash = null;
        Optional<String> disp = h.first("Content-Disposition");
        if (disp.isPresent()) {
            MimeValue d = MimeValue.parse(disp.get());
            b.disposition(d.value());
            d.param("filename").ifPresent(b::fileName);
            Optional<String> mod = d.param("modification-date");
            if (mod.isPresent()) {
                b.modified(date("modification-date", mod.get()));
            }
            Optional<String> hash = d.param(HASH_PARAM);
            if (hash.isPresent()) {
                dispositionHash = sha1(hash.get());
            }
        }
        Optional<String> desc = h.first("Content-Description");
        if (desc.isPresent()) {
            b.description(EncodedWords.decode(desc.get()));
        }
        return Optional.ofNullable(dispositionHash);
    }

    /**
     * RFC 4483 §5.12: "a hexadecimal encoding of the hash", a SHA-1, so 40 hex digits in either
     * case. A shorter or longer value cannot be checked against the download, so the offer is
     * refused rather than the file accepted unverified.
     *
     * @return the hash as lower-case hex
     */
    private static String rfc4483Hash(String v) throws PageModeException {
        if (!v.matches("[0-9A-Fa-f]+")) {
            throw new PageModeException("The hash parameter '" + v + "' of the message/external-body is not "
                    + "hexadecimal (RFC 4483 §5.12)");
        }
        if (v.length() != 40) {
            throw new PageModeException("The hash parameter '" + v + "' of the message/external-body has "
                    + v.length() + " hex digits, but RFC 4483 §5.12 asks for a SHA-1, which has 40 (20 octets)");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /** RFC 5547 §6: hash = hash-algorithm ":" hash-value; only sha-1 is defined. */
    private static String sha1(String v) throws PageModeException {
        if (!v.regionMatches(true, 0, "sha-1:", 0, 6)) {
            throw new PageModeException("Unsupported hash '" + v + "': RFC 5547 §6 defines sha-1:HH:HH:...");
        }
        String hex = v.substring(6).replace(":", "");
        try {
            HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new PageModeException("Hash value is not hex: '" + v + "'", e);
        }
        if (hex.length() != 40) {
            throw new PageModeException("A SHA-1 has 20 octets, got '" + v + "'");
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static long size(String name, String v) throws PageModeException {
        if (!v.matches("[0-9]{1,18}")) {
            throw new PageModeException("Parameter " + name + " must be a number of octets, got '" + v + "'");
        }
        return Long.parseLong(v);
    }

    private static Instant date(String name, String v) throws PageModeException {
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(v, LONG_MONTH).toInstant();
            } catch (DateTimeParseException e2) {
                throw new PageModeException("Parameter " + name + " is not an RFC 1123 date such as "
                        + "\"Sat, 01 Jun 2024 10:00:00 GMT\": '" + v + "'", e);
            }
        }
    }
}
