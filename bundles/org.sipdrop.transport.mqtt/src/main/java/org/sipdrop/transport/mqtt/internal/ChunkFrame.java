package org.sipdrop.transport.mqtt.internal;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * One chunk of a file as the payload of a message on the {@code data} topic: a fixed
 * {@value #HEADER_LENGTH}-byte header followed by the chunk bytes. All numbers big-endian.
 *
 * <pre>
 * offset size field
 *  0     1    version      = 1
 *  1     1    flags        bit 0: LAST (no chunk follows); bits 1-7 must be 0
 *  2     4    sequence     0 for the first chunk, +1 per chunk (0 .. 2^31-1)
 *  6     8    offset       position of the first byte in the file (&gt;= 0)
 * 14     4    length       number of chunk bytes after the header
 * 18     4    crc32        CRC-32 (IEEE 802.3, java.util.zip.CRC32) of the chunk bytes
 * 22     length            the chunk bytes
 * </pre>
 *
 * The sequence lets the receiver drop duplicates and reorder within its window; the offset
 * lets it check the chunk continues the file (and resume from a byte position); the CRC catches
 * a damaged or mixed-up payload at once (the SHA-1 of the whole file is checked at the end).
 * Decoding is strict: the payload length must be exactly header + length, reserved bits zero,
 * the CRC right, the length at most the negotiated maximum, and only the last chunk may be empty.
 */
public final class ChunkFrame {

    /** Format version this codec writes and reads. */
    public static final int VERSION = 1;
    /** Header size in bytes. */
    public static final int HEADER_LENGTH = 22;
    /** Flag bit: this is the last chunk of the file. */
    public static final int FLAG_LAST = 0x01;
    /** Suggested chunk size: small enough for default broker limits, large enough to be fast. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /**
     * Largest chunk any frame may carry: MQTT 3.1.1 §2.2.3 caps the Remaining Length at
     * 268,435,455 bytes; 16 MiB leaves room for the topic and stays within common broker limits.
     */
    public static final int MAX_CHUNK_SIZE = 16 * 1024 * 1024;

    private final int sequence;
    private final long offset;
    private final boolean last;
    private final ByteBuffer data;

    private ChunkFrame(int sequence, long offset, boolean last, ByteBuffer data) {
        this.sequence = sequence;
        this.offset = offset;
        this.last = last;
        this.data = data;
    }

    /**
     * @param sequence &gt;= 0
     * @param offset &gt;= 0
     * @param last whether no chunk follows
     * @param bytes the array holding the chunk
     * @param from start of the chunk in {@code bytes}
     * @param length chunk length, 0 .. {@link #MAX_CHUNK_SIZE}; 0 only for the last chunk
     * @return the payload: header and chunk bytes
     */
    public static byte[] encode(int sequence, long offset, boolean last, byte[] bytes, int from, int length) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.checkFromIndexSize(from, length, bytes.length);
        check(sequence, offset, last, length, MAX_CHUNK_SIZE);
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + length);
        out.put((byte) VERSION).put((byte) (last ? FLAG_LAST : 0)).putInt(sequence).putLong(offset).putInt(length)
                .putInt((int) crc.getValue()).put(bytes, from, length);
        return out.array();
    }

    /**
     * @param payload the MQTT message payload
     * @param maxChunkSize the largest chunk this receiver accepts (1 .. {@link #MAX_CHUNK_SIZE})
     * @return the frame; its {@link #data()} is a read-only view of {@code payload}
     * @throws MalformedFrameException saying which rule the payload breaks
     */
    public static ChunkFrame decode(byte[] payload, int maxChunkSize) throws MalformedFrameException {
        Objects.requireNonNull(payload, "payload");
        if (maxChunkSize < 1 || maxChunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("maxChunkSize must be 1.." + MAX_CHUNK_SIZE + ", was " + maxChunkSize);
        }
        if (payload.length < HEADER_LENGTH) {
            throw new MalformedFrameException("Chunk frame has " + payload.length + " bytes, less than its " + HEADER_LENGTH + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new MalformedFrameException("Chunk frame version " + version + " is not supported (expected " + VERSION + ")");
        }
        int flags = in.get() & 0xFF;
        if ((flags & ~FLAG_LAST) != 0) {
            throw new MalformedFrameException("Chunk frame has reserved flag bits set: 0x" + Integer.toHexString(flags));
        }
        int sequence = in.getInt();
        long offset = in.getLong();
        int length = in.getInt();
        int crc = in.getInt();
        boolean last = (flags & FLAG_LAST) != 0;
        try {
            check(sequence, offset, last, length, maxChunkSize);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(e.getMessage());
        }
        if (payload.length - HEADER_LENGTH != length) {
            throw new MalformedFrameException("Chunk frame announces " + length + " bytes but carries " + (payload.length - HEADER_LENGTH));
        }
        CRC32 actual = new CRC32();
        actual.update(payload, HEADER_LENGTH, length);
        if ((int) actual.getValue() != crc) {
            throw new MalformedFrameException("Chunk " + sequence + " at offset " + offset + " fails its CRC-32 check");
        }
        return new ChunkFrame(sequence, offset, last, ByteBuffer.wrap(payload, HEADER_LENGTH, length).slice().asReadOnlyBuffer());
    }

    private static void check(int sequence, long offset, boolean last, int length, int maxChunkSize) {
        if (sequence < 0) {
            throw new IllegalArgumentException("Chunk sequence must be >= 0, was " + sequence);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("Chunk offset must be >= 0, was " + offset);
        }
        if (length < 0 || length > maxChunkSize) {
            throw new IllegalArgumentException("Chunk length must be 0.." + maxChunkSize + ", was " + length);
        }
        if (length == 0 && !last) {
            throw new IllegalArgumentException("Only the last chunk may be empty (chunk " + sequence + ")");
        }
        if (offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("Chunk offset " + offset + " plus length " + length + " overflows");
        }
    }

    public int sequence() {
        return sequence;
    }

    public long offset() {
        return offset;
    }

    /** @return whether no chunk follows this one */
    public boolean last() {
        return last;
    }

    public int length() {
        return data.remaining();
    }

    /** @return the offset just past this chunk */
    public long end() {
        return offset + length();
    }

    /** @return the chunk bytes as a read-only buffer positioned at 0 (a new view per call) */
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public String toString() {
        return "chunk " + sequence + " [" + offset + ", " + end() + ")" + (last ? " last" : "");
    }
}
