package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @Test
    void parsesKnownRange() {
        ByteRange r = ByteRange.parse("1-25/25");
        assertEquals(new ByteRange(1, 25, 25), r);
        assertEquals(0, r.offset());
        assertEquals("1-25/25", r.toString());
    }

    @Test
    void acceptsStarForUnknownEndAndTotal() {
        ByteRange r = ByteRange.parse("26-*/*");
        assertEquals(26, r.start());
        assertFalse(r.isEndKnown());
        assertFalse(r.isTotalKnown());
        assertEquals("26-*/*", r.toString());
        assertTrue(ByteRange.parse("1-*/100").isTotalKnown());
        assertEquals(ByteRange.UNKNOWN, ByteRange.parse("1-10/*").total());
    }

    @Test
    void acceptsEmptyMessageRange() {
        assertEquals(new ByteRange(1, 0, 0), ByteRange.parse("1-0/0"));
    }

    @Test
    void chunkRangeFromOffsetAndLength() {
        assertEquals("8-14/14", ByteRange.ofChunk(7, 7, 14).toString());
        assertEquals(9_999_999_999L, ByteRange.parse("9999999990-9999999999/9999999999").end());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1-2", "0-5/5", "*-5/5", "5-3/10", "1-11/10", "a-1/1", "1-2/", "1--2/3",
        "-1-2/3", "1-2/3/4", "1 -2/3", "1-2/-3", "99999999999999999999-1/1"})
    void rejectsMalformedByteRange(String value) {
        assertThrows(IllegalArgumentException.class, () -> ByteRange.parse(value));
    }
}
