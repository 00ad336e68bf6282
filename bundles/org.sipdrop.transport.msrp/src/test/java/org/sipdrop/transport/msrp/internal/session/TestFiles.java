package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Random files and their hashes, for transfer tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** @return a file of {@code size} pseudo-random bytes (seeded: reproducible) */
    static Path random(Path dir, String name, long size, long seed) throws IOException {
        Path p = dir.resolve(name);
        Random r = new Random(seed);
        byte[] block = new byte[64 * 1024];
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < size;) {
                r.nextBytes(block);
                int n = (int) Math.min(block.length, size - done);
                ByteBuffer b = ByteBuffer.wrap(block, 0, n);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                done += n;
            }
        }
        return p;
    }

    /** @return the SHA-256 of a file, hex */
    static String sha256(Path p) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            try (FileChannel ch = FileChannel.open(p)) {
                while (ch.read(b) >= 0) {
                    b.flip();
                    md.update(b);
                    b.clear();
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a writable, readable channel for a new file */
    static FileChannel create(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }
}
