package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AckFrameTest {

    @Test
    void roundTrips() throws Exception {
        AckFrame ack = new AckFrame(12, 12 * 65536L, 16, 65536);
        assertEquals(AckFrame.LENGTH, ack.encode().length);
        assertEquals(ack, AckFrame.decode(ack.encode()));
    }

    @Test
    void creditCoversExactlyTheWindow() {
        AckFrame ack = new AckFrame(10, 0, 4, 1024);
        assertFalse(ack.permits(9), "already acknowledged");
        assertTrue(ack.permits(10));
        assertTrue(ack.permits(13));
        assertFalse(ack.permits(14), "beyond the credit");
        assertTrue(new AckFrame(Integer.MAX_VALUE, 0, 4, 1024).permits(Integer.MAX_VALUE));
    }

    @Test
    void rejectsWrongLengthVersionAndValues() {
        byte[] good = new AckFrame(1, 1, 1, 1).encode();
        assertThrows(MalformedFrameException.class, () -> AckFrame.decode(new byte[AckFrame.LENGTH - 1]));
        assertThrows(MalformedFrameException.class, () -> AckFrame.decode(new byte[AckFrame.LENGTH + 1]));
        byte[] v = good.clone();
        v[0] = 9;
        assertThrows(MalformedFrameException.class, () -> AckFrame.decode(v));
        byte[] w = good.clone();
        w[16] = 0;
        assertThrows(MalformedFrameException.class, () -> AckFrame.decode(w), "window 0");
        byte[] c = good.clone();
        c[20] = 0;
        assertThrows(MalformedFrameException.class, () -> AckFrame.decode(c), "maxChunk 0");
        assertThrows(IllegalArgumentException.class, () -> new AckFrame(0, 0, 1, ChunkFrame.MAX_CHUNK_SIZE + 1));
        assertThrows(IllegalArgumentException.class, () -> new AckFrame(0, 0, AckFrame.MAX_WINDOW + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new AckFrame(-1, 0, 1, 1));
    }
}
