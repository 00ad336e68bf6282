package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ChunkFrameTest {

    private static final byte[] HELLO = "hello, world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void roundTripsHeaderAndBytes() throws Exception {
        byte[] payload = ChunkFrame.encode(7, 1000, false, HELLO, 0, HELLO.length);
        assertEquals(ChunkFrame.HEADER_LENGTH + HELLO.length, payload.length);
        ChunkFrame f = ChunkFrame.decode(payload, 1024);
        assertEquals(7, f.sequence());
        assertEquals(1000, f.offset());
        assertFalse(f.last());
        assertEquals(HELLO.length, f.length());
        assertEquals(1000 + HELLO.length, f.end());
        byte[] out = new byte[f.length()];
        f.data().get(out);
        assertArrayEquals(HELLO, out);
        assertTrue(f.data().isReadOnly());
    }

    @Test
    void headerLayoutIsBigEndianAsDocumented() {
        byte[] payload = ChunkFrame.encode(0x01020304, 0x05060708090A0B0CL, true, HELLO, 7, 5);
        ByteBuffer in = ByteBuffer.wrap(payload);
        assertEquals(1, in.get());
        assertEquals(ChunkFrame.FLAG_LAST, in.get());
        assertEquals(0x01020304, in.getInt());
        assertEquals(0x05060708090A0B0CL, in.getLong());
        assertEquals(5, in.getInt());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("world".getBytes(StandardCharsets.US_ASCII));
        assertEquals((int) crc.getValue(), in.getInt());
        assertEquals("world", new String(payload, ChunkFrame.HEADER_LENGTH, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void lastChunkMayBeEmptyForAnEmptyFile() throws Exception {
        ChunkFrame f = ChunkFrame.decode(ChunkFrame.encode(0, 0, true, new byte[0], 0, 0), 1);
        assertTrue(f.last());
        assertEquals(0, f.length());
    }

    @Test
    void rejectsEmptyChunkThatIsNotLast() {
        assertThrows(IllegalArgumentException.class, () -> ChunkFrame.encode(0, 0, false, new byte[0], 0, 0));
        byte[] payload = ChunkFrame.encode(0, 0, true, new byte[0], 0, 0);
        payload[1] = 0;
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(payload, 10));
    }

    @Test
    void rejectsDamagedChunkBytesByCrc() {
        byte[] payload = ChunkFrame.encode(1, 0, false, HELLO, 0, HELLO.length);
        payload[ChunkFrame.HEADER_LENGTH + 3] ^= 0x01;
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(payload, 1024));
        assertTrue(e.getMessage().contains("CRC"));
    }

    @Test
    void rejectsTruncatedAndPaddedPayloads() {
        byte[] payload = ChunkFrame.encode(1, 0, false, HELLO, 0, HELLO.length);
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(Arrays.copyOf(payload, payload.length - 1), 1024));
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(Arrays.copyOf(payload, payload.length + 1), 1024));
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(new byte[ChunkFrame.HEADER_LENGTH - 1], 1024));
    }

    @Test
    void rejectsChunkLargerThanMaxSize() {
        byte[] payload = ChunkFrame.encode(1, 0, false, HELLO, 0, HELLO.length);
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(payload, HELLO.length - 1));
        assertTrue(e.getMessage().contains("length"));
    }

    @Test
    void rejectsUnknownVersionAndReservedFlags() {
        byte[] payload = ChunkFrame.encode(1, 0, false, HELLO, 0, HELLO.length);
        byte[] v2 = payload.clone();
        v2[0] = 2;
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(v2, 1024));
        byte[] flags = payload.clone();
        flags[1] = (byte) 0x80;
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(flags, 1024));
    }

    @Test
    void rejectsNegativeSequenceAndOffsetAndOverflow() {
        byte[] payload = ChunkFrame.encode(1, 0, false, HELLO, 0, HELLO.length);
        byte[] seq = payload.clone();
        seq[2] = (byte) 0x80;
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(seq, 1024));
        byte[] off = payload.clone();
        off[6] = (byte) 0x80;
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(off, 1024));
        assertThrows(IllegalArgumentException.class, () -> ChunkFrame.encode(0, Long.MAX_VALUE - 2, false, HELLO, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> ChunkFrame.encode(-1, 0, false, HELLO, 0, 5));
    }

    @Test
    void rejectsNegativeLengthInHeader() {
        byte[] payload = ChunkFrame.encode(1, 0, false, HELLO, 0, HELLO.length);
        ByteBuffer.wrap(payload).putInt(14, -1);
        assertThrows(MalformedFrameException.class, () -> ChunkFrame.decode(payload, 1024));
    }

    @Test
    void rejectsOutOfBoundsSourceSlice() {
        assertThrows(IndexOutOfBoundsException.class, () -> ChunkFrame.encode(0, 0, false, HELLO, 8, 10));
    }

    @Test
    void maxChunkSizeArgumentIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> ChunkFrame.decode(new byte[30], 0));
        assertThrows(IllegalArgumentException.class, () -> ChunkFrame.decode(new byte[30], ChunkFrame.MAX_CHUNK_SIZE + 1));
    }
}
