package org.sipdrop.negotiation.internal.sdp;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The value of {@code a=file-selector} (RFC 5547 §6), which identifies a file by any of its name,
 * type, size and hash:
 *
 * <pre>
 * file-selector-attr = "file-selector" [":" selector *(SP selector)]
 * selector          = filename-selector / filesize-selector / filetype-selector / hash-selector
 * filename-selector = "name:" DQUOTE filename-string DQUOTE
 * filesize-selector = "size:" filesize-value
 * filetype-selector = "type:" type "/" subtype *(";" ft-parameter)
 * ft-parameter      = attribute "=" DQUOTE value-string DQUOTE
 * hash-selector     = "hash:" hash-algorithm ":" hash-value
 * hash-value        = 2UHEX *(":" 2UHEX)   ; upper-case hex bytes separated by colons
 * </pre>
 *
 * Name, type and size appear at most once; hash once per algorithm (RFC 5547 §6: a receiver
 * "MUST be prepared to receive SDP containing more than a single 'hash' selector"). On input,
 * lower-case hex digits and {@code size:0} (an empty file; RFC 4566 integer has no zero) are
 * accepted, and selectors this code does not know are skipped; output is always upper-case hex
 * and has only the four known selectors. An empty selector ({@code a=file-selector} without
 * value) only says the endpoint supports RFC 5547 file transfer. Immutable.
 */
public final class FileSelector {

    /** RFC 5547 §6: the only hash algorithm the RFC defines for the hash selector. */
    public static final String SHA_1 = "sha-1";

    private final String name;
    private final String mediaType;
    private final Map<String, String> typeParameters;
    private final long size;
    /** Hash bytes by algorithm in lower case, in the order given. */
    private final Map<String, byte[]> hashes;

    private FileSelector(String name, String mediaType, Map<String, String> typeParameters, long size,
            Map<String, byte[]> hashes) {
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("A file name in a file-selector is not empty (RFC 5547 §6)");
        }
        if (mediaType != null && !isMediaType(mediaType)) {
            throw new IllegalArgumentException("Not a media type (type/subtype, RFC 2045 tokens): " + mediaType);
        }
        Map<String, byte[]> h = new LinkedHashMap<>();
        hashes.forEach((algorithm, bytes) -> {
            if (algorithm == null || bytes == null) {
                throw new IllegalArgumentException("A hash selector needs both an algorithm and the hash bytes (RFC 5547 §6)");
            }
            if (!Tokens.isToken(algorithm) || bytes.length == 0) {
                throw new IllegalArgumentException("A hash selector needs an algorithm token and at least one byte");
            }
            String a = algorithm.toLowerCase(Locale.ROOT);
            if (SHA_1.equals(a) && bytes.length != 20) {
                throw new IllegalArgumentException("A sha-1 hash has 20 bytes, got " + bytes.length);
            }
            h.put(a, bytes.clone());
        });
        typeParameters.forEach((k, v) -> {
            if (!Tokens.isMimeToken(k) || v.isEmpty()) {
                throw new IllegalArgumentException("Bad media type parameter " + k + "=" + v);
            }
        });
        this.name = name;
        this.mediaType = mediaType;
        this.typeParameters = Collections.unmodifiableMap(new LinkedHashMap<>(typeParameters));
        this.size = size;
        this.hashes = Collections.unmodifiableMap(h);
    }

    /** @return the selector without any selector: capability only */
    public static FileSelector empty() {
        return new FileSelector(null, null, Map.of(), -1, Map.of());
    }

    /**
     * @param name file name or null; size -1 when unknown; hash may be null
     * @return a selector of the given parts
     */
    public static FileSelector of(String name, String mediaType, long size, String hashAlgorithm, byte[] hash) {
        if ((hashAlgorithm == null) != (hash == null)) {
            throw new IllegalArgumentException("A hash selector needs both an algorithm and the hash bytes (RFC 5547 §6)");
        }
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        if (hashAlgorithm != null) {
            hashes.put(hashAlgorithm, hash);
        }
        return new FileSelector(name, mediaType, Map.of(), size < 0 ? -1 : size, hashes);
    }

    /** @return this selector with media type parameters (values unencoded) */
    public FileSelector withTypeParameters(Map<String, String> parameters) {
        return new FileSelector(name, mediaType, parameters, size, hashes);
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return type/subtype without parameters */
    public Optional<String> mediaType() {
        return Optional.ofNullable(mediaType);
    }

    /** @return media type parameters, values decoded */
    public Map<String, String> typeParameters() {
        return typeParameters;
    }

    public OptionalLong size() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** @return the algorithm of {@link #hash()} in lower case: {@value #SHA_1} when present, else the first given */
    public Optional<String> hashAlgorithm() {
        return hashes.containsKey(SHA_1) ? Optional.of(SHA_1) : hashes.keySet().stream().findFirst();
    }

    /** @return a copy of the bytes of the sha-1 hash when present, else of the first hash given */
    public Optional<byte[]> hash() {
        return hashAlgorithm().map(a -> hashes.get(a).clone());
    }

    /** @return every hash selector: the bytes (copies) by algorithm in lower case */
    public Map<String, byte[]> hashes() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        hashes.forEach((a, b) -> copy.put(a, b.clone()));
        return copy;
    }

    /** @return whether no selector is present (a capability indication) */
    public boolean isEmpty() {
        return name == null && mediaType == null && size < 0 && hashes.isEmpty();
    }

    /**
     * Tells whether every selector present in {@code wanted} matches this one: how an answerer that
     * sends a pulled file checks that its file is the one the offer asked for (RFC 5547 §8.3.2).
     * Of the hashes, those of the algorithms both have must be equal, and there must be one such
     * algorithm when {@code wanted} has any hash: a hash this side cannot compute selects nothing.
     */
    public boolean satisfies(FileSelector wanted) {
        return (wanted.name == null || wanted.name.equals(name))
                && (wanted.mediaType == null || wanted.mediaType.equalsIgnoreCase(String.valueOf(mediaType)))
                && (wanted.size < 0 || wanted.size == size)
                && (wanted.hashes.isEmpty() || (commonHashes(wanted) > 0 && hashesAgree(wanted)));
    }

    /**
     * Tells whether this selector and {@code other} can describe the same file: every selector
     * present in both has the same value (type compared without parameters, hashes per common
     * algorithm). How an offerer checks an answer that may legally leave selectors out
     * (RFC 5547 §8.3.1: the receiver copies name, type and size; §8.3.2: the holder adds the
     * hash and may add the rest) but must not contradict the offer.
     */
    public boolean agreesWith(FileSelector other) {
        return (name == null || other.name == null || name.equals(other.name))
                && (mediaType == null || other.mediaType == null || mediaType.equalsIgnoreCase(other.mediaType))
                && (size < 0 || other.size < 0 || size == other.size)
                && hashesAgree(other);
    }

    private long commonHashes(FileSelector other) {
        return hashes.keySet().stream().filter(other.hashes::containsKey).count();
    }

    private boolean hashesAgree(FileSelector other) {
        return hashes.entrySet().stream().allMatch(e -> !other.hashes.containsKey(e.getKey())
                || Arrays.equals(e.getValue(), other.hashes.get(e.getKey())));
    }

    /** Parses the value after {@code a=file-selector:}; null or empty for the bare attribute. */
    public static FileSelector parse(String value) throws SdpException {
        return value == null || value.isEmpty() ? empty() : new FileSelectorReader(value).read();
    }

    /** @return the attribute value, selectors in the order name, type, size, hash as in RFC 5547 §9 (Fig. 8) */
    public String format() {
        StringBuilder b = new StringBuilder(128);
        if (name != null) {
            b.append("name:\"").append(PercentCoding.encode(name)).append('"');
        }
        if (mediaType != null) {
            b.append(b.length() == 0 ? "" : " ").append("type:").append(mediaType);
            typeParameters.forEach((k, v) -> b.append(';').append(k).append("=\"").append(PercentCoding.encode(v)).append('"'));
        }
        if (size >= 0) {
            b.append(b.length() == 0 ? "" : " ").append("size:").append(size);
        }
        hashes.forEach((algorithm, bytes) -> b.append(b.length() == 0 ? "" : " ").append("hash:").append(algorithm)
                .append(':').append(hex(bytes)));
        return b.toString();
    }

    /** RFC 5547 §6 hash-value: each byte as two upper-case hex digits, separated by colons. */
    static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 3);
        for (byte x : bytes) {
            b.append(b.length() == 0 ? "" : ":").append(String.format(Locale.ROOT, "%02X", x & 0xFF));
        }
        return b.toString();
    }

    static boolean isMediaType(String type) {
        int slash = type.indexOf('/');
        return slash > 0 && Tokens.isMimeToken(type.substring(0, slash)) && Tokens.isMimeToken(type.substring(slash + 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSelector && format().equals(((FileSelector) o).format());
    }

    @Override
    public int hashCode() {
        return format().hashCode();
    }

    @Override
    public String toString() {
        return format();
    }

    /** Builds a selector while parsing; name, type and size may be set once, a hash once per algorithm. */
    static final class Parts {
        String name;
        String mediaType;
        final Map<String, String> parameters = new LinkedHashMap<>();
        long size = -1;
        final Map<String, byte[]> hashes = new LinkedHashMap<>();

        FileSelector build() {
            return new FileSelector(name, mediaType, parameters, size, hashes);
        }
    }
}
