package org.sipdrop.server.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sipdrop.server.internal.storage.ByteRange.Kind;

/** RFC 9110 §14.1.2 byte ranges against a 1000-byte file. */
class ByteRangeTest {

    @Test
    void firstAndLastPositionsAreInclusive() {
        assertEquals(new ByteRange(Kind.PARTIAL, 0, 499), ByteRange.parse("bytes=0-499", 1000));
        assertEquals(500, ByteRange.parse("bytes=0-499", 1000).length());
    }

    @Test
    void openEndedRangeRunsToTheLastByte() {
        assertEquals(new ByteRange(Kind.PARTIAL, 900, 999), ByteRange.parse("bytes=900-", 1000));
    }

    @Test
    void lastPositionBeyondTheEndIsClipped() {
        assertEquals(new ByteRange(Kind.PARTIAL, 900, 999), ByteRange.parse("bytes=900-5000", 1000));
    }

    @Test
    void suffixRangeGivesTheLastBytes() {
        assertEquals(new ByteRange(Kind.PARTIAL, 500, 999), ByteRange.parse("bytes=-500", 1000));
        assertEquals(new ByteRange(Kind.PARTIAL, 0, 999), ByteRange.parse("bytes=-5000", 1000));
    }

    @Test
    void rangeStartingAtOrBeyondTheEndIsUnsatisfiable() {
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=1000-", 1000).kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=-0", 1000).kind());
        assertEquals(Kind.UNSATISFIABLE, ByteRange.parse("bytes=0-", 0).kind());
    }

    @Test
    void absentUnknownInvalidOrMultipleRangesAreIgnored() {
        for (String h : new String[] { null, "items=0-1", "bytes=5-1", "bytes=0-1,5-9", "bytes=a-b", "bytes=-", "bytes=1" }) {
            assertEquals(Kind.WHOLE, ByteRange.parse(h, 1000).kind(), String.valueOf(h));
        }
    }
}
