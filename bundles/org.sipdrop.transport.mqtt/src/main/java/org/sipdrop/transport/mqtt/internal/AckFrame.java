package org.sipdrop.transport.mqtt.internal;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The payload of a message on the {@code ack} topic: a cumulative acknowledgement with credit.
 * All numbers big-endian.
 *
 * <pre>
 * offset size field
 *  0     1    version        = 1
 *  1     4    nextSequence   every chunk before it is written to disk
 *  5     8    nextOffset     every byte before it is written to disk
 * 13     4    window         the sender may have chunks nextSequence .. nextSequence+window-1 out
 * 17     4    maxChunk       the largest chunk this receiver takes, in bytes
 * </pre>
 *
 * Together, window and maxChunk are the receiver's credit: the sender never has more than
 * {@code window * maxChunk} bytes unacknowledged, whatever its own settings.
 *
 * An acknowledgement is idempotent: a duplicate or a late one (smaller {@code nextSequence})
 * changes nothing, because the sender keeps the highest it has seen.
 */
public record AckFrame(int nextSequence, long nextOffset, int window, int maxChunk) {

    public static final int VERSION = 1;
    public static final int LENGTH = 21;
    /** Largest window a receiver may grant; bounds its reorder buffer. */
    public static final int MAX_WINDOW = 1024;

    public AckFrame {
        if (nextSequence < 0 || nextOffset < 0) {
            throw new IllegalArgumentException("Ack positions must be >= 0, were " + nextSequence + ", " + nextOffset);
        }
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("Ack window must be 1.." + MAX_WINDOW + ", was " + window);
        }
        if (maxChunk < 1 || maxChunk > ChunkFrame.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("Ack maxChunk must be 1.." + ChunkFrame.MAX_CHUNK_SIZE + ", was " + maxChunk);
        }
    }

    /** @return the payload bytes */
    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).put((byte) VERSION).putInt(nextSequence).putLong(nextOffset).putInt(window).putInt(maxChunk).array();
    }

    /** @throws MalformedFrameException if {@code payload} is not exactly one valid ack frame */
    public static AckFrame decode(byte[] payload) throws MalformedFrameException {
        Objects.requireNonNull(payload, "payload");
        if (payload.length != LENGTH) {
            throw new MalformedFrameException("Ack frame must have " + LENGTH + " bytes, had " + payload.length);
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new MalformedFrameException("Ack frame version " + version + " is not supported (expected " + VERSION + ")");
        }
        try {
            return new AckFrame(in.getInt(), in.getLong(), in.getInt(), in.getInt());
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException(e.getMessage());
        }
    }

    /** @return whether the sender may publish chunk {@code sequence} now */
    public boolean permits(int sequence) {
        return sequence >= nextSequence && (long) sequence < (long) nextSequence + window;
    }
}
