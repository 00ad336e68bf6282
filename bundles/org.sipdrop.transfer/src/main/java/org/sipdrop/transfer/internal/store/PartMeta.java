package org.sipdrop.transfer.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.sipdrop.transfer.FileOffer;

/**
 * The sidecar {@code <name>.part.meta} beside a part file: which offer the part belongs to
 * (offered name, size and SHA-1, the identity of a file per RFC 5547 §8.1), so that a later
 * {@code begin} of the same offer resumes it and an offer of another file with the same name
 * never appends to it. A small UTF-8 {@link Properties} text:
 *
 * <pre>
 * format=sipdrop-part-1
 * name=report.pdf
 * size=32349
 * sha1=72245fe8653ddde2def3f86df52a25a35c0e5b5d   (absent when the offer had no hash)
 * </pre>
 */
final class PartMeta {

    /** Appended to the part file's name. */
    static final String SUFFIX = ".meta";

    private static final String FORMAT = "sipdrop-part-1";
    /** A sidecar is tiny; anything larger is not ours. */
    private static final int MAX_BYTES = 64 * 1024;

    private final String name;
    private final long size;
    private final String sha1Hex;

    private PartMeta(String name, long size, String sha1Hex) {
        this.name = name;
        this.size = size;
        this.sha1Hex = sha1Hex;
    }

    static PartMeta of(FileOffer offer) {
        return new PartMeta(offer.name(), offer.size(), offer.sha1Hex().orElse(null));
    }

    /** @return true when this sidecar was written for an offer of the same name, size and hash */
    boolean describes(FileOffer offer) {
        return name.equals(offer.name()) && size == offer.size()
                && Objects.equals(sha1Hex, offer.sha1Hex().orElse(null));
    }

    /** @return true when the part can be continued: only a hash proves the old bytes belong to this file */
    boolean resumable() {
        return sha1Hex != null;
    }

    /**
     * Creates the sidecar; never replaces an existing file and never follows a link.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the name is taken
     */
    void create(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("name", name);
        p.setProperty("size", Long.toString(size));
        if (sha1Hex != null) {
            p.setProperty("sha1", sha1Hex);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            p.store(w, "SipDrop: the offer this .part file belongs to; delete both to discard");
        }
    }

    /**
     * Reads a sidecar.
     *
     * @return the sidecar, or empty when the file is missing, not a regular file (a link is
     *         never followed), too large or not in our format: then it is not ours
     */
    static Optional<PartMeta> read(Path file) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attrs.isRegularFile() || attrs.size() > MAX_BYTES) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(new String(bytes, StandardCharsets.UTF_8))) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a malformed \\u escape: not ours
        }
        String name = p.getProperty("name");
        String size = p.getProperty("size");
        if (!FORMAT.equals(p.getProperty("format")) || name == null || size == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PartMeta(name, Long.parseLong(size), p.getProperty("sha1")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
