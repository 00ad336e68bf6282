package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

import org.sipdrop.transfer.FileOffer;

/**
 * The file the kit transfers: random bytes (a fixed seed, so a failure repeats), written and
 * hashed in blocks so that no test holds a whole file in memory.
 */
final class KitFile {

    /** The name offered: no path, no character a storage would have to escape. */
    static final String NAME = "kit-source.bin";

    private final Path path;
    private final long size;
    private final byte[] sha1;

    private KitFile(Path path, long size, byte[] sha1) {
        this.path = path;
        this.size = size;
        this.sha1 = sha1;
    }

    static KitFile create(Path dir, long size) throws IOException {
        Path path = dir.resolve(NAME);
        byte[] block = new byte[64 * 1024];
        Random random = new Random(4483);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size; done += block.length) {
                random.nextBytes(block);
                ByteBuffer b = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - done));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
        return new KitFile(path, size, digest(path, "SHA-1"));
    }

    Path path() {
        return path;
    }

    long size() {
        return size;
    }

    /** @return the offer as a sender would make it: name, type, size and SHA-1 (RFC 5547 §6) */
    FileOffer offer() {
        return FileOffer.builder(NAME, size).mediaType(FileOffer.DEFAULT_TYPE).sha1(sha1).build();
    }

    /** Copies the first {@code bytes} of the file to {@code target}: what arrived before an interruption. */
    void copyPrefix(Path target, long bytes) throws IOException {
        try (FileChannel in = FileChannel.open(path); FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < bytes) {
                done += in.transferTo(done, bytes - done, out);
            }
        }
    }

    static String sha256(Path p) throws IOException {
        return HexFormat.of().formatHex(digest(p, "SHA-256"));
    }

    private static byte[] digest(Path p, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }
}
