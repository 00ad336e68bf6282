package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10 MB chunk goes writer → pipe → reader through 4 KiB buffers: neither side ever holds more
 * than a buffer of body (every write and every slice is bounded), and the bytes arrive intact.
 * The test JVM runs with a small heap, so whole-body buffering would also show up there.
 */
class LargeBodyStreamingTest {

    private static final int SIZE = 10 * 1024 * 1024;
    private static final int BUFFER = 4096;

    /** Deterministic body bytes generated on the fly, salted with CRLF and hyphen runs. */
    private static ReadableByteChannel generator(long seed) {
        Random random = new Random(seed);
        return new ReadableByteChannel() {
            private long produced;

            @Override
            public int read(ByteBuffer dst) {
                if (produced == SIZE) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), SIZE - produced);
                for (int i = 0; i < n; i++) {
                    int r = random.nextInt(64);
                    dst.put(r == 0 ? (byte) '\r' : r == 1 ? (byte) '\n' : r < 12 ? (byte) '-' : (byte) r);
                }
                produced += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] digestOf(ReadableByteChannel in) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(BUFFER);
        while (in.read(b) >= 0) {
            b.flip();
            md.update(b);
            b.clear();
        }
        return md.digest();
    }

    @Test
    void streamsTenMegabytesThroughFourKilobyteBuffers(@TempDir Path dir) throws Exception {
        Path spool = dir.resolve("wire.bin");
        MsrpHeaders h = MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)))
                .messageId("big00001").byteRange(new ByteRange(1, SIZE, SIZE)).contentType("application/octet-stream")
                .build();
        int[] largestWrite = {0};
        try (FileChannel wire = FileChannel.open(spool, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            WritableByteChannel counting = new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    largestWrite[0] = Math.max(largestWrite[0], src.remaining());
                    return wire.write(src);
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            };
            MsrpFrameWriter writer = new MsrpFrameWriter(counting, BUFFER, TransactionIds.secureRandom());
            WriteResult r = writer.writeRequest(new MsrpRequest(writer.newTransactionId(), "SEND", h),
                    BodySource.ofChannel(generator(42), SIZE), ContinuationFlag.COMPLETE);
            assertEquals(SIZE, r.bodyBytes());
        }
        assertTrue(largestWrite[0] <= BUFFER, "largest write " + largestWrite[0]);

        Path received = dir.resolve("received.bin");
        try (FileChannel wire = FileChannel.open(spool);
                FileChannel out = FileChannel.open(received, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            MsrpFrameReader reader = new MsrpFrameReader(wire, BUFFER, MsrpCodecLimits.defaults());
            ReceivedFrame f = reader.next();
            long offset = f.request().headers().byteRange().orElseThrow().offset();
            long total = 0;
            for (ByteBuffer s = f.body().nextSlice(Integer.MAX_VALUE); s != null; s = f.body().nextSlice(
                    Integer.MAX_VALUE)) {
                assertTrue(s.remaining() <= BUFFER, "slice " + s.remaining());
                total += s.remaining();
                while (s.hasRemaining()) {
                    out.write(s, offset + total - s.remaining());
                }
            }
            assertEquals(SIZE, total);
            assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
            assertNull(reader.next());
        }
        try (FileChannel in = FileChannel.open(received)) {
            assertEquals(SIZE, in.size());
            assertArrayEquals(digestOf(generator(42)), digestOf(in));
        }
    }
}
